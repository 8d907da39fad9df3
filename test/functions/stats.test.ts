/**
 * 数据看板 through devcloud: figures after a scripted set of 随手拍 transitions, compared with what the test
 * did (deltas over the seeded city) and with the report function's own overdue board; idempotent rollup;
 * the cost of a read; the unit ranking 通报 (numbered, once per period, public).
 */
import { COLLECTIONS } from '../../src/domain/collections'
import { dayString } from '../../src/domain/board/period'
import { chinaDayNumber } from '../../src/domain/report/time'
import { unitMetrics } from '../../cloudfunctions/stats/metrics'
import { countDocs, startCloud, type TestCloud } from '../support/runtime'
import { makeUnitHandler, submitReport, uploadAfterPhoto } from '../support/report'

const T0 = new Date('2026-03-02T02:00:00.000Z') // Monday 10:00 Beijing time
const H = 3_600_000
const UNIT_ID = 'u-cg-gaoxin'
const UNIT = 'o-stats-unit'
const STAFF = 'demo-staff'
const day0 = chinaDayNumber(T0)
const PERIOD = { from: dayString(day0 - 30), to: dayString(day0 + 5) }

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud({ now: new Date(T0.getTime() - 10 * 60_000) })
  await makeUnitHandler(cloud, UNIT, UNIT_ID)
})
afterAll(async () => {
  await cloud?.close()
})

const staff = () => cloud.as(STAFF)
const unit = () => cloud.as(UNIT)
const overview = (p: Record<string, unknown> = {}) => staff().ok('stats', 'overview', { ...PERIOD, ...p })
const unitRow = (o: Awaited<ReturnType<typeof overview>>) => o.units.find((u) => u.unitId === UNIT_ID)!

async function dispatchedReport(reporter: string) {
  const { report } = await submitReport(cloud, reporter)
  await staff().ok('report', 'acceptDispatch', { id: report.id, unitId: UNIT_ID, deadlineDays: 2 })
  return report.id as string
}
async function rectify(id: string) {
  await unit().ok('report', 'rectify', { id, photos: [await uploadAfterPhoto(cloud, UNIT, id)], note: '已清理完毕，恢复通行。' })
}

describe('stats.overview after scripted transitions', () => {
  let before: Awaited<ReturnType<typeof overview>>
  let after: Awaited<ReturnType<typeof overview>>
  let ids: string[]

  beforeAll(async () => {
    cloud.rt.clock.set(T0)
    before = await overview()
    expect(before.pending).toBe(false)
    // r1: on time (rectified 5 h after dispatch, 销号 1 h later); r2: 督办 then rectified 3 days late; r3: left overdue.
    ids = [await dispatchedReport('demo-resident'), await dispatchedReport('demo-resident-2'), await dispatchedReport('demo-resident-3')]
    cloud.rt.clock.advance(5 * H)
    await rectify(ids[0])
    cloud.rt.clock.advance(1 * H)
    await staff().ok('report', 'verifyClose', { id: ids[0], note: '核验到位' })
    cloud.rt.clock.set(new Date(T0.getTime() + 3 * 24 * H))
    await staff().ok('report', 'escalate', { id: ids[1] })
    await rectify(ids[1])
    cloud.rt.clock.advance(2 * H)
    await staff().ok('report', 'verifyClose', { id: ids[1], note: '核验到位' })
    cloud.rt.clock.advance(61_000)
    after = await overview()
  })

  it('counts the period flows the test caused', () => {
    expect(after.pending).toBe(false)
    expect(after.totals.submitted - before.totals.submitted).toBe(3)
    expect(after.totals.accepted - before.totals.accepted).toBe(3)
    expect(after.totals.closed - before.totals.closed).toBe(2)
    expect(after.totals.escalated - before.totals.escalated).toBe(1)
  })

  it('puts them in the right day buckets and the right district and category', () => {
    const bar = (o: typeof after, key: string) => o.series.find((s) => s.key === key)!
    expect(bar(after, dayString(day0)).submitted - bar(before, dayString(day0)).submitted).toBe(3)
    expect(bar(after, dayString(day0 + 3)).closed - (bar(before, dayString(day0 + 3))?.closed ?? 0)).toBe(1)
    const cat = (o: typeof after) => o.categories.find((c) => c.id === 'city-stall')?.submitted ?? 0
    expect(cat(after) - cat(before)).toBe(3)
    const sum = (o: typeof after) => o.districts.reduce((n, d) => n + d.submitted, 0)
    expect(sum(after)).toBe(after.totals.submitted)
  })

  it('gives the unit the on-time count, handling time and 督办 by hand computation', () => {
    const a = unitRow(after).counts
    const b = unitRow(before).counts
    expect(a.closed - b.closed).toBe(2)
    expect(a.closedOnTime - b.closedOnTime).toBe(1) // r2 missed its deadline
    expect(a.rectified - b.rectified).toBe(2)
    expect(a.rectifiedLate - b.rectifiedLate).toBe(1)
    // The clock keeps running between setting it and the call, by a few milliseconds.
    expect(Math.abs(a.handlingMs - b.handlingMs - (5 * H + 72 * H))).toBeLessThan(1000)
    expect(a.escalations - b.escalations).toBe(1)
    expect(unitRow(after).onTimeRate.rate).toBeCloseTo(a.closedOnTime / a.closed)
  })

  it('agrees with the report function’s overdue board on 超期未整改 for every unit', async () => {
    const board = await staff().ok('report', 'overdueBoard', {})
    for (const u of board.byUnit) expect({ unit: u.unitId, overdue: after.units.find((r) => r.unitId === u.unitId)?.overdue }).toEqual({ unit: u.unitId, overdue: u.overdue })
    expect(board.byUnit.find((u) => u.unitId === UNIT_ID)!.overdue).toBeGreaterThanOrEqual(1) // r3
  })

  it('reports the status counts of every report now', async () => {
    const total = await countDocs(cloud.db, COLLECTIONS.reports)
    expect(after.statusNow.reduce((n, s) => n + s.count, 0)).toBe(total)
    const closedNow = await countDocs(cloud.db, COLLECTIONS.reports, { status: 'closed' })
    expect(after.statusNow.find((s) => s.status === 'closed')!.count).toBe(closedNow)
  })

  it('counts nothing twice: concurrent reads and timer runs leave the figures unchanged', async () => {
    await Promise.all([overview(), overview(), cloud.rt.runTrigger('stats', 'rollup'), cloud.rt.runTrigger('stats', 'rollup')])
    const again = await overview()
    expect(again.totals).toEqual(after.totals)
    expect(unitRow(again).counts).toEqual(unitRow(after).counts)
  })

  it('reads a handful of small documents, not the reports', async () => {
    const { result, stats } = await cloud.rt.invokeWithStats('stats', { action: 'overview', payload: PERIOD }, { openid: STAFF })
    expect((result as { ok: boolean }).ok).toBe(true)
    const reportsRead = stats.ops.filter((o) => o.collection === COLLECTIONS.reports)
    console.log(`stats.overview (caught up): ${stats.dbRoundTrips} round trips, ${stats.docsExamined} docs examined`)
    expect(reportsRead).toEqual([])
    expect(stats.dbRoundTrips).toBeLessThanOrEqual(8)
    // One document per day of the period plus the reference lists (districts, categories, units) and the checkpoint.
    const days = 36
    const reference = (await Promise.all([COLLECTIONS.districts, COLLECTIONS.categories, COLLECTIONS.units].map((c) => countDocs(cloud.db, c)))).reduce((a, b) => a + b)
    expect(stats.docsExamined).toBeLessThanOrEqual(days + reference + 1)
  })

  it('exposes the same unit figures to other functions (unitMetrics, for 考评)', async () => {
    const m = await unitMetrics({ db: cloud.db, _: cloud.db.command, now: () => new Date(cloud.rt.clock.now()) }, { ...PERIOD, unitIds: [UNIT_ID] })
    const row = unitRow(after)
    expect(m.get(UNIT_ID)).toMatchObject({ onTimeRate: row.onTimeRate, overdue: row.overdue, escalations: row.escalations, avgHandlingHours: row.avgHandlingHours })
  })

  it('buckets by week and month with the same totals', async () => {
    for (const bucket of ['week', 'month'] as const) {
      const o = await overview({ bucket })
      expect(o.series.reduce((n, s) => n + s.submitted, 0)).toBe(after.totals.submitted)
    }
  })

  it("shows a unit's handlers their own row and trend, the same as the dashboard's, and nothing of other units", async () => {
    const mine = await unit().ok('stats', 'myUnit', PERIOD)
    const row = unitRow(after)
    expect(mine.unit).toEqual(row)
    expect(mine.ranked).toBe(after.units.filter((u) => u.rank !== null).length)
    const series: Record<'dispatched' | 'rectified' | 'closed' | 'escalations', number>[] = mine.series
    const total = (k: 'closed' | 'rectified' | 'escalations') => series.reduce((n, s) => n + s[k], 0)
    expect([total('closed'), total('rectified'), total('escalations')]).toEqual([row.counts.closed, row.counts.rectified, row.counts.escalations])
    expect(series.reduce((n, s) => n + s.dispatched, 0)).toBe(row.counts.dispatched + row.counts.sentBack)
    const others = after.units.filter((u) => u.unitId !== UNIT_ID).map((u) => u.unitId)
    for (const id of others) expect(JSON.stringify(mine)).not.toContain(id)
    expect((await staff().fail('stats', 'myUnit', PERIOD)).code).toBe('FORBIDDEN')
    expect((await cloud.as('demo-resident').fail('stats', 'myUnit', PERIOD)).code).toBe('FORBIDDEN')
  })

  it('is for staff only, with clear input errors', async () => {
    expect((await cloud.as('demo-resident').fail('stats', 'overview', PERIOD)).code).toBe('FORBIDDEN')
    expect((await cloud.as(UNIT).fail('stats', 'overview', PERIOD)).code).toBe('FORBIDDEN')
    const bad = await staff().fail('stats', 'overview', { from: PERIOD.to, to: PERIOD.from })
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('起始日不能晚于截止日') })
  })
})

describe('unit ranking 通报', () => {
  const period = { from: dayString(day0 - 30), to: dayString(day0 + 2) }

  it('publishes numbered, frozen 通报 once per period, readable by everyone', async () => {
    const live = await overview(period)
    const first = await staff().ok('stats', 'publishRanking', { ...period, title: '3月第一期责任单位整改排名' })
    expect(first.no).toBe(1)
    expect(first.rows.map((r) => r.unitId)).toEqual(live.units.map((u) => u.unitId))
    expect(first.rows.find((r) => r.unitId === UNIT_ID)!.onTimeRate).toEqual(live.units.find((u) => u.unitId === UNIT_ID)!.onTimeRate)
    const ranked = first.rows.filter((r) => r.rank !== null)
    for (let i = 1; i < ranked.length; i++) expect((ranked[i - 1].onTimeRate.rate ?? 0) >= (ranked[i].onTimeRate.rate ?? 0)).toBe(true)

    const again = await staff().fail('stats', 'publishRanking', { ...period, title: '重复发布' })
    expect(again).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('第1期') })
    const second = await staff().ok('stats', 'publishRanking', { from: dayString(day0), to: dayString(day0 + 2), title: '本周排名' })
    expect(second.no).toBe(2)

    const list = await cloud.as('demo-resident').ok('stats', 'rankings', {})
    expect(list.items.map((i) => i.no)).toEqual([2, 1])
    const page = await cloud.as('demo-resident').ok('stats', 'rankings', { limit: 1 })
    expect(page).toMatchObject({ items: [{ no: 2 }], hasMore: true })
    const read = await cloud.as('demo-resident').ok('stats', 'ranking', { no: 1 })
    expect(read).toEqual(first)
    expect(JSON.stringify(read)).not.toContain(STAFF)
    expect((await cloud.as('demo-resident').fail('stats', 'ranking', { no: 9 })).code).toBe('NOT_FOUND')
  })

  it('refuses a period that has not ended, and residents', async () => {
    expect((await staff().fail('stats', 'publishRanking', { from: dayString(day0), to: dayString(chinaDayNumber(new Date(cloud.rt.clock.now()))), title: '今天' })).code).toBe('INVALID_INPUT')
    expect((await cloud.as('demo-resident').fail('stats', 'publishRanking', { ...period, title: '越权' })).code).toBe('FORBIDDEN')
  })
})
