import { defineHandler, fetchAll, findByIds } from '../kernel'
import { statsContract } from '../../src/domain/contracts/stats'
import { COLLECTIONS } from '../../src/domain/collections'
import { boxAround, topCells, topCounts } from '../../src/domain/stats/hotspots'
import { mergeNested } from '../../src/domain/stats/counters'
import { readDays } from './metrics'
import { freshness, rollupBatch } from './rollup'

/** Cells and grids listed (and drawn) at most. */
const TOP = 30

/** 热点: the period's per-cell and per-grid counts summed, the places with repeats ranked, and a box to draw them in. */
export const hotspots = defineHandler(statsContract, 'hotspots', async ({ from, to }, ctx) => {
  const batch = await rollupBatch(ctx)
  const [days, districts] = await Promise.all([
    readDays(ctx, from, to, ['grid', 'cell', 'city']),
    fetchAll<{ _id: string; name: string; center: { lat: number; lng: number } }>(ctx.db.collection(COLLECTIONS.districts).field({ _id: true, name: true, center: true }), 200),
  ])
  const cellCounts = days.reduce<Record<string, number>>((acc, d) => mergeNested(acc, d.cell ?? {}), {})
  const gridCounts = days.reduce<Record<string, number>>((acc, d) => mergeNested(acc, d.grid ?? {}), {})
  const cells = topCells(cellCounts, TOP)
  const top = topCounts(gridCounts, TOP)
  const gridNames = await findByIds<{ _id: string; name: string }>(ctx.db, COLLECTIONS.grids, top.map((g) => g.id))
  const landmarks = districts.filter((d) => d.center).map((d) => ({ name: d.name, lat: d.center.lat, lng: d.center.lng }))
  return {
    ...freshness(batch, ctx.now()),
    box: boxAround([...cells, ...landmarks]),
    cells,
    grids: top.map((g) => ({ id: g.id, name: gridNames.get(g.id)?.name ?? g.id, count: g.count })),
    landmarks,
    total: days.reduce((n, d) => n + (d.city?.submitted ?? 0), 0),
  }
})
