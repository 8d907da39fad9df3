import { defineHandler, fetchAll, findByIds } from '../kernel'
import { statsContract } from '../../src/domain/contracts/stats'
import { COLLECTIONS } from '../../src/domain/collections'
import { REPORT_STATUSES } from '../../src/domain/report/status'
import { AREA_KEYS, FLOW_KEYS, NO_DISTRICT, sumCounts, type AreaFlows, type DayDoc, type Flows } from '../../src/domain/stats/counters'
import { rankUnits } from '../../src/domain/stats/ranking'
import { bucketsOf, seriesOf } from '../../src/domain/stats/series'
import { meanHours, type UnitMetrics } from '../../src/domain/stats/unit-metrics'
import { activeUnits, metricsFromDays, readDays, unitIdsIn } from './metrics'
import { freshness, rollupBatch } from './rollup'

type Named = { _id: string; name: string; order?: number }

/** Sums a per-id map part of the day docs (district / category) and names each id; unknown ids keep theirs. */
function areaRows(days: readonly DayDoc[], part: 'district' | 'category', names: readonly Named[], extra: Record<string, string> = {}) {
  const ids = new Set<string>(names.map((n) => n._id))
  for (const d of days) for (const id of Object.keys(d[part] ?? {})) ids.add(id)
  const nameOf = new Map(names.map((n) => [n._id, n.name]))
  return [...ids].map((id) => ({ id, name: nameOf.get(id) ?? extra[id] ?? id, ...sumCounts(AREA_KEYS, days.map((d) => d[part]?.[id] as Partial<AreaFlows> | undefined)) }))
}

/** Ranking rows: the ranking in domain/stats/ranking.ts with the units' names. */
export function rankingRows(metrics: Iterable<UnitMetrics>, names: ReadonlyMap<string, string>) {
  return rankUnits([...metrics]).map(({ rank, unitId, metrics: m }) => ({
    rank,
    unitId,
    unitName: names.get(unitId) ?? unitId,
    closed: m.counts.closed,
    onTimeRate: m.onTimeRate,
    avgHandlingHours: m.avgHandlingHours,
    avgCloseHours: m.avgCloseHours,
    overdue: m.overdue,
    escalations: m.escalations,
    counts: m.counts,
  }))
}

/**
 * The dashboard: one bounded rollup batch (so figures are current), then the period's day documents and
 * the names of districts, categories and units. No report is read.
 */
export const overview = defineHandler(statsContract, 'overview', async ({ from, to, bucket }, ctx) => {
  const batch = await rollupBatch(ctx)
  const [days, districts, categories, units] = await Promise.all([
    readDays(ctx, from, to, ['city', 'district', 'category', 'unit']),
    fetchAll<Named>(ctx.db.collection(COLLECTIONS.districts).field({ _id: true, name: true }), 200),
    fetchAll<Named>(ctx.db.collection(COLLECTIONS.categories).field({ _id: true, name: true }), 300),
    activeUnits(ctx.db),
  ])
  const byDay = new Map(days.map((d) => [d.day, d]))
  const city = sumCounts(FLOW_KEYS, days.map((d) => d.city))
  const ids = new Set([...units.keys(), ...unitIdsIn(days, batch.state)])
  const missing = [...ids].filter((id) => !units.has(id))
  if (missing.length) for (const [id, u] of await findByIds<Named>(ctx.db, COLLECTIONS.units, missing)) units.set(id, u.name)
  const flows = (d: DayDoc | undefined) => d?.city
  return {
    ...freshness(batch, ctx.now()),
    from,
    to,
    bucket,
    totals: {
      submitted: city.submitted,
      accepted: city.accepted,
      closed: city.closed,
      rejected: city.rejected,
      duplicate: city.duplicate,
      outOfScope: city.outOfScope,
      reopened: city.reopened,
      escalated: city.escalated,
      avgCloseHours: meanHours(city.closeMs, city.closed),
    },
    statusNow: REPORT_STATUSES.map((status) => ({ status, count: Math.max(0, batch.state.status[status] ?? 0) })),
    series: seriesOf<Flows, Partial<Flows>>(
      bucketsOf(from, to, bucket),
      (day) => flows(byDay.get(day)),
      (acc, v) => sumCounts(FLOW_KEYS, [acc, v]),
      () => sumCounts(FLOW_KEYS, []),
    ).map((s) => ({ key: s.key, label: s.label, submitted: s.value.submitted, accepted: s.value.accepted, closed: s.value.closed, escalated: s.value.escalated })),
    districts: areaRows(days, 'district', districts, { [NO_DISTRICT]: '未划入区县' }),
    categories: areaRows(days, 'category', categories).filter((c) => c.submitted || c.accepted || c.closed),
    units: rankingRows(metricsFromDays(days, batch.state, ids, ctx.now()).values(), units),
  }
})
