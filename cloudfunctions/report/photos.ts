import { findById, isDuplicateKey, type ActionContext, type EventContext } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { COLLECTIONS } from '../../src/domain/collections'
import { applyPhotoCheck, isOwnReportPhoto, PHOTOS_MAX } from '../../src/domain/report'
import { photoRejectedMessage, send } from './notify'
import { findReport, reportsOf } from './repository'

/**
 * Photos of a report: whose they are, that they exist, and their content check.
 *
 * Every photo starts `pending` and private (only its uploader and staff see it). The server asks WeChat's
 * `security.mediaCheckAsync` to check it; the verdict comes back later as a message push
 * (`wxa_media_check`, see `onMediaCheck`), matched by trace id to the photo through `report_media_checks`.
 * `pass` makes it public; anything else (`risky`, `review`) keeps it private for good and tells the uploader.
 */

type Ctx = Pick<ActionContext, 'db' | '_' | 'cloud'>

/** Where a checked photo is on the report. */
export type PhotoTarget = 'photos' | 'rectification'

/** security.mediaCheckAsync scene: 3 = 论坛 (public posts), as for the report text. */
const MEDIA_SCENE = 3
/** The temp URL WeChat downloads the photo from must stay valid until the check has run. */
const CHECK_URL_MAX_AGE_SEC = 86400

export interface CheckRecord {
  _id: string
  reportId?: string
  fileId?: string
  target?: PhotoTarget
  /** Who uploaded it (told when it is refused). */
  uploader?: string
  createdAt?: string
  /** The verdict, once it came. */
  verdict: 'pass' | 'risky' | null
  checkedAt: string | null
  /** The verdict arrived before the mapping was stored (see `recordCheck`). */
  early?: boolean
}

/** The caller may only attach photos they uploaded into their folder for this submission (see the domain's photos.ts). */
export function assertOwnPhotos(fileIds: readonly string[], openid: string, scope: string, field: string): void {
  const foreign = fileIds.findIndex((id) => !isOwnReportPhoto(id, openid, scope))
  if (foreign >= 0) {
    throw new ActionError('FORBIDDEN', '只能提交您本人为这次提交上传的照片，请重新拍摄或从相册选择', [
      { path: `${field}.${foreign}`, message: '不是您为这次提交上传的照片' },
    ])
  }
}

/**
 * Each photo exists in storage; returns a URL WeChat can fetch it from for the content check.
 * One storage call (not a database round trip) for all of them.
 */
export async function storedPhotoUrls(ctx: Pick<Ctx, 'cloud'>, fileIds: readonly string[], field: string): Promise<Map<string, string>> {
  const res = await ctx.cloud.getTempFileURL({ fileList: fileIds.slice(0, PHOTOS_MAX).map((fileID) => ({ fileID, maxAge: CHECK_URL_MAX_AGE_SEC })) })
  const urls = new Map<string, string>()
  for (const f of res.fileList ?? []) if (f.status === 0 && f.tempFileURL) urls.set(f.fileID, f.tempFileURL)
  const missing = fileIds.findIndex((id) => !urls.has(id))
  if (missing >= 0) {
    const message = '照片不存在或上传未完成，请重新上传'
    throw new ActionError('INVALID_INPUT', message, [{ path: `${field}.${missing}`, message }])
  }
  return urls
}

/**
 * Starts the content check of each photo and records which photo each trace id is about. A check that
 * cannot be started is logged; the photo then simply stays private (fail closed).
 */
export async function startPhotoChecks(
  ctx: Ctx,
  opts: { reportId: string; target: PhotoTarget; uploader: string; urls: Map<string, string>; at: string },
): Promise<void> {
  await Promise.all(
    Array.from(opts.urls, async ([fileId, mediaUrl]) => {
      let traceId: string | undefined
      try {
        const res = (await ctx.cloud.openapi.security.mediaCheckAsync({ mediaUrl, mediaType: 2, version: 2, openid: opts.uploader, scene: MEDIA_SCENE })) as {
          traceId?: string
          trace_id?: string
        }
        traceId = res?.traceId ?? res?.trace_id
      } catch (err) {
        console.error(`[report] media check of ${fileId} could not start:`, err)
        return
      }
      if (!traceId) return
      await recordCheck(ctx, { _id: traceId, reportId: opts.reportId, fileId, target: opts.target, uploader: opts.uploader, createdAt: opts.at, verdict: null, checkedAt: null })
    }),
  )
}

/**
 * Stores trace id → photo. If the verdict got here first (it is delivered asynchronously and may overtake
 * this write), the early verdict is waiting under the same id: complete it and apply it now.
 */
export async function recordCheck(ctx: Ctx, rec: CheckRecord): Promise<void> {
  const checks = ctx.db.collection(COLLECTIONS.reportMediaChecks)
  try {
    await checks.add({ data: { ...rec } })
    return
  } catch (err) {
    if (!isDuplicateKey(err)) {
      console.error(`[report] media check ${rec._id} not recorded:`, err)
      return
    }
  }
  const early = await findById<CheckRecord>(checks, rec._id)
  if (!early?.verdict) return
  const { verdict, checkedAt } = early
  await checks.doc(rec._id).update({ data: { reportId: rec.reportId, fileId: rec.fileId, target: rec.target, uploader: rec.uploader, createdAt: rec.createdAt } })
  await applyVerdict(ctx, { ...rec, verdict, checkedAt }, checkedAt ?? rec.createdAt ?? new Date(0).toISOString())
}

/**
 * Marks the photo on the report. Only a `pending` photo changes (a verdict never flips a refused photo),
 * and only the one array element, so concurrent verdicts on a report's photos do not overwrite each other
 * and no transition is disturbed (photo checks do not change the report's version).
 */
async function applyVerdict(ctx: Ctx, rec: CheckRecord, at: string): Promise<boolean> {
  if (!rec.reportId || !rec.fileId || !rec.verdict) return false
  const report = await findReport(ctx, rec.reportId)
  if (!report) return false
  const change = applyPhotoCheck(report, rec.fileId, rec.verdict)
  if (!change) return false // replaced meanwhile (e.g. a new 整改 after 核验不通过)
  const [path, list] = change.photos ? ['photos', report.photos] : ['rectification.photos', report.rectification?.photos ?? []]
  const i = list.findIndex((p) => p.fileId === rec.fileId)
  const res = await reportsOf(ctx)
    .where({ _id: report._id, [`${path}.${i}.fileId`]: rec.fileId, [`${path}.${i}.checked`]: 'pending' })
    .update({ data: { [`${path}.${i}.checked`]: rec.verdict } })
  const changed = !!res.stats.updated
  if (changed && rec.verdict !== 'pass' && rec.uploader) await send(ctx, [photoRejectedMessage(rec.uploader, report._id, at)])
  return changed
}

/** `wxa_media_check` verdict → `pass`, or `risky` for anything else WeChat says (`risky`, `review`). */
function verdictOf(event: Record<string, unknown>): 'pass' | 'risky' | null {
  if (typeof event.errcode === 'number' && event.errcode !== 0) return null
  const suggest = (event.result as { suggest?: unknown } | undefined)?.suggest
  if (typeof suggest !== 'string') return null
  return suggest === 'pass' ? 'pass' : 'risky'
}

/**
 * The message-push handler for `wxa_media_check`. Trusts nothing but the trace id: a verdict for an id this
 * function did not store changes nothing (it is kept, in case the mapping is about to be written).
 */
export async function onMediaCheck(event: Record<string, unknown>, ctx: EventContext): Promise<{ applied: boolean }> {
  const traceId = event.trace_id
  const verdict = verdictOf(event)
  if (typeof traceId !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(traceId)) return { applied: false }
  if (!verdict) {
    console.warn(`[report] media check ${traceId} gave no verdict (errcode ${String(event.errcode)}); the photo stays private`)
    return { applied: false }
  }
  const at = ctx.now().toISOString()
  const checks = ctx.db.collection(COLLECTIONS.reportMediaChecks)
  let rec = await findById<CheckRecord>(checks, traceId)
  if (!rec) {
    try {
      await checks.add({ data: { _id: traceId, verdict, checkedAt: at, early: true } })
      return { applied: false }
    } catch (err) {
      if (!isDuplicateKey(err)) throw err
      rec = await findById<CheckRecord>(checks, traceId)
      if (!rec) return { applied: false }
    }
  }
  if (rec.verdict) return { applied: false } // already delivered
  await checks.doc(traceId).update({ data: { verdict, checkedAt: at } })
  return { applied: await applyVerdict(ctx, { ...rec, verdict }, at) }
}
