/**
 * 考评 on the demo city: the seeded 考评 opens for demo-unit with its material states, and `recompute`
 * scores the data items from the seeded records — 周五环境整治 turnout and the survey's 满意度 checked
 * against counts taken straight from the database, 按时整改率 and 督办 against the 数据看板's own figures.
 */
import { COLLECTIONS } from '../../src/domain/collections'
import { DEMO_ASSESS_IDS } from '../../scripts/seed/demo-assess'
import { DEMO_SURVEY_IDS } from '../../scripts/seed/demo-surveys'
import { metricRates } from '../../src/domain/survey/stats'
import { countsOf } from '../../src/domain/survey/tally'
import { scoreFigure, templateOf } from '../../src/domain/assess'
import { fetchAll } from '../../cloudfunctions/kernel'
import { unitMetrics } from '../../cloudfunctions/stats/metrics'
import { periodDays } from '../../cloudfunctions/assess/metrics'
import { startCloud, type TestCloud } from '../support/runtime'

let cloud: TestCloud
const id = DEMO_ASSESS_IDS.current

beforeAll(async () => {
  cloud = await startCloud()
}, 120_000)
afterAll(async () => {
  await cloud?.close()
})

test('demo-unit sees its own 考评表 with approved, waiting and returned material, and last quarter’s 通报', async () => {
  const mine = await cloud.as('demo-unit').ok('assess', 'myCards', {})
  expect(mine.items.map((c) => c.scheme.id)).toEqual(expect.arrayContaining([DEMO_ASSESS_IDS.current, DEMO_ASSESS_IDS.previous]))
  const { card } = await cloud.as('demo-unit').ok('assess', 'cardDetail', { schemeId: id })
  const states = Object.fromEntries(card.items.map((i) => [i.id, i.state]))
  expect(states).toMatchObject({ i1: 'todo', i2: 'approved', i6: 'submitted', i7: 'returned', i12: 'scored' })
  expect(card.total).toBe(11) // 7 (材料) + 4 (督查)
  expect(card.items.find((i) => i.id === 'i6')!.material!.files).toHaveLength(2)
  const bulletins = await cloud.as('demo-unit').ok('assess', 'bulletinList', {})
  expect(bulletins.items[0]).toMatchObject({ id: DEMO_ASSESS_IDS.previous, no: 1, unitCount: 6 })
  const queue = await cloud.as('demo-staff').ok('assess', 'reviewQueue', { schemeId: id })
  expect(queue.items.map((r) => r.unit.id).sort()).toEqual(['u-cg-wenhua', 'u-sz'])
})

test('recompute: turnout, survey rate and on-time rate as counted from the records', async () => {
  // The 数据看板's counters, rolled up from the seeded timeline (the stats timer's work).
  await cloud.rt.runTrigger('stats', 'rollup')
  await cloud.as('demo-staff').ok('assess', 'recompute', { schemeId: id })
  const scheme = (await cloud.as('demo-staff').ok('assess', 'schemeDetail', { schemeId: id })).scheme
  const now = new Date(cloud.rt.clock.now())
  const items = templateOf('city').items
  const rule = (itemId: string) => items.find((i) => i.id === itemId)!.rule!

  // 周五环境整治: confirmed sign-ups of 幸福里社区志愿服务队 members at the period's ended environment events.
  const events = await fetchAll<{ _id: string; endAt: string; startAt: string; status: string }>(cloud.db.collection(COLLECTIONS.volunteerEvents).where({ type: 'environment' }))
  const ended = new Set(events.filter((e) => e.startAt >= scheme.period.start && e.endAt <= now.toISOString() && e.status !== 'cancelled' && e.status !== 'draft').map((e) => e._id))
  const signups = (await fetchAll<{ eventId: string; teamId: string | null; status: string; noShow: boolean; checkIn: unknown; hours: { minutes: number } | null }>(cloud.db.collection(COLLECTIONS.volunteerSignups).where({ teamId: 't-xingfuli', status: 'confirmed' }))).filter((s) => ended.has(s.eventId))
  const attended = signups.filter((s) => !s.noShow && (s.checkIn || (s.hours?.minutes ?? 0) > 0)).length
  expect(signups.length).toBeGreaterThan(0)
  const xingfuli = (await cloud.as('demo-staff').ok('assess', 'cardDetail', { schemeId: id, unitId: 'u-sq-xingfuli' })).card
  const turnout = xingfuli.items.find((i) => i.id === 'i11')!
  expect(turnout.figure).toMatchObject({ numerator: attended, denominator: signups.length })
  expect(turnout.score).toBe(scoreFigure(rule('i11'), 10, { value: attended / signups.length }))
  // A unit without a linked team has no turnout: 0 points (noData: zero), and says why.
  const wenhua = (await cloud.as('demo-unit').ok('assess', 'cardDetail', { schemeId: id })).card
  expect(wenhua.items.find((i) => i.id === 'i11')).toMatchObject({ score: 0, figure: { value: null } })
  expect(wenhua.items.find((i) => i.id === 'i11')!.figure!.detail).toContain('未关联志愿服务队')

  // 满意度 of the survey's first wave in 文华区 (the district of 幸福里社区 and 文华城管).
  const [survey] = (await cloud.db.collection(COLLECTIONS.surveys).where({ _id: DEMO_SURVEY_IDS.wave1 }).get()).data as never[]
  const [tally] = (await cloud.db.collection(COLLECTIONS.surveyTallies).where({ _id: `${DEMO_SURVEY_IDS.wave1}__d-wenhua` }).get()).data as never[]
  const sat = metricRates((survey as { questions: never[] }).questions, countsOf(tally).m).find((m) => m.metric === 'satisfaction')!
  expect(sat.answers).toBeGreaterThan(0)
  const surveyItem = xingfuli.items.find((i) => i.id === 'i14')!
  expect(surveyItem.figure!.value).toBeCloseTo(sat.rate!, 10)
  expect(surveyItem.score).toBe(scoreFigure(rule('i14'), 5, { value: sat.rate }))

  // 按时整改率 and 督办 of 文华城管: the 数据看板's own figures for the period (one definition for both).
  const { from, to } = periodDays(scheme.period)
  const dash = (await unitMetrics({ db: cloud.db, _: cloud.db.command, now: () => now }, { from, to, unitIds: ['u-cg-wenhua'], catchUp: false })).get('u-cg-wenhua')!
  expect(dash.counts.dispatched).toBeGreaterThan(0)
  expect(wenhua.items.find((i) => i.id === 'i9')!.figure).toMatchObject({ numerator: dash.onTimeRate.numerator, denominator: dash.onTimeRate.denominator })
  expect(wenhua.items.find((i) => i.id === 'i10')!.figure).toMatchObject({ value: dash.escalations })

  // The total moved by exactly the data items' scores.
  const dataScore = wenhua.items.filter((i) => i.kind === 'data').reduce((s, i) => s + (i.score ?? 0), 0)
  expect(wenhua.total).toBeCloseTo(11 + dataScore, 5)
})

test('the scheme’s recompute costs a fixed number of database round trips', async () => {
  const { stats } = await cloud.rt.invokeWithStats('assess', { action: 'recompute', payload: { schemeId: id } }, { openid: 'demo-staff' })
  // users, scheme, cards, the stats catch-up and day counters, events, signups aggregate, teams, survey + tallies, scheme update, audit (no card writes: nothing changed)
  expect(stats.dbRoundTrips).toBeLessThanOrEqual(14)
})
