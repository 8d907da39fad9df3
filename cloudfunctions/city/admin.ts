import { defineHandler, fetchAll, fetchPage, findById, findByIds, insertMissing, type ActionContext } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { cityContract } from '../../src/domain/contracts/city'
import { COLLECTIONS } from '../../src/domain/collections'
import { CATEGORIES } from '../../src/domain/city/categories'
import { fromCategoryDoc, toCategoryDoc, type CategoryDoc } from '../../src/domain/city/category'
import { toDistrictView, toStreetView, type DistrictDoc, type StreetDoc } from '../../src/domain/city/district'
import type { GridDoc } from '../../src/domain/city/grid'
import type { UnitDoc } from '../../src/domain/city/unit'
import { gridEditProblems, newRecordId, normalizeArea, toGridRecord, toUnitRecord } from '../../src/domain/city/admin'

/**
 * City set-up (admin). Each save replaces the whole document and tells the 操作日志 its before and after.
 * Reports keep the unit name and deadline they were dispatched with (`dispatch.unitName`, `deadline`), and
 * every function reads reference data per call (no in-memory caches), so an edit takes effect for the very
 * next report and never rewrites history.
 */

/** The order a new record gets: after the last one (one indexed query). */
async function nextOrder(ctx: ActionContext, collection: string, where?: Record<string, unknown>): Promise<number> {
  const coll = ctx.db.collection(collection)
  const res = await (where ? coll.where(where) : coll).orderBy('order', 'desc').limit(1).get()
  const last = (res.data[0] as { order?: number } | undefined)?.order ?? 0
  return last + 1
}

/** Loads the record being edited (null when creating) or refuses an unknown id. */
async function existing<T>(ctx: ActionContext, collection: string, id: string | undefined, label: string): Promise<T | null> {
  if (!id) return null
  const doc = await findById<T>(ctx.db.collection(collection), id)
  if (!doc) throw new ActionError('NOT_FOUND', `${label}不存在`)
  return doc
}

/** Writes the whole document (`_id` kept out of the body, as the SDK requires). */
async function put<T extends { _id: string }>(ctx: ActionContext, collection: string, doc: T): Promise<void> {
  const { _id, ...data } = doc
  await ctx.db.collection(collection).doc(_id).set({ data })
}

const invalid = (problems: string[]) => new ActionError('INVALID_INPUT', problems.join('；'))

export const listAllUnits = defineHandler(cityContract, 'listAllUnits', async ({ type, active, offset, limit }, ctx) => {
  const where: Record<string, unknown> = {}
  if (active !== undefined) where.active = active
  if (type) where.type = type
  const coll = ctx.db.collection(COLLECTIONS.units)
  const page = await fetchPage<UnitDoc>((Object.keys(where).length ? coll.where(where) : coll).orderBy('order', 'asc'), offset, limit)
  return { items: page.items.map(toUnitRecord), hasMore: page.hasMore }
})

export const saveUnit = defineHandler(cityContract, 'saveUnit', async ({ id, order, ...fields }, ctx) => {
  const [before, district] = await Promise.all([
    existing<UnitDoc>(ctx, COLLECTIONS.units, id, '责任单位'),
    fields.districtId ? findById<DistrictDoc>(ctx.db.collection(COLLECTIONS.districts), fields.districtId) : Promise.resolve(null),
  ])
  if (fields.districtId && !district) throw new ActionError('NOT_FOUND', '所属辖区不存在')
  const doc: UnitDoc = {
    _id: before?._id ?? newRecordId('u', ctx.now()),
    ...fields,
    order: order ?? before?.order ?? (await nextOrder(ctx, COLLECTIONS.units)),
    active: before?.active ?? true,
  }
  await put(ctx, COLLECTIONS.units, doc)
  // Handlers carry their unit's name (so `me` needs no join): keep it current. Reports keep theirs.
  if (before && before.name !== doc.name) {
    await ctx.db.collection(COLLECTIONS.users).where({ 'unit.id': doc._id }).update({ data: { 'unit.name': doc.name } })
  }
  ctx.audit({ targetType: 'unit', targetId: doc._id, summary: before ? `修改责任单位 ${doc.name}` : `新增责任单位 ${doc.name}`, before, after: doc })
  return toUnitRecord(doc)
})

export const setUnitActive = defineHandler(cityContract, 'setUnitActive', async ({ id, active }, ctx) => {
  const [before, grids] = await Promise.all([
    existing<UnitDoc>(ctx, COLLECTIONS.units, id, '责任单位'),
    ctx.db.collection(COLLECTIONS.grids).where({ unitId: id }).count(),
  ])
  const unit = before as UnitDoc
  if (!active && grids.total > 0) {
    throw new ActionError('CONFLICT', `${unit.name}仍是 ${grids.total} 个网格的包保单位，请先为这些网格更换包保单位再停用`)
  }
  if (unit.active === active) return toUnitRecord(unit)
  const after = { ...unit, active }
  await ctx.db.collection(COLLECTIONS.units).doc(id).update({ data: { active } })
  ctx.audit({ targetType: 'unit', targetId: id, summary: `${active ? '启用' : '停用'}责任单位 ${unit.name}`, before: { active: unit.active }, after: { active } })
  return toUnitRecord(after)
})

export const saveDistrict = defineHandler(cityContract, 'saveDistrict', async ({ id, order, ...fields }, ctx) => {
  const before = await existing<DistrictDoc>(ctx, COLLECTIONS.districts, id, '辖区')
  const doc: DistrictDoc = {
    _id: before?._id ?? newRecordId('d', ctx.now()),
    ...fields,
    order: order ?? before?.order ?? (await nextOrder(ctx, COLLECTIONS.districts)),
  }
  await put(ctx, COLLECTIONS.districts, doc)
  ctx.audit({ targetType: 'district', targetId: doc._id, summary: `${before ? '修改' : '新增'}辖区 ${doc.name}`, before, after: doc })
  return toDistrictView(doc)
})

export const saveStreet = defineHandler(cityContract, 'saveStreet', async ({ id, order, ...fields }, ctx) => {
  const [before, district] = await Promise.all([
    existing<StreetDoc>(ctx, COLLECTIONS.streets, id, '街道'),
    findById<DistrictDoc>(ctx.db.collection(COLLECTIONS.districts), fields.districtId),
  ])
  if (!district) throw new ActionError('NOT_FOUND', '所属辖区不存在')
  const communities = Array.from(new Set(fields.communities))
  const doc: StreetDoc = {
    _id: before?._id ?? newRecordId('s', ctx.now()),
    ...fields,
    communities,
    order: order ?? before?.order ?? (await nextOrder(ctx, COLLECTIONS.streets, { districtId: fields.districtId })),
  }
  await put(ctx, COLLECTIONS.streets, doc)
  ctx.audit({ targetType: 'street', targetId: doc._id, summary: `${before ? '修改' : '新增'}街道 ${doc.name}`, before, after: doc })
  return toStreetView(doc)
})

export const getGridRecord = defineHandler(cityContract, 'getGridRecord', async ({ id }, ctx) => {
  const grid = await findById<GridDoc>(ctx.db.collection(COLLECTIONS.grids), id)
  if (!grid) throw new ActionError('NOT_FOUND', '网格不存在')
  return toGridRecord(grid)
})

export const saveGrid = defineHandler(cityContract, 'saveGrid', async ({ id, order, ...fields }, ctx) => {
  const gridIds = [id, fields.parentId].filter((g): g is string => !!g)
  const [grids, district, street, unit] = await Promise.all([
    findByIds<GridDoc>(ctx.db, COLLECTIONS.grids, gridIds),
    findById<DistrictDoc>(ctx.db.collection(COLLECTIONS.districts), fields.districtId),
    findById<StreetDoc>(ctx.db.collection(COLLECTIONS.streets), fields.streetId),
    fields.unitId ? findById<UnitDoc>(ctx.db.collection(COLLECTIONS.units), fields.unitId) : Promise.resolve(null),
  ])
  const before = id ? (grids.get(id) ?? null) : null
  if (id && !before) throw new ActionError('NOT_FOUND', '网格不存在')
  if (before && before.kind !== fields.kind) throw new ActionError('CONFLICT', '网格类型创建后不能更改，请新建')
  if (id && fields.parentId === id) throw invalid(['上级网格不能是自己'])
  const parent = fields.parentId ? (grids.get(fields.parentId) ?? null) : null
  const doc: GridDoc = {
    _id: before?._id ?? newRecordId('g', ctx.now()),
    ...fields,
    area: normalizeArea(fields.area),
    order: order ?? before?.order ?? 0,
  }
  const problems = gridEditProblems(doc, { district, street, parent, unit })
  if (problems.length) throw invalid(problems)
  if (!before && order === undefined) doc.order = await nextOrder(ctx, COLLECTIONS.grids, { streetId: doc.streetId })
  await put(ctx, COLLECTIONS.grids, doc)
  const unitChanged = before && before.unitId !== doc.unitId
  ctx.audit({
    targetType: 'grid',
    targetId: doc._id,
    summary: unitChanged ? `${doc.name} 包保单位 ${before.unitId ?? '（继承）'} → ${doc.unitId ?? '（继承）'}` : `${before ? '修改' : '新增'}网格 ${doc.name}`,
    before,
    after: doc,
  })
  return toGridRecord(doc)
})

/** The configured categories; an environment that never imported the catalogue gets it on its first edit. */
async function allCategories(ctx: ActionContext): Promise<CategoryDoc[]> {
  return fetchAll<CategoryDoc>(ctx.db.collection(COLLECTIONS.categories).orderBy('order', 'asc'), 500)
}

export const listAllCategories = defineHandler(cityContract, 'listAllCategories', async (_input, ctx) => {
  const docs = await allCategories(ctx)
  return { items: docs.length ? docs.map(fromCategoryDoc) : [...CATEGORIES] }
})

export const saveCategory = defineHandler(cityContract, 'saveCategory', async ({ category, create }, ctx) => {
  const coll = ctx.db.collection(COLLECTIONS.categories)
  const [before, any] = await Promise.all([findById<CategoryDoc>(coll, category.id), coll.limit(1).get()])
  // Writing one category into an empty collection would hide the built-in others from the picker.
  if (!any.data.length) await insertMissing(ctx.db, COLLECTIONS.categories, CATEGORIES.map(toCategoryDoc))
  const current = before ?? (any.data.length ? null : (CATEGORIES.find((c) => c.id === category.id) ?? null))
  if (create && current) throw new ActionError('CONFLICT', `分类编号 ${category.id} 已被使用`)
  if (!create && !current) throw new ActionError('NOT_FOUND', '分类不存在')
  const doc = toCategoryDoc(category)
  await put(ctx, COLLECTIONS.categories, doc)
  ctx.audit({ targetType: 'category', targetId: category.id, summary: `${create ? '新增' : '修改'}分类 ${category.name}`, before: current, after: doc })
  return fromCategoryDoc(doc)
})
