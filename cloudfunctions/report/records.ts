import type { Command } from 'wx-server-sdk'
import type { ReportDoc, ReportPatch, TimelineEvent, TransitionResult } from '../../src/domain/report'

/**
 * How reports are stored: the domain's `ReportDoc` plus bookkeeping fields only the server reads. Views
 * copy named fields, and every output is parsed by its contract schema, so these never leave it.
 */
export type ReportRecord = ReportDoc & {
  /** The 微网格 the point fell in (location.gridId is its 网格): for the 包保单位 of the place. */
  microGridId: string | null
  /**
   * When the reporter was prompted for the current 回访 (or answered it): null while a scheduled 回访 still
   * awaits its prompt — what the timer looks up by index. Reset whenever a new 回访 is scheduled.
   */
  revisitPromptedAt: string | null
  /**
   * Unique sort keys for keyset paging: `<statusAt>|<_id>` (queues, oldest first) and
   * `<dispatch.deadline>|<_id>` (tasks and the overdue board, nearest deadline first; null without a
   * dispatch). Deadlines are ends of days, so thousands of tasks share one: a key with the id in it lets a
   * page start exactly after the previous one from the index instead of re-reading the tied ones.
   * A deadline key sorts before an ISO instant exactly when the deadline is before it, so "overdue now"
   * is the range `taskKey < now` on the same index.
   */
  queueKey: string
  taskKey: string | null
}

export function sortKeys(r: Pick<ReportDoc, '_id' | 'statusAt' | 'dispatch'>): Pick<ReportRecord, 'queueKey' | 'taskKey'> {
  return { queueKey: `${r.statusAt}|${r._id}`, taskKey: r.dispatch ? `${r.dispatch.deadline}|${r._id}` : null }
}

/** A new report as stored. */
export function toRecord(doc: ReportDoc, microGridId: string | null): ReportRecord {
  return { ...doc, microGridId, revisitPromptedAt: null, ...sortKeys(doc) }
}

/** The bookkeeping a transition's patch implies (see ReportRecord). */
function bookkeeping(patch: ReportPatch): Partial<Pick<ReportRecord, 'revisitPromptedAt'>> {
  if (!('revisit' in patch)) return {}
  const r = patch.revisit
  if (r && r.answer === null) return { revisitPromptedAt: null }
  if (r && r.answeredAt) return { revisitPromptedAt: r.answeredAt }
  return {}
}

/** What a transition writes (its patch and the bookkeeping that follows from it), and the record after it. */
export function applyToRecord(before: ReportRecord, result: TransitionResult): { fields: Partial<ReportRecord>; after: ReportRecord } {
  const fields: Partial<ReportRecord> = { ...result.patch, ...bookkeeping(result.patch), ...sortKeys(result.report) }
  return { fields, after: { ...before, ...fields } }
}

/**
 * The update data for a patch. WeChat merges nested objects given to update() field by field, so every
 * object value is wrapped in `_.set()` to replace it whole (a dispatch without a key the old one had must
 * not keep the old key). Arrays and scalars replace anyway.
 */
export function updateData(_: Command, fields: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    data[key] = value !== null && typeof value === 'object' && !Array.isArray(value) ? _.set(value) : value
  }
  return data
}

/** Timeline events are keyed by report and version: ordered, and appended at most once per transition. */
export const eventId = (reportId: string, version: number): string => `${reportId}_${String(version).padStart(6, '0')}`

export type EventRecord = TimelineEvent & { _id: string; reportId: string }

export const toEventRecord = (reportId: string, version: number, event: TimelineEvent): EventRecord => ({
  _id: eventId(reportId, version),
  reportId,
  ...event,
})
