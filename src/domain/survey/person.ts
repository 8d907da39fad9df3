/**
 * The person key of 代录 (assisted entry) and its dedupe rule.
 *
 * Staff entering a paper or door-to-door questionnaire type the respondent's mobile number or ID-card
 * number; residents answering online may give their mobile number once (kept, hashed, in their survey
 * profile). The number is normalised here and then hashed on the server with a secret and the survey id —
 * the clear number is never stored, and keys of different surveys cannot be linked.
 *
 * The rule, per survey: one counted response per WeChat user and one per person key.
 *   - an online answer claims the user (always) and the person key (when the resident gave a number);
 *   - an assisted entry claims the person key;
 *   - a claim already taken → CONFLICT, whichever channel came first.
 * So a door-to-door entry for someone who already answered online with that number is refused, and so is
 * their later online answer after a door-to-door entry. A resident who never gives a number cannot be
 * matched to a paper form — that is the documented limit of dedupe without verified identities.
 */

import { idCheckDigit as idCardCheckDigit } from '../shared/id-number'

export type PersonKeyKind = 'mobile' | 'idcard'

export type PersonKeyResult = { ok: true; kind: PersonKeyKind; value: string } | { ok: false; message: string }

/** GB 11643 check digit of an 18-character resident ID number. */
export { idCardCheckDigit }

/** Mainland mobile number (optionally +86 / spaces / dashes) or 18-digit ID number → canonical form. */
export function normalizePersonKey(input: string): PersonKeyResult {
  const compact = input.replace(/[\s-]/g, '').toUpperCase()
  const mobile = compact.replace(/^(\+?86)(?=1\d{10}$)/, '')
  if (/^1[3-9]\d{9}$/.test(mobile)) return { ok: true, kind: 'mobile', value: mobile }
  if (/^\d{17}[\dX]$/.test(compact)) {
    if (idCardCheckDigit(compact.slice(0, 17)) !== compact[17]) return { ok: false, message: '身份证号码校验位不正确，请核对' }
    return { ok: true, kind: 'idcard', value: compact }
  }
  return { ok: false, message: '请填写 11 位手机号或 18 位身份证号' }
}

/** A mobile number only (what residents may give online). */
export function normalizeMobile(input: string): PersonKeyResult {
  const r = normalizePersonKey(input)
  if (r.ok && r.kind !== 'mobile') return { ok: false, message: '请填写 11 位手机号' }
  return r.ok ? r : { ok: false, message: '请填写 11 位手机号' }
}

/** `138****5678` / `1101**********123X`, for confirmations on screen. */
export function maskPersonKey(key: { kind: PersonKeyKind; value: string }): string {
  if (key.kind === 'mobile') return `${key.value.slice(0, 3)}****${key.value.slice(7)}`
  return `${key.value.slice(0, 4)}${'*'.repeat(10)}${key.value.slice(14)}`
}
