import { defineHandler, type ActionContext } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { reportContract } from '../../src/domain/contracts/report'
import { rectifyPhotoScope, toUnitDetail, toUnitView, WITH_UNIT_STATUSES, type ReportCommand, type ReportStatus } from '../../src/domain/report'
import { afterChange, applyCommand, changeOf, unitActor, type Changed } from './flow'
import { fetchPage } from './paging'
import { assertOwnPhotos, startPhotoChecks, storedPhotoUrls } from './photos'
import type { ReportRecord } from './records'
import { loadReport, loadTimeline, reportsOf } from './repository'

/**
 * 责任单位: a handler sees and acts on the reports currently dispatched to the unit their account is bound
 * to — nothing else. A report of another unit is NOT_FOUND to them (its existence is not revealed); acting
 * on it is refused by the machine's owner check.
 */

function boundUnit(ctx: ActionContext): string {
  const unitId = ctx.viewer.unitId
  if (!unitId) throw new ActionError('FORBIDDEN', '您的账号尚未绑定责任单位，请联系管理员')
  return unitId
}

async function unitChange(ctx: ActionContext, id: string, command: ReportCommand): Promise<Changed> {
  const actor = unitActor(ctx)
  const r = await loadReport(ctx, id)
  const c = await applyCommand(ctx, r, command, actor)
  await afterChange(ctx, c, { actor: ctx.openid })
  return c
}

export const unitTasks = defineHandler(reportContract, 'unitTasks', async ({ status, cursor, limit }, ctx) => {
  const unitId = boundUnit(ctx)
  const now = ctx.now()
  const statuses: readonly ReportStatus[] = status ? [status] : WITH_UNIT_STATUSES
  const page = await fetchPage<ReportRecord>(
    reportsOf(ctx),
    ctx._,
    statuses.map((s) => ({ 'dispatch.unitId': unitId, status: s })),
    { list: 'unitTasks', field: 'taskKey', unique: true, dir: 'asc', limit, cursor },
  )
  return { items: page.items.map((r) => toUnitView(r, now)), nextCursor: page.nextCursor }
})

export const unitDetail = defineHandler(reportContract, 'unitDetail', async ({ id }, ctx) => {
  const unitId = boundUnit(ctx)
  const [r, events] = await Promise.all([loadReport(ctx, id), loadTimeline(ctx, id)])
  if (r.dispatch?.unitId !== unitId) throw new ActionError('NOT_FOUND', '该整改任务不存在或未派给您所在的单位')
  return toUnitDetail(r, events, ctx.now())
})

export const acknowledge = defineHandler(reportContract, 'acknowledge', async ({ id, note }, ctx) => {
  return changeOf(await unitChange(ctx, id, { type: 'acknowledge', note }))
})

export const rectify = defineHandler(reportContract, 'rectify', async ({ id, photos, note }, ctx) => {
  unitActor(ctx)
  // The after-photos are checked before anything changes: the unit's own, and really uploaded.
  assertOwnPhotos(photos, ctx.openid, rectifyPhotoScope(id), 'photos')
  const urls = await storedPhotoUrls(ctx, photos, 'photos')
  const c = await unitChange(ctx, id, { type: 'rectify', photos, note })
  await startPhotoChecks(ctx, { reportId: id, target: 'rectification', uploader: ctx.openid, urls, at: c.event.at })
  return changeOf(c)
})

export const returnToStaff = defineHandler(reportContract, 'returnToStaff', async ({ id, reason }, ctx) => {
  return changeOf(await unitChange(ctx, id, { type: 'returnToStaff', reason }))
})
