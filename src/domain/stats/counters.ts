/**
 * The counters the dashboards read. The `stats` function's rollup turns each 随手拍 timeline event into
 * increments of these, kept per China calendar day (one small document per day, `stats_daily`), so a
 * dashboard reads O(days) documents and never the reports.
 *
 * Every count is a count of timeline events on that day (flows), so a period's figure is the sum of its days.
 */

/** What happened to reports city-wide on a day. `closeMs`: summed 提交→销号 time of the day's 销号. */
export const FLOW_KEYS = ['submitted', 'accepted', 'closed', 'rejected', 'duplicate', 'outOfScope', 'reopened', 'escalated', 'closeMs'] as const
export type FlowKey = (typeof FLOW_KEYS)[number]
export type Flows = Record<FlowKey, number>

/** Per district and per category: new reports, accepted (受理派单) and 销号. */
export const AREA_KEYS = ['submitted', 'accepted', 'closed'] as const
export type AreaKey = (typeof AREA_KEYS)[number]
export type AreaFlows = Record<AreaKey, number>

/**
 * Per 责任单位 (the unit the report was with when the event happened):
 * - dispatched: 派单 received (受理派单 and 重新派单); sentBack: 核验未通过退回重新整改 (a new deadline for the same unit)
 * - rectified / rectifiedLate: 整改 submitted, and of those after the 整改时限 in force; handlingMs: their summed 派单→整改 time
 * - returned: handed back as 不属于本单位
 * - closed / closedOnTime: 销号 of reports this unit rectified, and of those the ones it never missed a deadline on
 * - closeMs: summed 提交→销号 time of those 销号; escalations: 督办 while the report was with the unit
 */
export const UNIT_KEYS = ['dispatched', 'sentBack', 'rectified', 'rectifiedLate', 'handlingMs', 'returned', 'closed', 'closedOnTime', 'closeMs', 'escalations'] as const
export type UnitKey = (typeof UNIT_KEYS)[number]
export type UnitCounts = Record<UnitKey, number>

export const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>

/** Adds `b` into a copy of `a` field by field (missing fields count as 0). */
export function addCounts<K extends string>(keys: readonly K[], a: Partial<Record<K, number>> | undefined, b: Partial<Record<K, number>> | undefined): Record<K, number> {
  const out = zeros(keys)
  for (const k of keys) out[k] = (a?.[k] ?? 0) + (b?.[k] ?? 0)
  return out
}

/** Sums a list of partial counters. */
export const sumCounts = <K extends string>(keys: readonly K[], list: readonly (Partial<Record<K, number>> | undefined)[]): Record<K, number> =>
  list.reduce<Record<K, number>>((acc, c) => addCounts(keys, acc, c), zeros(keys))

/** Reports outside every mapped district are counted under this key. */
export const NO_DISTRICT = '_none'

/**
 * One day's counters as stored (`stats_daily`, `_id` = `day`). Maps are keyed by district, category, unit,
 * grid (the 微网格 when the point fell in one, else the 网格) and ~100 m cell (see hotspots.ts).
 */
export interface DayCounts {
  city: Partial<Flows>
  district: Record<string, Partial<AreaFlows>>
  category: Record<string, Partial<AreaFlows>>
  unit: Record<string, Partial<UnitCounts>>
  grid: Record<string, number>
  cell: Record<string, number>
}
export type DayDoc = DayCounts & { _id: string; day: string; updatedAt?: string }

export const emptyDay = (): DayCounts => ({ city: {}, district: {}, category: {}, unit: {}, grid: {}, cell: {} })

type Nested = { [k: string]: number | Nested }

/** Adds `n` at a key path of a nested counter object, creating what is missing. */
export function bump(target: object, path: readonly string[], n = 1): void {
  let cur = target as Nested
  for (const key of path.slice(0, -1)) {
    const next = cur[key]
    if (typeof next !== 'object' || next === null) cur[key] = {}
    cur = cur[key] as Nested
  }
  const last = path[path.length - 1]
  cur[last] = ((cur[last] as number | undefined) ?? 0) + n
}

/** Deep sum of two nested counter objects (neither is changed). */
export function mergeNested<T extends object>(a: T, b: object): T {
  const out = structuredCloneSafe(a) as Nested
  const walk = (src: Nested, path: string[]) => {
    for (const [k, v] of Object.entries(src)) {
      if (typeof v === 'number') bump(out, [...path, k], v)
      else if (v && typeof v === 'object') walk(v, [...path, k])
    }
  }
  walk(b as Nested, [])
  return out as T
}

const structuredCloneSafe = <T>(v: T): T => JSON.parse(JSON.stringify(v ?? {})) as T

/** Field names must not contain dots or start with `$` (they become dotted update paths). */
export const safeKey = (id: string): string => id.replace(/[.$]/g, '_')
