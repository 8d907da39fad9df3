import { sha256Hex } from '../shared/sha256'

/**
 * Where 随手拍 photos live in cloud storage, and how the server knows a photo is the caller's own.
 *
 *   reports/<folder>/<name>     folder = first 32 hex of sha256(<openid> "\n" <scope>)
 *
 * `scope` is what the photos are for: `submit:<clientId>` for a resident's draft (the client id is made
 * once per draft, before the first photo is uploaded), `rectify:<reportId>` for a unit's after-photos.
 * The mini-program uploads straight to cloud storage (wx.cloud.uploadFile) into that folder — it knows its
 * OPENID from `user.me` — and sends the fileIDs with `submit` / `rectify`. The server recomputes the folder
 * from the caller's OPENID and accepts no other, so nobody can attach (and so publish) a photo someone
 * else uploaded, or reuse one across reports.
 *
 * Why a hash and not `reports/<openid>/`: fileIDs are public once a photo passes its check (the public
 * view lists them, and temp URLs carry the path), so the path must not name the reporter — and with a
 * per-draft folder, two reports of one resident cannot even be linked to each other. Guessing a folder
 * needs both the OPENID and the draft's random client id; 128 bits make grinding a collision hopeless.
 *
 * In WeChat's cloud the path is the only proof of ownership a function can check; pair it with the
 * storage security rule that lets a user write only what they create
 * (`{ "read": true, "write": "resource.openid == auth.openid" }`), so no one can overwrite another's photo.
 */
export const REPORT_PHOTO_ROOT = 'reports'

/** A file name the convention accepts: letters, digits, `_`, `-`, `.`; no path, no hidden files. */
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$/
/** OPENIDs (and devcloud's demo ids) are URL-safe. */
const OPENID = /^[A-Za-z0-9_-]{1,64}$/

/** Photos of a resident's draft (its client id). */
export const submitPhotoScope = (clientId: string): string => `submit:${clientId}`
/** After-photos of a unit's 整改 of one report. */
export const rectifyPhotoScope = (reportId: string): string => `rectify:${reportId}`

/** The folder (under `reports/`) of `openid`'s photos for `scope`. */
export function reportPhotoFolder(openid: string, scope: string): string {
  if (!OPENID.test(openid)) throw new RangeError('invalid openid for a photo path')
  return sha256Hex(`${openid}\n${scope}`).slice(0, 32)
}

/** The cloudPath a client uploads a photo to. `name` is its own unique file name (e.g. `<timestamp>-<random>.jpg`). */
export function reportPhotoCloudPath(openid: string, scope: string, name: string): string {
  if (!FILE_NAME.test(name)) throw new RangeError(`invalid photo file name: ${name}`)
  return `${REPORT_PHOTO_ROOT}/${reportPhotoFolder(openid, scope)}/${name}`
}

/** `cloud://<env>.<bucket>/<path>` → `<path>`, or null when it is not a cloud fileID. */
export function cloudPathOfFileId(fileId: string): string | null {
  const m = /^cloud:\/\/[^/\s]+?\/(\S+)$/.exec(fileId)
  return m ? m[1] : null
}

/** The photo was uploaded into `openid`'s folder for `scope`: exactly `reports/<folder>/<name>`. */
export function isOwnReportPhoto(fileId: string, openid: string, scope: string): boolean {
  const path = cloudPathOfFileId(fileId)
  if (!path || !OPENID.test(openid)) return false
  const parts = path.split('/')
  return parts.length === 3 && parts[0] === REPORT_PHOTO_ROOT && parts[1] === reportPhotoFolder(openid, scope) && FILE_NAME.test(parts[2])
}
