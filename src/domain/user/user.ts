import { z } from 'zod'
import { roleSchema, effectiveRoles, type Role } from '../core/roles'
import { isoDateTime, toIso } from '../shared/time'
import { consentSchema, type Consent } from './privacy'

export const NICKNAME_MAX = 20

/** Control characters (tabs, newlines, bells …) and angle brackets have no place in a display name. */
function hasControlOrMarkup(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (c < 0x20 || c === 0x7f || ch === '<' || ch === '>') return true
  }
  return false
}

export const nicknameSchema = z
  .string({ error: '请填写昵称' })
  .trim()
  .min(1, '昵称不能为空')
  .max(NICKNAME_MAX, `昵称最多 ${NICKNAME_MAX} 个字`)
  .refine((s) => !hasControlOrMarkup(s), '昵称不能包含特殊字符')
  .meta({ title: '昵称' })

/**
 * A user as stored in `users`; `_id` is the OPENID (so one WeChat user is one record, by construction).
 * `roles` holds the granted roles only — `resident` is implicit (see `effectiveRoles`).
 */
export interface UserDoc {
  _id: string
  nickname: string
  roles: Role[]
  /** The 责任单位 a `unit` handler works for (name denormalised so `me` needs no join). */
  unit: { id: string; name: string } | null
  /** The 隐私政策 version agreed to and when (absent on records made before consent was kept). */
  consent?: Consent | null
  createdAt: Date | string
  updatedAt: Date | string
}

/** What a caller may learn about themselves. Phone and ID numbers are never part of it. */
export const meSchema = z.object({
  openid: z.string(),
  nickname: z.string(),
  roles: z.array(roleSchema),
  /** The 责任单位 a `unit` handler is bound to. */
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  registeredAt: isoDateTime().nullable(),
  /** The 隐私政策 consent on record (null: never agreed, or agreed on this device only). */
  consent: consentSchema.nullable(),
})
export type Me = z.infer<typeof meSchema>

/** 市民 + four digits derived from the OPENID: stable, friendly, and gives nothing of the OPENID away. */
export function defaultNickname(openid: string): string {
  let h = 2166136261
  for (let i = 0; i < openid.length; i++) {
    h ^= openid.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return `市民${String((h >>> 0) % 10000).padStart(4, '0')}`
}

export function newResident(openid: string, now: Date): UserDoc {
  return { _id: openid, nickname: defaultNickname(openid), roles: [], unit: null, createdAt: now, updatedAt: now }
}

export function toMe(doc: UserDoc): Me {
  return {
    openid: doc._id,
    nickname: doc.nickname,
    roles: effectiveRoles(doc.roles),
    unit: doc.unit ?? null,
    registeredAt: toIso(doc.createdAt),
    consent: doc.consent ?? null,
  }
}

/** Summary of a user for staff screens (no OPENID beyond what admins need to grant roles). */
export const userSummarySchema = z.object({
  openid: z.string(),
  nickname: z.string(),
  roles: z.array(roleSchema),
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  registeredAt: isoDateTime().nullable(),
})
export type UserSummary = z.infer<typeof userSummarySchema>

/**
 * The rule for an admin changing someone's roles. Returns the roles to store (without the implicit
 * `resident`), or an error message:
 *  - `unit` needs a unit to bind to; without `unit` the binding is dropped;
 *  - an admin cannot take the admin role away from themselves (no locking the city out).
 */
export function planRoleChange(opts: {
  actorOpenid: string
  targetOpenid: string
  roles: readonly Role[]
  unitId: string | null
}):
  | { ok: true; roles: Role[]; unitId: string | null }
  | { ok: false; code: 'FORBIDDEN' | 'INVALID_INPUT'; message: string } {
  const roles = Array.from(new Set(opts.roles.filter((r) => r !== 'resident')))
  if (opts.actorOpenid === opts.targetOpenid && !roles.includes('admin')) {
    return { ok: false, code: 'FORBIDDEN', message: '不能取消自己的管理员角色' }
  }
  if (roles.includes('unit') && !opts.unitId) return { ok: false, code: 'INVALID_INPUT', message: '责任单位人员必须绑定一个责任单位' }
  return { ok: true, roles, unitId: roles.includes('unit') ? opts.unitId : null }
}
