import type { UnitMetrics } from './unit-metrics'

/**
 * The unit ranking (通报): units ordered by the rule in definitions.ts (RANKING_RULE). Lexicographic, not a
 * weighted score, so every place in the table can be explained from the four numbers printed next to it.
 */
export interface RankedUnit {
  /** 1-based; equal figures share a place (1, 2, 2, 4). Null: no 销号 in the period, not ranked. */
  rank: number | null
  unitId: string
  metrics: UnitMetrics
}

const hours = (h: number | null) => (h === null ? Number.POSITIVE_INFINITY : h)

/** Negative when `a` ranks above `b`; 0 for a tie. Both must have a rate. */
function compare(a: UnitMetrics, b: UnitMetrics): number {
  return (
    (b.onTimeRate.rate ?? 0) - (a.onTimeRate.rate ?? 0) ||
    a.overdue - b.overdue ||
    a.escalations - b.escalations ||
    hours(a.avgHandlingHours) - hours(b.avgHandlingHours)
  )
}

/**
 * Ranks units. Units without a 销号 in the period come last, unranked, ordered by overdue then 督办 (the
 * ones with problems first, so a unit that closes nothing cannot hide at the bottom of an empty table).
 */
export function rankUnits(metrics: readonly UnitMetrics[]): RankedUnit[] {
  const byId = (a: UnitMetrics, b: UnitMetrics) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0)
  const rated = metrics.filter((m) => m.onTimeRate.rate !== null).sort((a, b) => compare(a, b) || byId(a, b))
  const unrated = metrics.filter((m) => m.onTimeRate.rate === null).sort((a, b) => b.overdue - a.overdue || b.escalations - a.escalations || byId(a, b))
  const out: RankedUnit[] = []
  rated.forEach((m, i) => {
    const prev = out[i - 1]
    const rank = prev && compare(prev.metrics, m) === 0 ? prev.rank : i + 1
    out.push({ rank, unitId: m.unitId, metrics: m })
  })
  for (const m of unrated) out.push({ rank: null, unitId: m.unitId, metrics: m })
  return out
}
