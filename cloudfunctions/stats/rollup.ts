import type { Command, Database } from 'wx-server-sdk'
import { COLLECTIONS } from '../../src/domain/collections'
import { emptyDay, mergeNested, type DayDoc } from '../../src/domain/stats/counters'
import { HISTORY_TYPES, NEEDS_HISTORY, NEEDS_REPORT, eventOrder, rollup, type ReportInfo, type RollupEvent } from '../../src/domain/stats/rollup'
import { pruneOpen, readState, STATE_ID, withoutId, type StateDoc } from './state'

type Ctx = { db: Database; _: Command; now(): Date }

/**
 * Events newer than this are left for the next run: a transition stamps its event with the time it started
 * and appends it a moment later, so an event can appear with a time just before one already counted. No
 * invocation lasts longer than a cloud function's 60 s timeout, so nothing older can still arrive.
 */
export const LAG_MS = 60_000
/** Events per batch: one transaction per batch, touching the days the batch spans and the checkpoint. */
export const BATCH = 300
/** Reports per history query (their dispatch and 整改 events stay far under a page of 1000). */
const HISTORY_CHUNK = 50

const EVENT_FIELDS = { _id: true, reportId: true, at: true, type: true, from: true, to: true, unit: true, deadline: true, score: true }

interface ReportFields {
  _id: string
  createdAt: string
  categoryId: string
  location: { lat: number; lng: number; districtId: string | null; gridId: string | null }
  microGridId?: string | null
}

const chunks = <T>(list: T[], size: number): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size))

async function eventsAfter(ctx: Ctx, cursor: StateDoc['cursor'], upTo: string, limit: number): Promise<RollupEvent[]> {
  const { _ } = ctx
  const where = cursor
    ? _.and([{ at: _.gte(cursor.at) }, { at: _.lte(upTo) }, _.or([{ at: _.gt(cursor.at) }, { at: cursor.at, _id: _.gt(cursor.id) }])])
    : { at: _.lte(upTo) }
  const res = await ctx.db.collection(COLLECTIONS.reportEvents).where(where).orderBy('at', 'asc').orderBy('_id', 'asc').limit(limit).field(EVENT_FIELDS).get()
  return res.data as RollupEvent[]
}

async function reportInfos(ctx: Ctx, ids: string[]): Promise<Map<string, ReportInfo>> {
  const out = new Map<string, ReportInfo>()
  const pages = await Promise.all(
    chunks(ids, 100).map((chunk) =>
      ctx.db
        .collection(COLLECTIONS.reports)
        .where({ _id: ctx._.in(chunk) })
        .field({ _id: true, createdAt: true, categoryId: true, location: true, microGridId: true })
        .limit(chunk.length)
        .get(),
    ),
  )
  for (const r of pages.flatMap((p) => p.data as ReportFields[])) {
    out.set(r._id, {
      createdAt: r.createdAt,
      categoryId: r.categoryId,
      districtId: r.location.districtId,
      gridId: r.location.gridId,
      microGridId: r.microGridId ?? null,
      lat: r.location.lat,
      lng: r.location.lng,
    })
  }
  return out
}

async function histories(ctx: Ctx, ids: string[], upTo: string): Promise<Map<string, RollupEvent[]>> {
  const { _ } = ctx
  const pages = await Promise.all(
    chunks(ids, HISTORY_CHUNK).map((chunk) =>
      ctx.db
        .collection(COLLECTIONS.reportEvents)
        .where({ reportId: _.in(chunk), type: _.in([...HISTORY_TYPES]), at: _.lte(upTo) })
        .field(EVENT_FIELDS)
        .limit(1000)
        .get(),
    ),
  )
  const out = new Map<string, RollupEvent[]>()
  for (const e of pages.flatMap((p) => p.data as RollupEvent[])) out.set(e.reportId, [...(out.get(e.reportId) ?? []), e])
  for (const list of out.values()) list.sort(eventOrder)
  return out
}

export interface BatchResult {
  /** Events counted by this call (0 when caught up, or when another run counted the same batch first). */
  counted: number
  /** A full batch was read: more events may be waiting. */
  more: boolean
  state: StateDoc
}

/**
 * Counts the next batch of timeline events. The day counters and the checkpoint are written in one
 * transaction that first checks the checkpoint has not moved, so two runs at once (the timer and a
 * dashboard read) cannot count a batch twice, and a run that fails part-way writes nothing.
 */
export async function rollupBatch(ctx: Ctx, limit = BATCH): Promise<BatchResult> {
  const state = await readState(ctx.db)
  const upTo = new Date(ctx.now().getTime() - LAG_MS).toISOString()
  const events = await eventsAfter(ctx, state.cursor, upTo, limit)
  if (!events.length) return { counted: 0, more: false, state }
  const last = events[events.length - 1]
  const ids = (types: readonly string[]) => [...new Set(events.filter((e) => types.includes(e.type)).map((e) => e.reportId))]
  const [reports, history] = await Promise.all([reportInfos(ctx, ids(NEEDS_REPORT)), histories(ctx, ids(NEEDS_HISTORY), last.at)])
  const { days, state: delta } = rollup(events, reports, history)
  const at = ctx.now().toISOString()

  const next = await ctx.db.runTransaction(async (t) => {
    const states = t.collection<StateDoc>(COLLECTIONS.statsState)
    const current = ((await states.doc(STATE_ID).get()).data as StateDoc | null) ?? null
    const moved = JSON.stringify(current?.cursor ?? null) !== JSON.stringify(state.cursor)
    if (moved) return null
    const daysColl = t.collection<DayDoc>(COLLECTIONS.statsDaily)
    const existing = await Promise.all([...days.keys()].map((day) => daysColl.doc(day).get()))
    await Promise.all(
      [...days.entries()].map(([day, inc], i) => {
        const before = (existing[i].data as DayDoc | null) ?? { _id: day, day, ...emptyDay() }
        const merged = mergeNested({ ...emptyDay(), ...withoutId(before) }, inc)
        return daysColl.doc(day).set({ data: { ...merged, day, updatedAt: at } })
      }),
    )
    const updated: StateDoc = {
      _id: STATE_ID,
      cursor: { at: last.at, id: last._id },
      status: mergeNested(state.status, delta.status),
      open: pruneOpen(mergeNested(state.open, delta.open)),
      rated: mergeNested(state.rated ?? {}, delta.rated),
      reopened: mergeNested(state.reopened ?? {}, delta.reopened),
      events: state.events + events.length,
      updatedAt: at,
    }
    await states.doc(STATE_ID).set({ data: withoutId(updated) })
    return updated
  })
  return next ? { counted: events.length, more: events.length === limit, state: next } : { counted: 0, more: true, state: await readState(ctx.db) }
}

/** Runs batches until caught up, or `maxBatches` / `budgetMs` are spent (the timer runs again anyway). */
export async function rollupUntilCaughtUp(ctx: Ctx, opts: { maxBatches: number; budgetMs: number; limit?: number }): Promise<{ counted: number; batches: number; caughtUp: boolean }> {
  const started = Date.now()
  let counted = 0
  let batches = 0
  for (;;) {
    const r = await rollupBatch(ctx, opts.limit)
    counted += r.counted
    batches++
    if (!r.more) return { counted, batches, caughtUp: true }
    if (batches >= opts.maxBatches || Date.now() - started > opts.budgetMs) return { counted, batches, caughtUp: false }
  }
}

/** `asOf`: the figures include every event up to this time; `pending`: a backlog is still being counted. */
export function freshness(batch: Pick<BatchResult, 'more' | 'state'>, now: Date): { asOf: string | null; pending: boolean } {
  if (batch.more) return { asOf: batch.state.cursor?.at ?? null, pending: true }
  return { asOf: new Date(now.getTime() - LAG_MS).toISOString(), pending: false }
}
