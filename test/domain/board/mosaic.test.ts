import fc from 'fast-check'
import { clipRect, downscale, mosaicBlock, pixelate, pixelateAll, rectFromDrag, thumbSize, viewToImage, MIN_BLOCK_PX, type Rect } from '../../../src/domain/board/mosaic'

/** A w×h RGBA image whose every pixel differs (r = x, g = y, b = x ^ y). */
function gradient(w: number, h: number): Uint8ClampedArray {
  const d = new Uint8ClampedArray(w * h * 4)
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4
      d.set([x * 7, y * 5, (x ^ y) * 3, 255], i)
    }
  return d
}
const px = (d: Uint8ClampedArray, w: number, x: number, y: number) => Array.from(d.slice((y * w + x) * 4, (y * w + x) * 4 + 4))

describe('rectangles', () => {
  it('normalises a drag in any direction and clips it to the photo', () => {
    expect(rectFromDrag({ x: 50, y: 40 }, { x: 10, y: 10 }, { width: 100, height: 100 })).toEqual({ x: 10, y: 10, w: 40, h: 30 })
    expect(rectFromDrag({ x: -20, y: 90 }, { x: 30, y: 130 }, { width: 100, height: 100 })).toEqual({ x: 0, y: 90, w: 30, h: 10 })
  })

  it('treats a tap or a sliver as no rectangle', () => {
    expect(rectFromDrag({ x: 10, y: 10 }, { x: 13, y: 60 }, { width: 100, height: 100 })).toBeNull()
    expect(rectFromDrag({ x: 10, y: 10 }, { x: 10, y: 10 }, { width: 100, height: 100 })).toBeNull()
    expect(rectFromDrag({ x: 150, y: 10 }, { x: 190, y: 60 }, { width: 100, height: 100 })).toBeNull()
  })

  it('maps a rectangle drawn on the screen to the photo’s pixels, rounding outward', () => {
    // Shown at 300×225, the photo is 1280×960: a scale of 4.2666…
    const r = viewToImage({ x: 10.5, y: 20, w: 30, h: 15 }, { width: 300, height: 225 }, { width: 1280, height: 960 })
    expect(r).toEqual({ x: 44, y: 85, w: 129, h: 65 }) // 44.8→44 … 172.8→173; 85.3→85 … 149.3→150
    // It always covers at least what was drawn.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 280 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 225 }), (x, y, w, h) => {
        const img = viewToImage({ x, y, w, h }, { width: 300, height: 225 }, { width: 1280, height: 960 })
        const s = 1280 / 300
        expect(img.x).toBeLessThanOrEqual(x * s)
        expect(img.x + img.w).toBeGreaterThanOrEqual(Math.min(1280, (x + w) * s) - 1e-9)
        expect(img.x + img.w).toBeLessThanOrEqual(1280)
      }),
    )
  })

  it('clips to the photo or drops a rectangle outside it', () => {
    expect(clipRect({ x: -5, y: 90, w: 20, h: 20 }, { width: 100, height: 100 })).toEqual({ x: 0, y: 90, w: 15, h: 10 })
    expect(clipRect({ x: 100, y: 0, w: 10, h: 10 }, { width: 100, height: 100 })).toBeNull()
  })
})

describe('pixelation', () => {
  it('uses blocks of about 1/48 of the long edge, never under the minimum', () => {
    expect(mosaicBlock({ width: 1280, height: 960 })).toBe(27)
    expect(mosaicBlock({ width: 960, height: 1280 })).toBe(27)
    expect(mosaicBlock({ width: 240, height: 180 })).toBe(MIN_BLOCK_PX)
  })

  it('turns each block into its mean colour and leaves everything outside the rectangle alone', () => {
    const w = 10
    const h = 6
    const d = gradient(w, h)
    const before = d.slice()
    const rect: Rect = { x: 2, y: 1, w: 5, h: 4 } // cells of 3: [2..4]×[1..3], [5..6]×[1..3], [2..4]×[4], [5..6]×[4]
    pixelate(d, w, h, rect, 3)
    // First cell: x 2–4, y 1–3 → mean r = 7·3 = 21, g = 5·2 = 10.
    const cell = px(d, w, 2, 1)
    expect(cell.slice(0, 2)).toEqual([21, 10])
    for (let y = 1; y <= 3; y++) for (let x = 2; x <= 4; x++) expect(px(d, w, x, y)).toEqual(cell)
    // The cut-short cell at the right edge: x 5–6 → r = 7·5.5 = 38.5 → 39.
    expect(px(d, w, 5, 1)[0]).toBe(39)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const inside = x >= 2 && x < 7 && y >= 1 && y < 5
        if (!inside) expect(px(d, w, x, y)).toEqual(px(before, w, x, y))
      }
  })

  it('hides detail: inside a rectangle no block holds two colours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 2, max: 9 }), (x, y, rw, rh, block) => {
        const w = 40
        const h = 30
        const d = gradient(w, h)
        pixelate(d, w, h, { x, y, w: rw, h: rh }, block)
        const r = clipRect({ x, y, w: rw, h: rh }, { width: w, height: h })!
        for (let by = r.y; by < r.y + r.h; by += block)
          for (let bx = r.x; bx < r.x + r.w; bx += block) {
            const c = px(d, w, bx, by)
            for (let yy = by; yy < Math.min(by + block, r.y + r.h); yy++) for (let xx = bx; xx < Math.min(bx + block, r.x + r.w); xx++) expect(px(d, w, xx, yy)).toEqual(c)
          }
      }),
      { numRuns: 60 },
    )
  })

  it('applies every rectangle inside the photo and counts them', () => {
    const d = gradient(50, 50)
    expect(pixelateAll(d, 50, 50, [{ x: 0, y: 0, w: 10, h: 10 }, { x: 60, y: 60, w: 5, h: 5 }, { x: 30, y: 30, w: 10, h: 10 }])).toBe(2)
  })
})

describe('thumbnails', () => {
  it('fits the long edge, keeps the aspect, never upscales', () => {
    expect(thumbSize({ width: 1280, height: 960 })).toEqual({ width: 400, height: 300 })
    expect(thumbSize({ width: 720, height: 1280 })).toEqual({ width: 225, height: 400 })
    expect(thumbSize({ width: 240, height: 180 })).toEqual({ width: 240, height: 180 })
  })

  it('box-filters down', () => {
    const d = new Uint8ClampedArray(4 * 4 * 4)
    for (let i = 0; i < 16; i++) d.set([i < 8 ? 0 : 200, 0, 0, 255], i * 4)
    const out = downscale(d, 4, 4, { width: 2, height: 2 })
    expect(Array.from(out)).toEqual([0, 0, 0, 255, 0, 0, 0, 255, 200, 0, 0, 255, 200, 0, 0, 255])
  })
})
