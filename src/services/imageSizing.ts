/**
 * The sizing maths of photo compression, pure so it can be tested without a device: how big to draw a
 * photo, and which JPEG qualities to try until it is small enough. `image.ts` does the drawing.
 */

/** Long edge of an uploaded photo: enough to read a licence plate or a shop sign, small on the wire. */
export const TARGET_LONG_EDGE = 1280
/** First JPEG quality tried (0–1). */
export const START_QUALITY = 0.8
/** Aim: a few hundred KB. Above this we re-encode at a lower quality. */
export const TARGET_MAX_BYTES = 400 * 1024
/** Never go below this quality: a blocky photo is useless as evidence. */
export const MIN_QUALITY = 0.5

export interface Size {
  width: number
  height: number
}

/**
 * The size to draw `source` at so that its long edge is at most `maxEdge`, keeping the aspect ratio
 * (whole pixels, at least 1). Photos already small enough keep their size: we re-encode them (to drop
 * EXIF) but never upscale.
 */
export function fitLongEdge(source: Size, maxEdge: number = TARGET_LONG_EDGE): Size {
  const w = Math.max(1, Math.round(source.width))
  const h = Math.max(1, Math.round(source.height))
  if (!Number.isFinite(w) || !Number.isFinite(h)) return { width: maxEdge, height: maxEdge }
  const long = Math.max(w, h)
  if (long <= maxEdge) return { width: w, height: h }
  const scale = maxEdge / long
  return w >= h
    ? { width: maxEdge, height: Math.max(1, Math.round(h * scale)) }
    : { width: Math.max(1, Math.round(w * scale)), height: maxEdge }
}

/**
 * WeChat's `compressImage` takes one side and scales the other: give it the long edge's side, so a
 * portrait photo is limited by its height and a landscape one by its width.
 */
export function compressSide(source: Size, maxEdge: number = TARGET_LONG_EDGE): { compressedWidth: number } | { compressedHeight: number } {
  const fit = fitLongEdge(source, maxEdge)
  return source.width >= source.height ? { compressedWidth: fit.width } : { compressedHeight: fit.height }
}

/** Qualities to try in order: START_QUALITY, then down in steps of 0.1 to MIN_QUALITY. */
export function qualityLadder(start: number = START_QUALITY, min: number = MIN_QUALITY): number[] {
  const steps: number[] = []
  for (let q = Math.round(start * 10); q >= Math.round(min * 10); q--) steps.push(q / 10)
  return steps.length ? steps : [min]
}

/** The next quality to try after an encode of `bytes` at `quality`, or null when this one will do. */
export function nextQuality(bytes: number, quality: number, maxBytes: number = TARGET_MAX_BYTES, min: number = MIN_QUALITY): number | null {
  if (bytes <= maxBytes) return null
  const next = Math.round((quality - 0.1) * 10) / 10
  return next < min - 1e-9 ? null : next
}

/** `1.2 MB`, `356 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}
