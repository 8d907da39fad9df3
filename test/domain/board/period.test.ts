import { dayNumberOf, dayString, issueTitle, lastCompletePeriod, mondayOf, periodContaining, periodLabel, periodStartingOn, chinaYear } from '../../../src/domain/board/period'

const day = (s: string) => dayNumberOf(s)!

describe('China calendar days', () => {
  it('round-trips dates and refuses impossible ones', () => {
    expect(dayString(day('2024-02-29'))).toBe('2024-02-29')
    expect(dayNumberOf('2023-02-29')).toBeNull()
    expect(dayNumberOf('2024-13-01')).toBeNull()
    expect(dayNumberOf('2024-5-1')).toBeNull()
  })

  it('finds the Monday of a week (1970-01-01 was a Thursday)', () => {
    expect(dayString(mondayOf(day('2024-05-09')))).toBe('2024-05-06')
    expect(dayString(mondayOf(day('2024-05-06')))).toBe('2024-05-06')
    expect(dayString(mondayOf(day('2024-05-12')))).toBe('2024-05-06')
    expect(dayString(mondayOf(day('1970-01-01')))).toBe('1969-12-29')
  })
})

describe('periods', () => {
  it('daily, weekly (Monday–Sunday), 双周 from the anchor, monthly', () => {
    expect(periodContaining('daily', day('2024-05-09'))).toMatchObject({ startDay: '2024-05-09', endDay: '2024-05-09', label: '2024年5月9日' })
    expect(periodContaining('weekly', day('2024-05-09'))).toMatchObject({ startDay: '2024-05-06', endDay: '2024-05-12', label: '2024年5月6日—12日' })
    // 2024-01-01, 01-15, … 04-22, 05-06, 05-20: fortnights from the anchor Monday.
    expect(periodContaining('biweekly', day('2024-05-09'), '2024-01-01')).toMatchObject({ startDay: '2024-05-06', endDay: '2024-05-19', label: '2024年5月6日—19日' })
    expect(periodContaining('biweekly', day('2024-05-20'), '2024-01-01')).toMatchObject({ startDay: '2024-05-20', endDay: '2024-06-02' })
    expect(periodContaining('biweekly', day('2024-05-09'), '2024-01-08')).toMatchObject({ startDay: '2024-04-29', endDay: '2024-05-12' })
    expect(periodContaining('biweekly', day('2023-12-31'), '2024-01-01')).toMatchObject({ startDay: '2023-12-18', endDay: '2023-12-31' })
    expect(periodContaining('monthly', day('2024-02-10'))).toMatchObject({ startDay: '2024-02-01', endDay: '2024-02-29', label: '2024年2月' })
  })

  it('gives instants in Beijing time: [start, end) as ISO strings', () => {
    const p = periodContaining('weekly', day('2024-05-09'))
    expect(p.start).toBe('2024-05-05T16:00:00.000Z')
    expect(p.end).toBe('2024-05-12T16:00:00.000Z')
  })

  it('labels spans across months and years', () => {
    expect(periodLabel('weekly', day('2024-05-27'), day('2024-06-02'))).toBe('2024年5月27日—6月2日')
    expect(periodLabel('weekly', day('2024-12-30'), day('2025-01-05'))).toBe('2024年12月30日—2025年1月5日')
  })

  it('proposes the last complete period: yesterday, last week, the last fortnight, last month', () => {
    const now = new Date('2024-05-09T02:00:00.000Z') // Thursday 10:00 Beijing
    expect(lastCompletePeriod('daily', now).startDay).toBe('2024-05-08')
    expect(lastCompletePeriod('weekly', now).startDay).toBe('2024-04-29')
    expect(lastCompletePeriod('biweekly', now, '2024-01-01').startDay).toBe('2024-04-22')
    expect(lastCompletePeriod('monthly', now)).toMatchObject({ startDay: '2024-04-01', endDay: '2024-04-30' })
    // Just after midnight Beijing time on a Monday, the week that just ended is complete.
    expect(lastCompletePeriod('weekly', new Date('2024-05-12T16:00:01.000Z')).startDay).toBe('2024-05-06')
  })

  it('accepts only real period starts', () => {
    expect(periodStartingOn('weekly', '2024-05-06')?.endDay).toBe('2024-05-12')
    expect(periodStartingOn('weekly', '2024-05-07')).toBeNull()
    expect(periodStartingOn('monthly', '2024-05-01')?.endDay).toBe('2024-05-31')
    expect(periodStartingOn('biweekly', '2024-05-13', '2024-01-01')).toBeNull()
    expect(periodStartingOn('biweekly', '2024-05-06', '2024-01-01')?.endDay).toBe('2024-05-19')
  })
})

describe('numbering and titles', () => {
  it('names an issue by its series and number; the archive year is Beijing’s', () => {
    expect(issueTitle('示范市创城红黑榜', 85)).toBe('示范市创城红黑榜 第85期')
    expect(chinaYear('2024-12-31T16:30:00.000Z')).toBe(2025)
  })
})
