import { randomBytes } from 'node:crypto'
import { findByIds, type ActionContext } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { COLLECTIONS } from '../../src/domain/collections'
import { defaultNickname } from '../../src/domain/user/user'
import type { ExposureDoc, IssueDoc, LinkedReport, NoteDoc, StaffRef } from '../../src/domain/board'

/**
 * Storage of the board function: collections, ids, the caller as a staff reference and the
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
