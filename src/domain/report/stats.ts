import { z } from 'zod'
import type { ReportDoc } from './report'
import { isClosedNotFixed, isOpenStatus, type ReportStatus } from './status'
import { isOverdue } from './time'

/**
 * Rates a city reports upward, computed so they stay honest:
 * - 不予受理 / 重复 / 不属于本市职责 are never successes: they leave the denominators instead of padding 已办结.
 * - A report still open but already past its deadline counts against the 按时整改率 now, not when it finally
 *   closes — otherwise stuck cases would be invisible exactly while they are stuck.
 * - An empty denominator gives `rate: null` (shown as “—”), never 100 %.
 */
export const ratioSchema = z.object({
  numerator: z.number().int().nonnegative(),
  denominator: z.number().int().nonnegative(),
  rate: z.number().min(0).max(1).nullable(),
})
export type Ratio = z.infer<typeof ratioSchema>

export const ratio = (numerator: number, denominator: number): Ratio => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
})

/** `87.5%` (one decimal, trailing .0 dropped) or `—`. */
export function formatRate(r: Ratio): string {
  if (r.rate === null) return '—'
  return `${Number((r.rate * 100).toFixed(1))}%`
}

export type StatsReport = Pick<ReportDoc, 'status' | 'dispatch' | 'flags' | 'rating'>

/** Accepted = dispatched at least once and not later closed without a fix. */
const isAccepted = (r: StatsReport) => r.dispatch !== null && !isClosedNotFixed(r.status)
/** Missed a deadline: recorded by the machine, or overdue right now (the timer may not have run yet). */
const missedDeadline = (r: StatsReport, now: Date) => r.flags.everOverdue || isOverdue(r, now)

/**
 * 按时整改率: of the reports whose punctuality is settled — 已办结, or open and already late — the share
 * closed without ever missing a deadline. Open reports still within their deadline are not yet counted.
 */
export function onTimeRate(reports: readonly StatsReport[], now: Date): Ratio {
  let on = 0
  let settled = 0
  for (const r of reports) {
    if (r.status === 'closed') {
      settled++
      if (!missedDeadline(r, now)) on++
    } else if (isOpenStatus(r.status) && r.dispatch !== null && missedDeadline(r, now)) settled++
  }
  return ratio(on, settled)
}

/** 办结率: 已办结 over accepted reports (dispatched at least once, not closed as 不予受理/重复/不属于本市职责). */
export function fixRate(reports: readonly StatsReport[]): Ratio {
  const accepted = reports.filter(isAccepted)
  return ratio(accepted.filter((r) => r.status === 'closed').length, accepted.length)
}

/** 满意率: 满意 + 基本满意 over rated reports (the latest rating of each; a reopened report keeps its 不满意). */
export function satisfactionRate(reports: readonly StatsReport[]): Ratio {
  const rated = reports.filter((r) => r.rating !== null)
  return ratio(rated.filter((r) => r.rating!.score !== 'unsatisfied').length, rated.length)
}

export const reportStatsSchema = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  /** 待审核. */
  pending: z.number().int(),
  /** Accepted and not yet 已办结. */
  inHand: z.number().int(),
  closedFixed: z.number().int(),
  closedNotFixed: z.number().int(),
  overdueNow: z.number().int(),
  onTime: ratioSchema,
  fixed: ratioSchema,
  satisfaction: ratioSchema,
})
export type ReportStats = z.infer<typeof reportStatsSchema>

/** Everything a dashboard or a 红黑榜 needs from a list of reports (one unit's, one district's, all). */
export function reportStats(reports: readonly StatsReport[], now: Date): ReportStats {
  const byStatus: Partial<Record<ReportStatus, number>> = {}
  for (const r of reports) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1
  const count = (...ss: ReportStatus[]) => ss.reduce((n, s) => n + (byStatus[s] ?? 0), 0)
  return {
    total: reports.length,
    byStatus,
    pending: count('submitted'),
    inHand: count('dispatched', 'in_progress', 'rectified', 'returned', 'reopened'),
    closedFixed: count('closed'),
    closedNotFixed: count('rejected', 'duplicate', 'out_of_scope'),
    overdueNow: reports.filter((r) => isOverdue(r, now)).length,
    onTime: onTimeRate(reports, now),
    fixed: fixRate(reports),
    satisfaction: satisfactionRate(reports),
  }
}

/** What staff see of a reporter's track record (never who they are, in the queue). */
export const reporterHistorySchema = z.object({
  /** Reports of theirs the 创城办 accepted (dispatched at least once, and not rejected in the end). */
  accepted: z.number().int().nonnegative(),
  /** Reports of theirs closed as 不予受理. */
  rejected: z.number().int().nonnegative(),
})
export type ReporterHistory = z.infer<typeof reporterHistorySchema>

export function reporterHistory(reports: readonly Pick<ReportDoc, 'status' | 'dispatch'>[]): ReporterHistory {
  return {
    accepted: reports.filter((r) => r.dispatch !== null && r.status !== 'rejected').length,
    rejected: reports.filter((r) => r.status === 'rejected').length,
  }
}
