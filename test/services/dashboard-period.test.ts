import { defaultTitle, lastMonth, lastWeek, periodOf, publishPeriodError } from '@/packages/dashboard/period'

// Thursday 2026-11-26 10:00 Beijing time.
const NOW = Date.parse('2026-11-26T02:00:00.000Z')

describe('dashboard periods (China calendar)', () => {
  it('上周 is last Monday to Sunday, 上月 the calendar month before', () => {
    expect(lastWeek(NOW)).toEqual({ from: '2026-11-16', to: '2026-11-22' })
    expect(lastWeek(Date.parse('2026-11-22T16:30:00.000Z'))).toEqual({ from: '2026-11-16', to: '2026-11-22' }) // Monday 00:30 +08 (Sunday in UTC)
    expect(lastMonth(NOW)).toEqual({ from: '2026-10-01', to: '2026-10-31' })
    expect(lastMonth(Date.parse('2026-03-05T02:00:00.000Z'))).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(lastMonth(Date.parse('2026-01-05T02:00:00.000Z'))).toEqual({ from: '2025-12-01', to: '2025-12-31' })
  })

  it('presets end today', () => {
    expect(periodOf('7d', NOW)).toEqual({ from: '2026-11-20', to: '2026-11-26' })
    expect(periodOf('month', NOW)).toEqual({ from: '2026-11-01', to: '2026-11-26' })
  })

  it('refuses what the server would refuse, in words', () => {
    expect(publishPeriodError(lastWeek(NOW), NOW)).toBeNull()
    expect(publishPeriodError({ from: '2026-11-20', to: '2026-11-26' }, NOW)).toContain('截止日须早于今天')
    expect(publishPeriodError({ from: '2026-11-20', to: '2026-11-10' }, NOW)).toContain('起始日不能晚于截止日')
    expect(publishPeriodError({ from: '2024-01-01', to: '2026-11-10' }, NOW)).toContain('最多 731 天')
  })

  it('titles a month by its name and other periods by their days', () => {
    expect(defaultTitle('month', lastMonth(NOW))).toBe('2026年10月责任单位整改排名通报')
    expect(defaultTitle('week', lastWeek(NOW))).toBe('2026年11月16日至2026年11月22日责任单位整改排名通报')
  })
})
