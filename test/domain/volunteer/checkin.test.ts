import { createHmac } from 'node:crypto'
import {
  attendanceTimeProblem,
  CHECKIN_RADIUS_M,
  distanceToEvent,
  makeToken,
  TOKEN_STEP_MS,
  verifyToken,
  type Signer,
} from '../../../src/domain/volunteer'
import { offsetPoint } from '../../../src/domain/city/geo'
import { anEvent } from './fixtures'

const sign: Signer = (m) => createHmac('sha256', 'test-secret').update(m).digest().subarray(0, 16).toString('base64url')
const otherKey: Signer = (m) => createHmac('sha256', 'another-secret').update(m).digest().subarray(0, 16).toString('base64url')
const t0 = Date.parse('2026-11-27T07:00:03.000Z')

describe('check-in tokens', () => {
  it('are accepted during their own 10 s step and the next one, then expire', () => {
    const { token, expiresAt } = makeToken(sign, 'ev1', 'in', t0)
    const stepStart = Math.floor(t0 / TOKEN_STEP_MS) * TOKEN_STEP_MS
    expect(Date.parse(expiresAt)).toBe(stepStart + 2 * TOKEN_STEP_MS)
    expect(verifyToken(sign, token, t0)).toEqual({ ok: true, eventId: 'ev1', kind: 'in', step: stepStart / TOKEN_STEP_MS })
    expect(verifyToken(sign, token, stepStart + TOKEN_STEP_MS + 9_999).ok).toBe(true)
    expect(verifyToken(sign, token, stepStart + 2 * TOKEN_STEP_MS)).toEqual({ ok: false, reason: 'expired' })
    expect(verifyToken(sign, token, t0 + 60_000)).toEqual({ ok: false, reason: 'expired' })
  })
  it('a token from the future (a clock trick) is refused', () => {
    const { token } = makeToken(sign, 'ev1', 'in', t0 + 30_000)
    expect(verifyToken(sign, token, t0)).toEqual({ ok: false, reason: 'future' })
  })
  it('cannot be altered: another event, kind or step breaks the signature', () => {
    const { token } = makeToken(sign, 'ev1', 'in', t0)
    const [v, , kind, step, sig] = token.split('.')
    expect(verifyToken(sign, [v, 'ev2', kind, step, sig].join('.'), t0)).toEqual({ ok: false, reason: 'bad_signature' })
    expect(verifyToken(sign, [v, 'ev1', 'out', step, sig].join('.'), t0)).toEqual({ ok: false, reason: 'bad_signature' })
    expect(verifyToken(sign, [v, 'ev1', kind, String(Number(step) + 1), sig].join('.'), t0 + 10_000)).toEqual({ ok: false, reason: 'bad_signature' })
    expect(verifyToken(otherKey, token, t0)).toEqual({ ok: false, reason: 'bad_signature' })
  })
  it('rejects what is not a token', () => {
    for (const bad of ['', 'hello', 'v2.ev1.in.1.abcdefghijklmnopqrstuv', 'v1.ev 1.in.1.abcdefghijklmnopqrstuv', 'v1.ev1.sideways.1.abcdefghijklmnopqrstuv']) {
      expect(verifyToken(sign, bad, t0)).toEqual({ ok: false, reason: 'malformed' })
    }
  })
})

describe('where and when attendance is accepted', () => {
  const now = new Date('2026-11-27T06:00:00.000Z')
  const e = anEvent(now, { startInH: 1, hours: 2 }) // 07:00–09:00
  const at = (iso: string) => new Date(iso)
  it('check-in from 30 minutes before the start until the end; check-out from the start until an hour after the end', () => {
    expect(attendanceTimeProblem(e, 'in', at('2026-11-27T06:29:00.000Z'))).toContain('30 分钟')
    expect(attendanceTimeProblem(e, 'in', at('2026-11-27T06:30:00.000Z'))).toBeNull()
    expect(attendanceTimeProblem(e, 'in', at('2026-11-27T09:00:01.000Z'))).toContain('已结束')
    expect(attendanceTimeProblem(e, 'out', at('2026-11-27T06:59:00.000Z'))).toContain('尚未开始')
    expect(attendanceTimeProblem(e, 'out', at('2026-11-27T09:59:00.000Z'))).toBeNull()
    expect(attendanceTimeProblem(e, 'out', at('2026-11-27T10:00:01.000Z'))).toContain('补录')
  })
  it(`measures the distance to the nearest of the place and the posts (≤ ${CHECKIN_RADIUS_M} m accepted)`, () => {
    const far = offsetPoint(e.place, 2000, 0)
    const withPost = { ...e, posts: [{ ...e.posts[0], location: offsetPoint(e.place, 1900, 0) }] }
    expect(distanceToEvent(e, offsetPoint(e.place, 300, 0))).toBeGreaterThan(295)
    expect(distanceToEvent(e, far)).toBeGreaterThan(1990)
    expect(distanceToEvent(withPost, far)).toBeLessThan(110)
  })
})
