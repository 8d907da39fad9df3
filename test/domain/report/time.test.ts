import { ActionError } from '@/domain/core/envelope'
import {
  assertUnderDailyLimit,
  chinaDayBounds,
  DAILY_REPORT_LIMIT,
  deadlineFrom,
  deadlineState,
  dueForEscalation,
  formatChinaDate,
  formatChinaDateTime,
  isOverdue,
  overdueDays,
  ratingOpen,
  revisitDueAt,
  revisitOpen,
  type ReportDoc,
} from '@/domain/report'
import { at, DAY, HOUR, reportIn } from './fixtures'

const d = (s: string) => new Date(s)

describe('deadlineFrom (整改时限: end of the N-th Beijing calendar day after the dispatch day)', () => {
  const cases: [string, string, number, string][] = [
    // [why, dispatchedAt (UTC), days, deadline (UTC)]
    ['Mon 10:00 + 3 → Thu 23:59:59.999', '2024-05-06T02:00:00.000Z', 3, '2024-05-09T15:59:59.999Z'],
    ['Mon 17:50 still gets three full days', '2024-05-06T09:50:00.000Z', 3, '2024-05-09T15:59:59.999Z'],
    ['Mon 23:59 Beijing is still Monday', '2024-05-06T15:59:00.000Z', 3, '2024-05-09T15:59:59.999Z'],
    ['Tue 00:30 Beijing (Mon 16:30 UTC) is Tuesday', '2024-05-06T16:30:00.000Z', 3, '2024-05-10T15:59:59.999Z'],
    ['1 day: by the end of tomorrow', '2024-05-06T02:00:00.000Z', 1, '2024-05-07T15:59:59.999Z'],
    ['weekends count (Fri + 3 → Mon)', '2024-05-10T02:00:00.000Z', 3, '2024-05-13T15:59:59.999Z'],
    ['leap day 2024 (Feb 27 + 3 → Mar 1)', '2024-02-27T04:00:00.000Z', 3, '2024-03-01T15:59:59.999Z'],
    ['no leap day 2023 (Feb 27 + 3 → Mar 2)', '2023-02-27T04:00:00.000Z', 3, '2023-03-02T15:59:59.999Z'],
    ['across the new year (Dec 30 + 3 → Jan 2)', '2023-12-30T01:00:00.000Z', 3, '2024-01-02T15:59:59.999Z'],
    ['National Day holiday is not skipped (Sep 30 + 7 → Oct 7)', '2024-09-30T01:00:00.000Z', 7, '2024-10-07T15:59:59.999Z'],
    ['60 days', '2024-05-06T02:00:00.000Z', 60, '2024-07-05T15:59:59.999Z'],
  ]
  for (const [why, from, days, expected] of cases)
    it(why, () => expect(deadlineFrom(d(from), days).toISOString()).toBe(expected))

  it('refuses a non-positive or fractional number of days', () => {
    expect(() => deadlineFrom(d('2024-05-06T02:00:00.000Z'), 0)).toThrow(RangeError)
    expect(() => deadlineFrom(d('2024-05-06T02:00:00.000Z'), 2.5)).toThrow(RangeError)
  })
})

describe('overdue detection', () => {
  const dispatched = reportIn('dispatched').doc // deadline 2024-05-09T15:59:59.999Z
  const deadline = d(dispatched.dispatch!.deadline)

  it('not overdue up to and including the deadline instant, overdue 1 ms later', () => {
    expect(isOverdue(dispatched, deadline)).toBe(false)
    expect(isOverdue(dispatched, at(deadline, 1))).toBe(true)
  })

  it('only while the unit owes the 整改 (待整改/整改中)', () => {
    const late = at(deadline, 10 * DAY)
    expect(isOverdue(reportIn('in_progress').doc, late)).toBe(true)
    for (const s of ['submitted', 'rectified', 'closed', 'returned', 'reopened', 'rejected', 'duplicate', 'out_of_scope'] as const)
      expect(isOverdue(reportIn(s).doc, late)).toBe(false)
  })

  it('counts whole Beijing days past the deadline day', () => {
    expect(overdueDays(dispatched, deadline)).toBe(0)
    expect(overdueDays(dispatched, at(deadline, 1))).toBe(1) // Fri 00:00
    expect(overdueDays(dispatched, at(deadline, DAY))).toBe(1) // Fri 23:59
    expect(overdueDays(dispatched, at(deadline, DAY + 1))).toBe(2) // Sat 00:00
  })

  it('deadlineState: ok, due within 24 h, overdue, none', () => {
    expect(deadlineState(dispatched, at(deadline, -DAY - 1))).toBe('ok')
    expect(deadlineState(dispatched, at(deadline, -DAY))).toBe('due_soon')
    expect(deadlineState(dispatched, deadline)).toBe('due_soon')
    expect(deadlineState(dispatched, at(deadline, 1))).toBe('overdue')
    expect(deadlineState(reportIn('rectified').doc, at(deadline, 1))).toBe('none')
  })

  it('dueForEscalation: when overdue, then once per Beijing day', () => {
    expect(dueForEscalation(dispatched, deadline)).toBe(false)
    expect(dueForEscalation(dispatched, at(deadline, 1))).toBe(true)
    const escalated: ReportDoc = { ...dispatched, flags: { ...dispatched.flags, lastEscalatedAt: '2024-05-10T00:00:00.000Z' } } // Fri 08:00
    expect(dueForEscalation(escalated, d('2024-05-10T15:59:59.999Z'))).toBe(false) // Fri 23:59
    expect(dueForEscalation(escalated, d('2024-05-10T16:00:00.000Z'))).toBe(true) // Sat 00:00
  })
})

describe('rating and 回访 windows', () => {
  const closed = reportIn('closed').doc
  const closedAt = d(closed.closedAt!)

  it('回访 is due 3 days after 销号 and open for 7 days', () => {
    expect(revisitDueAt(closedAt).toISOString()).toBe(at(closedAt, 3 * DAY).toISOString())
    expect(revisitOpen(closed, at(closedAt, 3 * DAY - 1))).toBe(false)
    expect(revisitOpen(closed, at(closedAt, 3 * DAY))).toBe(true)
    expect(revisitOpen(closed, at(closedAt, 10 * DAY))).toBe(true)
    expect(revisitOpen(closed, at(closedAt, 10 * DAY + 1))).toBe(false)
  })

  it('rating is open for 7 days after 销号, only while closed and unrated', () => {
    expect(ratingOpen(closed, at(closedAt, HOUR))).toBe(true)
    expect(ratingOpen(closed, at(closedAt, 7 * DAY + 1))).toBe(false)
    expect(ratingOpen({ ...closed, rating: { score: 'satisfied', comment: '', at: closed.closedAt! } }, at(closedAt, HOUR))).toBe(false)
    expect(ratingOpen(reportIn('rectified').doc, at(closedAt, HOUR))).toBe(false)
  })
})

describe('daily submission limit', () => {
  it('counts the Beijing calendar day', () => {
    expect(chinaDayBounds(d('2024-05-06T02:00:00.000Z'))).toEqual({ start: '2024-05-05T16:00:00.000Z', end: '2024-05-06T16:00:00.000Z' })
    // 00:30 Beijing on May 7 is already the next day, though UTC still says May 6.
    expect(chinaDayBounds(d('2024-05-06T16:30:00.000Z'))).toEqual({ start: '2024-05-06T16:00:00.000Z', end: '2024-05-07T16:00:00.000Z' })
  })

  it('allows up to the limit and refuses beyond with RATE_LIMITED', () => {
    expect(() => assertUnderDailyLimit(DAILY_REPORT_LIMIT - 1)).not.toThrow()
    try {
      assertUnderDailyLimit(DAILY_REPORT_LIMIT)
      throw new Error('should have thrown')
    } catch (e) {
      expect(e).toBeInstanceOf(ActionError)
      expect((e as ActionError).code).toBe('RATE_LIMITED')
      expect((e as ActionError).message).toContain(String(DAILY_REPORT_LIMIT))
    }
  })
})

describe('display', () => {
  it('formats in Beijing time', () => {
    expect(formatChinaDate('2024-05-09T15:59:59.999Z')).toBe('5月9日')
    expect(formatChinaDate('2024-05-09T16:00:00.000Z', true)).toBe('2024年5月10日')
    expect(formatChinaDateTime('2024-05-06T00:05:00.000Z')).toBe('5月6日 08:05')
  })
})
