import { z } from 'zod'
import { ActionError } from '../core/envelope'
import { fileIdSchema, isoSchema } from '../report/fields'
import { cloudPathOfFileId } from '../report/photos'
import { CHINA_OFFSET_MS } from '../report/time'

/**
 * Photos of what the 曝光台 and the 红黑榜 publish. Every photo has an ORIGINAL — a resident's 随手拍 photo or
 * one staff uploaded — which stays private to staff, and, once a staff member has masked it in the app's
 * 打码 tool (faces and licence plates pixelated, see mosaic.ts), a MASKED copy and its list THUMBNAIL, which
 * are what the public sees. Confirming a mask is the staff member's statement that nothing identifying is
 * left; a photo needing no mask is confirmed with zero regions. Nothing is published while any photo is
 * unconfirmed.
 *
 * Masks are recorded per original (`board_masks`), not per document: the tool only needs the original's
 * fileID, and an entry picks the confirmation up when it is saved or published.
 */

/** Who confirmed a mask: shown to staff only. */
export const staffRefSchema = z.object({ id: z.string(), name: z.string() })
export type StaffRef = z.infer<typeof staffRefSchema>

export const boardPhotoSchema = z.object({
  /** Private: never in a public view. */
  original: fileIdSchema,
  masked: fileIdSchema.nullable(),
  thumb: fileIdSchema.nullable(),
  /** Rectangles mosaicked (0 = checked, nothing to hide). */
  regions: z.number().int().nonnegative(),
  maskedBy: staffRefSchema.nullable(),
  maskedAt: isoSchema.nullable(),
})
export type BoardPhoto = z.infer<typeof boardPhotoSchema>

/** A confirmed mask (`board_masks`, one per original). */
export interface MaskRecord {
  original: string
  masked: string
  thumb: string
  regions: number
  by: StaffRef
  at: string
}

/** The photo as an editor names it: its original only (confirmations are the server's to attach). */
export const photoInputSchema = z.strictObject({ original: fileIdSchema })
export type PhotoInput = z.infer<typeof photoInputSchema>

/** Photos with whatever masks have been confirmed for their originals. */
export function resolvePhotos(originals: readonly string[], masks: ReadonlyMap<string, MaskRecord>): BoardPhoto[] {
  return originals.map((original) => {
    const m = masks.get(original)
    return m
      ? { original, masked: m.masked, thumb: m.thumb, regions: m.regions, maskedBy: m.by, maskedAt: m.at }
      : { original, masked: null, thumb: null, regions: 0, maskedBy: null, maskedAt: null }
  })
}

export const isMasked = (p: BoardPhoto): boolean => p.masked !== null && p.maskedAt !== null

/**
 * Refuses (CONFLICT, naming each photo) while a photo has no confirmed mask. `where` names the photos in the
 * message (`照片`, `整改后照片`, `红榜“…”的照片`); `path` is the issue path of the list.
 */
export function assertAllMasked(groups: readonly { photos: readonly BoardPhoto[]; where: string; path: string }[]): void {
  const issues: { path: string; message: string }[] = []
  const named: string[] = []
  for (const g of groups) {
    g.photos.forEach((p, i) => {
      if (isMasked(p)) return
      const label = g.photos.length > 1 ? `${g.where}第${i + 1}张` : g.where
      named.push(label)
      issues.push({ path: `${g.path}.${i}`, message: `${label}尚未打码确认` })
    })
  }
  if (!named.length) return
  const shown = named.slice(0, 3).join('、') + (named.length > 3 ? ` 等 ${named.length} 张` : '')
  throw new ActionError('CONFLICT', `${shown}尚未打码确认，不能发布。请在打码工具中遮挡人脸和车牌后确认`, issues)
}

/** What the public gets of a published photo: the masked copy and its thumbnail, never the original. */
export const publicPhotoSchema = z.object({ url: z.string(), thumb: z.string() })
export type PublicPhoto = z.infer<typeof publicPhotoSchema>
export const toPublicPhoto = (p: BoardPhoto): PublicPhoto | null => (p.masked ? { url: p.masked, thumb: p.thumb ?? p.masked } : null)
export const publicPhotos = (ps: readonly BoardPhoto[]): PublicPhoto[] => ps.map(toPublicPhoto).filter((p): p is PublicPhoto => p !== null)

// ---------------------------------------------------------------------------------------------------------
// Where staff upload: board/<openid>/<yyyymmdd>/<name> (their own folder, as with 随手拍 photos)

export const BOARD_PHOTO_ROOT = 'board'
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$/
const OPENID = /^[A-Za-z0-9_-]{1,64}$/

function chinaDate(at: Date): string {
  const t = new Date(at.getTime() + CHINA_OFFSET_MS)
  return `${t.getUTCFullYear()}${String(t.getUTCMonth() + 1).padStart(2, '0')}${String(t.getUTCDate()).padStart(2, '0')}`
}

export function boardPhotoCloudPath(openid: string, at: Date, name: string): string {
  if (!OPENID.test(openid)) throw new RangeError('invalid openid for a photo path')
  if (!FILE_NAME.test(name)) throw new RangeError(`invalid photo file name: ${name}`)
  return `${BOARD_PHOTO_ROOT}/${openid}/${chinaDate(at)}/${name}`
}

/** Uploaded by `openid` into their own board folder (clean path: no empty, `.` or `..` segment). */
export function isOwnBoardPhoto(fileId: string, openid: string): boolean {
  const path = cloudPathOfFileId(fileId)
  if (!path || !OPENID.test(openid)) return false
  const parts = path.split('/')
  if (parts.length < 3 || parts.some((p) => p === '' || p === '.' || p === '..')) return false
  return parts[0] === BOARD_PHOTO_ROOT && parts[1] === openid && FILE_NAME.test(parts[parts.length - 1])
}
