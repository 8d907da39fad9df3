import { defineHandler, findById, type ActionContext, keysetPage } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { boardContract } from '../../src/domain/contracts/board'
import { COLLECTIONS } from '../../src/domain/collections'
import { CATEGORY_BY_ID } from '../../src/domain/city/categories'
import type { CategoryDoc } from '../../src/domain/city/category'
import type { DistrictDoc, StreetDoc } from '../../src/domain/city/district'
import type { UnitDoc } from '../../src/domain/city/unit'
import {
  assertAllMasked,
  assertExposureEditable,
  assertPublishable,
  dayEnd,
  dayNumberOf,
  dayOfIso,
  dayString,
  exposureStatus,
  fixedAtOf,
  streetLevel,
  toExposureStaffView,
  type ExposureDoc,
  type ExposureSaveInput,
  type LinkedReport,
} from '../../src/domain/board'
import { isOverdue, iso, WITH_UNIT_STATUSES, type ReportDoc, type ReportStatus } from '../../src/domain/report'
import { assertUsableOriginals, resolve } from './masks'
import { exposureIdFor, exposuresOf, linkedReports, loadExposure, newId, reportsOf, staffRef, type Ctx } from './store'

/**
 * 曝光台, staff side: turn a report into an entry (or write one), mask its photos, publish, withdraw, and —
 * for entries without a report — record the fix. Edits are compare-and-set on `version`.
 */

type ReportRecord = ReportDoc & { microGridId?: string | null }

async function staffView(ctx: Ctx & Pick<ActionContext, 'now'>, e: ExposureDoc) {
  const reports = await linkedReports(ctx, e.reportId ? [e.reportId] : [])
  return toExposureStaffView(e, e.reportId ? (reports.get(e.reportId) ?? null) : null, ctx.now())
}

export const exposureStaffList = defineHandler(boardContract, 'exposureStaffList', async ({ state, cursor, limit }, ctx) => {
  const page = await keysetPage<ExposureDoc>(exposuresOf(ctx), ctx._, state ? { state } : {}, {
    list: `staff:${state ?? ''}`,
    field: 'updatedAt',
    dir: 'desc',
    limit,
    cursor,
  })
  const reports = await linkedReports(ctx, page.items.flatMap((e) => (e.reportId ? [e.reportId] : [])))
  const now = ctx.now()
  return { items: page.items.map((e) => toExposureStaffView(e, e.reportId ? (reports.get(e.reportId) ?? null) : null, now)), nextCursor: page.nextCursor }
})

export const exposureStaffDetail = defineHandler(boardContract, 'exposureStaffDetail', async ({ id }, ctx) => {
  const e = await loadExposure(ctx, id)
  // Masks confirmed since the last save show up here already (they are applied for good on publish).
  return staffView(ctx, { ...e, photos: e.state === 'published' ? e.photos : await resolve(ctx, e.photos.map((p) => p.original)) })
})

// -------------------------------------------------------------------------------------------------------
// Candidates and the pre-filled draft

const CANDIDATE_SCOPES: Record<'overdue' | 'with_unit' | 'closed', { statuses: readonly ReportStatus[]; field: string; dir: 'asc' | 'desc' }> = {
  overdue: { statuses: WITH_UNIT_STATUSES, field: 'dispatch.deadline', dir: 'asc' },
  with_unit: { statuses: WITH_UNIT_STATUSES, field: 'dispatch.deadline', dir: 'asc' },
  closed: { statuses: ['closed'], field: 'statusAt', dir: 'desc' },
}

export const exposureCandidates = defineHandler(boardContract, 'exposureCandidates', async ({ scope, cursor, limit }, ctx) => {
  const now = ctx.now()
  const spec = CANDIDATE_SCOPES[scope]
  // Staff-only and bounded by the open reports: one query over the scope's statuses is enough here.
  const where: Record<string, unknown> = { status: spec.statuses.length > 1 ? ctx._.in([...spec.statuses]) : spec.statuses[0] }
  if (scope === 'overdue') where['dispatch.deadline'] = ctx._.lt(iso(now))
  const page = await keysetPage<ReportRecord>(reportsOf(ctx), ctx._, where, { list: `cand:${scope}`, field: spec.field, dir: spec.dir, limit, cursor })
  const exposed = await exposuresOf(ctx)
    .where({ _id: ctx._.in(page.items.map((r) => exposureIdFor(r._id))) })
    .field({ _id: true })
    .limit(page.items.length || 1)
    .get()
  const ids = new Set((exposed.data as { _id: string }[]).map((d) => d._id))
  return {
    items: page.items.map((r) => ({
      id: r._id,
      categoryId: r.categoryId,
      status: r.status,
      description: r.description,
      address: r.location.address,
      unitName: r.dispatch?.unitName ?? null,
      deadline: r.dispatch?.deadline ?? null,
      overdue: isOverdue(r, now),
      escalations: r.flags.escalations,
      photos: r.photos.filter((p) => p.checked === 'pass').map((p) => p.fileId),
      createdAt: r.createdAt,
      exposureId: ids.has(exposureIdFor(r._id)) ? exposureIdFor(r._id) : null,
    })),
    nextCursor: page.nextCursor,
  }
})

async function loadReportRecord(ctx: Ctx, id: string): Promise<ReportRecord> {
  const r = await findById<ReportRecord>(reportsOf(ctx), id)
  if (!r) throw new ActionError('NOT_FOUND', '该随手拍不存在', [{ path: 'reportId', message: '随手拍不存在' }])
  // Only what the 创城办 accepted and sent to a unit is a problem the city owns (and can expose).
  if (!r.dispatch) throw new ActionError('CONFLICT', '该随手拍尚未受理派单，不能曝光', [{ path: 'reportId', message: '尚未受理派单' }])
  return r
}

async function categoryName(ctx: Ctx, id: string): Promise<string | null> {
  const doc = await findById<CategoryDoc>(ctx.db.collection(COLLECTIONS.categories), id)
  return doc?.name ?? CATEGORY_BY_ID.get(id)?.name ?? null
}

export const exposureFromReport = defineHandler(boardContract, 'exposureFromReport', async ({ reportId }, ctx) => {
  const r = await loadReportRecord(ctx, reportId)
  const [name, district, existing] = await Promise.all([
    categoryName(ctx, r.categoryId),
    r.location.districtId ? findById<DistrictDoc>(ctx.db.collection(COLLECTIONS.districts), r.location.districtId) : Promise.resolve(null),
    findById<ExposureDoc>(exposuresOf(ctx), exposureIdFor(reportId)),
  ])
  // The public sees the district separately: the place name starts after it.
  const address = district && r.location.address.startsWith(district.name) ? r.location.address.slice(district.name.length) : r.location.address
  const place = streetLevel(address)
  const deadline = r.dispatch ? dayString(dayOfIso(r.dispatch.deadline)) : dayString(dayOfIso(iso(ctx.now())) + 3)
  const overdue = isOverdue(r, ctx.now())
  return {
    reportId,
    existingId: existing ? existing._id : null,
    title: `${place}${name ?? ''}${overdue ? '逾期未整改' : '问题'}`.slice(0, 40),
    categoryId: r.categoryId,
    districtId: r.location.districtId,
    streetId: r.location.streetId,
    place,
    unit: r.dispatch ? { id: r.dispatch.unitId, name: r.dispatch.unitName } : null,
    photos: r.photos.filter((p) => p.checked === 'pass').map((p) => p.fileId),
    requirement: `请${r.dispatch?.unitName ?? '责任单位'}于整改时限内整改到位，并举一反三、建立长效管理机制，防止问题反弹。`,
    deadline,
    reportStatus: r.status,
  }
})

// -------------------------------------------------------------------------------------------------------
// Save, publish, withdraw, fix

async function loadUnit(ctx: Ctx, id: string): Promise<{ id: string; name: string }> {
  const u = await findById<UnitDoc>(ctx.db.collection(COLLECTIONS.units), id)
  if (!u || !u.active) throw new ActionError('NOT_FOUND', '责任单位不存在或已停用', [{ path: 'unitId', message: '责任单位不存在或已停用' }])
  return { id: u._id, name: u.name }
}

async function checkPlace(ctx: Ctx, input: Pick<ExposureSaveInput, 'districtId' | 'streetId' | 'categoryId'>): Promise<void> {
  const [street, category] = await Promise.all([
    input.streetId ? findById<StreetDoc>(ctx.db.collection(COLLECTIONS.streets), input.streetId) : Promise.resolve(null),
    categoryName(ctx, input.categoryId),
  ])
  if (!category) throw new ActionError('INVALID_INPUT', '问题分类不存在', [{ path: 'categoryId', message: '问题分类不存在' }])
  if (input.streetId && (!street || street.districtId !== input.districtId))
    throw new ActionError('INVALID_INPUT', '街道不在所选辖区内', [{ path: 'streetId', message: '街道不在所选辖区内' }])
}

function deadlineOf(day: string): string {
  const n = dayNumberOf(day)
  if (n === null) throw new ActionError('INVALID_INPUT', '整改时限日期无效', [{ path: 'deadline', message: '日期无效' }])
  return dayEnd(n).toISOString()
}

export const exposureSave = defineHandler(boardContract, 'exposureSave', async (input, ctx) => {
  const now = iso(ctx.now())
  const originals = input.photos.map((p) => p.original)
  if (input.id) {
    if (input.version === undefined) throw new ActionError('INVALID_INPUT', '缺少版本号，请刷新后重试', [{ path: 'version', message: '必填' }])
    const e = await loadExposure(ctx, input.id)
    assertExposureEditable(e)
    const report = e.reportId ? await findById<ReportRecord>(reportsOf(ctx), e.reportId) : null
    const allowed = new Set([...e.photos.map((p) => p.original), ...(report?.photos.filter((p) => p.checked === 'pass').map((p) => p.fileId) ?? [])])
    const [unit, photos] = await Promise.all([
      loadUnit(ctx, input.unitId),
      resolve(ctx, originals),
      checkPlace(ctx, input),
      assertUsableOriginals(ctx, originals, allowed, 'photos'),
    ])
    const patch = {
      title: input.title,
      categoryId: input.categoryId,
      location: ctx._.set({ districtId: input.districtId, streetId: input.streetId, label: input.place }),
      unit: ctx._.set(unit),
      photos,
      requirement: input.requirement,
      deadline: deadlineOf(input.deadline),
      updatedAt: now,
      version: e.version + 1,
    }
    const res = await exposuresOf(ctx).where({ _id: e._id, version: input.version, state: e.state }).update({ data: patch })
    if (!res.stats.updated) throw new ActionError('CONFLICT', '该曝光刚刚已被他人修改，请刷新后重试')
    return staffView(ctx, { ...e, ...patch, location: { districtId: input.districtId, streetId: input.streetId, label: input.place }, unit })
  }

  const report = input.reportId ? await loadReportRecord(ctx, input.reportId) : null
  const allowed = new Set(report?.photos.filter((p) => p.checked === 'pass').map((p) => p.fileId) ?? [])
  const [unit, photos] = await Promise.all([
    loadUnit(ctx, input.unitId),
    resolve(ctx, originals),
    checkPlace(ctx, input),
    assertUsableOriginals(ctx, originals, allowed, 'photos'),
  ])
  const me = staffRef(ctx)
  const doc: ExposureDoc = {
    _id: report ? exposureIdFor(report._id) : newId('e'),
    state: 'draft',
    title: input.title,
    categoryId: input.categoryId,
    location: { districtId: input.districtId, streetId: input.streetId, label: input.place },
    unit,
    photos,
    requirement: input.requirement,
    deadline: deadlineOf(input.deadline),
    reportId: report?._id ?? null,
    fix: null,
    publicStatus: 'rectifying',
    fixedAt: null,
    fixNotified: false,
    replies: [],
    views: 0,
    followers: 0,
    createdBy: me,
    createdAt: now,
    updatedAt: now,
    publishedAt: null,
    publishedBy: null,
    withdrawn: null,
    version: 0,
  }
  try {
    await exposuresOf(ctx).add({ data: { ...doc } })
  } catch (err) {
    const exists = report ? await findById<ExposureDoc>(exposuresOf(ctx), doc._id) : null
    if (exists) throw new ActionError('CONFLICT', '该随手拍已生成曝光，请在曝光管理中打开', [{ path: 'reportId', message: exists._id }])
    throw err
  }
  return staffView(ctx, doc)
})

export const exposurePublish = defineHandler(boardContract, 'exposurePublish', async ({ id, version }, ctx) => {
  const now = ctx.now()
  const e = await loadExposure(ctx, id)
  if (e.version !== version) throw new ActionError('CONFLICT', '该曝光刚刚已被他人修改，请刷新后重试')
  // The confirmations that count are the ones on record now.
  const photos = await resolve(ctx, e.photos.map((p) => p.original))
  assertPublishable({ state: e.state, photos })
  const reports = await linkedReports(ctx, e.reportId ? [e.reportId] : [])
  const report: LinkedReport | null = e.reportId ? (reports.get(e.reportId) ?? null) : null
  const status = exposureStatus(e, report, now)
  const patch = {
    state: 'published' as const,
    photos,
    publicStatus: status,
    fixedAt: fixedAtOf(e, report),
    // Nobody follows an entry before it is out: an entry published already fixed owes no notice.
    fixNotified: status === 'fixed',
    publishedAt: e.publishedAt ?? iso(now),
    publishedBy: ctx._.set(staffRef(ctx)),
    withdrawn: null,
    updatedAt: iso(now),
    version: e.version + 1,
  }
  const res = await exposuresOf(ctx).where({ _id: id, version, state: e.state }).update({ data: patch })
  if (!res.stats.updated) throw new ActionError('CONFLICT', '该曝光刚刚已被他人修改，请刷新后重试')
  ctx.audit({ targetType: 'exposure', targetId: id, summary: 'publish', before: { state: e.state, version: e.version }, after: { state: patch.state, status, version: patch.version } })
  return toExposureStaffView({ ...e, ...patch, publishedBy: staffRef(ctx) }, report, now)
})

export const exposureWithdraw = defineHandler(boardContract, 'exposureWithdraw', async ({ id, reason }, ctx) => {
  const e = await loadExposure(ctx, id)
  if (e.state !== 'published') throw new ActionError('CONFLICT', '只能撤回已发布的曝光')
  const at = iso(ctx.now())
  const patch = { state: 'withdrawn' as const, withdrawn: ctx._.set({ reason, at }), updatedAt: at, version: e.version + 1 }
  const res = await exposuresOf(ctx).where({ _id: id, version: e.version }).update({ data: patch })
  if (!res.stats.updated) throw new ActionError('CONFLICT', '该曝光刚刚已被他人修改，请刷新后重试')
  ctx.audit({ targetType: 'exposure', targetId: id, summary: 'withdraw', before: { state: e.state, version: e.version }, after: { state: patch.state, reason, version: patch.version } })
  return staffView(ctx, { ...e, ...patch, withdrawn: { reason, at } })
})

export const exposureRecordFix = defineHandler(boardContract, 'exposureRecordFix', async ({ id, note, photos: input }, ctx) => {
  const e = await loadExposure(ctx, id)
  if (e.reportId) throw new ActionError('CONFLICT', '该曝光来自随手拍，整改结果以责任单位整改、创城办核验销号为准')
  if (e.state !== 'published') throw new ActionError('CONFLICT', '请先发布后再登记整改结果')
  const originals = input.map((p) => p.original)
  await assertUsableOriginals(ctx, originals, new Set(e.fix?.photos.map((p) => p.original) ?? []), 'photos')
  const photos = await resolve(ctx, originals)
  assertAllMasked([{ photos, where: '整改后照片', path: 'photos' }])
  const at = iso(ctx.now())
  const fix = { note, at, photos, by: staffRef(ctx) }
  const patch = { fix: ctx._.set(fix), publicStatus: 'fixed' as const, fixedAt: at, fixNotified: false, updatedAt: at, version: e.version + 1 }
  const res = await exposuresOf(ctx).where({ _id: id, version: e.version }).update({ data: patch })
  if (!res.stats.updated) throw new ActionError('CONFLICT', '该曝光刚刚已被他人修改，请刷新后重试')
  ctx.audit({ targetType: 'exposure', targetId: id, summary: 'recordFix', before: { publicStatus: e.publicStatus, version: e.version }, after: { publicStatus: 'fixed', note, version: patch.version } })
  return staffView(ctx, { ...e, ...patch, fix })
})
