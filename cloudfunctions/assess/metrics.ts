import { findByIds } from '../kernel'
import { COLLECTIONS } from '../../src/domain/collections'
import { dayString } from '../../src/domain/board/period'
import { chinaDayNumber } from '../../src/domain/report/time'
import type { Ratio } from '../../src/domain/report/stats'
import { metricRates } from '../../src/domain/survey/stats'
import { countsOf } from '../../src/domain/survey/tally'
import type { SurveyDoc, TallyDoc } from '../../src/domain/survey/schema'
import type { Period, SurveyMetric } from '../../src/domain/assess'
import { unitMetrics } from '../stats/metrics'
import type { Ctx } from './store'

/**
 * The records behind 考评 data items, for all units of a scheme at once — each figure a bounded read, so a
 * recompute costs a handful of round trips whatever the unit count.
 *
 *   reports     按时整改率, 超期督办次数, 超期未整改 from the `stats` function's per-unit day counters
 *               (`unitMetrics`, cloudfunctions/stats/metrics.ts) — the same figures, by the same definitions, as
 *               the 数据看板 and its unit ranking, so a unit's 考评 and its 通报 on the dashboard agree.
 *   turnout     周五环境整治 (events of type `environment`) held in the period: of the confirmed sign-ups of
 *               each 志愿服务队's members, the share who checked in (or had hours recorded) and were not no-shows.
 *   survey      one survey's rate (知晓率, 满意度 …) from its running tallies, per district (`__all` for
 *               city-wide units).
 */

export interface ReportFigures {
  onTime: Ratio
  escalations: number
  overdue: number
  /** 派单 the unit received in the period. */
  dispatched: number
}

/** The period's China calendar days, inclusive (`end` is exclusive). */
export function periodDays(period: Period): { from: string; to: string } {
  return { from: dayString(chinaDayNumber(new Date(period.start))), to: dayString(chinaDayNumber(new Date(Date.parse(period.end) - 1))) }
}

export async function reportFigures(ctx: Ctx, period: Period, unitIds: readonly string[]): Promise<Map<string, ReportFigures>> {
  const metrics = await unitMetrics(ctx, { ...periodDays(period), unitIds })
  const out = new Map<string, ReportFigures>()
  for (const [id, m] of metrics) out.set(id, { onTime: m.onTimeRate, escalations: m.escalations, overdue: m.overdue, dispatched: m.counts.dispatched })
  return out
}

export interface Turnout {
  confirmed: number
  attended: number
  events: number
}

/** 周五环境整治 attendance per 志愿服务队 over the period's events that have ended. */
export async function fridayTurnout(ctx: Ctx, period: Period, now: Date): Promise<Map<string, Turnout>> {
  const _ = ctx._
  const until = new Date(Math.min(Date.parse(period.end), now.getTime())).toISOString()
  const events = await ctx.db
    .collection(COLLECTIONS.volunteerEvents)
    .where({ type: 'environment', status: _.in(['published', 'ongoing', 'finished']), startAt: _.and(_.gte(period.start), _.lt(until)) })
    .field({ _id: true, endAt: true })
    .limit(1000)
    .get()
  const ended = (events.data as { _id: string; endAt: string }[]).filter((e) => e.endAt <= now.toISOString()).map((e) => e._id)
  const out = new Map<string, Turnout>()
  if (!ended.length) return out
  const $ = _.aggregate
  const res = await ctx.db
    .collection(COLLECTIONS.volunteerSignups)
    .aggregate()
    .match({ eventId: _.in(ended), status: 'confirmed', teamId: _.neq(null) })
    .group({
      _id: '$teamId',
      confirmed: $.sum(1),
      attended: $.sum($.cond({ if: $.and([$.eq(['$noShow', false]), $.or([$.neq(['$checkIn', null]), $.gt(['$hours.minutes', 0])])]), then: 1, else: 0 })),
      events: $.addToSet('$eventId'),
    })
    .limit(1000)
    .end()
  for (const r of res.list as { _id: string; confirmed: number; attended: number; events: string[] }[]) {
    out.set(r._id, { confirmed: r.confirmed, attended: r.attended, events: r.events.length })
  }
  return out
}

export interface SurveyFigure {
  title: string
  positive: number
  answers: number
  rate: number | null
}

/** One survey's `metric` rate per district id (and `null` for the whole survey). */
export async function surveyRates(ctx: Ctx, surveyId: string, metric: SurveyMetric, districtIds: readonly (string | null)[]): Promise<Map<string | null, SurveyFigure>> {
  const tallyId = (d: string | null) => `${surveyId}__${d ?? 'all'}`
  const [surveys, tallies] = await Promise.all([
    findByIds<SurveyDoc>(ctx.db, COLLECTIONS.surveys, [surveyId]),
    findByIds<TallyDoc>(ctx.db, COLLECTIONS.surveyTallies, districtIds.map(tallyId)),
  ])
  const survey = surveys.get(surveyId)
  const out = new Map<string | null, SurveyFigure>()
  if (!survey) return out
  const title = survey.wave > 1 ? `${survey.title}（第${survey.wave}轮）` : survey.title
  for (const d of new Set(districtIds)) {
    const m = metricRates(survey.questions, countsOf(tallies.get(tallyId(d))).m).find((r) => r.metric === metric)
    out.set(d, { title, positive: m?.positive ?? 0, answers: m?.answers ?? 0, rate: m?.rate ?? null })
  }
  return out
}
