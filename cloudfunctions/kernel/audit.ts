import type { Database } from 'wx-server-sdk'
import type { ActionContract } from '../../src/domain/core/contract'
import type { Role } from '../../src/domain/core/roles'
import { AUDIT_REDACTED_KEYS, type AuditChange } from '../../src/domain/audit/entry'
import { COLLECTIONS } from '../../src/domain/collections'

/** What a handler says it changed: `ctx.audit({ targetType: 'report', targetId, before, after })`. */
export interface AuditNote {
  targetType: string
  targetId?: string | null
  summary?: string | null
  before?: unknown
  after?: unknown
}

/** The stored entry (see src/domain/audit/entry.ts for the view). `at` is a Date for the index. */
export interface AuditDoc {
  _id: string
  at: Date
  actor: { openid: string; nickname: string | null; roles: Role[]; unitId: string | null }
  fn: string
  action: string
  outcome: 'ok' | 'refused'
  error: { code: string; message: string } | null
  input: unknown
  targetId: string | null
  changes: AuditChange[]
  requestId: string
}

const STAFF_ROLES: readonly Role[] = ['staff', 'unit', 'admin']

/** Logged: actions only staff, units or admins may call, unless they only read. */
export function isAudited(def: ActionContract): boolean {
  return def.effect !== 'read' && def.roles.length > 0 && def.roles.every((r) => STAFF_ROLES.includes(r))
}

const REDACTED = new Set<string>(AUDIT_REDACTED_KEYS)
const MAX_STRING = 200
const MAX_ITEMS = 20
const MAX_DEPTH = 4

/**
 * A copy small and safe enough to keep forever: personal fields replaced by '[已隐去]', strings cut to
 * 200 characters, arrays to 20 items, nesting to 4 levels. Dates become ISO strings.
 */
export function trimForAudit(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value
  if (typeof value !== 'object') return value
  if (depth >= MAX_DEPTH) return '[…]'
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => trimForAudit(v, depth + 1))
    return value.length > MAX_ITEMS ? [...items, `…共 ${value.length} 项`] : items
  }
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = REDACTED.has(k) && v !== null && v !== undefined ? '[已隐去]' : trimForAudit(v, depth + 1)
  }
  return out
}

/** The id the input names first (`id`, `reportId`, `eventId` …), so most entries are searchable by target without help. */
function targetOf(input: unknown, changes: AuditChange[]): string | null {
  const named = changes.find((c) => c.targetId)?.targetId
  if (named) return named
  if (!input || typeof input !== 'object') return null
  const rec = input as Record<string, unknown>
  for (const key of ['id', 'reportId', 'exposureId', 'issueId', 'surveyId', 'eventId', 'openid', 'unitId', 'gridId']) {
    if (typeof rec[key] === 'string') return rec[key] as string
  }
  return null
}

let seq = 0
/** Time-ordered, unique without a counter document: `<ms base36>-<random>-<seq>`. */
function auditId(at: Date): string {
  seq = (seq + 1) % 1296
  return `${at.getTime().toString(36).padStart(9, '0')}-${Math.random().toString(36).slice(2, 8)}-${seq.toString(36)}`
}

/** Collects the handler's notes during one call and writes the entry afterwards (one insert). */
export class AuditTrail {
  private readonly changes: AuditChange[] = []

  /** Adds what changed; a note on the same target and summary replaces the earlier one (a retried transaction). */
  note(n: AuditNote): void {
    const same = this.changes.findIndex((c) => c.targetType === n.targetType && c.targetId === (n.targetId ?? null) && c.summary === (n.summary ?? null))
    if (same >= 0) this.changes.splice(same, 1)
    else if (this.changes.length >= MAX_ITEMS) return
    this.changes.push({
      targetType: n.targetType,
      targetId: n.targetId ?? null,
      summary: n.summary ?? null,
      before: trimForAudit(n.before),
      after: trimForAudit(n.after),
    })
  }

  async write(
    db: Database,
    entry: Pick<AuditDoc, 'actor' | 'fn' | 'action' | 'outcome' | 'error' | 'requestId'> & { input: unknown; at: Date },
  ): Promise<void> {
    const doc: AuditDoc = {
      _id: auditId(entry.at),
      ...entry,
      input: trimForAudit(entry.input),
      targetId: targetOf(entry.input, this.changes),
      changes: this.changes,
    }
    await db.collection(COLLECTIONS.auditLog).add({ data: { ...doc } })
  }
}
