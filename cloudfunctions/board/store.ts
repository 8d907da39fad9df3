import { randomBytes } from 'node:crypto'
import type { Collection, Command, Database } from 'wx-server-sdk'
import { findByIds, type ActionContext } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { COLLECTIONS } from '../../src/domain/collections'
import { defaultNickname } from '../../src/domain/user/user'
import type { ExposureDoc, IssueDoc, LinkedReport, NoteDoc, StaffRef } from '../../src/domain/board'

/**
 * Storage of the board function: collections, ids, the caller as a staff reference, keyset paging and the
 * batched read of linked reports (the one way 曝光台 and 黑榜 learn where a problem stands).
 */

export type Ctx = Pick<ActionContext, 'db' | '_'>

export const exposuresOf = (ctx: Ctx) => ctx.db.collection(COLLECTIONS.exposures)
export const followsOf = (ctx: Ctx) => ctx.db.collection(COLLECTIONS.exposureFollows)
export const viewsOf = (ctx: Ctx) => ctx.db.collection(COLLECTIONS.exposureViews)
export const issuesOf = (ctx: Ctx) => ctx.db.collection(COLLECTIONS.boardIssues)
export const notesOf = (ctx: Ctx) => ctx.db.collection(COLLECTIONS.boardNotes)
export const masksOf = (ctx: Ctx) => ctx.db.collection(COLLECTIONS.boardMasks)
export const settingsOf = (ctx: Ctx) => ctx.db.collection(COLLECTIONS.boardSettings)
export const reportsOf = (ctx: Ctx) => ctx.db.collection(COLLECTIONS.reports)

/** `<prefix>-<16 hex>`. */
export const newId = (prefix: string): string => `${prefix}-${randomBytes(8).toString('hex')}`
/** An exposure made from a report has a derived id: one entry per report, by construction. */
export const exposureIdFor = (reportId: string): string => `e-${reportId}`.slice(0, 64)
export { maskKey } from './keys'

/** WeChat passes MongoDB's E11000 text through for unique-key violations. */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { errMsg?: unknown; message?: unknown; code?: unknown } | null
  return !!e && (e.code === 'DATABASE_DUPLICATE_KEY' || /E11000|duplicate key/i.test(`${String(e.errMsg ?? '')} ${String(e.message ?? '')}`))
}

/** The caller as shown to other staff. */
export function staffRef(ctx: Pick<ActionContext, 'openid' | 'user'>): StaffRef {
  return { id: ctx.openid, name: ctx.user?.nickname ?? defaultNickname(ctx.openid) }
}

export async function loadExposure(ctx: Ctx, id: string): Promise<ExposureDoc> {
  const res = await exposuresOf(ctx).where({ _id: id }).limit(1).get()
  const doc = res.data[0] as ExposureDoc | undefined
  if (!doc) throw new ActionError('NOT_FOUND', '该曝光不存在或已被删除')
  return doc
}

export async function loadIssue(ctx: Ctx, id: string): Promise<IssueDoc> {
  const res = await issuesOf(ctx).where({ _id: id }).limit(1).get()
  const doc = res.data[0] as IssueDoc | undefined
  if (!doc) throw new ActionError('NOT_FOUND', '该期红黑榜不存在')
  return doc
}

export async function notesFor(ctx: Ctx, issueId: string): Promise<NoteDoc[]> {
  const res = await notesOf(ctx).where({ issueId }).orderBy('at', 'asc').orderBy('_id', 'asc').limit(100).get()
  return res.data as NoteDoc[]
}

/** The fields of a report the board reads. */
const REPORT_FIELDS = { _id: true, status: true, dispatch: true, rectification: true, closedAt: true, statusAt: true, flags: true } as const

/** Linked reports by id, in one `_id in` query per 100 (parallel). */
export async function linkedReports(ctx: Ctx, ids: Iterable<string>): Promise<Map<string, LinkedReport>> {
  const unique = Array.from(new Set(ids))
  const out = new Map<string, LinkedReport>()
  if (!unique.length) return out
  const chunks: string[][] = []
  for (let i = 0; i < unique.length; i += 100) chunks.push(unique.slice(i, i + 100))
  const results = await Promise.all(chunks.map((c) => reportsOf(ctx).where({ _id: ctx._.in(c) }).field(REPORT_FIELDS).limit(c.length).get()))
  for (const r of results) for (const d of r.data as LinkedReport[]) out.set(d._id, d)
  return out
}

export { findByIds }

// -------------------------------------------------------------------------------------------------------
// Keyset paging: a page costs about `limit` documents however deep the list is (no skip).

type Key = string | number
interface PageSpec {
  /** Which list the cursor belongs to (a cursor of another list is refused). */
  list: string
  field: string
  dir: 'asc' | 'desc'
  limit: number
  cursor?: string
}

export function encodeCursor(list: string, value: Key, id: string): string {
  return Buffer.from(JSON.stringify([list, value, id]), 'utf8').toString('base64url')
}

function decodeCursor(list: string, cursor: string): { value: Key; id: string } {
  const bad = () => new ActionError('INVALID_INPUT', '分页参数无效，请刷新列表后重试', [{ path: 'cursor', message: '分页参数无效' }])
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw bad()
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw bad()
  const [l, value, id] = parsed as unknown[]
  const okValue = (typeof value === 'string' && value.length <= 64) || (typeof value === 'number' && Number.isFinite(value))
  if (l !== list || !okValue || typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw bad()
  return { value: value as Key, id }
}

const valueAt = (doc: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((cur, k) => (cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined), doc)

/** One page of `where` in (field, _id) order, reading `limit + 1` documents from the index. */
export async function keysetPage<T extends { _id: string }>(
  coll: Collection,
  _: Command,
  where: Record<string, unknown>,
  spec: PageSpec,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const after = spec.cursor ? decodeCursor(spec.list, spec.cursor) : null
  const asc = spec.dir === 'asc'
  const cond = after
    ? _.and([
        where,
        { [spec.field]: asc ? _.gte(after.value) : _.lte(after.value) },
        _.or([{ [spec.field]: asc ? _.gt(after.value) : _.lt(after.value) }, { [spec.field]: after.value, _id: asc ? _.gt(after.id) : _.lt(after.id) }]),
      ])
    : where
  const res = await coll.where(cond).orderBy(spec.field, spec.dir).orderBy('_id', spec.dir).limit(spec.limit + 1).get()
  const data = res.data as T[]
  const items = data.slice(0, spec.limit)
  const last = items[items.length - 1]
  const nextCursor = data.length > spec.limit && last ? encodeCursor(spec.list, valueAt(last, spec.field) as Key, last._id) : null
  return { items, nextCursor }
}

/** `db.runTransaction`, typed here (the kernel's SDK typings do not declare it). */
export interface TxDoc {
  get(): Promise<{ data: Record<string, any> | null }>
  update(o: { data: Record<string, unknown> }): Promise<unknown>
  set(o: { data: Record<string, unknown> }): Promise<unknown>
}
export interface Tx {
  collection(name: string): { doc(id: string): TxDoc; add(o: { data: Record<string, unknown> }): Promise<unknown> }
}
export function runTransaction<T>(db: Database, run: (t: Tx) => Promise<T>): Promise<T> {
  return (db as unknown as { runTransaction(cb: (t: Tx) => Promise<T>, retries?: number): Promise<T> }).runTransaction(run, 10)
}

/** A document read inside a transaction, or null (WeChat throws for a missing doc, devcloud answers null). */
export async function txGet<T>(t: Tx, collection: string, id: string): Promise<T | null> {
  try {
    const res = await t.collection(collection).doc(id).get()
    return (res?.data as T | null) ?? null
  } catch (err) {
    if (/not exist|cannot find|does not exist/i.test(String((err as { errMsg?: string; message?: string })?.errMsg ?? (err as Error)?.message ?? ''))) return null
    throw err
  }
}
