import { findById, findByIds, type ActionContext } from '../kernel'
import { COLLECTIONS } from '../../src/domain/collections'
import { CATEGORY_BY_ID } from '../../src/domain/city/categories'
import { fromCategoryDoc, type Category, type CategoryDoc } from '../../src/domain/city/category'
import type { StreetDoc } from '../../src/domain/city/district'
import { effectiveUnitId, locateGrid, type GridDoc } from '../../src/domain/city/grid'
import type { Point } from '../../src/domain/city/geo'
import type { UnitDoc } from '../../src/domain/city/unit'
import { proposeDispatch, type DispatchProposal } from '../../src/domain/report'
import type { ReportRecord } from './records'

type Ctx = Pick<ActionContext, 'db' | '_'>

/**
 * Grids whose centre lies this close to the point (≈ 3 km) are candidates: a 网格 is a few hundred
 * households, far smaller, so the grid containing the point is always among them. One indexed query.
 */
const LOCATE_WINDOW_DEG = 0.03
const LOCATE_MAX_GRIDS = 1000

export interface Place {
  districtId: string | null
  streetId: string | null
  /** The 网格. */
  gridId: string | null
  /** The 微网格 inside it, if the point is in one. */
  microGridId: string | null
}

export const NO_PLACE: Place = { districtId: null, streetId: null, gridId: null, microGridId: null }

/** Query for the grids near a point (start it early; it does not depend on anything else). */
export function nearbyGrids(ctx: Ctx, p: Point): Promise<GridDoc[]> {
  const w = LOCATE_WINDOW_DEG
  const _ = ctx._
  return ctx.db
    .collection(COLLECTIONS.grids)
    .where({ 'center.lat': _.and(_.gte(p.lat - w), _.lte(p.lat + w)), 'center.lng': _.and(_.gte(p.lng - w), _.lte(p.lng + w)) })
    .limit(LOCATE_MAX_GRIDS)
    .get()
    .then((r) => r.data as GridDoc[])
}

/** District, street, 网格 and 微网格 of a point, from the city's grid map (never from the client). */
export function placeOf(grids: readonly GridDoc[], p: Point): Place {
  const found = locateGrid(grids, p)
  const hit = found.micro ?? found.grid
  if (!hit) return NO_PLACE
  return { districtId: hit.districtId, streetId: hit.streetId, gridId: found.grid?._id ?? null, microGridId: found.micro?._id ?? null }
}

/** A category as configured (the `categories` collection), else the built-in catalogue entry. */
export async function loadCategory(ctx: Ctx, id: string): Promise<Category | null> {
  const doc = await findById<CategoryDoc>(ctx.db.collection(COLLECTIONS.categories), id)
  return doc ? fromCategoryDoc(doc) : (CATEGORY_BY_ID.get(id) ?? null)
}

/** Default 整改时限 of a category (3 days when it is unknown). */
export const deadlineDaysOf = (category: Category | null): number => category?.deadlineDays ?? 3

/** An active unit by id, or NOT_FOUND-worthy null. */
export async function loadActiveUnit(ctx: Ctx, id: string): Promise<UnitDoc | null> {
  const unit = await findById<UnitDoc>(ctx.db.collection(COLLECTIONS.units), id)
  return unit && unit.active ? unit : null
}

/**
 * 派单建议 for a report (and its category, which the caller needs too): its category's unit kind, its
 * grid's 包保单位 and its place. Two waves of parallel queries: category + grids + street, then the units
 * of the kind + the 包保单位.
 */
export async function proposalFor(ctx: Ctx, r: ReportRecord): Promise<{ proposal: DispatchProposal; category: Category | null }> {
  const gridIds = [r.location.gridId, r.microGridId].filter((id): id is string => !!id)
  const [category, grids, street] = await Promise.all([
    loadCategory(ctx, r.categoryId),
    findByIds<GridDoc>(ctx.db, COLLECTIONS.grids, gridIds),
    r.location.streetId ? findById<StreetDoc>(ctx.db.collection(COLLECTIONS.streets), r.location.streetId) : Promise.resolve(null),
  ])
  const grid = r.location.gridId ? (grids.get(r.location.gridId) ?? null) : null
  const micro = r.microGridId ? (grids.get(r.microGridId) ?? null) : null
  const gridUnitId = micro ? effectiveUnitId(micro, grid) : grid ? effectiveUnitId(grid, null) : null
  const unitType = category?.unitType ?? '文明办'
  const [units, gridUnits] = await Promise.all([
    ctx.db.collection(COLLECTIONS.units).where({ active: true, type: unitType }).orderBy('order', 'asc').limit(100).get(),
    findByIds<UnitDoc>(ctx.db, COLLECTIONS.units, gridUnitId ? [gridUnitId] : []),
  ])
  const proposal = proposeDispatch({
    categoryName: category?.name ?? r.categoryId,
    unitType,
    deadlineDays: deadlineDaysOf(category),
    gridUnit: gridUnitId ? (gridUnits.get(gridUnitId) ?? null) : null,
    community: (micro ?? grid)?.community ?? null,
    streetName: street?.name ?? null,
    districtId: r.location.districtId,
    units: units.data as UnitDoc[],
  })
  return { proposal, category }
}
