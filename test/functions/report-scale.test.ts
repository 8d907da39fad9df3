/**
 * 随手拍 at the size of a city: a few thousand reports. Lists page by index with an opaque keyset cursor —
 * a page costs about its own size in documents read, however deep — pages stay stable while reports
 * arrive, and every action keeps to a small, fixed number of database round trips (devcloud counts
 * them per invocation).
 */
import { COLLECTIONS } from '../../src/domain/collections'
import { buildDemoCity } from '../../scripts/seed'
import { sortKeys, toEventRecord, toRecord, type EventRecord, type ReportRecord } from '../../cloudfunctions/report/records'
import {
  createReport,
  deadlineFrom,
  DAY_MS,
  iso,
  REPORT_STATUSES,
  reportStats,
  STAFF_INBOX_STATUSES,
  WITH_UNIT_STATUSES,
  type EventType,
  type RatingScore,
  type ReportStatus,
  type TimelineEvent,
} from '../../src/domain/report'
import { countDocs, startCloud, type TestCloud } from '../support/runtime'
import { makeUnitHandler, newClientId, submitPayload, submitReport, uploadAfterPhoto } from '../support/report'

const N = 3000
const NOW = new Date('2025-06-10T02:00:00.000Z')
const UNITS = [
  ['u-cg-gaoxin', '示范市高新区城市管理局'],
  ['u-cg-wenhua', '示范市城市管理综合执法局文华分局'],
  ['u-sz', '示范市市政设施管理中心'],
  ['u-hw', '示范市环境卫生管理中心'],
  ['u-jj', '示范市公安局交通警察支队'],
] as const
const CATEGORIES = ['city-stall', 'city-pile', 'traffic-parking', 'sanitation-exposed', 'facility-manhole', 'yard-corridor']
/** How often each status occurs (a city a few months into 随手拍: most reports done). */
const WEIGHTS: Record<ReportStatus, number> = {
  submitted: 10,
  dispatched: 15,
  in_progress: 10,
  rectified: 5,
  closed: 38,
  returned: 3,
  reopened: 2,
  rejected: 9,
  duplicate: 5,
  out_of_scope: 3,
}

/** Deterministic pseudo-random numbers. */
function rng(seed: number) {
  let s = seed
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const MINUTE_MS = 60_000

/**
 * The timeline that brought a bulk report to its status (what the stats rollup counts), and the fields of the
 * record it implies: a 整改 after the 时限 marks the report as having missed it (`everOverdue`), as the
 * overdue timer would have. A report waiting for 核验 or handed back was rectified or returned in time, and a
 * reopened one had been late: an on-time 销号 that is later reopened is where the counters and a count over
 * reports part (src/domain/stats/report-stats.ts), and a city's figures are compared here where they agree.
 */
function timelineOf(record: ReportRecord, unit: { id: string; name: string }, rand: () => number): { record: ReportRecord; events: EventRecord[] } {
  const events: TimelineEvent[] = []
  const t0 = Date.parse(record.createdAt)
  const tS = Date.parse(record.statusAt)
  const at = (f: number) => iso(new Date(t0 + Math.floor((tS - t0) * f)))
  const push = (type: EventType, from: ReportStatus | null, to: ReportStatus, time: string, extra: Partial<TimelineEvent> = {}) =>
    events.push({ at: time, type, actor: { role: type === 'submit' || type === 'rate' ? 'resident' : type === 'acknowledge' || type === 'rectify' || type === 'returnToStaff' ? 'unit' : 'staff' }, from, to, ...extra })
  push('submit', null, 'submitted', record.createdAt)
  let out: ReportRecord = record
  const status = record.status
  if (status === 'rejected') push('reject', 'submitted', 'rejected', record.statusAt)
  if (status === 'duplicate') push('merge', 'submitted', 'duplicate', record.statusAt)
  if (status === 'out_of_scope') push('outOfScope', 'submitted', 'out_of_scope', record.statusAt)
  if (!['submitted', 'rejected', 'duplicate', 'out_of_scope'].includes(status) && record.dispatch) {
    const dispatchedAt = at(0.25)
    const rectifyAt = at(0.6)
    let deadline = record.dispatch.deadline
    if (status === 'rectified' || status === 'returned') deadline = iso(deadlineFrom(new Date(rectifyAt), 3))
    if (status === 'reopened') deadline = iso(deadlineFrom(new Date(Date.parse(rectifyAt) - 3 * DAY_MS), 1))
    push('acceptDispatch', 'submitted', 'dispatched', dispatchedAt, { unit, deadline })
    if (status === 'in_progress') push('acknowledge', 'dispatched', 'in_progress', record.statusAt)
    if (status === 'returned') push('returnToStaff', 'dispatched', 'returned', record.statusAt)
    if (status === 'rectified') push('rectify', 'dispatched', 'rectified', record.statusAt)
    let rating: ReportRecord['rating'] = null
    if (status === 'closed' || status === 'reopened') {
      push('rectify', 'dispatched', 'rectified', rectifyAt)
      push('verifyClose', 'rectified', 'closed', at(0.8))
      const score: RatingScore | null = status === 'reopened' ? 'unsatisfied' : rand() < 0.5 ? null : rand() < 0.6 ? 'satisfied' : 'basically_satisfied'
      if (score) {
        push('rate', 'closed', status, record.statusAt, { score })
        rating = { score, comment: '', at: record.statusAt }
      }
    }
    out = {
      ...record,
      dispatch: { ...record.dispatch, dispatchedAt, deadline },
      rating,
      flags: { ...record.flags, everOverdue: (status === 'closed' || status === 'reopened') && rectifyAt > deadline },
    }
  }
  return { record: { ...out, version: events.length }, events: events.map((e, v) => toEventRecord(record._id, v + 1, e)) }
}

function bulkReports(count: number): { reports: ReportRecord[]; events: EventRecord[] } {
  const rand = rng(42)
  const grids = buildDemoCity(NOW).grids.filter((g) => g.kind === 'grid')
  const statuses = REPORT_STATUSES.flatMap((s) => Array<ReportStatus>(WEIGHTS[s]).fill(s))
  const out: ReportRecord[] = []
  const events: EventRecord[] = []
  for (let i = 0; i < count; i++) {
    const status = statuses[Math.floor(rand() * statuses.length)]
    const grid = grids[Math.floor(rand() * grids.length)]
    // Every event at least a few minutes old: the rollup leaves the last minute for the next run.
    const created = new Date(NOW.getTime() - 10 * MINUTE_MS - Math.floor(rand() * 60 * DAY_MS))
    const statusAt = new Date(Math.min(NOW.getTime() - 5 * MINUTE_MS, created.getTime() + Math.floor(rand() * 5 * DAY_MS)))
    const { doc } = createReport(
      {
        clientId: `bulk-${String(i).padStart(6, '0')}`,
        categoryId: CATEGORIES[i % CATEGORIES.length],
        description: `批量数据第${i}条：路边有需要处理的问题。`,
        photos: [`cloud://env.bucket/reports/bulk/${i}.jpg`],
        location: { lat: grid.center.lat + (rand() - 0.5) * 0.006, lng: grid.center.lng + (rand() - 0.5) * 0.006, address: `${grid.name}附近` },
      },
      { id: `bulk${String(i).padStart(6, '0')}`, reporterId: `o-bulk-${i % 300}`, place: { districtId: grid.districtId, streetId: grid.streetId, gridId: grid._id }, now: created },
    )
    const dispatched = !['submitted', 'rejected', 'duplicate', 'out_of_scope'].includes(status) || (status === 'duplicate' && rand() < 0.2)
    const [unitId, unitName] = UNITS[i % UNITS.length]
    const made = timelineOf(
      {
        ...toRecord(doc, null),
        status,
        version: 3,
        statusAt: iso(statusAt),
        updatedAt: iso(statusAt),
        dispatch: dispatched
          ? { unitId, unitName, dispatchedAt: iso(statusAt), deadline: iso(deadlineFrom(new Date(NOW.getTime() - Math.floor(rand() * 12 * DAY_MS)), 3)), round: 1 }
          : null,
      },
      { id: unitId, name: unitName },
      rand,
    )
    out.push({ ...made.record, ...sortKeys(made.record) })
    events.push(...made.events)
  }
  return { reports: out, events }
}

let cloud: TestCloud
let bulk: ReportRecord[]

beforeAll(async () => {
  cloud = await startCloud({ now: NOW })
  const made = bulkReports(N)
  bulk = made.reports
  const coll = cloud.db.collection(COLLECTIONS.reports)
  for (let i = 0; i < bulk.length; i += 500) await coll.add({ data: bulk.slice(i, i + 500) as unknown as Record<string, unknown> })
  const events = cloud.db.collection(COLLECTIONS.reportEvents)
  for (let i = 0; i < made.events.length; i += 500) await events.add({ data: made.events.slice(i, i + 500) as unknown as Record<string, unknown> })
  await makeUnitHandler(cloud, 'o-scale-unit', 'u-cg-gaoxin')
}, 60_000)
afterAll(async () => {
  await cloud?.close()
})

async function measured(openid: string, action: string, payload: unknown = {}) {
  const { result, stats } = await cloud.rt.invokeWithStats('report', { action, payload }, { openid })
  const res = result as { ok: boolean; data: any; code?: string }
  if (!res.ok) throw new Error(`${action} failed: ${JSON.stringify(res)}`)
  return { data: res.data, stats }
}

/** Documents read by queries on `reports` (what a list must keep near its page size). */
const reportsExamined = (stats: { ops: { collection: string; examined?: number }[] }) =>
  stats.ops.filter((o) => o.collection === COLLECTIONS.reports).reduce((n, o) => n + (o.examined ?? 0), 0)

describe(`lists over ${N} reports`, () => {
  it('staff queue: a page reads about its size, whatever the depth, with or without filters', async () => {
    const first = await measured('demo-staff', 'staffQueue', { limit: 20 })
    expect(first.data.items).toHaveLength(20)
    // One query per inbox status (≤ limit + 1 documents each), plus the reporters' records and the caller.
    expect(reportsExamined(first.stats)).toBeLessThanOrEqual(STAFF_INBOX_STATUSES.length * 21)
    expect(first.stats.dbRoundTrips).toBe(1 + STAFF_INBOX_STATUSES.length + 1)
    expect(first.stats.ops.filter((o) => o.collection === COLLECTIONS.reports).every((o) => o.plan?.startsWith('IXSCAN'))).toBe(true)

    // Ten pages deep, the same cost.
    let cursor = first.data.nextCursor
    for (let i = 0; i < 9; i++) cursor = (await measured('demo-staff', 'staffQueue', { limit: 20, cursor })).data.nextCursor
    const deep = await measured('demo-staff', 'staffQueue', { limit: 20, cursor })
    expect(reportsExamined(deep.stats)).toBeLessThanOrEqual(STAFF_INBOX_STATUSES.length * 21)

    const filtered = await measured('demo-staff', 'staffQueue', { limit: 20, districtId: 'd-binhe', status: 'submitted' })
    expect(filtered.data.items.every((r: { location: { districtId: string }; status: string }) => r.location.districtId === 'd-binhe' && r.status === 'submitted')).toBe(true)
    expect(reportsExamined(filtered.stats)).toBeLessThanOrEqual(21)
    const byGrid = await measured('demo-staff', 'staffQueue', { limit: 10, gridId: 'g-kexue-1' })
    expect(reportsExamined(byGrid.stats)).toBeLessThanOrEqual(STAFF_INBOX_STATUSES.length * 11)
  })

  it('staff queue: walking every page gives each waiting report once, in order, while new ones arrive', async () => {
    const expected = bulk.filter((r) => (STAFF_INBOX_STATUSES as readonly string[]).includes(r.status))
    const seen: { id: string; statusAt: string }[] = []
    let cursor: string | null | undefined
    let pages = 0
    do {
      const { data } = await measured('demo-staff', 'staffQueue', { limit: 50, ...(cursor ? { cursor } : {}) })
      seen.push(...data.items.map((r: { id: string; statusAt: string }) => ({ id: r.id, statusAt: r.statusAt })))
      cursor = data.nextCursor
      if (++pages === 3) {
        // Reports arriving mid-walk (now, so at the end of the oldest-first queue) neither shift nor repeat pages.
        for (let i = 0; i < 5; i++) await submitReport(cloud, `o-scale-late-${i}`)
      }
    } while (cursor)
    const ids = seen.map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const r of expected) expect(ids).toContain(r._id)
    const keys = seen.map((s) => `${s.statusAt}|${s.id}`)
    expect([...keys].sort()).toEqual(keys)
    // The late arrivals were seen once each, at the end.
    const late = ids.filter((id) => !id.startsWith('bulk') && !id.startsWith('r-demo'))
    expect(late).toHaveLength(5)
    expect(ids.slice(-5).sort()).toEqual([...late].sort())
  })

  it('refuses a cursor that is not one of ours, or belongs to another list', async () => {
    const page = await measured('demo-staff', 'staffQueue', { limit: 5 })
    expect((await cloud.as('demo-staff').fail('report', 'staffQueue', { cursor: 'bm90LWEtY3Vyc29y' })).code).toBe('INVALID_INPUT')
    expect((await cloud.as('demo-staff').fail('report', 'overdueBoard', { cursor: page.data.nextCursor })).code).toBe('INVALID_INPUT')
  })

  it('unit tasks, overdue board, my list and nearby stay near their page size too', async () => {
    const tasks = await measured('o-scale-unit', 'unitTasks', { limit: 20 })
    expect(tasks.data.items.every((t: { dispatch: { unitId: string } }) => t.dispatch.unitId === 'u-cg-gaoxin')).toBe(true)
    const deadlines = tasks.data.items.map((t: { dispatch: { deadline: string } }) => t.dispatch.deadline)
    expect([...deadlines].sort()).toEqual(deadlines)
    expect(reportsExamined(tasks.stats)).toBeLessThanOrEqual(WITH_UNIT_STATUSES.length * 21)
    expect(tasks.stats.dbRoundTrips).toBe(1 + WITH_UNIT_STATUSES.length)
    const tasks2 = await measured('o-scale-unit', 'unitTasks', { limit: 20, cursor: tasks.data.nextCursor })
    expect(reportsExamined(tasks2.stats)).toBeLessThanOrEqual(WITH_UNIT_STATUSES.length * 21)
    expect(tasks2.data.items[0].dispatch.deadline >= deadlines.at(-1)).toBe(true)

    // The board's first page also sums up every overdue task per unit (one aggregate over the overdue ones);
    // later pages read only their page.
    const board = await measured('demo-staff', 'overdueBoard', { limit: 20 })
    const _ = cloud.db.command
    const overdueCount = await countDocs(cloud.db, COLLECTIONS.reports, { status: _.in([...WITH_UNIT_STATUSES]), 'dispatch.deadline': _.lt(new Date(cloud.rt.clock.now()).toISOString()) })
    expect(overdueCount).toBeGreaterThan(100)
    expect(board.data.byUnit.reduce((n: number, u: { overdue: number }) => n + u.overdue, 0)).toBe(overdueCount)
    const board2 = await measured('demo-staff', 'overdueBoard', { limit: 20, cursor: board.data.nextCursor })
    expect(board2.data.byUnit).toEqual([])
    expect(reportsExamined(board2.stats)).toBeLessThanOrEqual(WITH_UNIT_STATUSES.length * 21)

    const mine = await measured('o-bulk-7', 'myList', { limit: 5 })
    expect(mine.data.items).toHaveLength(5)
    expect(reportsExamined(mine.stats)).toBeLessThanOrEqual(6)
    const mineOpen = await measured('o-bulk-7', 'myList', { scope: 'open', limit: 5 })
    expect(reportsExamined(mineOpen.stats)).toBeLessThanOrEqual(10) // this reporter's open reports

    const near = await measured('o-scale-nearby', 'nearbyOpen', { lat: bulk[0].location.lat, lng: bulk[0].location.lng, categoryId: bulk[0].categoryId })
    expect(reportsExamined(near.stats)).toBeLessThan(60)
  })

  it('reads the city figures from the stats counters: what the domain rules compute over every report, at a cost that does not grow with them', async () => {
    // Once the rollup has counted every event (it leaves the last minute for its next run)…
    cloud.rt.clock.advance(2 * MINUTE_MS)
    await cloud.rt.runTrigger('stats', 'rollup')
    const res = await measured('demo-admin', 'stats', {})
    const all: ReportRecord[] = []
    for (let skip = 0; ; skip += 1000) {
      const page = await cloud.db.collection(COLLECTIONS.reports).orderBy('_id', 'asc').skip(skip).limit(1000).get()
      all.push(...(page.data as ReportRecord[]))
      if (page.data.length < 1000) break
    }
    expect(all.length).toBeGreaterThanOrEqual(N)
    // …the figures are those of the domain rules over every report: statuses, 超期, 按时整改率, 办结率, 满意率.
    expect(res.data).toEqual(reportStats(all, new Date(cloud.rt.clock.now())))
    expect(res.data.onTime.denominator).toBeGreaterThan(N / 4)
    expect(res.data.satisfaction.denominator).toBeGreaterThan(100)
    // Not one report is read: the checkpoint, the events after it (none) and one small document per day.
    expect(reportsExamined(res.stats)).toBe(0)
    const examined = res.stats.ops.reduce((n, o) => n + (o.examined ?? 0), 0)
    expect(examined).toBeLessThan(100) // 3,000 reports over 60 days: the caller, the checkpoint, ≤ 62 days
    expect(res.stats.dbRoundTrips).toBe(4) // caller; checkpoint; events after it; the day counters

    // A filtered call still groups the matching reports in one aggregate.
    const since = '2025-05-01T00:00:00.000Z'
    const unitOnly = await measured('demo-staff', 'stats', { unitId: 'u-sz', since })
    expect(unitOnly.data.total).toBe(await countDocs(cloud.db, COLLECTIONS.reports, { 'dispatch.unitId': 'u-sz', createdAt: cloud.db.command.gte(since) }))
    expect(unitOnly.data.total).toBeGreaterThan(50)
  })
})

/** Round-trip budgets per action (the numbers measured, as ceilings). */
describe('round trips per action', () => {
  it('keeps every action to a small fixed number of database round trips', async () => {
    const trips: Record<string, number> = {}
    const limiterTrips: number[] = []
    const auditTrips: number[] = []
    const run = async (openid: string, action: string, payload: unknown) => {
      const { data, stats } = await measured(openid, action, payload)
      // The kernel's rate-limit counter (writes only) is measured apart from the action's own work.
      const limiter = stats.ops.filter((op) => op.collection === COLLECTIONS.rateLimits).length
      limiterTrips.push(limiter)
      // So is the 操作日志 entry the kernel writes after a staff or unit change.
      const audit = stats.ops.filter((op) => op.collection === COLLECTIONS.auditLog).length
      auditTrips.push(audit)
      trips[action] = stats.dbRoundTrips - limiter - audit
      return data
    }
    const reporter = 'o-trips-reporter'
    const payload = await submitPayload(cloud, reporter)
    const { report } = await run(reporter, 'submit', payload)
    const firstSubmit = trips.submit
    await run(reporter, 'submit', payload)
    trips.submitRetry = trips.submit
    trips.submit = firstSubmit
    const id = report.id
    await run(reporter, 'detail', { id })
    await run(reporter, 'myList', {})
    await run('o-trips-other', 'nearbyOpen', { lat: payload.location.lat, lng: payload.location.lng, categoryId: payload.categoryId })
    await run('o-trips-other', 'cosign', { id })
    await run('demo-staff', 'staffQueue', {})
    await run('demo-staff', 'staffDetail', { id })
    await run('demo-staff', 'replyTemplates', { id, kind: 'acceptDispatch' })
    await run('demo-staff', 'acceptDispatch', { id, unitId: 'u-cg-gaoxin' })
    await run('o-scale-unit', 'unitTasks', {})
    await run('o-scale-unit', 'unitDetail', { id })
    await run('o-scale-unit', 'acknowledge', { id })
    await run('o-scale-unit', 'rectify', { id, photos: [await uploadAfterPhoto(cloud, 'o-scale-unit', id)], note: '已清理完毕。' })
    await run('demo-staff', 'sendBack', { id, reason: '仍有油污未清理' })
    await run('o-scale-unit', 'returnToStaff', { id, reason: '该路段不属于本单位' })
    await run('demo-staff', 'redispatch', { id, unitId: 'u-cg-gaoxin', deadlineDays: 1 })
    await run('o-scale-unit', 'rectify', { id, photos: [await uploadAfterPhoto(cloud, 'o-scale-unit', id)], note: '已全部清理。' })
    await run('demo-staff', 'verifyClose', { id })
    await run(reporter, 'rate', { id, score: 'satisfied' })
    await run('demo-staff', 'overdueBoard', {})
    await run('demo-staff', 'stats', {})
    const other = (await submitReport(cloud, 'o-trips-2', { clientId: newClientId() })).report.id
    await run('demo-staff', 'reject', { id: other, reason: 'unclear', text: '照片无法辨认问题' })
    const third = (await submitReport(cloud, 'o-trips-3')).report.id
    await run('demo-staff', 'merge', { id: third, originalId: bulk.find((r) => r.status === 'submitted')!._id })
    const fourth = (await submitReport(cloud, 'o-trips-4')).report.id
    await run('demo-staff', 'outOfScope', { id: fourth, note: '属于铁路部门管理' })

    // Measured; each includes the kernel's load of the caller (1). Parallel queries count one each.
    const BUDGET: Record<string, number> = {
      submit: 8, // caller; retry lookup ‖ today's count ‖ category ‖ grids; insert; event ‖ media-check record (per photo)
      submitRetry: 5, // answered after the first wave
      detail: 3, // caller; report ‖ timeline
      myList: 2,
      nearbyOpen: 2,
      cosign: 4, // caller; report; follower record; count
      staffQueue: 6, // caller; one query per inbox status (4, parallel); reporters' records
      staffDetail: 11, // caller; report; timeline ‖ reporter ‖ record ‖ nearby ‖ category ‖ grids ‖ street; units ‖ 包保单位
      replyTemplates: 7,
      acceptDispatch: 10, // caller; unit ‖ report; category; CAS; event; record (+1 on a reporter's first) ‖ followers ‖ unit handlers
      reject: 7,
      merge: 8,
      outOfScope: 5,
      verifyClose: 5,
      sendBack: 7,
      redispatch: 7,
      unitTasks: 3, // caller; one query per status (2, parallel)
      unitDetail: 3,
      acknowledge: 5,
      rectify: 6,
      returnToStaff: 5,
      rate: 4,
      overdueBoard: 5, // caller; 2 status queries ‖ per-unit aggregate (first page); reporters' records
      stats: 4, // caller; stats checkpoint; events after it (a batch to count adds its reads and transaction); day counters
    }
    for (const [action, n] of Object.entries(trips)) expect([action, n]).toEqual([action, Math.min(n, BUDGET[action] ?? 0)])
    expect(Object.keys(trips).sort()).toEqual(Object.keys(BUDGET).sort())
    // One trip per counted write; two on a caller's first write of a minute, three on their first ever.
    expect(Math.max(...limiterTrips)).toBeLessThanOrEqual(3)
    // One log entry per staff or unit change, none for reads or resident actions.
    expect(Math.max(...auditTrips)).toBe(1)
  })
})
