import type { Command, Database } from 'wx-server-sdk'
import { fetchAll } from '../kernel'
import { COLLECTIONS } from '../../src/domain/collections'
import { chinaDayNumber } from '../../src/domain/report/time'
import type { DayDoc } from '../../src/domain/stats/counters'
import { overdueNow, unitMetrics as metricsOf, type UnitMetrics } from '../../src/domain/stats/unit-metrics'
import { rollupBatch } from './rollup'
import { readState, type StateDoc } from './state'

type Ctx = { db: Database; _: Command; now(): Date }
type DayPart = keyof Omit<DayDoc, '_id' | 'day' | 'updatedAt'>

/** The day counters of [from, to] (`YYYY-MM-DD`, inclusive) with only the parts asked for: ≤ 731 days, one query. */
export async function readDays(ctx: Pick<Ctx, 'db' | '_'>, from: string, to: string, parts: readonly DayPart[]): Promise<DayDoc[]> {
  const { _ } = ctx
  const field: Record<string, true> = { day: true }
  for (const p of parts) field[p] = true
  const res = await ctx.db.collection(COLLECTIONS.statsDaily).where({ day: _.and(_.gte(from), _.lte(to)) }).orderBy('day', 'asc').field(field).limit(1000).get()
  return res.data as DayDoc[]
}

/** Per-unit figures from day docs (their `unit` part) and the checkpoint's open tasks, for the units given. */
export function metricsFromDays(days: readonly DayDoc[], state: Pick<StateDoc, 'open'>, unitIds: Iterable<string>, now: Date): Map<string, UnitMetrics> {
  const today = chinaDayNumber(now)
  const out = new Map<string, UnitMetrics>()
  for (const id of unitIds) out.set(id, metricsOf(id, days.map((d) => d.unit?.[id]), overdueNow(state.open[id], today)))
  return out
}

/** Every unit that appears in the counters or has open tasks. */
export function unitIdsIn(days: readonly DayDoc[], state: Pick<StateDoc, 'open'>): Set<string> {
  const ids = new Set(Object.keys(state.open))
  for (const d of days) for (const id of Object.keys(d.unit ?? {})) ids.add(id)
  return ids
}

/**
 * Per-unit figures for a period — for other functions (the 考评 data-backed items) as well as the
 * dashboard: 按时整改率, 平均整改用时, 平均办结用时, 超期未整改 (now), 督办 (see src/domain/stats/definitions.ts).
 *
 *   const m = await unitMetrics(ctx, { from: '2024-05-01', to: '2024-05-31', unitIds: ['unit-1'] })
 *
 * `unitIds` omitted: every active unit plus any unit with figures. Counts one bounded rollup batch first
 * (so figures are at most a minute behind unless a backlog is waiting; the timer works it off). About 4
 * database round trips, reading one small document per day of the period.
 */
export async function unitMetrics(ctx: Ctx, opts: { from: string; to: string; unitIds?: readonly string[]; catchUp?: boolean }): Promise<Map<string, UnitMetrics>> {
  const state = opts.catchUp === false ? await readState(ctx.db) : (await rollupBatch(ctx)).state
  const days = await readDays(ctx, opts.from, opts.to, ['unit'])
  const ids = opts.unitIds ? new Set(opts.unitIds) : new Set([...(await activeUnits(ctx.db)).keys(), ...unitIdsIn(days, state)])
  return metricsFromDays(days, state, ids, ctx.now())
}

/** Active units by id with their names (units are a few hundred at most). */
export async function activeUnits(db: Database): Promise<Map<string, string>> {
  const list = await fetchAll<{ _id: string; name: string }>(db.collection(COLLECTIONS.units).where({ active: true }).field({ _id: true, name: true }), 1000)
  return new Map(list.map((u) => [u._id, u.name]))
}
