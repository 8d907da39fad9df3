/**
 * Bulk data for the benchmark: a city `reports` reports big, with volunteers, events, sign-ups, survey
 * responses, 曝光台 entries and 红黑榜 issues in proportion. Seeding that many through the actions would
 * take hours, so documents are written straight into the database in batches — in the shapes the cloud
 * functions write: reports through the domain's `createReport` and the report function's own record
 * helpers, survey tallies through the domain's increments, and everything else cloned from the demo
 * city's documents (which the functions wrote or the seed computed) with new ids and spread-out dates.
 */
import type { Database } from 'wx-server-sdk'
import { COLLECTIONS } from '../src/domain/collections'
import { buildDemoCity, DEMO_SURVEY_IDS } from '../scripts/seed'
import { createReport, deadlineFrom, DAY_MS, iso, REPORT_STATUSES, type ReportStatus } from '../src/domain/report'
import { sortKeys, toRecord, type ReportRecord } from '../cloudfunctions/report/records'
import { applyIncrements, countsOf, responseIncrements, type Bucket } from '../src/domain/survey/tally'
import type { SurveyDoc } from '../src/domain/survey/schema'
import type { Answers, Channel } from '../src/domain/survey/constants'

/** How many of each thing a city with `reports` reports has (see the README's Benchmarks section). */
export function proportions(reports: number) {
  return {
    reports,
    /** Reporters: most report a handful of times; one heavy reporter has 1% of everything (paging in 我的随手拍). */
    reporters: Math.max(20, Math.round(reports / 5)),
    volunteers: reports,
    pastEvents: Math.max(20, Math.round(reports / 50)),
    signupsPerPastEvent: 50,
    /** Upcoming events open for sign-up (what the sign-up load spreads over). */
    upcomingEvents: 20,
    surveyResponses: Math.round(reports / 4),
    exposures: Math.max(10, Math.round(reports / 20)),
    issues: Math.max(5, Math.round(reports / 1000)),
  }
}

export const HEAVY_REPORTER = 'o-bulk-heavy'
export const benchVolunteer = (i: number) => `bench-v-${i}`
export const upcomingEventId = (i: number) => `bench-up-${i}`

/** Deterministic pseudo-random numbers, so two runs seed the same city. */
function rng(seed: number) {
  let s = seed
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const UNITS = [
  ['u-cg-gaoxin', '示范市高新区城市管理局'],
  ['u-cg-wenhua', '示范市城市管理综合执法局文华分局'],
  ['u-sz', '示范市市政设施管理中心'],
  ['u-hw', '示范市环境卫生管理中心'],
  ['u-jj', '示范市公安局交通警察支队'],
] as const
const CATEGORIES = ['city-stall', 'city-pile', 'traffic-parking', 'sanitation-exposed', 'facility-manhole', 'yard-corridor']
/** A city a year or two into 随手拍: most reports are done. */
const STATUS_WEIGHTS: Record<ReportStatus, number> = {
  submitted: 6,
  dispatched: 8,
  in_progress: 6,
  rectified: 3,
  closed: 55,
  returned: 2,
  reopened: 1,
  rejected: 10,
  duplicate: 6,
  out_of_scope: 3,
}
/** Documents per insert: each batch re-sorts the collection's indexes once. */
const BATCH = 5000

async function insertAll(db: Database, collection: string, docs: object[]): Promise<number> {
  const coll = db.collection(collection)
  for (let i = 0; i < docs.length; i += BATCH) await coll.add({ data: docs.slice(i, i + BATCH) as unknown as Record<string, unknown> })
  return docs.length
}

function* reportRecords(count: number, reporters: number, now: Date): Generator<ReportRecord> {
  const rand = rng(42)
  const grids = buildDemoCity(now).grids.filter((g) => g.kind === 'grid')
  const statuses = REPORT_STATUSES.flatMap((s) => Array<ReportStatus>(STATUS_WEIGHTS[s]).fill(s))
  const spanMs = 2 * 365 * DAY_MS
  for (let i = 0; i < count; i++) {
    const status = statuses[Math.floor(rand() * statuses.length)]
    const grid = grids[Math.floor(rand() * grids.length)]
    const created = new Date(now.getTime() - Math.floor(rand() * spanMs))
    const statusAt = new Date(Math.min(now.getTime() - 1000, created.getTime() + Math.floor(rand() * 5 * DAY_MS)))
    const id = `bulk${String(i).padStart(7, '0')}`
    const reporterId = i % 100 === 0 ? HEAVY_REPORTER : `o-bulk-${i % reporters}`
    const { doc } = createReport(
      {
        clientId: `bulk-${i}`,
        categoryId: CATEGORIES[i % CATEGORIES.length],
        description: `批量数据第${i}条：${grid.name}附近有占道经营和乱堆放，请处理。`,
        photos: [`cloud://devcloud-local.bucket/reports/bulk/${i}.jpg`],
        location: { lat: grid.center.lat + (rand() - 0.5) * 0.006, lng: grid.center.lng + (rand() - 0.5) * 0.006, address: `${grid.name}附近` },
      },
      { id, reporterId, place: { districtId: grid.districtId, streetId: grid.streetId, gridId: grid._id }, now: created },
    )
    const dispatched = !['submitted', 'rejected', 'duplicate', 'out_of_scope'].includes(status)
    const [unitId, unitName] = UNITS[i % UNITS.length]
    const record: ReportRecord = {
      ...toRecord(doc, null),
      status,
      version: 3,
      statusAt: iso(statusAt),
      updatedAt: iso(statusAt),
      dispatch: dispatched ? { unitId, unitName, dispatchedAt: iso(statusAt), deadline: iso(deadlineFrom(statusAt, 3)), round: 1 } : null,
    }
    yield { ...record, ...sortKeys(record) }
  }
}

async function one<T>(db: Database, collection: string, where: Record<string, unknown>): Promise<T> {
  const res = await db.collection(collection).where(where).limit(1).get()
  if (!res.data.length) throw new Error(`bench seed: no demo document in ${collection} matching ${JSON.stringify(where)}`)
  return res.data[0] as T
}

const without = <T extends { _id?: unknown }>(doc: T): Omit<T, '_id'> => {
  const { _id, ...rest } = doc
  void _id
  return rest
}

/** Seeds the bulk city on top of the demo city (which must be seeded first). Returns documents per collection. */
export async function seedScale(db: Database, reports: number, now: Date): Promise<Record<string, number>> {
  const p = proportions(reports)
  const rand = rng(7)
  const seeded: Record<string, number> = {}
  const at = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString()

  // 随手拍 reports, in batches straight from the generator (100k records never sit in one array).
  let batch: ReportRecord[] = []
  seeded.reports = 0
  for (const r of reportRecords(p.reports, p.reporters, now)) {
    batch.push(r)
    if (batch.length === BATCH) {
      seeded.reports += await insertAll(db, COLLECTIONS.reports, batch)
      batch = []
    }
  }
  seeded.reports += await insertAll(db, COLLECTIONS.reports, batch)

  // Volunteers (approved, a few waiting for review) with their users, cloned from a demo volunteer.
  const demoVolunteer = await one<Record<string, any>>(db, COLLECTIONS.volunteers, { _id: 'demo-vol-liu' })
  const volunteers = []
  const users = []
  for (let i = 0; i < p.volunteers; i++) {
    const openid = benchVolunteer(i)
    const appliedAt = at(Math.floor(rand() * 3 * 365 * DAY_MS))
    const approved = i % 10 !== 9
    volunteers.push({
      ...without(demoVolunteer),
      _id: openid,
      name: `志愿者${i}`,
      mobile: `139${String(i).padStart(8, '0')}`,
      idHash: `bench${String(i).padStart(59, '0')}`,
      status: approved ? 'approved' : 'pending',
      appliedAt,
      reviewedAt: approved ? appliedAt : null,
      slots: [],
      createdAt: appliedAt,
      updatedAt: appliedAt,
    })
    users.push({ _id: openid, nickname: `志愿者${i}`, roles: approved ? ['volunteer'] : [], unit: null, createdAt: appliedAt, updatedAt: appliedAt })
  }
  seeded.volunteers = await insertAll(db, COLLECTIONS.volunteers, volunteers)
  seeded.users = await insertAll(db, COLLECTIONS.users, users)

  // Events: years of finished ones with full rosters, and upcoming ones open for sign-up.
  const finished = await one<Record<string, any>>(db, COLLECTIONS.volunteerEvents, { status: 'finished' })
  const upcoming = await one<Record<string, any>>(db, COLLECTIONS.volunteerEvents, { status: 'published', startAt: db.command.gt(now.toISOString()) })
  const demoSignup = await one<Record<string, any>>(db, COLLECTIONS.volunteerSignups, { eventId: finished._id })
  const durationMs = Date.parse(finished.endAt) - Date.parse(finished.startAt)
  const events = []
  const signups = []
  for (let e = 0; e < p.pastEvents; e++) {
    const id = `bench-past-${e}`
    const start = Date.parse(finished.startAt) - (e + 1) * ((3 * 365 * DAY_MS) / p.pastEvents)
    const startAt = new Date(start).toISOString()
    const endAt = new Date(start + durationMs).toISOString()
    events.push({ ...without(finished), _id: id, startAt, endAt, capacity: p.signupsPerPastEvent, confirmedCount: p.signupsPerPastEvent, waitlist: [], signupSeq: p.signupsPerPastEvent, seriesId: null, createdAt: startAt, updatedAt: endAt })
    for (let s = 0; s < p.signupsPerPastEvent; s++) {
      const openid = benchVolunteer((e * p.signupsPerPastEvent + s) % p.volunteers)
      signups.push({ ...without(demoSignup), _id: `${id}:${openid}`, eventId: id, openid, name: `志愿者${s}`, seq: s + 1, signedUpAt: startAt, eventStartAt: startAt, eventEndAt: endAt, updatedAt: endAt })
    }
  }
  for (let e = 0; e < p.upcomingEvents; e++) {
    events.push({ ...without(upcoming), _id: upcomingEventId(e), title: `${upcoming.title}（第${e + 1}场）`, capacity: 1000, confirmedCount: 0, waitlist: [], signupSeq: 0, seriesId: null, posts: [] })
  }
  seeded.volunteer_events = await insertAll(db, COLLECTIONS.volunteerEvents, events)
  seeded.volunteer_signups = await insertAll(db, COLLECTIONS.volunteerSignups, signups)

  // Survey responses to the open wave, with its tallies kept exactly as the function keeps them.
  seeded.survey_responses = await seedResponses(db, DEMO_SURVEY_IDS.wave2, p.surveyResponses)

  // 曝光台 entries and 红黑榜 issues.
  const exposure = await one<Record<string, any>>(db, COLLECTIONS.exposures, { state: 'published' })
  const exposures = []
  for (let i = 0; i < p.exposures; i++) {
    const publishedAt = at(Math.floor(rand() * 2 * 365 * DAY_MS) + DAY_MS)
    exposures.push({ ...without(exposure), _id: `bench-exp-${i}`, categoryId: CATEGORIES[i % CATEGORIES.length], publishedAt, createdAt: publishedAt, updatedAt: publishedAt, views: i % 500, followers: i % 20 })
  }
  seeded.exposures = await insertAll(db, COLLECTIONS.exposures, exposures)
  const issue = await one<Record<string, any>>(db, COLLECTIONS.boardIssues, { state: 'published' })
  const maxNo = (await db.collection(COLLECTIONS.boardIssues).orderBy('no', 'desc').limit(1).get()).data[0] as { no: number }
  const issues = []
  for (let i = 0; i < p.issues; i++) {
    const no = maxNo.no + i + 1
    const publishedAt = at((p.issues - i) * 3 * DAY_MS)
    issues.push({ ...without(issue), _id: `bench-issue-${i}`, no, year: new Date(publishedAt).getUTCFullYear(), publishedAt, updatedAt: publishedAt })
  }
  seeded.board_issues = await insertAll(db, COLLECTIONS.boardIssues, issues)
  return seeded
}

/** `count` more responses to `surveyId` (cloned answers), numbered after its last, and its tallies to match. */
async function seedResponses(db: Database, surveyId: string, count: number): Promise<number> {
  const survey = (await db.collection(COLLECTIONS.surveys).doc(surveyId).get()).data as SurveyDoc
  const demo = (await db.collection(COLLECTIONS.surveyResponses).where({ surveyId }).limit(100).get()).data as Record<string, any>[]
  const tallyDocs = (await db.collection(COLLECTIONS.surveyTallies).where({ surveyId }).get()).data as Record<string, any>[]
  const tallies = new Map(tallyDocs.map((t) => [t._id as string, t]))
  const allId = `${surveyId}__all`
  const all = tallies.get(allId)
  if (!all) throw new Error(`bench seed: survey ${surveyId} has no __all tally`)
  let no = all.seq as number
  const responses = []
  // The increments each tally gets, summed (applied once per tally, as many `_.inc`s would add up).
  const sums = new Map<string, { districtId: string | null; inc: Record<string, number> }>()
  for (let i = 0; i < count; i++) {
    const src = demo[i % demo.length]
    no += 1
    responses.push({ ...without(src), _id: `${surveyId}_${no}`, no, openid: null, nickname: null, paperNo: null })
    const inc = responseIncrements(survey.questions, src.answers as Answers, src.visible as string[], src.channel as Channel, src.bucket as Bucket)
    for (const [id, districtId] of [[allId, null], [`${surveyId}__${src.districtId}`, src.districtId]] as const) {
      const sum = sums.get(id) ?? { districtId, inc: {} as Record<string, number> }
      for (const [path, by] of Object.entries(inc)) sum.inc[path] = (sum.inc[path] ?? 0) + by
      sums.set(id, sum)
    }
  }
  await insertAll(db, COLLECTIONS.surveyResponses, responses)
  for (const [id, { districtId, inc }] of sums) {
    const t = tallies.get(id) ?? { _id: id, surveyId, districtId }
    const data: Record<string, unknown> = { ...without(t), ...applyIncrements(countsOf(t), inc) }
    if (id === allId) data.seq = no
    await db.collection(COLLECTIONS.surveyTallies).doc(id).set({ data })
  }
  return responses.length
}
