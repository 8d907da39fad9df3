// The client keeps zod-free copies of a few 志愿服务 helpers (src/services/volunteer.ts); they must give the
// domain's answers.
import fc from 'fast-check'
import * as client from '@/services/volunteer'
import { LEVELS, formatCode, formatHours, isValidIdNumber, levelProgress, maskIdNumber } from '@/domain/volunteer'

jest.mock('@tarojs/taro', () => ({}), { virtual: true })

test('formatHours, maskIdNumber and formatCode match the domain', () => {
  fc.assert(
    fc.property(fc.integer({ min: -100000, max: 100000 }), (m) => {
      expect(client.formatHours(m)).toBe(formatHours(m))
    }),
  )
  fc.assert(
    fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
      expect(client.maskIdNumber(id)).toBe(maskIdNumber(id))
      expect(client.isValidIdNumber(id)).toBe(isValidIdNumber(id))
    }),
  )
  expect(client.formatCode('ABCDEFGHJK')).toBe(formatCode('ABCDEFGHJK'))
})

test('levels and the progress ratio agree with the domain', () => {
  expect(client.LEVELS).toEqual(LEVELS.map((l) => ({ ...l })))
  for (const minutes of [0, 59, 6000, 17999, 18000, 36000, 90000, 200000]) {
    const p = levelProgress(minutes)
    const r = client.levelRatio(minutes, p.current, p.next)
    expect(r).toBeGreaterThanOrEqual(0)
    expect(r).toBeLessThanOrEqual(1)
    if (!p.next) expect(r).toBe(1)
  }
})

test('Beijing time helpers', () => {
  expect(client.chinaLocalToIso('2026-11-27', '15:00')).toBe('2026-11-27T07:00:00.000Z')
  expect(client.isoToChinaDate('2026-11-27T16:30:00.000Z')).toBe('2026-11-28')
  expect(client.isoToChinaTime('2026-11-27T07:00:00.000Z')).toBe('15:00')
  expect(client.formatRange('2026-11-27T07:00:00.000Z', '2026-11-27T09:00:00.000Z')).toBe('11月27日 周五 15:00–17:00')
  expect(client.addMonths('2026-01', -1)).toBe('2025-12')
  expect(client.addMonths('2026-12', 1)).toBe('2027-01')
  expect(client.monthOf(Date.parse('2026-11-30T17:00:00.000Z'))).toBe('2026-12')
})
