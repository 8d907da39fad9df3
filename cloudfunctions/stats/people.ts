import { defineHandler, fetchAll, findByIds } from '../kernel'
import { statsContract } from '../../src/domain/contracts/stats'
import { COLLECTIONS } from '../../src/domain/collections'
import { waveResult } from '../../src/domain/survey/results'
import { countsOf } from '../../src/domain/survey/tally'
import { phaseOf } from '../../src/domain/survey/views'
import type { SurveyDoc, TallyDoc } from '../../src/domain/survey/schema'
import { allTallyId } from '../survey/data'

/** The months (`YYYY-MM`) a period touches. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = from.slice(0, 7).split('-').map(Number)
  const last = to.slice(0, 7)
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`
    out.push(key)
    if (key >= last) return out
    if (m === 12) {
      y += 1
      m = 1
    } else m += 1
  }
}

interface MonthTotals {
  _id: string
  active: number
  minutes: number
  services: number
}

/**
 * 志愿服务 figures from the volunteer function's own counters: registrations by status (count on its index),
 * and per month the volunteers with confirmed hours and their minutes — the monthly ranking counters
 * (`volunteer_rankings`, one per volunteer and month), summed by the database in one aggregate.
 */
export const volunteers = defineHandler(statsContract, 'volunteers', async ({ from, to }, ctx) => {
  const { _ } = ctx
  const months = monthsOf(from, to)
  const coll = ctx.db.collection(COLLECTIONS.volunteers)
  const [registered, pending, totals] = await Promise.all([
    coll.where({ status: 'approved' }).count(),
    coll.where({ status: 'pending' }).count(),
    ctx.db
      .collection(COLLECTIONS.volunteerRankings)
      .aggregate()
      .match({ month: _.in(months), kind: 'volunteer' })
      .group({ _id: '$month', active: _.aggregate.sum(1), minutes: _.aggregate.sum('$minutes'), services: _.aggregate.sum('$services') })
      .end(),
  ])
  const byMonth = new Map((totals.list as MonthTotals[]).map((t) => [t._id, t]))
  return {
    registered: registered.total,
    pending: pending.total,
    months: months.map((month) => {
      const t = byMonth.get(month)
      return { month, active: t?.active ?? 0, hours: Math.round(((t?.minutes ?? 0) / 60) * 10) / 10, services: t?.services ?? 0 }
    }),
  }
})

/** Series shown on the board (the most recently changed), and waves per series. */
const SERIES_MAX = 6
const WAVES_MAX = 12

/** 问卷 rates per wave, computed by the survey domain's own functions from its tallies (Wilson 95% intervals). */
export const surveys = defineHandler(statsContract, 'surveys', async (_input, ctx) => {
  const { _ } = ctx
  const recent = await ctx.db.collection(COLLECTIONS.surveys).where({ status: _.neq('draft') }).orderBy('updatedAt', 'desc').field({ seriesId: true }).limit(50).get()
  const seriesIds = [...new Set((recent.data as { seriesId: string }[]).map((s) => s.seriesId))].slice(0, SERIES_MAX)
  const waves = await Promise.all(
    seriesIds.map((seriesId) =>
      fetchAll<SurveyDoc>(ctx.db.collection(COLLECTIONS.surveys).where({ seriesId }).orderBy('wave', 'asc'), WAVES_MAX).then((l) => l.filter((s) => s.status !== 'draft')),
    ),
  )
  const tallies = await findByIds<TallyDoc>(ctx.db, COLLECTIONS.surveyTallies, waves.flat().map((s) => allTallyId(s._id)))
  const now = ctx.now()
  return {
    series: waves
      .filter((list) => list.length)
      .map((list) => ({
        seriesId: list[0].seriesId,
        title: list[list.length - 1].title,
        waves: list.map((s) => {
          const w = waveResult(
            { surveyId: s._id, wave: s.wave, title: s.title, phase: phaseOf(s, now), opensAt: new Date(s.opensAt).toISOString(), questions: s.questions },
            countsOf(tallies.get(allTallyId(s._id))).m,
          )
          return { surveyId: w.surveyId, wave: w.wave, title: w.title, opensAt: w.opensAt, responses: w.responses, metrics: w.metrics.map((m) => ({ metric: m.metric, label: m.label, rate: m.rate, low: m.low, high: m.high, n: m.n })) }
        }),
      })),
  }
})
