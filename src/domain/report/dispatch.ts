import { z } from 'zod'
import { toUnitRef, unitRefSchema, type UnitDoc, type UnitType } from '../city/unit'

/**
 * 派单建议: which 责任单位 the 创城办 most likely sends a report to. Two facts decide it:
 * - the category names the *kind* of unit that handles it (乱停乱放 → 城管, 井盖破损 → 市政, 楼道杂物 → 物业);
 * - the place narrows it down: the grid's 包保单位 when it is itself of that kind, the 社区/街道 the grid
 *   belongs to (for 社区/街道 categories), the district's own unit (城管 has a 分局 per district), and
 *   only then a city-wide unit of the kind.
 * The grid's 包保单位 is shown as well even when it does not handle the case: it is who coordinates on the
 * spot (下沉包保). Staff may always pick another unit; this only orders the picker.
 */
export const dispatchProposalSchema = z.object({
  /** The suggested unit, or null when no active unit of the kind exists. */
  unit: unitRefSchema.nullable(),
  /** Why this unit, in one line for the picker. */
  basis: z.string(),
  /** The category's default 整改时限 (what acceptDispatch uses unless staff change it). */
  deadlineDays: z.number().int().positive(),
  /** The grid's 包保单位 (coordinates on the spot; not necessarily the one that fixes it). */
  gridUnit: unitRefSchema.nullable(),
  /** Active units of the category's kind, best first. */
  candidates: z.array(unitRefSchema).max(20),
})
export type DispatchProposal = z.infer<typeof dispatchProposalSchema>

export interface DispatchContext {
  categoryName: string
  unitType: UnitType
  deadlineDays: number
  /** The effective 包保单位 of the report's grid (micro-grid's own, else its grid's). */
  gridUnit: UnitDoc | null
  /** 社区 and 街道 names of the place (matched against unit names for 社区/街道 categories). */
  community: string | null
  streetName: string | null
  districtId: string | null
  /** Active units of `unitType` (and any others: they are filtered out). */
  units: readonly UnitDoc[]
}

type Basis = 'grid' | 'community' | 'street' | 'district' | 'city' | 'other'
const SCORE: Record<Basis, number> = { grid: 1000, community: 500, street: 400, district: 200, city: 100, other: 0 }

function basisOf(u: UnitDoc, c: DispatchContext): Basis {
  if (c.gridUnit && u._id === c.gridUnit._id) return 'grid'
  if (u.type === '社区' && c.community && u.name.includes(c.community)) return 'community'
  if (u.type === '街道' && c.streetName && u.name.includes(c.streetName)) return 'street'
  if (c.districtId && u.districtId === c.districtId) return 'district'
  if (u.districtId === null) return 'city'
  return 'other'
}

function describe(basis: Basis | null, c: DispatchContext, unitName: string | null): string {
  const head = `“${c.categoryName}”一般由${c.unitType}部门处理`
  switch (basis) {
    case null:
      return `${head}，暂无该类型的责任单位，请手动选择`
    case 'grid':
      return `${head}；${unitName}是该网格的包保单位`
    case 'community':
      return `${head}；问题位于${c.community}`
    case 'street':
      return `${head}；问题位于${c.streetName}`
    case 'district':
      return `${head}；按问题所在区推荐`
    case 'city':
      return `${head}；由全市统一负责`
    default:
      return `${head}；未找到属地单位，请核实后派单`
  }
}

export function proposeDispatch(c: DispatchContext): DispatchProposal {
  const ranked = c.units
    .filter((u) => u.active && u.type === c.unitType)
    .map((u) => ({ u, basis: basisOf(u, c) }))
    .sort((a, b) => SCORE[b.basis] - SCORE[a.basis] || a.u.order - b.u.order)
  const top = ranked[0] ?? null
  return {
    unit: top ? toUnitRef(top.u) : null,
    basis: describe(top?.basis ?? null, c, top?.u.name ?? null),
    deadlineDays: c.deadlineDays,
    gridUnit: c.gridUnit ? toUnitRef(c.gridUnit) : null,
    candidates: ranked.slice(0, 20).map((r) => toUnitRef(r.u)),
  }
}
