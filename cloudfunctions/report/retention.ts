import type { SystemContext } from '../kernel'
import { iso, PHOTO_PURGE_STATUSES, photoPurgeCutoff, planPhotoPurge } from '../../src/domain/report'
import type { ReportRecord } from './records'
import { reportsOf } from './repository'

/**
 * The `retention` timer (config.json: daily, 03:30): deletes the photo files of reports closed without a
 * fix more than REJECTED_PHOTO_RETENTION_DAYS ago (src/domain/report/retention.ts).
 *
 * Due reports come from the (status, photosPurgedAt, queueKey) index — `photosPurgedAt` is absent (null)
 * until purged, and queueKey starts with the time the closing status was entered — oldest first, so a run
 * never reads a report it purged before. Each report: files deleted, then the report marked (photos
 * `purged`, `photosPurgedAt`) with a compare-and-set on its status. Deleting an already-deleted file is
 * harmless, so a run cut short between the two steps is finished by the next.
 */

type RetentionRecord = ReportRecord & { photosPurgedAt?: string | null }

const PAGE = 100
/** Reports purged per run at most (the rest wait a day; a backlog drains over a few runs). */
const MAX_PER_RUN = 1000
/** cloud.deleteFile takes at most 50 files per call. */
const DELETE_BATCH = 50

async function deleteFiles(ctx: SystemContext, fileIds: string[]): Promise<number> {
  let deleted = 0
  for (let i = 0; i < fileIds.length; i += DELETE_BATCH) {
    const res = await ctx.cloud.deleteFile({ fileList: fileIds.slice(i, i + DELETE_BATCH) })
    // status -1 (file already gone) is what a repeated run sees: the goal is met either way.
    deleted += (res.fileList ?? []).filter((f: { status: number }) => f.status === 0).length
  }
  return deleted
}

export async function retentionTimer(ctx: SystemContext): Promise<{ purged: number; filesDeleted: number }> {
  const now = ctx.now()
  const cutoff = iso(photoPurgeCutoff(now))
  const coll = reportsOf(ctx)
  let purged = 0
  let filesDeleted = 0
  for (const status of PHOTO_PURGE_STATUSES) {
    while (purged < MAX_PER_RUN) {
      const res = await coll
        .where({ status, photosPurgedAt: null, queueKey: ctx._.lt(cutoff) })
        .orderBy('queueKey', 'asc')
        .limit(Math.min(PAGE, MAX_PER_RUN - purged))
        .get()
      const due = res.data as RetentionRecord[]
      let marked = 0
      for (const r of due) {
        const plan = planPhotoPurge(r)
        filesDeleted += await deleteFiles(ctx, plan.fileIds)
        const data: Record<string, unknown> = { photos: plan.photos, photosPurgedAt: iso(now) }
        if (plan.rectificationPhotos) data['rectification.photos'] = plan.rectificationPhotos
        const write = await coll.where({ _id: r._id, status }).update({ data })
        if (write.stats.updated) marked++
      }
      purged += marked
      // A page that marked nothing would come back unchanged: stop rather than spin.
      if (due.length < PAGE || marked === 0) break
    }
  }
  return { purged, filesDeleted }
}
