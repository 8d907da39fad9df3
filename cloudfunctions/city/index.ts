import { createFunction, fetchAll, fetchPage, findById, findByIds, type ActionContext, type Handlers } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { cityContract } from '../../src/domain/contracts/city'
import { COLLECTIONS } from '../../src/domain/collections'
import { CATEGORIES } from '../../src/domain/city/categories'
import { fromCategoryDoc, type CategoryDoc } from '../../src/domain/city/category'
import { toDistrictView, toStreetView, type DistrictDoc, type StreetDoc } from '../../src/domain/city/district'
import { locateGrid, toGridView, type GridDoc, type GridView } from '../../src/domain/city/grid'
import { toUnitRef, toUnitView, type UnitDoc, type UnitRef } from '../../src/domain/city/unit'
import { toNotice, toNoticeSummary, type NoticeDoc } from '../../src/domain/city/notice'
import * as admin from './admin'

/** How far around a point `locate` looks for grid centres (≈ 5 km), so it never scans the whole city. */
const LOCATE_WINDOW_DEG = 0.05

/** Views of grids with their effective 包保单位: one query for missing parents, one for units. */
async function gridViews(ctx: ActionContext, grids: GridDoc[], known: GridDoc[] = []): Promise<GridView[]> {
  const byId = new Map<string, GridDoc>([...known, ...grids].map((g) => [g._id, g]))
  const missingParents = grids.map((g) => g.parentId).filter((id): id is string => !!id && !byId.has(id))
  if (missingParents.length) {
    for (const [id, g] of await findByIds<GridDoc>(ctx.db, COLLECTIONS.grids, missingParents)) byId.set(id, g)
  }
  const parentOf = (g: GridDoc) => (g.parentId ? (byId.get(g.parentId) ?? null) : null)
  const unitIds = grids.map((g) => g.unitId ?? parentOf(g)?.unitId).filter((id): id is string => !!id)
  const units = new Map<string, UnitRef>()
  for (const [id, u] of await findByIds<UnitDoc>(ctx.db, COLLECTIONS.units, unitIds)) units.set(id, toUnitRef(u))
  return grids.map((g) => toGridView(g, { parent: parentOf(g), units, viewer: ctx.viewer }))
}

const handlers: Handlers<typeof cityContract> = {
  // Pickers filter out inactive categories themselves; screens showing old reports ask for them too, so a
  // category disabled later still names its reports.
  async listCategories({ includeInactive }, ctx) {
    const coll = ctx.db.collection(COLLECTIONS.categories)
    const docs = await fetchAll<CategoryDoc>((includeInactive ? coll : coll.where({ active: true })).orderBy('order', 'asc'), 500)
    // A fresh environment (before the catalogue is imported) still offers the built-in catalogue.
    const items = docs.length ? docs.map(fromCategoryDoc) : CATEGORIES.filter((c) => includeInactive || c.active)
    return { items }
  },

  async listDistricts(_input, ctx) {
    const docs = await fetchAll<DistrictDoc>(ctx.db.collection(COLLECTIONS.districts).orderBy('order', 'asc'), 200)
    return { items: docs.map(toDistrictView) }
  },

  async listStreets({ districtId }, ctx) {
    const coll = ctx.db.collection(COLLECTIONS.streets)
    const docs = await fetchAll<StreetDoc>((districtId ? coll.where({ districtId }) : coll).orderBy('order', 'asc'), 1000)
    return { items: docs.map(toStreetView) }
  },

  async listGrids({ districtId, streetId, parentId, kind, offset, limit }, ctx) {
    const where: Record<string, unknown> = {}
    if (districtId) where.districtId = districtId
    if (streetId) where.streetId = streetId
    if (parentId) where.parentId = parentId
    if (kind) where.kind = kind
    const coll = ctx.db.collection(COLLECTIONS.grids)
    const query = (Object.keys(where).length ? coll.where(where) : coll).orderBy('order', 'asc')
    const page = await fetchPage<GridDoc>(query, offset, limit)
    return { items: await gridViews(ctx, page.items), hasMore: page.hasMore }
  },

  async getGrid({ id }, ctx) {
    const coll = ctx.db.collection(COLLECTIONS.grids)
    const grid = await findById<GridDoc>(coll, id)
    if (!grid) throw new ActionError('NOT_FOUND', '网格不存在')
    const [parent, children] = await Promise.all([
      grid.parentId ? findById<GridDoc>(coll, grid.parentId) : Promise.resolve(null),
      grid.kind === 'grid' ? fetchAll<GridDoc>(coll.where({ parentId: id }).orderBy('order', 'asc'), 200) : Promise.resolve([]),
    ])
    const all = [grid, ...(parent ? [parent] : []), ...children]
    const views = await gridViews(ctx, all)
    return { grid: views[0], parent: parent ? views[1] : null, children: views.slice(parent ? 2 : 1) }
  },

  async locate({ lat, lng }, ctx) {
    const _ = ctx._
    const w = LOCATE_WINDOW_DEG
    const candidates = await fetchAll<GridDoc>(
      ctx.db.collection(COLLECTIONS.grids).where({
        'center.lat': _.and(_.gte(lat - w), _.lte(lat + w)),
        'center.lng': _.and(_.gte(lng - w), _.lte(lng + w)),
      }),
      2000,
    )
    const found = locateGrid(candidates, { lat, lng })
    const hit = found.micro ?? found.grid
    if (!hit) return { district: null, street: null, grid: null, micro: null }
    const [district, street, views] = await Promise.all([
      findById<DistrictDoc>(ctx.db.collection(COLLECTIONS.districts), hit.districtId),
      findById<StreetDoc>(ctx.db.collection(COLLECTIONS.streets), hit.streetId),
      gridViews(ctx, [found.grid, found.micro].filter((g): g is GridDoc => !!g), candidates),
    ])
    return {
      district: district ? toDistrictView(district) : null,
      street: street ? toStreetView(street) : null,
      grid: found.grid ? views[0] : null,
      micro: found.micro ? views[views.length - 1] : null,
    }
  },

  async listUnits({ type, districtId, offset, limit }, ctx) {
    const where: Record<string, unknown> = { active: true }
    if (type) where.type = type
    if (districtId) where.districtId = districtId
    const query = ctx.db.collection(COLLECTIONS.units).where(where).orderBy('order', 'asc')
    const page = await fetchPage<UnitDoc>(query, offset, limit)
    return { items: page.items.map((u) => toUnitView(u, ctx.viewer)), hasMore: page.hasMore }
  },

  async getUnit({ id }, ctx) {
    const [unit, grids] = await Promise.all([
      findById<UnitDoc>(ctx.db.collection(COLLECTIONS.units), id),
      fetchAll<Pick<GridDoc, '_id' | 'name' | 'kind'>>(
        ctx.db.collection(COLLECTIONS.grids).where({ unitId: id }).orderBy('order', 'asc').field({ _id: true, name: true, kind: true }),
        500,
      ),
    ])
    if (!unit || !unit.active) throw new ActionError('NOT_FOUND', '责任单位不存在')
    return { unit: toUnitView(unit, ctx.viewer), grids: grids.map((g) => ({ id: g._id, name: g.name, kind: g.kind })) }
  },

  async listNotices({ tag, offset, limit }, ctx) {
    const coll = ctx.db.collection(COLLECTIONS.notices)
    const query = (tag ? coll.where({ tag }) : coll).orderBy('pinned', 'desc').orderBy('publishedAt', 'desc')
    const page = await fetchPage<NoticeDoc>(query, offset, limit)
    return { items: page.items.map(toNoticeSummary), hasMore: page.hasMore }
  },

  async getNotice({ id }, ctx) {
    const doc = await findById<NoticeDoc>(ctx.db.collection(COLLECTIONS.notices), id)
    if (!doc) throw new ActionError('NOT_FOUND', '公告不存在或已撤下')
    return toNotice(doc)
  },

  ...admin,
}

const fn = createFunction(cityContract, handlers)
export const main = fn.main
export const contract = fn.contract
