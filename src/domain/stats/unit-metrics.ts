import { z } from 'zod'
import { ratio, ratioSchema } from '../report/stats'
import { UNIT_KEYS, sumCounts, type UnitCounts } from './counters'
import { unitCountsSchema } from './schemas'

/**
 * Per-unit figures for a period (definitions in words: definitions.ts) — the basis of the unit ranking (通报) and of the data-backed 考评 items.
 *
 * 按时整改率 (on-time rectification rate), precisely: of the reports 销号 in the period whose 整改 this unit
 * did, the share on which the unit never missed a deadline — every 整改 and every 退回 it made on the report
 * came by the 整改时限 in force at the time (a 核验未通过 gives a new 时限; missing the first still counts).
 * Reports still open are not in it; what is late right now is the separate 超期未整改 count.
 */

const HOUR_MS = 60 * 60 * 1000

export const unitMetricsSchema = z.object({
  unitId: z.string(),
  counts: unitCountsSchema,
  onTimeRate: ratioSchema,
  /** 派单 → 提交整改, hours (one decimal); null without a 整改 in the period. */
  avgHandlingHours: z.number().nullable(),
  /** 提交 → 销号 of the unit's 销号, hours; null without a 销号. */
  avgCloseHours: z.number().nullable(),
  /** 超期未整改: with the unit now and past the 整改时限 (not a period figure: as of now). */
  overdue: z.number().int().nonnegative(),
  /** 督办 in the period. */
  escalations: z.number().int().nonnegative(),
})
export type UnitMetrics = z.infer<typeof unitMetricsSchema>

/** Mean of a summed duration in hours, one decimal; null for an empty count. */
export const meanHours = (totalMs: number, count: number): number | null => (count > 0 ? Math.round((totalMs / count / HOUR_MS) * 10) / 10 : null)

/** Figures of one unit from its per-day counters over the period and its open tasks by deadline day. */
export function unitMetrics(unitId: string, days: readonly (Partial<UnitCounts> | undefined)[], overdue: number): UnitMetrics {
  const counts = sumCounts(UNIT_KEYS, days)
  return {
    unitId,
    counts,
    onTimeRate: ratio(counts.closedOnTime, counts.closed),
    avgHandlingHours: meanHours(counts.handlingMs, counts.rectified),
    avgCloseHours: meanHours(counts.closeMs, counts.closed),
    overdue,
    escalations: counts.escalations,
  }
}

/** Key of a deadline day in the open-task map: `d<China day number>` (a field name, not an array index). */
export const deadlineKey = (day: number): string => `d${day}`

/**
 * 超期未整改 now, from a unit's open tasks counted by deadline day: a deadline is the end of its day, so a
 * task is overdue once that day is before today.
 */
export function overdueNow(open: Record<string, number> | undefined, today: number): number {
  let n = 0
  for (const [key, count] of Object.entries(open ?? {})) {
    const day = Number(key.slice(1))
    if (key.startsWith('d') && Number.isInteger(day) && day < today) n += count
  }
  return n
}
