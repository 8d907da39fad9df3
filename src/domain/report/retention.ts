import { CLOSED_NOT_FIXED_STATUSES, type ReportStatus } from './status'
import type { Photo, ReportDoc } from './report'
import { DAY_MS } from './time'

/**
 * Retention of 随手拍 photos (个人信息保护法 art. 19: keep personal information no longer than the purpose
 * needs). A report closed without a fix — 不予受理, 重复, 不属于本市职责 — needs its photos only while the
 * reporter may still ask about the decision; after this many days the daily timer deletes the files. The
 * report keeps its text and timeline, and its photos say `purged` so every screen can show 图片已按规定删除.
 * Fixed reports keep their photos: the before/after pair is the record of the 整改.
 */
export const REJECTED_PHOTO_RETENTION_DAYS = 90

export const PHOTO_PURGE_STATUSES = CLOSED_NOT_FIXED_STATUSES

export const isPhotoPurgeStatus = (s: ReportStatus): boolean => (PHOTO_PURGE_STATUSES as readonly ReportStatus[]).includes(s)

/** Reports that entered their closing status before this instant are due. */
export const photoPurgeCutoff = (now: Date): Date => new Date(now.getTime() - REJECTED_PHOTO_RETENTION_DAYS * DAY_MS)

/** The files to delete and the photo lists to store instead (same entries, marked purged). */
export function planPhotoPurge(r: Pick<ReportDoc, 'photos' | 'rectification'>): {
  fileIds: string[]
  photos: Photo[]
  rectificationPhotos: Photo[] | null
} {
  const purge = (list: readonly Photo[]): Photo[] => list.map((p) => ({ fileId: p.fileId, checked: 'purged' }))
  const rectification = r.rectification?.photos ?? null
  return {
    fileIds: [...r.photos, ...(rectification ?? [])].map((p) => p.fileId),
    photos: purge(r.photos),
    rectificationPhotos: rectification ? purge(rectification) : null,
  }
}
