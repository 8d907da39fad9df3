import { z } from 'zod'
import { distanceMeters, pointInPolygon, type Area, type Point } from './geo'
import { gridDocSchema, gridProblems, type GridDoc } from './grid'
import { unitDocSchema, type UnitDoc } from './unit'
import type { DistrictDoc, StreetDoc } from './district'

/**
 * City set-up by admins: the records as admins edit them (contact phones included) and the rules an edit
 * must pass. Reports keep the unit name and deadline they were dispatched with, so editing here only
 * changes what new work gets.
 */

/** Smallest circle a grid may be drawn as: a building or two. */
export const GRID_RADIUS_MIN_M = 20
/**
 * How far a grid's boundary may reach from its centre. Reports and `city.locate` find candidate grids by
 * centre within ±0.03° (≈ 2.3 km east–west in the north of China), so a grid reaching further would be
 * missed for points near its edge. A 网格 is a few hundred households — far smaller in practice.
 */
export const GRID_REACH_MAX_M = 2000
/** "Inside the district, roughly": a grid's centre within this distance of its district's centre. */
export const DISTRICT_REACH_M = 15000

/** A unit as admins see and edit it (phone included, inactive ones too). */
export const unitRecordSchema = unitDocSchema.omit({ _id: true }).extend({ id: z.string() })
export type UnitRecord = z.infer<typeof unitRecordSchema>
export const toUnitRecord = ({ _id, ...rest }: UnitDoc): UnitRecord => ({ id: _id, ...rest })

/** A grid as stored, for the editor: its own 包保单位 (null = inherits), worker phone included. */
export const gridRecordSchema = gridDocSchema.omit({ _id: true }).extend({ id: z.string() })
export type GridRecord = z.infer<typeof gridRecordSchema>
export const toGridRecord = ({ _id, ...rest }: GridDoc): GridRecord => ({ id: _id, ...rest })

const round6 = (n: number) => Math.round(n * 1e6) / 1e6
const samePoint = (a: Point, b: Point) => a.lat === b.lat && a.lng === b.lng

/** A polygon as pasted (maybe closed by repeating the first point, maybe with repeats): open, deduplicated, rounded. */
export function normalizeArea(area: Area): Area {
  if (area.type === 'circle') return { type: 'circle', radius: Math.round(area.radius) }
  const pts = area.points.map((p) => ({ lat: round6(p.lat), lng: round6(p.lng) }))
  const out: Point[] = []
  for (const p of pts) if (!out.length || !samePoint(out[out.length - 1], p)) out.push(p)
  while (out.length > 1 && samePoint(out[0], out[out.length - 1])) out.pop()
  return { type: 'polygon', points: out }
}

/** Centre of a polygon's vertices — where the editor puts the centre when asked. */
export function polygonCenter(points: readonly Point[]): Point {
  const n = points.length || 1
  return {
    lat: round6(points.reduce((s, p) => s + p.lat, 0) / n),
    lng: round6(points.reduce((s, p) => s + p.lng, 0) / n),
  }
}

const cross = (o: Point, a: Point, b: Point) => (a.lng - o.lng) * (b.lat - o.lat) - (a.lat - o.lat) * (b.lng - o.lng)

/** Proper crossing of segments ab and cd (touching at a shared end does not count). */
function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = cross(c, d, a)
  const d2 = cross(c, d, b)
  const d3 = cross(a, b, c)
  const d4 = cross(a, b, d)
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
}

/** Whether two edges of the ring cross each other (a figure of eight, or points in the wrong order). */
export function isSelfIntersecting(points: readonly Point[]): boolean {
  const n = points.length
  for (let i = 0; i < n; i++) {
    const a = points[i]
    const b = points[(i + 1) % n]
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue // adjacent through the closing edge
      if (segmentsCross(a, b, points[j], points[(j + 1) % n])) return true
    }
  }
  return false
}

/** What is wrong with a drawn shape (Chinese, one line each); empty when it can be saved. */
export function areaProblems(center: Point, area: Area): string[] {
  if (area.type === 'circle') {
    if (area.radius < GRID_RADIUS_MIN_M || area.radius > GRID_REACH_MAX_M)
      return [`半径应在 ${GRID_RADIUS_MIN_M} 米到 ${GRID_REACH_MAX_M} 米之间`]
    return []
  }
  const problems: string[] = []
  const normal = normalizeArea(area)
  const pts = normal.type === 'polygon' ? normal.points : []
  if (pts.length < 3) return ['多边形至少需要 3 个不同的顶点']
  if (isSelfIntersecting(pts)) problems.push('多边形的边相互交叉，请按顺时针或逆时针顺序排列顶点')
  const far = pts.filter((p) => distanceMeters(center, p) > GRID_REACH_MAX_M).length
  if (far) problems.push(`有 ${far} 个顶点距中心点超过 ${GRID_REACH_MAX_M} 米，请检查坐标或中心点`)
  if (!problems.length && !pointInPolygon(center, pts)) problems.push('中心点不在多边形内，可点“取多边形中心”')
  return problems
}

/**
 * Every rule a grid edit must pass, against its street, district, parent and 包保单位 (looked up by the
 * caller). `gridProblems` (structure against the parent) is part of it.
 */
export function gridEditProblems(
  grid: GridDoc,
  refs: { district: DistrictDoc | null; street: StreetDoc | null; parent: GridDoc | null; unit: UnitDoc | null },
): string[] {
  const problems = gridProblems(grid, refs.parent)
  if (!refs.district) problems.push('所属辖区不存在')
  if (!refs.street) problems.push('所属街道不存在')
  else if (refs.street.districtId !== grid.districtId) problems.push(`${refs.street.name}不属于所选辖区`)
  else if (refs.street.communities.length && grid.community && !refs.street.communities.includes(grid.community))
    problems.push(`${refs.street.name}没有“${grid.community}”社区，请先在街道中添加`)
  if (grid.unitId && (!refs.unit || !refs.unit.active)) problems.push('包保单位不存在或已停用')
  problems.push(...areaProblems(grid.center, grid.area))
  if (refs.district && distanceMeters(refs.district.center, grid.center) > DISTRICT_REACH_M)
    problems.push(`中心点距${refs.district.name}中心超过 ${DISTRICT_REACH_M / 1000} 公里，不像在本辖区内`)
  if (grid.kind === 'micro' && refs.parent && !pointInAreaOf(refs.parent, grid.center))
    problems.push(`微网格中心不在上级网格“${refs.parent.name}”范围内`)
  return problems
}

const pointInAreaOf = (g: Pick<GridDoc, 'center' | 'area'>, p: Point) =>
  g.area.type === 'circle' ? distanceMeters(g.center, p) <= g.area.radius : pointInPolygon(p, g.area.points)

/** A new record id: prefix, time and randomness (ids are also typed by admins for categories only). */
export function newRecordId(prefix: string, now: Date): string {
  return `${prefix}-${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}
