/**
 * Seeds the demo city into a database (devcloud locally, or a test environment in WeChat's cloud).
 *
 *   import { seedDemoCity, DEMO_ACCOUNTS } from './scripts/seed'
 *   await seedDemoCity(rt.database(), { now: new Date() })
 *
 * Idempotent: documents are keyed by fixed `_id`s and only missing ones are inserted, so a second run
 * changes nothing (and edits made since — a renamed grid, a granted role — are kept).
 */
import type { Database } from 'wx-server-sdk'
import { COLLECTIONS, type CollectionName } from '../../src/domain/collections'
import { insertMissing } from '../../cloudfunctions/kernel/db'
import { buildDemoCity, type DemoCity } from './demo-city'

export { buildDemoCity, DEMO_ACCOUNTS, CITY_NAME, CITY_CENTER } from './demo-city'
export type { DemoAccount, DemoCity } from './demo-city'

export interface SeedResult {
  /** Documents inserted by this run, per collection (all zero on a second run). */
  inserted: Record<CollectionName, number>
  /** Documents in the demo set, per collection. */
  total: Record<CollectionName, number>
}

const ORDER: (keyof DemoCity & CollectionName)[] = [
  COLLECTIONS.categories,
  COLLECTIONS.districts,
  COLLECTIONS.streets,
  COLLECTIONS.units,
  COLLECTIONS.grids,
  COLLECTIONS.users,
  COLLECTIONS.notices,
]

/**
 * @param db   a wx-server-sdk Database (devcloud's `rt.database()` or `cloud.database()`)
 * @param opts `now` — the time the demo data is dated from (a Date or a clock function; default now)
 */
export async function seedDemoCity(db: Database, opts: { now?: Date | (() => Date | number) } = {}): Promise<SeedResult> {
  const at = typeof opts.now === 'function' ? opts.now() : (opts.now ?? new Date())
  const city = buildDemoCity(new Date(at instanceof Date ? at.getTime() : at))
  // Collections are independent, so they go in parallel: one existence query per 100 ids, then the
  // missing documents in waves of parallel inserts.
  const counts = await Promise.all(ORDER.map((name) => insertMissing(db, name, city[name] as { _id: string }[], { concurrency: 10 })))
  const inserted = {} as Record<CollectionName, number>
  const total = {} as Record<CollectionName, number>
  ORDER.forEach((name, i) => {
    inserted[name] = counts[i].length
    total[name] = city[name].length
  })
  return { inserted, total }
}
