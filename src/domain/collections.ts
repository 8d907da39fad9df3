/**
 * Every cloud-database collection the code uses, by name. `cloudfunctions/indexes.json` declares each
 * one (a test checks), and is what devcloud creates locally and the deploy script lists for production.
 */
export const COLLECTIONS = {
  users: 'users',
  categories: 'categories',
  districts: 'districts',
  streets: 'streets',
  grids: 'grids',
  units: 'units',
  notices: 'notices',
} as const
export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]
