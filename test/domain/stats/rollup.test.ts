import { rollup, type ReportInfo, type RollupEvent } from '@/domain/stats/rollup'
import { NO_DISTRICT } from '@/domain/stats/counters'
import { cellKeyOf } from '@/domain/stats/hotspots'
import { deadlineKey } from '@/domain/stats/unit-metrics'
import { dayOfIso } from '@/domain/board/period'

// Beijing time 2024-05-06 (Mon) … 2024-05-10. Deadlines are ends of days (15:59:59.999Z = 23:59:59.999 +08).
const deadline = (day: string) => new Date(`${day}T23:59:59.999+08:00`).toISOString()
const at = (s: string) => new Date(`${s}+08:00`).toISOString()
let v = 0
const ev = (reportId: string, type: RollupEvent['type'], when: string, o: Partial<RollupEvent> = {}): RollupEvent => ({
  _id: `${reportId}_${String(++v).padStart(6, '0')}`,
  reportId,
  at: at(when),
  type,
  from: null,
  to: 'submitted',
  ...o,
})
const U1 = { id: 'unit-a', name: '甲单位' }
const U2 = { id: 'unit-b', name: '乙单位' }

const reports = new Map<string, ReportInfo>([
  ['r1', { createdAt: at('2024-05-06T08:00:00'), categoryId: 'litter', districtId: 'd1', gridId: 'g1', microGridId: 'mg1', lat: 30.1234, lng: 120.5678 }],
  ['r2', { createdAt: at('2024-05-06T09:00:00'), categoryId: 'parking', districtId: null, gridId: null, microGridId: null, lat: 30.1236, lng: 120.5671 }],
])

// r1: submit → dispatch to A (deadline 5/7) → A rectifies on time (5/7 10:00) → closed 5/8 08:00.
const r1 = [
  ev('r1', 'submit', '2024-05-06T08:00:00', { to: 'submitted' }),
  ev('r1', 'acceptDispatch', '2024-05-06T10:00:00', { from: 'submitted', to: 'dispatched', unit: U1, deadline: deadline('2024-05-07') }),
  ev('r1', 'rectify', '2024-05-07T10:00:00', { from: 'dispatched', to: 'rectified' }),
  ev('r1', 'verifyClose', '2024-05-08T08:00:00', { from: 'rectified', to: 'closed' }),
]
// r2: submit → dispatch to B (deadline 5/7) → 督办 5/8 → B rectifies late 5/8 12:00 → sendBack (deadline 5/10) →
// B rectifies on time 5/9 12:00 → closed 5/9 20:00: B missed a deadline on it, so it is not on time.
const r2 = [
  ev('r2', 'submit', '2024-05-06T09:00:00', { to: 'submitted' }),
  ev('r2', 'acceptDispatch', '2024-05-06T12:00:00', { from: 'submitted', to: 'dispatched', unit: U2, deadline: deadline('2024-05-07') }),
  ev('r2', 'escalate', '2024-05-08T00:10:00', { from: 'dispatched', to: 'dispatched' }),
  ev('r2', 'rectify', '2024-05-08T12:00:00', { from: 'dispatched', to: 'rectified' }),
  ev('r2', 'sendBack', '2024-05-08T14:00:00', { from: 'rectified', to: 'dispatched', unit: U2, deadline: deadline('2024-05-10') }),
  ev('r2', 'rectify', '2024-05-09T12:00:00', { from: 'dispatched', to: 'rectified' }),
  ev('r2', 'verifyClose', '2024-05-09T20:00:00', { from: 'rectified', to: 'closed' }),
]
// r3: submit, dispatched to A with deadline 5/8, still open (no report info needed beyond the event).
const r3 = [
  ev('r3', 'submit', '2024-05-07T09:00:00', { to: 'submitted' }),
  ev('r3', 'acceptDispatch', '2024-05-07T09:30:00', { from: 'submitted', to: 'dispatched', unit: U1, deadline: deadline('2024-05-08') }),
]
const all = [...r1, ...r2, ...r3]
const historyOf = (events: RollupEvent[]) => {
  const h = new Map<string, RollupEvent[]>()
  for (const e of events) h.set(e.reportId, [...(h.get(e.reportId) ?? []), e])
  return h
}
const H = 3_600_000

describe('rollup: timeline events → day counters', () => {
  const { days, state } = rollup(all, reports, historyOf(all))

  it('counts the city flows per China day', () => {
    expect(days.get('2024-05-06')!.city).toEqual({ submitted: 2, accepted: 2 })
    expect(days.get('2024-05-07')!.city).toEqual({ submitted: 1, accepted: 1 })
    // 5/8: r1 closed after 48 h; r2 escalated.
    expect(days.get('2024-05-08')!.city).toEqual({ closed: 1, closeMs: 48 * H, escalated: 1 })
    // 5/9: r2 closed 20:00 after submit 5/6 09:00 = 83 h.
    expect(days.get('2024-05-09')!.city).toEqual({ closed: 1, closeMs: 83 * H })
  })

  it('counts per district (unmapped under its own key) and per category', () => {
    expect(days.get('2024-05-06')!.district).toEqual({ d1: { submitted: 1, accepted: 1 }, [NO_DISTRICT]: { submitted: 1, accepted: 1 } })
    expect(days.get('2024-05-08')!.category).toEqual({ litter: { closed: 1 } })
  })

  it('attributes unit figures to the dispatch in force, judging on-time against every deadline the unit had', () => {
    expect(days.get('2024-05-06')!.unit).toEqual({ 'unit-a': { dispatched: 1 }, 'unit-b': { dispatched: 1 } })
    expect(days.get('2024-05-07')!.unit).toEqual({ 'unit-a': { rectified: 1, handlingMs: 24 * H, dispatched: 1 } })
    expect(days.get('2024-05-08')!.unit).toEqual({
      'unit-a': { closed: 1, closedOnTime: 1, closeMs: 48 * H },
      // 督办, then a late 整改 (dispatched 5/6 12:00 → 5/8 12:00 = 48 h), then 核验未通过.
      'unit-b': { escalations: 1, rectified: 1, rectifiedLate: 1, handlingMs: 48 * H, sentBack: 1 },
    })
    // Second 整改 22 h after the sendBack; the 销号 is not on time because the first deadline was missed.
    expect(days.get('2024-05-09')!.unit).toEqual({ 'unit-b': { rectified: 1, handlingMs: 22 * H, closed: 1, closeMs: 83 * H } })
  })

  it('keeps reports per status and open tasks per unit by deadline day', () => {
    expect(state.status).toEqual({ submitted: 0, dispatched: 1, rectified: 0, closed: 2 })
    const d7 = deadlineKey(dayOfIso(deadline('2024-05-07')))
    const d8 = deadlineKey(dayOfIso(deadline('2024-05-08')))
    const d10 = deadlineKey(dayOfIso(deadline('2024-05-10')))
    expect(state.open).toEqual({ 'unit-a': { [d7]: 0, [d8]: 1 }, 'unit-b': { [d7]: 0, [d10]: 0 } })
  })

  it('counts hotspots by most specific grid and by ~100 m cell', () => {
    expect(days.get('2024-05-06')!.grid).toEqual({ mg1: 1 })
    // r1 and r2 are ~67 m apart, in the same 0.001° cell row and column.
    expect(cellKeyOf(30.1234, 120.5678)).toBe(cellKeyOf(30.1236, 120.5671))
    expect(days.get('2024-05-06')!.cell).toEqual({ [cellKeyOf(30.1234, 120.5678)]: 2 })
  })

  it('gives the same totals when the events come in several batches (history covers earlier batches)', () => {
    const h = historyOf(all)
    const a = rollup(all.slice(0, 5), reports, h)
    const b = rollup(all.slice(5), reports, h)
    const unitB = (d: string) => ({ ...a.days.get(d)?.unit['unit-b'], ...b.days.get(d)?.unit['unit-b'] })
    expect(unitB('2024-05-09')).toEqual({ rectified: 1, handlingMs: 22 * H, closed: 1, closeMs: 83 * H })
  })

  it('counts rejections and reopenings', () => {
    const more = [
      ev('r4', 'reject', '2024-05-06T12:00:00', { from: 'submitted', to: 'rejected' }),
      ev('r5', 'rate', '2024-05-06T13:00:00', { from: 'closed', to: 'reopened' }),
      ev('r6', 'rate', '2024-05-06T13:00:00', { from: 'closed', to: 'closed' }),
    ]
    const { days: d, state: s } = rollup(more, new Map(), new Map())
    expect(d.get('2024-05-06')!.city).toEqual({ rejected: 1, reopened: 1 })
    expect(s.status).toEqual({ submitted: -1, rejected: 1, closed: -1, reopened: 1 })
  })

  it('keeps rated reports by their latest 评价, and the on-time 销号 that 重新处理 undid', () => {
    // r1 was closed on time by A; its reporter is unsatisfied (reopened), then satisfied after the next 销号.
    // r2 was closed late by B; the unsatisfied rating reopens it, but a late 销号 is not counted as undone.
    const later = [
      ev('r1', 'rate', '2024-05-08T10:00:00', { from: 'closed', to: 'reopened', score: 'unsatisfied' }),
      ev('r2', 'rate', '2024-05-10T10:00:00', { from: 'closed', to: 'reopened', score: 'unsatisfied' }),
    ]
    const first = rollup(later, reports, historyOf([...all, ...later]))
    expect(first.state.rated).toEqual({ unsatisfied: 2 })
    expect(first.state.reopened).toEqual({ closedOnTime: 1 })
    const again = ev('r1', 'rate', '2024-05-11T10:00:00', { from: 'closed', to: 'closed', score: 'satisfied' })
    const second = rollup([again], reports, historyOf([...all, ...later, again]))
    expect(second.state.rated).toEqual({ unsatisfied: -1, satisfied: 1 })
    expect(second.state.reopened).toEqual({})
    // A 回访 that finds the problem back also undoes an on-time 销号.
    const revisit = ev('r1', 'revisit', '2024-05-09T10:00:00', { from: 'closed', to: 'reopened' })
    expect(rollup([revisit], reports, historyOf([...all, revisit])).state.reopened).toEqual({ closedOnTime: 1 })
  })

  it('uses the China calendar day (UTC+8) for the bucket', () => {
    const late = [ev('r7', 'submit', '2024-05-06T23:30:00', { to: 'submitted' })]
    expect([...rollup(late, new Map(), new Map()).days.keys()]).toEqual(['2024-05-06'])
  })
})
