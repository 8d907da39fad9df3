import { createHash } from 'node:crypto'
import { checkText, defineHandler, type ActionContext, isDuplicateKey, keysetPage } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { boardContract } from '../../src/domain/contracts/board'
import {
  exposureStatus,
  fixedAtOf,
  REPLIES_MAX,
  toExposureCard,
  toExposurePublicDetail,
  type ExposureDoc,
  type ExposureStatus,
  type LinkedReport,
} from '../../src/domain/board'
import { chinaDayNumber, iso } from '../../src/domain/report'
import { exposuresOf, followsOf, linkedReports, loadExposure, viewsOf, type Ctx } from './store'

/**
 * 曝光台, public side: the feed, the detail (with its view count), following, and the named unit's 回应.
 *
 * The feed pages by index on (state, [categoryId], [districtId], [publicStatus], publishedAt, _id); each
 * page then reads its linked reports in one batched query, so every card shows where the problem stands
 * NOW. `publicStatus` on the entry (what the status filter uses) is kept by the `sync` timer; a card whose
 * live status differs repairs it on the way (compare-and-set, so it never overwrites a newer value).
 */

/** Entry ids of a resident's follow and of a counted view. */
export const followId = (entryId: string, openid: string): string => `${entryId}_${openid}`.slice(0, 128)
const viewId = (entryId: string, openid: string, day: number): string =>
  createHash('sha256').update(`${entryId}\u0000${openid}\u0000${day}`).digest('hex').slice(0, 32)

/** Statuses whose timing matters to followers: reaching `fixed` is what they are told about. */
export function statusPatch(e: Pick<ExposureDoc, 'publicStatus' | 'fixNotified'>, live: ExposureStatus, fixedAt: string | null): Partial<ExposureDoc> | null {
  if (live === e.publicStatus) return null
  // A fix followers have not heard of yet; leaving `fixed` (reopened) re-arms the notice for the next fix.
  return { publicStatus: live, fixedAt: live === 'fixed' ? fixedAt : null, fixNotified: false }
}

/** Writes a live status back to the entry unless someone else changed it meanwhile. Never fails the caller. */
export async function repairStatus(ctx: Ctx, e: ExposureDoc, report: LinkedReport | null, now: Date): Promise<ExposureStatus> {
  const live = exposureStatus(e, report, now)
  const patch = statusPatch(e, live, fixedAtOf(e, report))
  if (patch) {
    try {
      await exposuresOf(ctx).where({ _id: e._id, publicStatus: e.publicStatus }).update({ data: patch })
    } catch (err) {
      console.warn(`[board] status of ${e._id} not repaired:`, err)
    }
  }
  return live
}

export const exposureFeed = defineHandler(boardContract, 'exposureFeed', async ({ categoryId, districtId, status, cursor, limit }, ctx) => {
  const now = ctx.now()
  const where: Record<string, unknown> = { state: 'published' }
  if (categoryId) where.categoryId = categoryId
  if (districtId) where['location.districtId'] = districtId
  if (status) where.publicStatus = status
  const page = await keysetPage<ExposureDoc>(exposuresOf(ctx), ctx._, where, {
    list: `feed:${categoryId ?? ''}:${districtId ?? ''}:${status ?? ''}`,
    field: 'publishedAt',
    dir: 'desc',
    limit,
    cursor,
  })
  const reports = await linkedReports(ctx, page.items.flatMap((e) => (e.reportId ? [e.reportId] : [])))
  const at = (e: ExposureDoc) => (e.reportId ? (reports.get(e.reportId) ?? null) : null)
  await Promise.all(page.items.map((e) => repairStatus(ctx, e, at(e), now)))
  return { items: page.items.map((e) => toExposureCard(e, at(e), now)), nextCursor: page.nextCursor }
})

/** Counts a view once per person per entry per China day: a unique mark, then `_.inc(1)` — no read. */
async function countView(ctx: ActionContext, entryId: string, now: Date): Promise<boolean> {
  const day = chinaDayNumber(now)
  try {
    await viewsOf(ctx).add({ data: { _id: viewId(entryId, ctx.openid, day), day } })
  } catch (err) {
    if (isDuplicateKey(err)) return false
    throw err
  }
  await exposuresOf(ctx).doc(entryId).update({ data: { views: ctx._.inc(1) } })
  return true
}

export const exposureDetail = defineHandler(boardContract, 'exposureDetail', async ({ id }, ctx) => {
  const now = ctx.now()
  const e = await loadExposure(ctx, id)
  if (e.state !== 'published') throw new ActionError('NOT_FOUND', '该曝光不存在或已撤回')
  const [reports, follow, counted] = await Promise.all([
    linkedReports(ctx, e.reportId ? [e.reportId] : []),
    followsOf(ctx).where({ _id: followId(id, ctx.openid) }).limit(1).get(),
    countView(ctx, id, now).catch((err) => {
      console.warn(`[board] view of ${id} not counted:`, err)
      return false
    }),
  ])
  const report = e.reportId ? (reports.get(e.reportId) ?? null) : null
  await repairStatus(ctx, e, report, now)
  const detail = toExposurePublicDetail({ ...e, views: e.views + (counted ? 1 : 0) }, report, now)
  return {
    ...detail,
    following: follow.data.length > 0,
    canReply: ctx.roles.includes('unit') && ctx.viewer.unitId === e.unit.id,
  }
})

export const exposureFollow = defineHandler(boardContract, 'exposureFollow', async ({ id, follow }, ctx) => {
  const e = await loadExposure(ctx, id)
  if (e.state !== 'published') throw new ActionError('NOT_FOUND', '该曝光不存在或已撤回')
  const docId = followId(id, ctx.openid)
  let delta = 0
  if (follow) {
    try {
      await followsOf(ctx).add({ data: { _id: docId, entryId: id, userId: ctx.openid, at: iso(ctx.now()) } })
      delta = 1
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
    }
  } else {
    const res = await followsOf(ctx).doc(docId).remove()
    delta = res.stats.removed ? -1 : 0
  }
  if (delta) await exposuresOf(ctx).doc(id).update({ data: { followers: ctx._.inc(delta) } })
  return { following: follow, followers: Math.max(0, e.followers + delta) }
})

export const exposureReply = defineHandler(boardContract, 'exposureReply', async ({ id, text }, ctx) => {
  const unit = ctx.user?.unit ?? null
  if (!unit) throw new ActionError('FORBIDDEN', '您的账号尚未绑定责任单位，请联系管理员')
  const e = await loadExposure(ctx, id)
  if (e.state !== 'published') throw new ActionError('NOT_FOUND', '该曝光不存在或已撤回')
  if (e.unit.id !== unit.id) throw new ActionError('FORBIDDEN', '只有被曝光的责任单位可以回应')
  if (e.replies.length >= REPLIES_MAX) throw new ActionError('CONFLICT', `每条曝光最多回应 ${REPLIES_MAX} 次`)
  await checkText(ctx, { content: text, scene: 2, field: 'text', label: '回应' })
  const reply = { unitId: unit.id, unitName: e.unit.name, text, at: iso(ctx.now()) }
  // Appended with a guard on the count, so two handlers answering at once cannot push it past the limit.
  const res = await exposuresOf(ctx)
    .where({ _id: id, [`replies.${REPLIES_MAX - 1}`]: ctx._.exists(false) })
    .update({ data: { replies: ctx._.push([reply]), updatedAt: reply.at } })
  if (!res.stats.updated) throw new ActionError('CONFLICT', `每条曝光最多回应 ${REPLIES_MAX} 次`)
  const replies = [...e.replies, reply]
  return { replies: replies.map(({ unitName, text: t, at }) => ({ unitName, text: t, at })) }
})
