import {
  creditMinutes,
  debitPoints,
  eventMinutes,
  formatHours,
  hoursDecimal,
  levelFor,
  levelProgress,
  manualMinutesProblem,
  pointsForCredit,
  recordedMinutes,
  refundPoints,
  type Balances,
} from '../../../src/domain/volunteer'

const ev = { startAt: '2026-11-27T07:00:00.000Z', endAt: '2026-11-27T09:00:00.000Z' }
const at = (hhmm: string) => `2026-11-27T${hhmm}:00.000Z`

describe('recorded hours', () => {
  it('counts minutes from check-in to check-out, to the nearest minute', () => {
    expect(recordedMinutes(at('07:05'), at('08:35'), ev)).toBe(90)
    expect(recordedMinutes('2026-11-27T07:00:00.600Z', '2026-11-27T08:30:00.100Z', ev)).toBe(90)
    expect(recordedMinutes('2026-11-27T07:00:00.000Z', '2026-11-27T07:59:29.000Z', ev)).toBe(59)
    expect(recordedMinutes('2026-11-27T07:00:00.000Z', '2026-11-27T07:59:31.000Z', ev)).toBe(60)
  })
  it('is capped by the event’s length: early arrival and late departure earn nothing extra', () => {
    expect(eventMinutes(ev)).toBe(120)
    expect(recordedMinutes(at('06:30'), at('09:45'), ev)).toBe(120)
    expect(recordedMinutes(at('06:00'), at('08:30'), ev)).toBe(120)
  })
  it('is never negative', () => {
    expect(recordedMinutes(at('08:00'), at('07:00'), ev)).toBe(0)
  })
})

describe('manual hours', () => {
  it('must be a positive whole number of minutes within the event’s length', () => {
    expect(manualMinutesProblem(120, ev)).toBeNull()
    expect(manualMinutesProblem(121, ev)).toContain('不能超过活动时长')
    expect(manualMinutesProblem(0, ev)).toContain('正整数')
    expect(manualMinutesProblem(1.5, ev)).toContain('正整数')
  })
})

describe('levels', () => {
  it('follows 100/300/600/1000/1500 hours, reached at exactly the threshold', () => {
    expect(levelFor(0).name).toBe('注册志愿者')
    expect(levelFor(100 * 60 - 1).level).toBe(0)
    expect(levelFor(100 * 60)).toEqual({ level: 1, name: '一星志愿者', minHours: 100 })
    expect(levelFor(300 * 60).name).toBe('二星志愿者')
    expect(levelFor(600 * 60).name).toBe('三星志愿者')
    expect(levelFor(1000 * 60).name).toBe('四星志愿者')
    expect(levelFor(1500 * 60).name).toBe('五星志愿者')
    expect(levelFor(100000 * 60).level).toBe(5)
  })
  it('tells how far the next level is', () => {
    expect(levelProgress(6210)).toMatchObject({ current: { level: 1 }, next: { level: 2, minHours: 300 }, remainingMinutes: 300 * 60 - 6210 })
    expect(levelProgress(2000 * 60)).toMatchObject({ current: { level: 5 }, next: null, remainingMinutes: 0 })
  })
})

describe('points (1 hour = 1 point)', () => {
  it('credits the whole hours a credit completes on the running total', () => {
    expect(pointsForCredit(0, 40)).toBe(0)
    expect(pointsForCredit(40, 40)).toBe(1)
    expect(pointsForCredit(80, 100)).toBe(2)
    expect(pointsForCredit(0, 120)).toBe(2)
  })
  it('never drifts: points earned always equal ⌊total minutes / 60⌋ however minutes arrive', () => {
    let total = 0
    let points = 0
    const credits = [37, 59, 1, 120, 13, 7, 45, 90, 300, 29, 31, 200]
    for (const m of credits) {
      points += pointsForCredit(total, m)
      total += m
      expect(points).toBe(Math.floor(total / 60))
    }
  })
  it('hours display with one decimal without float drift', () => {
    expect(formatHours(90)).toBe('1.5')
    expect(formatHours(120)).toBe('2')
    expect(formatHours(100)).toBe('1.7')
    expect(formatHours(6)).toBe('0.1')
    expect(formatHours(-30)).toBe('-0.5')
    expect(hoursDecimal(100)).toBe('1.67')
    // 0.1 h + 0.2 h as minutes: exactly 18 minutes = 0.3 h
    expect(formatHours(6 + 12)).toBe('0.3')
  })
})

describe('balances', () => {
  const zero: Balances = { totalMinutes: 0, points: 0, pointsEarned: 0, pointsSpent: 0, serviceCount: 0, firstServiceAt: null, lastServiceAt: null }
  it('credits minutes and points, counting services and their dates', () => {
    const a = creditMinutes(zero, 90, { serviceAt: '2026-11-20T07:00:00.000Z', countsAsService: true })
    expect(a.points).toBe(1)
    expect(a.balances).toMatchObject({ totalMinutes: 90, points: 1, pointsEarned: 1, serviceCount: 1, firstServiceAt: '2026-11-20T07:00:00.000Z' })
    const b = creditMinutes(a.balances, 30, { serviceAt: '2026-11-13T07:00:00.000Z', countsAsService: true })
    expect(b.balances).toMatchObject({ totalMinutes: 120, points: 2, serviceCount: 2, firstServiceAt: '2026-11-13T07:00:00.000Z', lastServiceAt: '2026-11-20T07:00:00.000Z' })
  })
  it('a reduction takes back points but never below zero (spent points stay spent)', () => {
    const a = creditMinutes(zero, 180, { serviceAt: '2026-11-20T07:00:00.000Z', countsAsService: true }).balances
    const spent = debitPoints(a, 3)
    if (!spent.ok) throw new Error('debit refused')
    const corrected = creditMinutes(spent.balances, -120, { serviceAt: '2026-11-20T07:00:00.000Z', countsAsService: false })
    expect(corrected.points).toBe(0)
    expect(corrected.balances).toMatchObject({ totalMinutes: 60, points: 0, serviceCount: 1 })
    const partly = creditMinutes(a, -120, { serviceAt: '2026-11-20T07:00:00.000Z', countsAsService: false })
    expect(partly.points).toBe(-2)
    expect(partly.balances.points).toBe(1)
  })
  it('debits only what the balance holds', () => {
    const a = creditMinutes(zero, 180, { serviceAt: '2026-11-20T07:00:00.000Z', countsAsService: true }).balances
    expect(debitPoints(a, 4)).toEqual({ ok: false, message: '积分不足：需要 4 分，当前 3 分' })
    const ok = debitPoints(a, 3)
    expect(ok.ok && ok.balances).toMatchObject({ points: 0, pointsSpent: 3 })
    expect(refundPoints(ok.ok ? ok.balances : a, 3)).toMatchObject({ points: 3, pointsSpent: 0 })
    expect(() => debitPoints(a, -1)).toThrow(RangeError)
  })
})
