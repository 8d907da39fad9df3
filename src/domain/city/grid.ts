import { z } from 'zod'
import { approximateAreaM2, areaContains, areaSchema, pointSchema, type Point } from './geo'
import { canSeeStaffContacts, contactSchema, unitRefSchema, type UnitRef, type Viewer } from './unit'

/**
 * 网格化管理: a street is divided into 网格 (a few hundred households each, with a 网格员 and a 包保
 * 单位 — the municipal department that "sinks" its cadres into the grid), and each grid into 微网格 of
 * about 50 households (a building or two, with a 楼栋长/微网格员).
 */
export const GRID_KINDS = ['grid', 'micro'] as const
export const gridKindSchema = z.enum(GRID_KINDS)
export type GridKind = z.infer<typeof gridKindSchema>
export const GRID_KIND_LABELS: Record<GridKind, string> = { grid: '网格', micro: '微网格' }

/** A micro-grid is "about 50 households"; above this a city would split it. */
export const MICRO_GRID_TARGET_HOUSEHOLDS = 50
export const MICRO_GRID_MAX_HOUSEHOLDS = 80

export const gridDocSchema = z.object({
  _id: z.string(),
  name: z.string().min(1).max(40),
  kind: gridKindSchema,
  districtId: z.string(),
  streetId: z.string(),
  /** 社区 the grid belongs to (by name; communities are listed on the street). */
  community: z.string().max(20),
  /** The grid a micro-grid belongs to; null for grids. */
  parentId: z.string().nullable(),
  center: pointSchema,
  area: areaSchema,
  households: z.number().int().nonnegative().nullable(),
  /** 包保单位. A micro-grid without its own inherits its grid's. */
  unitId: z.string().nullable(),
  /** 包保责任人 (name and post), public: cities print it on the grid's 公示牌. */
  leader: z.string().max(40).nullable(),
  /** 网格员 / 楼栋长; the phone is for staff only. */
  worker: contactSchema.nullable(),
  order: z.number().int(),
})
export type GridDoc = z.infer<typeof gridDocSchema>

export const gridViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: gridKindSchema,
  districtId: z.string(),
  streetId: z.string(),
  community: z.string(),
  parentId: z.string().nullable(),
  center: pointSchema,
  area: areaSchema,
  households: z.number().int().nullable(),
  /** The effective 包保单位 (own, else the parent grid's). */
  unit: unitRefSchema.nullable(),
  leader: z.string().nullable(),
  worker: z.object({ name: z.string(), phone: z.string().optional().describe('仅创城办、管理员可见') }).nullable(),
})
export type GridView = z.infer<typeof gridViewSchema>

/** Structural rules a grid must satisfy against its parent (used by seeds, admin edits and tests). */
export function gridProblems(grid: GridDoc, parent: GridDoc | null): string[] {
  const problems: string[] = []
  if (grid.kind === 'grid') {
    if (grid.parentId !== null) problems.push(`${grid.name}：网格不能有上级网格`)
  } else {
    if (!grid.parentId || !parent) problems.push(`${grid.name}：微网格必须属于一个网格`)
    else {
      if (parent._id !== grid.parentId) problems.push(`${grid.name}：上级网格不匹配`)
      if (parent.kind !== 'grid') problems.push(`${grid.name}：微网格的上级必须是网格`)
      if (parent.streetId !== grid.streetId || parent.districtId !== grid.districtId)
        problems.push(`${grid.name}：微网格必须与上级网格同属一个街道`)
    }
    if (grid.households !== null && grid.households > MICRO_GRID_MAX_HOUSEHOLDS)
      problems.push(`${grid.name}：微网格约 ${MICRO_GRID_TARGET_HOUSEHOLDS} 户，超过 ${MICRO_GRID_MAX_HOUSEHOLDS} 户应拆分`)
  }
  return problems
}

export function effectiveUnitId(grid: Pick<GridDoc, 'unitId'>, parent: Pick<GridDoc, 'unitId'> | null): string | null {
  return grid.unitId ?? parent?.unitId ?? null
}

export function toGridView(
  grid: GridDoc,
  opts: { parent: GridDoc | null; units: ReadonlyMap<string, UnitRef>; viewer: Viewer },
): GridView {
  const unitId = effectiveUnitId(grid, opts.parent)
  const showPhone = canSeeStaffContacts(opts.viewer)
  return {
    id: grid._id,
    name: grid.name,
    kind: grid.kind,
    districtId: grid.districtId,
    streetId: grid.streetId,
    community: grid.community,
    parentId: grid.parentId,
    center: grid.center,
    area: grid.area,
    households: grid.households,
    unit: unitId ? (opts.units.get(unitId) ?? null) : null,
    leader: grid.leader,
    worker: grid.worker ? (showPhone ? { name: grid.worker.name, phone: grid.worker.phone } : { name: grid.worker.name }) : null,
  }
}

/**
 * Which grid and micro-grid a point falls in: the smallest containing micro-grid (and its grid), else
 * the smallest containing grid. Overlaps happen with hand-drawn boundaries; smallest wins.
 */
export function locateGrid<G extends Pick<GridDoc, '_id' | 'kind' | 'parentId' | 'center' | 'area'>>(
  grids: readonly G[],
  p: Point,
): { grid: G | null; micro: G | null } {
  const containing = grids
    .filter((g) => areaContains(g.center, g.area, p))
    .sort((a, b) => approximateAreaM2(a.center, a.area) - approximateAreaM2(b.center, b.area))
  const micro = containing.find((g) => g.kind === 'micro') ?? null
  if (micro) {
    const parent = grids.find((g) => g._id === micro.parentId && g.kind === 'grid') ?? null
    return { grid: parent, micro }
  }
  return { grid: containing.find((g) => g.kind === 'grid') ?? null, micro: null }
}
