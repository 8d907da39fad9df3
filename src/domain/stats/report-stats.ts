import { ratio, type ReportStats } from '../report/stats'
import { CLOSED_NOT_FIXED_STATUSES, REPORT_STATUSES, type RatingScore, type ReportStatus } from '../report/status'

/**
 * The 办理统计 of all reports (`report.stats` without filters, the 创城办 queue header) from the stats
 * counters instead of the reports, so it costs the same at 100 reports or 100,000:
 * - per status now, and rated reports by latest 评价: the rollup checkpoint;
 * - 超期未整改 now: the checkpoint's open unit tasks past their deadline day;
 * - 按时整改率: the day counters' 销号 (and those never late), less on-time ones undone by 重新处理, plus what
 *   is overdue now, which counts against the rate while it is stuck (as reportStats does over reports).
 *
 * Where the two sources part (rare): a report late but now waiting for 核验 or handed back counts once it is
 * closed (over reports, as soon as it was late); one closed late, reopened and closed again counts twice; a
 * 销号 older than the day counters read (ON_TIME_DAYS) is left out.
 */
export interface CityCounters {
  status: Partial<Record<ReportStatus, number>>
  rated: Partial<Record<RatingScore, number>>
  /** 销号 with a unit's 整改 that stand (not reopened), and of those the ones the unit never missed a deadline on. */
  closed: number
  closedOnTime: number
  overdueNow: number
}

const IN_HAND: readonly ReportStatus[] = ['dispatched', 'in_progress', 'rectified', 'returned', 'reopened']

export function reportStatsOfCounters(c: CityCounters): ReportStats {
  const byStatus: Partial<Record<ReportStatus, number>> = {}
  for (const s of REPORT_STATUSES) if ((c.status[s] ?? 0) > 0) byStatus[s] = c.status[s]
  const count = (ss: readonly ReportStatus[]) => ss.reduce((n, s) => n + (byStatus[s] ?? 0), 0)
  const inHand = count(IN_HAND)
  const closedFixed = count(['closed'])
  const rated = (['satisfied', 'basically_satisfied', 'unsatisfied'] as const).map((s) => Math.max(0, c.rated[s] ?? 0))
  return {
    total: count(REPORT_STATUSES),
    byStatus,
    pending: count(['submitted']),
    inHand,
    closedFixed,
    closedNotFixed: count(CLOSED_NOT_FIXED_STATUSES),
    overdueNow: c.overdueNow,
    onTime: ratio(c.closedOnTime, c.closed + c.overdueNow),
    // Every report in hand or closed was dispatched at least once: that is the 办结率's "accepted".
    fixed: ratio(closedFixed, inHand + closedFixed),
    satisfaction: ratio(rated[0] + rated[1], rated[0] + rated[1] + rated[2]),
  }
}
