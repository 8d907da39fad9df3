import { randomBytes } from 'node:crypto'
import { checkText, defineHandler, type ActionContext } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { reportContract, NEARBY_MAX_ITEMS } from '../../src/domain/contracts/report'
import {
  assertCanCosign,
  assertUnderDailyLimit,
  chinaDayBounds,
  CLOSED_NOT_FIXED_STATUSES,
  createReport,
  DAY_MS,
  DUPLICATE_WINDOW_DAYS,
  findDuplicateCandidates,
  iso,
  isPubliclyVisible,
  OPEN_STATUSES,
  searchBox,
  submitPhotoScope,
  toNearbyItem,
  toOwnDetail,
  toOwnView,
  toPublicView,
  type ReportStatus,
} from '../../src/domain/report'
import { afterChange, applyCommand, changeOf, residentActor } from './flow'
import { fetchPage } from './paging'
import { startPhotoChecks, assertOwnPhotos, storedPhotoUrls } from './photos'
import { loadCategory, nearbyGrids, placeOf } from './places'
import { toRecord, type ReportRecord } from './records'
import { addFollower, appendEvent, findByClientId, insertReport, loadReport, loadTimeline, reportsOf } from './repository'

/** msgSecCheck scenes: 3 论坛 for what becomes public (the report), 2 评论 for comments. */
const SCENE_POST = 3
const SCENE_COMMENT = 2

/** Open reports in the box around a point examined for duplicates, at most (the box is ~200 m across). */
export const NEARBY_SCAN_MAX = 200

/** Our report ids: 32 hex characters, like the ids WeChat's database generates. */
const newReportId = () => randomBytes(16).toString('hex')

/**
 * Open reports created in the last 7 days inside the box around a point (and of one category, if given):
 * one query on the (categoryId,) status, location.lat index; the exact distance is the domain's.
 */
export async function openReportsNear(
  ctx: Pick<ActionContext, 'db' | '_'>,
  p: { lat: number; lng: number; categoryId?: string },
  radiusM: number,
  now: Date,
): Promise<ReportRecord[]> {
  const _ = ctx._
  const box = searchBox(p, radiusM)
  const where: Record<string, unknown> = {
    status: _.in([...OPEN_STATUSES]),
    'location.lat': _.and(_.gte(box.minLat), _.lte(box.maxLat)),
    'location.lng': _.and(_.gte(box.minLng), _.lte(box.maxLng)),
    createdAt: _.gte(iso(new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * DAY_MS))),
  }
  if (p.categoryId) where.categoryId = p.categoryId
  const res = await reportsOf(ctx).where(where).limit(NEARBY_SCAN_MAX).get()
  return res.data as ReportRecord[]
}

const SCOPES: Record<'open' | 'done', readonly ReportStatus[]> = {
  open: OPEN_STATUSES,
  done: ['closed', ...CLOSED_NOT_FIXED_STATUSES],
}

export const submit = defineHandler(reportContract, 'submit', async (input, ctx) => {
  const now = ctx.now()
  const _ = ctx._
  const day = chinaDayBounds(now)
  // One wave: the retry lookup, today's count (from the index alone), the category and the grids around.
  const [existing, today, category, grids] = await Promise.all([
    findByClientId(ctx, ctx.openid, input.clientId),
    reportsOf(ctx)
      .where({ reporterId: ctx.openid, createdAt: _.and(_.gte(day.start), _.lt(day.end)) })
      .count(),
    loadCategory(ctx, input.categoryId),
    nearbyGrids(ctx, input.location),
  ])
  // A retry of a submit that went through answers the same report — before the daily limit, which it must not count against.
  if (existing) return { report: toOwnView(existing, now), replayed: true }
  assertUnderDailyLimit(today.total)
  if (!category || !category.active) {
    throw new ActionError('INVALID_INPUT', '问题分类不存在或已停用，请重新选择', [{ path: 'categoryId', message: '问题分类不存在或已停用' }])
  }
  assertOwnPhotos(input.photos, ctx.openid, submitPhotoScope(input.clientId), 'photos')
  const [urls] = await Promise.all([
    storedPhotoUrls(ctx, input.photos, 'photos'),
    checkText(ctx, { content: input.description, scene: SCENE_POST, field: 'description', label: '问题描述' }),
    checkText(ctx, { content: input.location.address, scene: SCENE_POST, field: 'location.address', label: '地址' }),
  ])

  const place = placeOf(grids, input.location)
  const { doc, event } = createReport(input, {
    id: newReportId(),
    reporterId: ctx.openid,
    place: { districtId: place.districtId, streetId: place.streetId, gridId: place.gridId },
    now,
  })
  // The unique (reporterId, clientId) index decides between concurrent submits of one draft.
  if (!(await insertReport(ctx, toRecord(doc, place.microGridId)))) {
    const winner = await findByClientId(ctx, ctx.openid, input.clientId)
    if (!winner) throw new ActionError('CONFLICT', '提交冲突，请稍后重试')
    return { report: toOwnView(winner, now), replayed: true }
  }
  await Promise.all([
    appendEvent(ctx, doc._id, doc.version, event),
    startPhotoChecks(ctx, { reportId: doc._id, target: 'photos', uploader: ctx.openid, urls, at: doc.createdAt }),
  ])
  return { report: toOwnView(doc, now), replayed: false }
})

export const myList = defineHandler(reportContract, 'myList', async ({ scope, cursor, limit }, ctx) => {
  const now = ctx.now()
  // Per reporter the lists are short: one query; within one scope the statuses are matched together.
  const where = scope === 'all' ? { reporterId: ctx.openid } : { reporterId: ctx.openid, status: ctx._.in([...SCOPES[scope]]) }
  const page = await fetchPage<ReportRecord>(reportsOf(ctx), ctx._, [where], { list: `mine:${scope}`, field: 'createdAt', dir: 'desc', limit, cursor })
  return { items: page.items.map((r) => toOwnView(r, now)), nextCursor: page.nextCursor }
})

export const detail = defineHandler(reportContract, 'detail', async ({ id }, ctx) => {
  const now = ctx.now()
  const [r, events] = await Promise.all([loadReport(ctx, id), loadTimeline(ctx, id)])
  if (r.reporterId === ctx.openid) return { view: 'own' as const, ...toOwnDetail(r, events, now) }
  // Others see the public view: no reporter, no exact spot, only photos that passed the check.
  if (!isPubliclyVisible(r)) throw new ActionError('NOT_FOUND', '该随手拍不存在或已被删除')
  return { view: 'public' as const, ...toPublicView(r, now) }
})

export const cosign = defineHandler(reportContract, 'cosign', async ({ id }, ctx) => {
  const r = await loadReport(ctx, id)
  if (!isPubliclyVisible(r)) throw new ActionError('NOT_FOUND', '该随手拍不存在或已被删除')
  assertCanCosign(r, ctx.openid)
  if (!(await addFollower(ctx, id, ctx.openid, 'cosign', iso(ctx.now())))) return { id, cosignCount: r.cosignCount, cosigned: true as const }
  await reportsOf(ctx).doc(id).update({ data: { cosignCount: ctx._.inc(1) } })
  return { id, cosignCount: r.cosignCount + 1, cosigned: true as const }
})

export const nearbyOpen = defineHandler(reportContract, 'nearbyOpen', async ({ lat, lng, categoryId, radiusM }, ctx) => {
  const now = ctx.now()
  const candidates = await openReportsNear(ctx, { lat, lng, categoryId }, radiusM, now)
  const found = findDuplicateCandidates({ lat, lng, categoryId }, candidates, now, { radiusM })
  return { items: found.slice(0, NEARBY_MAX_ITEMS).map((f) => toNearbyItem(f.report, f.distanceM, now)) }
})

export const rate = defineHandler(reportContract, 'rate', async ({ id, score, comment }, ctx) => {
  if (comment) await checkText(ctx, { content: comment, scene: SCENE_COMMENT, field: 'comment', label: '评价内容' })
  const r = await loadReport(ctx, id)
  const c = await applyCommand(ctx, r, { type: 'rate', score, comment }, residentActor(ctx))
  await afterChange(ctx, c, { actor: ctx.openid })
  return changeOf(c)
})

export const revisit = defineHandler(reportContract, 'revisit', async ({ id, answer, comment }, ctx) => {
  if (comment) await checkText(ctx, { content: comment, scene: SCENE_COMMENT, field: 'comment', label: '回访说明' })
  const r = await loadReport(ctx, id)
  const c = await applyCommand(ctx, r, { type: 'revisit', answer, comment }, residentActor(ctx))
  await afterChange(ctx, c, { actor: ctx.openid })
  return changeOf(c)
})
