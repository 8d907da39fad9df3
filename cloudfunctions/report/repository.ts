import { findById, findByIds, isDuplicateKey, type ActionContext } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { COLLECTIONS } from '../../src/domain/collections'
import { reporterHistory, type ReporterHistory, type ReportDoc, type TimelineEvent, type TransitionResult } from '../../src/domain/report'
import { applyToRecord, toEventRecord, updateData, type EventRecord, type ReportRecord } from './records'

type Ctx = Pick<ActionContext, 'db' | '_'>

/** Timelines longer than this (a report 督办ed daily for over a year) show their first entries only. */
export const TIMELINE_MAX = 500

export const reportsOf = (ctx: Ctx) => ctx.db.collection(COLLECTIONS.reports)

export function findReport(ctx: Ctx, id: string): Promise<ReportRecord | null> {
  return findById<ReportRecord>(reportsOf(ctx), id)
}

export async function loadReport(ctx: Ctx, id: string): Promise<ReportRecord> {
  const r = await findReport(ctx, id)
  if (!r) throw new ActionError('NOT_FOUND', '该随手拍不存在或已被删除')
  return r
}

/** Inserts a new report; false when the (reporterId, clientId) key already exists. */
export async function insertReport(ctx: Ctx, record: ReportRecord): Promise<boolean> {
  try {
    await reportsOf(ctx).add({ data: { ...record } })
    return true
  } catch (err) {
    if (isDuplicateKey(err)) return false
    throw err
  }
}

export function findByClientId(ctx: Ctx, reporterId: string, clientId: string): Promise<ReportRecord | null> {
  return reportsOf(ctx)
    .where({ reporterId, clientId })
    .limit(1)
    .get()
    .then((r) => (r.data[0] as ReportRecord | undefined) ?? null)
}

/** Appends a timeline event. Its `_id` comes from the version, so a retry can never add it twice. */
export async function appendEvent(ctx: Ctx, reportId: string, version: number, event: TimelineEvent): Promise<void> {
  const events = ctx.db.collection(COLLECTIONS.reportEvents)
  const doc = toEventRecord(reportId, version, event)
  for (let attempt = 0; ; attempt++) {
    try {
      await events.add({ data: { ...doc } })
      return
    } catch (err) {
      if (isDuplicateKey(err)) return
      // The report has already changed: failing now would make the caller retry into a CONFLICT. Log it.
      if (attempt >= 1) {
        console.error(`[report] timeline event ${doc._id} could not be written:`, err)
        return
      }
    }
  }
}

/**
 * Writes a transition with compare-and-set: only if the report is still in the status and version the
 * machine saw. Anyone who acted in between makes this a CONFLICT and nothing is written. Then the
 * timeline event is appended.
 */
export async function commit(ctx: Ctx, before: ReportRecord, result: TransitionResult): Promise<ReportRecord> {
  const { fields, after } = applyToRecord(before, result)
  const res = await reportsOf(ctx)
    .where({ _id: before._id, status: result.expectedStatus, version: result.expectedVersion })
    .update({ data: updateData(ctx._, fields) })
  if (!res.stats.updated) throw new ActionError('CONFLICT', '该问题刚刚已被他人处理，请刷新后查看')
  await appendEvent(ctx, before._id, result.patch.version, result.event)
  return after
}

export async function loadTimeline(ctx: Ctx, reportId: string): Promise<TimelineEvent[]> {
  const res = await ctx.db
    .collection(COLLECTIONS.reportEvents)
    .where({ reportId })
    .orderBy('at', 'asc')
    .orderBy('_id', 'asc')
    .limit(TIMELINE_MAX)
    .get()
  return (res.data as EventRecord[]).map(({ _id: _ignored, reportId: _r, ...event }) => event as TimelineEvent)
}

// -------------------------------------------------------------------------------------------------------
// Reporter track record (what staff see instead of who the reporter is)

type HistoryRecord = ReporterHistory & { _id: string }
const EMPTY_HISTORY: ReporterHistory = { accepted: 0, rejected: 0 }

export async function reporterHistories(ctx: Ctx, reporterIds: Iterable<string>): Promise<Map<string, ReporterHistory>> {
  const found = await findByIds<HistoryRecord>(ctx.db, COLLECTIONS.reportReporters, reporterIds)
  const out = new Map<string, ReporterHistory>()
  for (const id of reporterIds) {
    const h = found.get(id)
    out.set(id, h ? { accepted: h.accepted, rejected: h.rejected } : EMPTY_HISTORY)
  }
  return out
}

/**
 * Keeps the reporter's counters in step with a transition: the change of the domain's `reporterHistory`
 * between before and after, applied with `_.inc` (so concurrent transitions of their other reports add up).
 */
export async function adjustReporterHistory(ctx: Ctx, before: ReportDoc, after: ReportDoc): Promise<void> {
  const a = reporterHistory([before])
  const b = reporterHistory([after])
  const accepted = b.accepted - a.accepted
  const rejected = b.rejected - a.rejected
  if (!accepted && !rejected) return
  const coll = ctx.db.collection(COLLECTIONS.reportReporters)
  const inc = () => coll.doc(before.reporterId).update({ data: { accepted: ctx._.inc(accepted), rejected: ctx._.inc(rejected) } })
  try {
    if ((await inc()).stats.updated) return
    try {
      await coll.add({ data: { _id: before.reporterId, accepted: Math.max(0, accepted), rejected: Math.max(0, rejected) } })
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      await inc()
    }
  } catch (err) {
    // A display hint: never fail the transition that already happened because of it.
    console.error(`[report] reporter history of ${before._id} not updated:`, err)
  }
}

// -------------------------------------------------------------------------------------------------------
// Followers: co-signers (附议) and reporters of duplicates merged into a report

export type FollowKind = 'cosign' | 'merged'
interface FollowRecord {
  _id: string
  reportId: string
  userId: string
  kind: FollowKind
  at: string
}

/** Most followers notified of a change (one query). */
export const FOLLOWERS_NOTIFIED_MAX = 100

/** Records that `userId` follows `reportId`; false when they already did (the `_id` is the pair). */
export async function addFollower(ctx: Ctx, reportId: string, userId: string, kind: FollowKind, at: string): Promise<boolean> {
  try {
    await ctx.db.collection(COLLECTIONS.reportCosigns).add({ data: { _id: `${reportId}_${userId}`, reportId, userId, kind, at } })
    return true
  } catch (err) {
    if (isDuplicateKey(err)) return false
    throw err
  }
}

export async function followersOf(ctx: Ctx, reportId: string): Promise<string[]> {
  const res = await ctx.db.collection(COLLECTIONS.reportCosigns).where({ reportId }).orderBy('at', 'asc').limit(FOLLOWERS_NOTIFIED_MAX).get()
  return (res.data as FollowRecord[]).map((f) => f.userId)
}
