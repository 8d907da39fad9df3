import type { Command, Database } from 'wx-server-sdk'
import { dayString } from '../../src/domain/board/period'
import type { ReportStats } from '../../src/domain/report/stats'
import { chinaDayNumber } from '../../src/domain/report/time'
import { reportStatsOfCounters } from '../../src/domain/stats/report-stats'
import { overdueNow } from '../../src/domain/stats/unit-metrics'
import { readDays } from './metrics'
import { rollupBatch } from './rollup'

type Ctx = { db: Database; _: Command; now(): Date }

/** Days of 销号 counted into the city's 按时整改率 (the day counters of the last ~2.7 years: one query). */
export const ON_TIME_DAYS = 1000

/**
 * The city's 办理统计 (`report.stats` without filters) from the counters: one bounded rollup batch (so the
 * figures are at most about a minute behind), then the checkpoint and one small document per day — a
 * fixed cost however many reports there are. Rules: src/domain/stats/report-stats.ts.
 */
export async function cityReportStats(ctx: Ctx): Promise<ReportStats> {
  const { state } = await rollupBatch(ctx)
  const today = chinaDayNumber(ctx.now())
  const days = await readDays(ctx, dayString(today - ON_TIME_DAYS + 1), dayString(today), ['unit'])
  let closed = 0
  let closedOnTime = 0
  for (const d of days) {
    for (const u of Object.values(d.unit ?? {})) {
      closed += u.closed ?? 0
      closedOnTime += u.closedOnTime ?? 0
    }
  }
  const overdue = Object.values(state.open).reduce((n, open) => n + overdueNow(open, today), 0)
  const undone = state.reopened?.closedOnTime ?? 0
  return reportStatsOfCounters({
    status: state.status,
    rated: state.rated ?? {},
    closed: closed - undone,
    closedOnTime: closedOnTime - undone,
    overdueNow: overdue,
  })
}
