// The sizing maths of on-device photo compression (src/services/imageSizing.ts).
import fc from 'fast-check'
import { compressSide, fitLongEdge, formatBytes, nextQuality, qualityLadder, TARGET_LONG_EDGE } from '../../src/services/imageSizing'

describe('fitLongEdge', () => {
  test('a 4000×3000 camera photo becomes 1280×960; portrait 3000×4000 becomes 960×1280', () => {
    expect(fitLongEdge({ width: 4000, height: 3000 })).toEqual({ width: 1280, height: 960 })
    expect(fitLongEdge({ width: 3000, height: 4000 })).toEqual({ width: 960, height: 1280 })
  })

  test('small photos keep their size (re-encoded, never upscaled)', () => {
    expect(fitLongEdge({ width: 800, height: 600 })).toEqual({ width: 800, height: 600 })
    expect(fitLongEdge({ width: 1280, height: 1280 })).toEqual({ width: 1280, height: 1280 })
  })

  test('panoramas and slivers keep at least one pixel', () => {
    expect(fitLongEdge({ width: 20000, height: 3 })).toEqual({ width: 1280, height: 1 })
    expect(fitLongEdge({ width: 0, height: 0 })).toEqual({ width: 1, height: 1 })
  })

  test('any size: long edge ≤ the limit, aspect kept within a pixel, never larger than the source', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12000 }), fc.integer({ min: 1, max: 12000 }), (width, height) => {
        const out = fitLongEdge({ width, height })
        expect(Math.max(out.width, out.height)).toBeLessThanOrEqual(TARGET_LONG_EDGE)
        expect(out.width).toBeLessThanOrEqual(width)
        expect(out.height).toBeLessThanOrEqual(height)
        if (Math.max(width, height) > TARGET_LONG_EDGE) expect(Math.max(out.width, out.height)).toBe(TARGET_LONG_EDGE)
        // The short side is the rounded scaled one.
        const scale = Math.min(1, TARGET_LONG_EDGE / Math.max(width, height))
        expect(Math.abs(out.width - width * scale)).toBeLessThanOrEqual(1)
        expect(Math.abs(out.height - height * scale)).toBeLessThanOrEqual(1)
      }),
    )
  })
})

test('compressSide gives WeChat the long edge: width for landscape, height for portrait', () => {
  expect(compressSide({ width: 4000, height: 3000 })).toEqual({ compressedWidth: 1280 })
  expect(compressSide({ width: 3000, height: 4000 })).toEqual({ compressedHeight: 1280 })
  expect(compressSide({ width: 640, height: 480 })).toEqual({ compressedWidth: 640 })
})

test('quality steps down by 0.1 while the file is too big, and stops at the floor', () => {
  expect(qualityLadder()).toEqual([0.8, 0.7, 0.6, 0.5])
  expect(nextQuality(300 * 1024, 0.8)).toBeNull()
  expect(nextQuality(900 * 1024, 0.8)).toBe(0.7)
  expect(nextQuality(900 * 1024, 0.6)).toBe(0.5)
  expect(nextQuality(900 * 1024, 0.5)).toBeNull()
})

test('formatBytes', () => {
  expect(formatBytes(356 * 1024)).toBe('356 KB')
  expect(formatBytes(1.25 * 1024 * 1024)).toBe('1.3 MB')
  expect(formatBytes(10)).toBe('1 KB')
})
