'use strict'
// Pins WeChat's timer-trigger cron dialect: seven fields (second minute hour day month
// weekday year), `, - * /`, month and weekday names, day-OR-weekday, Beijing time (UTC+8).
const { parseCron, formatTriggerTime } = require('../../devcloud/triggers/cron')

/** Beijing wall-clock time → epoch ms. */
const bj = (y, mo, d, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h - 8, mi, s)
const iso = (ms) => new Date(ms).toISOString()

describe('parseCron (WeChat 7-field timer cron)', () => {
  test('the documented "every 5 minutes" example fires on whole 5-minute marks', () => {
    const cron = parseCron('0 */5 * * * * *')
    expect(iso(cron.next(bj(2024, 1, 1, 10, 1, 2)))).toBe(iso(bj(2024, 1, 1, 10, 5, 0)))
    expect(iso(cron.next(bj(2024, 1, 1, 10, 5, 0)))).toBe(iso(bj(2024, 1, 1, 10, 10, 0)))
  })

  test('times are Beijing time: "0 0 2 1 * * *" is 02:00 on the 1st in UTC+8', () => {
    const cron = parseCron('0 0 2 1 * * *')
    expect(iso(cron.next(bj(2024, 1, 1, 8)))).toBe(iso(bj(2024, 2, 1, 2)))
    expect(iso(cron.next(bj(2024, 1, 1, 8)))).toBe('2024-01-31T18:00:00.000Z')
  })

  test('weekday names and ranges: "0 15 10 * * MON-FRI *" skips the weekend (0 = Sunday)', () => {
    const cron = parseCron('0 15 10 * * MON-FRI *')
    // 2024-01-06 is a Saturday.
    expect(iso(cron.next(bj(2024, 1, 6, 12)))).toBe(iso(bj(2024, 1, 8, 10, 15)))
    expect(parseCron('0 0 0 * * 0 *').next(bj(2024, 1, 1))).toBe(bj(2024, 1, 7))
  })

  test('lists and month names: "0 0 10,14,16 * JAN,MAR * *"', () => {
    const cron = parseCron('0 0 10,14,16 * JAN,MAR * *')
    expect(iso(cron.next(bj(2024, 1, 31, 15)))).toBe(iso(bj(2024, 1, 31, 16)))
    expect(iso(cron.next(bj(2024, 1, 31, 17)))).toBe(iso(bj(2024, 3, 1, 10)))
  })

  test('"a/n" steps from a to the field maximum', () => {
    const cron = parseCron('0 1/10 * * * * *')
    expect([...cron.fields.minute]).toEqual([1, 11, 21, 31, 41, 51])
  })

  test('day and weekday both restricted are OR-ed, as WeChat documents', () => {
    const cron = parseCron('0 0 0 15 * MON *')
    // From Tue 2024-01-09: Mon 01-15 is both; from Tue 01-16 the next match is Mon 01-22.
    expect(cron.next(bj(2024, 1, 9))).toBe(bj(2024, 1, 15))
    expect(cron.next(bj(2024, 1, 16))).toBe(bj(2024, 1, 22))
    expect(cron.matches(bj(2024, 2, 15))).toBe(true) // a Thursday, by day-of-month
  })

  test('the year field limits firings; none left → null', () => {
    expect(parseCron('0 0 0 1 1 * 2030').next(bj(2024, 6, 1))).toBe(bj(2030, 1, 1))
    expect(parseCron('0 0 0 1 1 * 2020').next(bj(2024, 6, 1))).toBeNull()
  })

  test('impossible dates never fire but leap days do', () => {
    expect(parseCron('0 0 0 29 2 * *').next(bj(2024, 3, 1))).toBe(bj(2028, 2, 29))
  })

  test.each([
    ['0 */5 * * * *', /7 fields/],
    ['60 * * * * * *', /second.*outside/],
    ['0 0 24 * * * *', /hour.*outside/],
    ['0 0 0 0 * * *', /day.*outside/],
    ['0 0 0 * 13 * *', /month.*outside/],
    ['0 0 0 * * 7 *', /weekday.*outside/],
    ['0 0 0 * * * 1969', /year.*outside/],
    ['0 0 0 * FOO * *', /unknown name/],
    ['0 0 5-1 * * * *', /range start/],
    ['0 0 0 ? * * *', /not a number/],
    ['0 */0 * * * * *', /step/],
  ])('rejects %s', (expr, message) => {
    expect(() => parseCron(expr)).toThrow(message)
  })

  test('timer events carry Time as ISO-8601 UTC without milliseconds', () => {
    expect(formatTriggerTime(Date.UTC(2019, 1, 21, 11, 49, 0, 123))).toBe('2019-02-21T11:49:00Z')
  })
})
