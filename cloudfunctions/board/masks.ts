import { defineHandler, findByIds, type ActionContext } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { boardContract } from '../../src/domain/contracts/board'
import { COLLECTIONS } from '../../src/domain/collections'
import { isOwnBoardPhoto, resolvePhotos, type BoardPhoto, type MaskRecord } from '../../src/domain/board'
import { masksOf, maskKey, staffRef, type Ctx } from './store'

/**
 * 打码 confirmations. The app pixelates the photo on the device and uploads the masked copy and its
 * thumbnail into the staff member's own folder (`board/<openid>/…`); `confirmMask` records them against the
 * original. Documents pick the confirmation up by original when they are saved, submitted or published.
 */

type MaskDoc = MaskRecord & { _id: string }

/** Confirmed masks of these originals (one `_id in` query per 100). */
export async function loadMasks(ctx: Ctx, originals: Iterable<string>): Promise<Map<string, MaskRecord>> {
  const list = Array.from(new Set(originals))
  const found = await findByIds<MaskDoc>(ctx.db, COLLECTIONS.boardMasks, list.map(maskKey))
  const out = new Map<string, MaskRecord>()
  for (const original of list) {
    const m = found.get(maskKey(original))
    // The digest names the document; the stored original must still match (no collision can swap photos).
    if (m && m.original === original) out.set(original, { original: m.original, masked: m.masked, thumb: m.thumb, regions: m.regions, by: m.by, at: m.at })
  }
  return out
}

/** Photos for these originals, with whatever is confirmed now. */
export async function resolve(ctx: Ctx, originals: readonly string[]): Promise<BoardPhoto[]> {
  return resolvePhotos(originals, await loadMasks(ctx, originals))
}

/** The files exist in storage (one storage call). `field` names the input for the message. */
export async function assertStored(ctx: Pick<ActionContext, 'cloud'>, fileIds: readonly string[], field: string): Promise<void> {
  if (!fileIds.length) return
  const res = await ctx.cloud.getTempFileURL({ fileList: fileIds.map((fileID) => ({ fileID, maxAge: 60 })) })
  const ok = new Set((res.fileList ?? []).filter((f) => f.status === 0).map((f) => f.fileID))
  const missing = fileIds.findIndex((id) => !ok.has(id))
  if (missing >= 0) {
    const message = '图片不存在或上传未完成，请重新上传'
    throw new ActionError('INVALID_INPUT', message, [{ path: `${field}.${missing}`, message }])
  }
}

/**
 * Originals an editor may name: ones the document already has, photos it is allowed to take over (a
 * report's checked photos), and the caller's own uploads (which must exist). Anything else is refused:
 * nobody can publish a file just by knowing its fileID.
 */
export async function assertUsableOriginals(
  ctx: Pick<ActionContext, 'cloud' | 'openid'>,
  originals: readonly string[],
  allowed: ReadonlySet<string>,
  field: string,
): Promise<void> {
  const fresh: string[] = []
  originals.forEach((o, i) => {
    if (allowed.has(o)) return
    if (!isOwnBoardPhoto(o, ctx.openid)) {
      const message = '只能使用本人上传的照片或所曝光随手拍的照片'
      throw new ActionError('FORBIDDEN', message, [{ path: `${field}.${i}.original`, message }])
    }
    fresh.push(o)
  })
  await assertStored(ctx, fresh, field)
}

export const confirmMask = defineHandler(boardContract, 'confirmMask', async ({ original, masked, thumb, regions }, ctx) => {
  if (masked === original || thumb === original) throw new ActionError('INVALID_INPUT', '打码后的图片不能是原图')
  for (const [field, id] of [['masked', masked], ['thumb', thumb]] as const) {
    if (!isOwnBoardPhoto(id, ctx.openid)) throw new ActionError('FORBIDDEN', '打码后的图片须由本人上传', [{ path: field, message: '不是您上传的图片' }])
  }
  await assertStored(ctx, [original, masked, thumb], 'files')
  const at = ctx.now().toISOString()
  const rec: MaskDoc = { _id: maskKey(original), original, masked, thumb, regions, by: staffRef(ctx), at }
  // Re-masking replaces the confirmation (entries already published keep the copy they were published with).
  await masksOf(ctx).doc(rec._id).set({ data: { original, masked, thumb, regions, by: rec.by, at } })
  return { original, masked, thumb, regions, maskedAt: at }
})
