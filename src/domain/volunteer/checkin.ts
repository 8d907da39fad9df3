import { distanceMeters, type Point } from '../city/geo'
import { MINUTE_MS } from './time'
import type { EventDoc } from './event'

/**
 * 扫码签到/签退. The organiser's screen shows a QR code that changes every few seconds: a token signed
 * (HMAC-SHA256, with a secret only the server knows) over the event, the kind (in/out) and a time step.
 * A token is accepted during its own step and the next one, so a screenshot forwarded to someone at home
 * stops working within seconds; the scan must also come from near the event.
 *
 *   token = `v1.<eventId>.<in|out>.<step>.<signature>`   step = ⌊t / STEP_MS⌋
 *
 * Signing itself (node:crypto) is the server's; these rules take the signer as a function so they stay pure.
 */
export const TOKEN_STEP_MS = 10_000
/** A token is valid for its own step and the next: at most 20 s, at least 10 s after it was shown. */
export const TOKEN_STEPS_VALID = 2
/** The organiser's screen fetches a new token this often. */
export const TOKEN_REFRESH_MS = TOKEN_STEP_MS
/** How far from the event's place (or one of its posts) a scan may come from. GPS in a city is ±50 m; posts spread over a street. */
export const CHECKIN_RADIUS_M = 500
/** Check-in opens this long before the start; check-out closes this long after the end. */
export const CHECKIN_EARLY_MS = 30 * MINUTE_MS
export const CHECKOUT_LATE_MS = 60 * MINUTE_MS

export type TokenKind = 'in' | 'out'
export type Signer = (message: string) => string

export const tokenStep = (t: number): number => Math.floor(t / TOKEN_STEP_MS)
const message = (eventId: string, kind: TokenKind, step: number) => `${eventId}|${kind}|${step}`

export function makeToken(sign: Signer, eventId: string, kind: TokenKind, now: number): { token: string; expiresAt: string } {
  const step = tokenStep(now)
  return {
    token: `v1.${eventId}.${kind}.${step}.${sign(message(eventId, kind, step))}`,
    expiresAt: new Date((step + TOKEN_STEPS_VALID) * TOKEN_STEP_MS).toISOString(),
  }
}

export type TokenCheck = { ok: true; eventId: string; kind: TokenKind; step: number } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' | 'future' }

/** Constant-time string comparison (signatures). */
function sameString(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

export function verifyToken(sign: Signer, token: string, now: number): TokenCheck {
  const m = /^v1\.([A-Za-z0-9_-]{1,64})\.(in|out)\.(\d{1,15})\.([A-Za-z0-9_-]{16,64})$/.exec(token)
  if (!m) return { ok: false, reason: 'malformed' }
  const [, eventId, kind, stepText, signature] = m
  const step = Number(stepText)
  if (!sameString(sign(message(eventId, kind as TokenKind, step)), signature)) return { ok: false, reason: 'bad_signature' }
  const current = tokenStep(now)
  if (step > current) return { ok: false, reason: 'future' }
  if (current - step >= TOKEN_STEPS_VALID) return { ok: false, reason: 'expired' }
  return { ok: true, eventId, kind: kind as TokenKind, step }
}

export const TOKEN_MESSAGES: Record<Exclude<TokenCheck, { ok: true }>['reason'], string> = {
  malformed: '这不是本活动的签到码',
  bad_signature: '签到码无效',
  expired: '签到码已过期，请扫描组织者屏幕上的最新二维码',
  future: '签到码无效',
}

/** Whether a check-in / check-out is accepted at `now` relative to the event's times. */
export function attendanceTimeProblem(event: Pick<EventDoc, 'startAt' | 'endAt'>, kind: TokenKind, now: Date): string | null {
  const t = now.getTime()
  const start = Date.parse(event.startAt)
  const end = Date.parse(event.endAt)
  if (kind === 'in') {
    if (t < start - CHECKIN_EARLY_MS) return '活动开始前 30 分钟内才能签到'
    if (t > end) return '活动已结束，不能签到'
    return null
  }
  if (t < start) return '活动尚未开始，不能签退'
  if (t > end + CHECKOUT_LATE_MS) return '已超过签退时间，请联系组织者补录'
  return null
}

/** Distance (m, rounded) from the nearest of the event's place and its posts' locations. */
export function distanceToEvent(event: Pick<EventDoc, 'place' | 'posts'>, at: Point): number {
  const points: Point[] = [event.place, ...event.posts.flatMap((p) => (p.location ? [p.location] : []))]
  return Math.round(Math.min(...points.map((p) => distanceMeters(p, at))))
}
