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
import { seedDemoReports, type Upload } from './demo-reports'
import { seedDemoSurveys } from './demo-surveys'
import { seedDemoVolunteer } from './demo-volunteer'
import { seedDemoBoard } from './demo-board'
import { seedDemoAssess } from './demo-assess'

export { buildDemoCity, DEMO_ACCOUNTS, CITY_NAME, CITY_CENTER } from './demo-city'
export type { DemoAccount, DemoCity } from './demo-city'
export { buildDemoReports, demoReportPhotos, REPORT_COLLECTIONS } from './demo-reports'
export type { DemoReports, Upload } from './demo-reports'
export { buildDemoSurveys, DEMO_SURVEY_IDS, SURVEY_COLLECTIONS } from './demo-surveys'
export { buildDemoVolunteer, VOLUNTEER_COLLECTIONS } from './demo-volunteer'

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
 * @param opts `now` — the time the demo data is dated from (a Date or a clock function; default now);
 *             `upload` — stores a demo photo, returning its fileID (default: the SDK's `cloud.uploadFile`)
 */
export async function seedDemoCity(db: Database, opts: { now?: Date | (() => Date | number); upload?: Upload } = {}): Promise<SeedResult> {
  const at = typeof opts.now === 'function' ? opts.now() : (opts.now ?? new Date())
  const now = new Date(at instanceof Date ? at.getTime() : at)
  const city = buildDemoCity(now)
  // Collections are independent, so they go in parallel: one existence query per 100 ids, then the
  // missing documents in waves of parallel inserts.
  const counts = await Promise.all(ORDER.map((name) => insertMissing(db, name, city[name] as { _id: string }[], { concurrency: 10 })))
  const inserted = {} as Record<CollectionName, number>
  const total = {} as Record<CollectionName, number>
  ORDER.forEach((name, i) => {
    inserted[name] = counts[i].length
    total[name] = city[name].length
  })
  // 随手拍 demo reports, placed on the city's grids and dispatched to its units.
  const reports = await seedDemoReports(db, city, { now, upload: opts.upload })
  Object.assign(inserted, reports.inserted)
  Object.assign(total, reports.total)
  // 问卷调查: the civilized-city questionnaire's closed first wave and open second wave, with answers.
  const surveys = await seedDemoSurveys(db, { now })
  Object.assign(inserted, surveys.inserted)
  Object.assign(total, surveys.total)
  // 志愿服务: teams, volunteers with history, the weekly 周五环境整治 series, 爱心超市, 点单.
  const volunteer = await seedDemoVolunteer(db, city, { now })
  Object.assign(inserted, volunteer.inserted)
  Object.assign(total, volunteer.total)
  // 曝光台 and 红黑榜: entries from the demo reports (masked photos), six published issues with notes.
  const board = await seedDemoBoard(db, city, { now, upload: opts.upload })
  Object.assign(inserted, board.inserted)
  Object.assign(total, board.total)
  // 考评: the current 考评 in progress (material to review) and the previous period's published 通报.
  const assess = await seedDemoAssess(db, city, { now, upload: opts.upload })
  Object.assign(inserted, assess.inserted)
  Object.assign(total, assess.total)
  return { inserted, total }
}
