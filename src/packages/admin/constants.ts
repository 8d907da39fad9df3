/**
 * Zod-free copies of the lists the admin screens offer (the domain modules import zod at runtime); each is
 * checked against the domain's type at compile time, so a new value there breaks the build here.
 */
import type { CategoryGroup } from '@/domain/city/category'
import type { UnitType } from '@/domain/city/unit'
import type { GridKind } from '@/domain/city/grid'

export const UNIT_TYPES = ['城管', '交警', '住建', '市场监管', '环卫', '市政', '园林', '供电', '消防', '公安', '街道', '社区', '物业', '文明办', '机关'] as const satisfies readonly UnitType[]
type Missing<T extends string, L extends readonly string[]> = Exclude<T, L[number]>
// Compile-time: every UnitType / CategoryGroup is listed.
const unitTypesComplete: Missing<UnitType, typeof UNIT_TYPES> extends never ? true : false = true
export const CATEGORY_GROUPS = ['交通秩序', '市容环境', '小区院落', '农贸市场', '环境卫生', '公共设施', '文明行为'] as const satisfies readonly CategoryGroup[]
const groupsComplete: Missing<CategoryGroup, typeof CATEGORY_GROUPS> extends never ? true : false = true
void unitTypesComplete
void groupsComplete

export const GRID_KIND_LABELS = { grid: '网格', micro: '微网格' } as const satisfies Record<GridKind, string>

/** Same bounds as src/domain/city/admin.ts (the server checks again). */
export const GRID_RADIUS_MIN_M = 20
export const GRID_REACH_MAX_M = 2000
