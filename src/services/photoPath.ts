/**
 * Where the app uploads a 随手拍 photo: the convention is the server's (`src/domain/report/photos.ts`, which is
 * zod-free, so the client uses it as is):
 *
 *   reports/<sha256(openid + scope)[:32]>/<name>    scope = submit:<clientId> | rectify:<reportId>
 *
 * The server accepts only fileIDs in the caller's own folder for that scope.
 */
export { reportPhotoCloudPath, submitPhotoScope, rectifyPhotoScope, REPORT_PHOTO_ROOT } from '@/domain/report/photos'

/** A fresh, unique file name for one photo: `<timestamp>-<random>.jpg`. */
export function newPhotoName(now: number = Date.now()): string {
  return `${now}-${randomId(6)}.jpg`
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** `n` random characters of [a-z0-9] (crypto where the platform has it). */
export function randomId(n: number): string {
  const bytes = new Uint8Array(n)
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (c?.getRandomValues) c.getRandomValues(bytes)
  else for (let i = 0; i < n; i++) bytes[i] = Math.floor(Math.random() * 256)
  let out = ''
  for (let i = 0; i < n; i++) out += ALPHABET[bytes[i] % ALPHABET.length]
  return out
}
