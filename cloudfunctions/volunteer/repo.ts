import type { Command, Database, Transaction } from 'wx-server-sdk'
import { ActionError, findById, findByIds, type ActionContext } from '../kernel'
import { COLLECTIONS } from '../../src/domain/collections'
import type { EventDoc, SignupDoc, TeamDoc, VolunteerDoc } from '../../src/domain/volunteer'
import { newId } from './secrets'

/**
 * Storage helpers of the volunteer function. Invariants that span documents (capacity, waitlist order,
 * balances, stock) are only ever changed inside `db.runTransaction`, reading the documents by id there
 * (WeChat transactions allow no queries) and writing only the fields that change (so a concurrent
 * non-transactional write to another field is never overwritten).
 */

export type Ctx = Pick<ActionContext, 'db' | '_' | 'cloud' | 'now'>

/**
 * Retries for transactions on hot documents (an event everyone signs up to, a popular item, a team's ranking
 * counter). WeChat runs transactions optimistically and retries the callback when a concurrent transaction
 * wrote the same document; a rush of sign-ups needs more attempts than the default. (devcloud serialises
 * transactions with a lock, so it never needs them.) Callbacks are therefore free of side effects outside
 * the transaction.
 */
export const HOT_TX_RETRIES = 20

/** A document inside a transaction, or null. WeChat's transactional get of a missing id may throw; devcloud answers null. */
export async function txGet<T>(t: Transaction, collection: string, id: string): Promise<T | null> {
  try {
    const res = await t.collection(collection).doc(id).get()
    return (res.data as T | null) ?? null
  } catch (err) {
    const msg = String((err as { errMsg?: string; message?: string })?.errMsg ?? (err as Error)?.message ?? '')
    if (/not exist|-502003|DOCUMENT_NOT_EXIST/i.test(msg)) return null
    throw err
  }
}

/**
 * An update that sets exactly the given fields: objects and arrays are replaced (`_.set`), not deep-merged —
 * WeChat flattens nested objects of an update into dotted paths, which cannot write into a null field.
 */
export function patch(_: Command, fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue
    out[k] = v !== null && typeof v === 'object' && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype) ? _.set(v) : v
  }
  return out
}

/** `set` wants the document without `_id`. */
export const withoutId = <T extends { _id: string }>(doc: T): Omit<T, '_id'> => {
  const { _id, ...rest } = doc
  void _id
  return rest
}

export const volunteers = (db: Database) => db.collection(COLLECTIONS.volunteers)
export const events = (db: Database) => db.collection(COLLECTIONS.volunteerEvents)
export const signups = (db: Database) => db.collection(COLLECTIONS.volunteerSignups)

export async function loadVolunteer(ctx: Ctx, openid: string): Promise<VolunteerDoc | null> {
  return findById<VolunteerDoc>(volunteers(ctx.db), openid)
}

/** The caller's approved volunteer record, or FORBIDDEN. */
export async function requireApproved(ctx: Ctx, openid: string): Promise<VolunteerDoc> {
  const v = await loadVolunteer(ctx, openid)
  if (!v || v.status !== 'approved') throw new ActionError('FORBIDDEN', '请先完成志愿者实名注册并通过审核')
  return v
}

export async function loadEvent(ctx: Ctx, id: string): Promise<EventDoc> {
  const e = await findById<EventDoc>(events(ctx.db), id)
  if (!e) throw new ActionError('NOT_FOUND', '活动不存在')
  return e
}

export async function loadTeam(ctx: Ctx, id: string): Promise<TeamDoc> {
  const t = await findById<TeamDoc>(ctx.db.collection(COLLECTIONS.volunteerTeams), id)
  if (!t || !t.active) throw new ActionError('NOT_FOUND', '志愿服务队不存在')
  return t
}

export const loadSignups = (ctx: Ctx, ids: string[]) => findByIds<SignupDoc>(ctx.db, COLLECTIONS.volunteerSignups, ids)

// ---------------------------------------------------------------------------------------------- audit

export type AuditAction = 'review' | 'clearPause' | 'manualHours' | 'markAttendance' | 'confirmHours' | 'correction' | 'export' | 'verifyRedemption'

export interface AuditDoc {
  _id: string
  at: string
  by: string
  action: AuditAction
  openid: string | null
  eventId: string | null
  before: unknown
  after: unknown
  reason: string | null
}

/**
 * Appends an audit record (inside a transaction when given one, so it commits with the change), and tells
 * the kernel's 操作日志 the same before/after (a retried transaction replaces its note, see kernel/audit.ts).
 */
export async function audit(
  ctx: Partial<Pick<ActionContext, 'audit'>>,
  target: { db: Database } | { t: Transaction },
  entry: Omit<AuditDoc, '_id' | 'openid' | 'eventId' | 'before' | 'after' | 'reason'> & Partial<Pick<AuditDoc, 'openid' | 'eventId' | 'before' | 'after' | 'reason'>>,
): Promise<void> {
  const doc: Omit<AuditDoc, '_id'> = {
    at: entry.at,
    by: entry.by,
    action: entry.action,
    openid: entry.openid ?? null,
    eventId: entry.eventId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
  }
  ctx.audit?.({ targetType: 'volunteer', targetId: doc.openid ?? doc.eventId, summary: doc.action, before: doc.before, after: doc.after })
  const id = newId('a')
  if ('t' in target) await target.t.collection(COLLECTIONS.volunteerAudit).doc(id).set({ data: doc })
  else await target.db.collection(COLLECTIONS.volunteerAudit).add({ data: { _id: id, ...doc } })
}
