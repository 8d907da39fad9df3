/**
 * 打码 (mosaic) maths: the rectangles staff draw over faces and licence plates, and the pixelation applied
 * to them. Pure and dependency-free ON PURPOSE — it imports nothing — because the app runs it on the device
 * (H5 canvas and WeChat canvas 2D both hand out RGBA `ImageData`), the demo seed runs it in Node, and the
 * client bundle must never pull zod in through it.
 *
 * A rectangle is drawn on the photo as shown on screen (view pixels) and mapped to the photo's own pixels;
 * every rectangle then becomes blocks of one colour each (the mean of the pixels under the block). A block is
 * a fixed fraction of the photo's long edge (never under MIN_BLOCK_PX), so a face or a plate is a handful of
 * blocks whatever the resolution: unreadable, and visibly masked rather than smudged.
 */

export interface Point {
  x: number
  y: number
}
export interface Size {
  width: number
  height: number
}
/** Integer pixel rectangle: top-left corner, width and height (w, h ≥ 1 once normalised). */
export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** A drag shorter than this (view pixels) on either side is a tap, not a rectangle. */
export const MIN_DRAG_PX = 8
/** Smallest mosaic block, in photo pixels. */
export const MIN_BLOCK_PX = 8
/** Block edge = long edge / this: a 1280 px photo gets 27 px blocks — a face ≈ 4 blocks across. */
export const BLOCKS_PER_LONG_EDGE = 48
/** Most rectangles on one photo (a crowd is masked with a few large ones, not a hundred small ones). */
export const MAX_RECTS = 30
/** Long edge of the list thumbnail stored next to each masked photo. */
export const THUMB_LONG_EDGE = 400

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v))

/**
 * The rectangle spanned by a drag from `a` to `b` (any direction), clipped to `bounds`; null when it is a
 * tap (either side shorter than `minPx`) or lies outside.
 */
export function rectFromDrag(a: Point, b: Point, bounds: Size, minPx: number = MIN_DRAG_PX): Rect | null {
  const x0 = clamp(Math.min(a.x, b.x), 0, bounds.width)
  const x1 = clamp(Math.max(a.x, b.x), 0, bounds.width)
  const y0 = clamp(Math.min(a.y, b.y), 0, bounds.height)
  const y1 = clamp(Math.max(a.y, b.y), 0, bounds.height)
  if (x1 - x0 < minPx || y1 - y0 < minPx) return null
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
}

/**
 * A rectangle drawn on the photo shown at `view` size, in the photo's own pixels. Rounded outward (floor
 * the start, ceil the end) so the mask never shrinks below what staff drew, then clipped to the photo.
 */
export function viewToImage(r: Rect, view: Size, image: Size): Rect {
  const sx = image.width / view.width
  const sy = image.height / view.height
  const x0 = clamp(Math.floor(r.x * sx), 0, image.width)
  const y0 = clamp(Math.floor(r.y * sy), 0, image.height)
  const x1 = clamp(Math.ceil((r.x + r.w) * sx), 0, image.width)
  const y1 = clamp(Math.ceil((r.y + r.h) * sy), 0, image.height)
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) }
}

/** Mosaic block edge for a photo of this size (photo pixels). */
export function mosaicBlock(image: Size): number {
  const long = Math.max(image.width, image.height)
  return Math.max(MIN_BLOCK_PX, Math.ceil(long / BLOCKS_PER_LONG_EDGE))
}

/** Integer rectangle inside the photo, or null when nothing of it is inside. */
export function clipRect(r: Rect, image: Size): Rect | null {
  const x0 = clamp(Math.floor(r.x), 0, image.width)
  const y0 = clamp(Math.floor(r.y), 0, image.height)
  const x1 = clamp(Math.ceil(r.x + r.w), 0, image.width)
  const y1 = clamp(Math.ceil(r.y + r.h), 0, image.height)
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null
}

/** RGBA pixels, row-major, 4 bytes per pixel (canvas ImageData.data, or a decoded PNG). */
export type Pixels = Uint8ClampedArray | Uint8Array | number[]

/**
 * Pixelates one rectangle of `data` in place: the rectangle is cut into `block`-sized cells from its own
 * top-left corner (cells at its right and bottom edges are cut short, so nothing outside it changes), and
 * each cell takes the mean colour (and alpha) of its pixels.
 */
export function pixelate(data: Pixels, width: number, height: number, rect: Rect, block: number): void {
  const r = clipRect(rect, { width, height })
  if (!r) return
  const step = Math.max(1, Math.floor(block))
  for (let by = r.y; by < r.y + r.h; by += step) {
    const yEnd = Math.min(by + step, r.y + r.h)
    for (let bx = r.x; bx < r.x + r.w; bx += step) {
      const xEnd = Math.min(bx + step, r.x + r.w)
      let sr = 0
      let sg = 0
      let sb = 0
      let sa = 0
      for (let y = by; y < yEnd; y++) {
        for (let x = bx; x < xEnd; x++) {
          const i = (y * width + x) * 4
          sr += data[i]
          sg += data[i + 1]
          sb += data[i + 2]
          sa += data[i + 3]
        }
      }
      const n = (yEnd - by) * (xEnd - bx)
      const mr = Math.round(sr / n)
      const mg = Math.round(sg / n)
      const mb = Math.round(sb / n)
      const ma = Math.round(sa / n)
      for (let y = by; y < yEnd; y++) {
        for (let x = bx; x < xEnd; x++) {
          const i = (y * width + x) * 4
          data[i] = mr
          data[i + 1] = mg
          data[i + 2] = mb
          data[i + 3] = ma
        }
      }
    }
  }
}

/** Pixelates every rectangle (photo pixels) with the photo's block size. Returns how many were applied. */
export function pixelateAll(data: Pixels, width: number, height: number, rects: readonly Rect[], block: number = mosaicBlock({ width, height })): number {
  let applied = 0
  for (const r of rects.slice(0, MAX_RECTS)) {
    if (!clipRect(r, { width, height })) continue
    pixelate(data, width, height, r, block)
    applied++
  }
  return applied
}

/** Size of the list thumbnail: long edge at most `maxEdge`, aspect kept, never upscaled, at least 1 px. */
export function thumbSize(image: Size, maxEdge: number = THUMB_LONG_EDGE): Size {
  const long = Math.max(image.width, image.height)
  if (long <= maxEdge) return { width: Math.max(1, Math.round(image.width)), height: Math.max(1, Math.round(image.height)) }
  const s = maxEdge / long
  return { width: Math.max(1, Math.round(image.width * s)), height: Math.max(1, Math.round(image.height * s)) }
}

/**
 * Box-filter downscale of RGBA pixels (the seed's thumbnails; the app lets the canvas scale). Each target
 * pixel is the mean of the source pixels it covers.
 */
export function downscale(data: Pixels, width: number, height: number, target: Size): Uint8ClampedArray {
  const out = new Uint8ClampedArray(target.width * target.height * 4)
  const sx = width / target.width
  const sy = height / target.height
  for (let ty = 0; ty < target.height; ty++) {
    const y0 = Math.floor(ty * sy)
    const y1 = Math.max(y0 + 1, Math.floor((ty + 1) * sy))
    for (let tx = 0; tx < target.width; tx++) {
      const x0 = Math.floor(tx * sx)
      const x1 = Math.max(x0 + 1, Math.floor((tx + 1) * sx))
      const acc = [0, 0, 0, 0]
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const i = (y * width + x) * 4
          for (let c = 0; c < 4; c++) acc[c] += data[i + c]
        }
      }
      const n = (y1 - y0) * (x1 - x0)
      const o = (ty * target.width + tx) * 4
      for (let c = 0; c < 4; c++) out[o + c] = Math.round(acc[c] / n)
    }
  }
  return out
}
