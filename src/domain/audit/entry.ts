import { z } from 'zod'
import { roleSchema } from '../core/roles'

/**
 * 操作日志: one append-only entry per call of a staff, unit or admin action (reads excepted), written by
 * the kernel after the handler ran. Handlers add what changed (`before`/`after`) through `ctx.audit`.
 */
export const AUDIT_OUTCOMES = ['ok', 'refused'] as const
export const auditOutcomeSchema = z.enum(AUDIT_OUTCOMES)

/** One thing the action changed, as the handler described it. Values are trimmed copies (see kernel/audit.ts). */
export const auditChangeSchema = z.object({
  targetType: z.string(),
  targetId: z.string().nullable(),
  summary: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
})
export type AuditChange = z.infer<typeof auditChangeSchema>

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ openid: z.string(), nickname: z.string().nullable(), roles: z.array(roleSchema), unitId: z.string().nullable() }),
  /** `<function>.<action>` and the contract's summary, so the log reads without the code. */
  action: z.string(),
  actionLabel: z.string(),
  outcome: auditOutcomeSchema,
  /** The refusal's code and message (CONFLICT, NOT_FOUND …) when the handler said no. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** The validated input, with personal fields redacted and long values cut. */
  input: z.unknown(),
  /** The first target named, for search (`targetId`) — e.g. the report id. */
  targetId: z.string().nullable(),
  changes: z.array(auditChangeSchema),
  requestId: z.string(),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

/** Input keys whose values never enter the log (personal data; the change is still recorded by key). */
export const AUDIT_REDACTED_KEYS = ['phone', 'mobile', 'idNumber', 'idCard', 'realName', 'name_real', 'address', 'token', 'code'] as const
