import {
  fixRate,
  formatRate,
  onTimeRate,
  ratio,
  reporterHistory,
  reportStats,
  satisfactionRate,
  type StatsReport,
} from '@/domain/report'

const NOW = new Date('2024-06-01T04:00:00.000Z')
const PAST = '2024-05-20T15:59:59.999Z' // a deadline already gone
const FUTURE = '2024-06-05T15:59:59.999Z'

const flags = (everOverdue = false) => ({ overdue: everOverdue, everOverdue, escalations: everOverdue ? 1 : 0, lastEscalatedAt: null })
const dispatch = (deadline: string) => ({ unitId: 'u', unitName: '城管', deadline, dispatchedAt: '2024-05-17T02:00:00.000Z', round: 1 })

function rep(status: StatsReport['status'], o: { deadline?: string; late?: boolean; score?: 'satisfied' | 'basically_satisfied' | 'unsatisfied' } = {}): StatsReport {
  const dispatched = !['submitted'].includes(status) && o.deadline !== undefined
  return {
    status,
    dispatch: dispatched ? dispatch(o.deadline!) : null,
    flags: flags(o.late),
    rating: o.score ? { score: o.score, comment: '', at: '2024-05-25T00:00:00.000Z' } : null,
  }
}

/**
 * A hand-counted sample of 17:
 *  closed ×4 (3 on time — rated 满意, 基本满意, unrated — and 1 late, unrated),
 *  open within the deadline ×3 (dispatched, rectified, returned), open and overdue now ×1 (timer not yet run),
 *  reopened after a late round ×1 (rated 不满意),
 *  rejected ×3 (one after a late dispatch), duplicate ×2, out_of_scope ×1 (after dispatch), submitted ×2.
 */
const sample: StatsReport[] = [
  rep('closed', { deadline: PAST, score: 'satisfied' }),
  rep('closed', { deadline: PAST, score: 'basically_satisfied' }),
  rep('closed', { deadline: PAST }),
  rep('closed', { deadline: PAST, late: true }),
  rep('dispatched', { deadline: FUTURE }),
  rep('rectified', { deadline: FUTURE }),
  rep('in_progress', { deadline: PAST }), // overdue right now, flag not yet set
  rep('reopened', { deadline: PAST, late: true, score: 'unsatisfied' }),
  rep('returned', { deadline: FUTURE }),
  rep('rejected'),
  rep('rejected'),
  rep('rejected', { deadline: PAST, late: true }), // dispatched, returned late, then rejected
  rep('duplicate'),
  rep('duplicate'),
  rep('out_of_scope', { deadline: PAST }),
  rep('submitted'),
  rep('submitted'),
]

describe('rates (closed-not-fixed never counted as success)', () => {
  it('按时整改率 = closed and never late / (closed + open already late)', () => {
    // settled: 4 closed + in_progress overdue now + reopened late = 6; on time: 3 closed.
    expect(onTimeRate(sample, NOW)).toEqual({ numerator: 3, denominator: 6, rate: 0.5 })
  })

  it('办结率 = closed / accepted (dispatched, not rejected/duplicate/out of scope)', () => {
    // accepted: 4 closed + dispatched + rectified + in_progress + reopened + returned = 9
    expect(fixRate(sample)).toEqual({ numerator: 4, denominator: 9, rate: 4 / 9 })
  })

  it('满意率 = (满意 + 基本满意) / rated', () => {
    expect(satisfactionRate(sample)).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 })
  })

  it('adding rejections, duplicates and out-of-scope closures moves no rate', () => {
    const padded = [...sample, rep('rejected'), rep('duplicate'), rep('out_of_scope', { deadline: PAST }), rep('rejected', { deadline: FUTURE })]
    expect(onTimeRate(padded, NOW)).toEqual(onTimeRate(sample, NOW))
    expect(fixRate(padded)).toEqual(fixRate(sample))
    expect(satisfactionRate(padded)).toEqual(satisfactionRate(sample))
  })

  it('a stuck report counts against 按时整改率 before it closes', () => {
    const stuck = [rep('closed', { deadline: PAST }), rep('dispatched', { deadline: PAST })]
    expect(onTimeRate(stuck, NOW).rate).toBe(0.5)
    // …and is not yet counted while still within its deadline
    expect(onTimeRate(stuck, new Date('2024-05-10T00:00:00.000Z')).rate).toBe(1)
  })

  it('nothing to count gives null, shown as —, never 100 %', () => {
    const r = onTimeRate([rep('submitted'), rep('rejected')], NOW)
    expect(r).toEqual({ numerator: 0, denominator: 0, rate: null })
    expect(formatRate(r)).toBe('—')
    expect(formatRate(ratio(7, 8))).toBe('87.5%')
    expect(formatRate(ratio(2, 3))).toBe('66.7%')
    expect(formatRate(ratio(1, 1))).toBe('100%')
  })

  it('reportStats puts it together', () => {
    const s = reportStats(sample, NOW)
    expect(s).toMatchObject({
      total: 17,
      pending: 2,
      inHand: 5,
      closedFixed: 4,
      closedNotFixed: 6,
      overdueNow: 1,
      onTime: { rate: 0.5 },
      fixed: { numerator: 4, denominator: 9 },
      satisfaction: { numerator: 2, denominator: 3 },
    })
    expect(s.byStatus).toMatchObject({ closed: 4, rejected: 3, duplicate: 2, out_of_scope: 1, submitted: 2 })
  })
})

describe('reporterHistory', () => {
  it('counts accepted and rejected reports, disjointly', () => {
    // accepted = dispatched at some point and not rejected in the end: the 9 above + the out_of_scope one
    expect(reporterHistory(sample)).toEqual({ accepted: 10, rejected: 3 })
  })
})
