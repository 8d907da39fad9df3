import { deadlineKey, meanHours, overdueNow, unitMetrics } from '@/domain/stats/unit-metrics'

describe('unitMetrics (per-unit figures over a period)', () => {
  it('sums the days and derives the rate and averages by hand', () => {
    // Day 1: 2 销号 (1 on time), 2 整改 taking 10 h and 20 h; day 2: 1 销号 on time, 1 整改 of 6 h, 1 督办.
    const H = 3_600_000
    const m = unitMetrics(
      'u1',
      [
        { closed: 2, closedOnTime: 1, rectified: 2, handlingMs: 30 * H, closeMs: 100 * H },
        undefined,
        { closed: 1, closedOnTime: 1, rectified: 1, handlingMs: 6 * H, closeMs: 20 * H, escalations: 1 },
      ],
      4,
    )
    expect(m.onTimeRate).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 })
    expect(m.avgHandlingHours).toBe(12) // 36 h / 3
    expect(m.avgCloseHours).toBe(40) // 120 h / 3
    expect(m.escalations).toBe(1)
    expect(m.overdue).toBe(4)
    expect(m.counts.closed).toBe(3)
  })

  it('gives no rate and no averages for a unit that closed and rectified nothing (never 100 %)', () => {
    const m = unitMetrics('u2', [], 0)
    expect(m.onTimeRate.rate).toBeNull()
    expect(m.avgHandlingHours).toBeNull()
    expect(m.avgCloseHours).toBeNull()
  })

  it('rounds averages to one decimal', () => {
    expect(meanHours(3_600_000 * 10, 3)).toBe(3.3)
  })
})

describe('overdueNow (open tasks by deadline day)', () => {
  it('counts tasks whose deadline day is before today only', () => {
    const today = 19_850
    const open = { [deadlineKey(today - 2)]: 2, [deadlineKey(today - 1)]: 1, [deadlineKey(today)]: 5, [deadlineKey(today + 3)]: 1 }
    expect(overdueNow(open, today)).toBe(3)
    expect(overdueNow(undefined, today)).toBe(0)
  })

  it('ignores keys that are not deadline days and drained (zero) days', () => {
    expect(overdueNow({ x12: 4, d10: 0, d11: 1 }, 20)).toBe(1)
  })
})
