import { ActionError } from '../core/envelope'
import { iso } from './fields'
import type { Photo, ReportDoc, SubmitInput, TimelineEvent } from './report'
import { isOpenStatus, type PhotoCheck } from './status'

export interface CreateContext {
  /** The new document's `_id` (chosen by the server). */
  id: string
  /** The reporter's OPENID. */
  reporterId: string
  /** District/street/grid the server located the point in (null outside every mapped area). */
  place: { districtId: string | null; streetId: string | null; gridId: string | null }
  now: Date
}

/**
 * A new report in 待审核 and its first timeline event. The input must already be parsed by
 * `submitInputSchema`; idempotency (same reporter + clientId → the existing report) is the server's lookup.
 */
export function createReport(input: SubmitInput, ctx: CreateContext): { doc: ReportDoc; event: TimelineEvent } {
  const at = iso(ctx.now)
  const doc: ReportDoc = {
    _id: ctx.id,
    clientId: input.clientId,
    reporterId: ctx.reporterId,
    categoryId: input.categoryId,
    description: input.description,
    // Every photo starts private; the content check's callback flips it to pass or risky.
    photos: input.photos.map((fileId) => ({ fileId, checked: 'pending' })),
    location: { lat: input.location.lat, lng: input.location.lng, address: input.location.address, ...ctx.place },
    status: 'submitted',
    version: 0,
    dispatch: null,
    rectification: null,
    flags: { overdue: false, everOverdue: false, escalations: 0, lastEscalatedAt: null },
    cosignCount: 0,
    resolution: null,
    rating: null,
    revisit: null,
    handback: null,
    createdAt: at,
    updatedAt: at,
    statusAt: at,
    closedAt: null,
  }
  const event: TimelineEvent = { at, type: 'submit', actor: { role: 'resident' }, from: null, to: 'submitted' }
  return { doc, event }
}

/**
 * Record a content-check verdict for one photo, wherever it is (the report's or the 整改 photos). Returns
 * the fields to set, or null when the fileId is not on this report. Not a transition: no status changes
 * and nothing goes on the timeline.
 */
export function applyPhotoCheck(
  report: Pick<ReportDoc, 'photos' | 'rectification'>,
  fileId: string,
  checked: Exclude<PhotoCheck, 'pending'>,
): Partial<Pick<ReportDoc, 'photos' | 'rectification'>> | null {
  const mark = (ps: Photo[]) => ps.map((p) => (p.fileId === fileId ? { ...p, checked } : p))
  if (report.photos.some((p) => p.fileId === fileId)) return { photos: mark(report.photos) }
  if (report.rectification?.photos.some((p) => p.fileId === fileId))
    return { rectification: { ...report.rectification, photos: mark(report.rectification.photos) } }
  return null
}

/**
 * 附议: another resident says "me too" on a report still being handled. The once-per-person rule is the
 * server's (a unique cosign record); this is the part that depends on the report.
 */
export function assertCanCosign(report: Pick<ReportDoc, 'status' | 'reporterId'>, userId: string): void {
  if (report.reporterId === userId) throw new ActionError('FORBIDDEN', '不能附议自己反映的问题')
  if (!isOpenStatus(report.status))
    throw new ActionError('CONFLICT', '该问题已办结或关闭，无需附议')
}
