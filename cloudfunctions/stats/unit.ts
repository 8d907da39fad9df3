import { ActionError, defineHandler } from '../kernel'
import { statsContract } from '../../src/domain/contracts/stats'
import { UNIT_KEYS, safeKey, sumCounts, type UnitCounts } from '../../src/domain/stats/counters'
import { bucketsOf, seriesOf } from '../../src/domain/stats/series'
import { activeUnits, metricsFromDays, readDays, unitIdsIn } from './metrics'
import { rankingRows } from './overview'
import { freshness, rollupBatch } from './rollup'

/**
 * 本单位数据 for a unit's handlers: their unit's row of the period's ranking (its place needs every unit's
 * figures, but only its own row and the number of ranked units leave the function) and its trend.
 */
export const myUnit = defineHandler(statsContract, 'myUnit', async ({ from, to, bucket }, ctx) => {
  const unitId = ctx.viewer.unitId
  if (!unitId) throw new ActionError('FORBIDDEN', '您的账号尚未绑定责任单位，请联系创城办')
  const batch = await rollupBatch(ctx)
  const [days, names] = await Promise.all([readDays(ctx, from, to, ['unit']), activeUnits(ctx.db)])
  const ids = new Set([...names.keys(), ...unitIdsIn(days, batch.state), unitId])
  const rows = rankingRows(metricsFromDays(days, batch.state, ids, ctx.now()).values(), names)
  const own = rows.find((r) => r.unitId === unitId)!
  const byDay = new Map(days.map((d) => [d.day, d.unit?.[safeKey(unitId)]]))
  return {
    ...freshness(batch, ctx.now()),
    from,
    to,
    bucket,
    unit: own,
    ranked: rows.filter((r) => r.rank !== null).length,
    series: seriesOf<UnitCounts, Partial<UnitCounts> | undefined>(
      bucketsOf(from, to, bucket),
      (day) => byDay.get(day),
      (acc, v) => sumCounts(UNIT_KEYS, [acc, v]),
      () => sumCounts(UNIT_KEYS, []),
    ).map((s) => ({ key: s.key, label: s.label, dispatched: s.value.dispatched + s.value.sentBack, rectified: s.value.rectified, closed: s.value.closed, escalations: s.value.escalations })),
  }
})
