/**
 * Small PNG pictures drawn in code for the demo reports, so the seed needs no binary assets: a street
 * scene (sky, buildings, pavement) with the problem drawn on it — a pile, a stall, a manhole, parked bikes.
 * The encoder is the minimum PNG needs: 8-bit RGB, no interlace, one zlib-deflated IDAT.
 */
import { deflateSync } from 'node:zlib'
import { crc32 } from '../../cloudfunctions/kernel/crc32'

type RGB = [number, number, number]

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** Encodes `pixel(x, y)` over a width × height canvas as a PNG. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => RGB): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    raw[row] = 0 // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y)
      raw[row + 1 + x * 3] = r
      raw[row + 2 + x * 3] = g
      raw[row + 3 + x * 3] = b
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** What the picture shows. `after` pictures are the same place, tidied. */
export type SceneKind = 'stall' | 'pile' | 'manhole' | 'bikes' | 'litter' | 'corridor' | 'wires' | 'poster' | 'lamp' | 'car' | 'clean'

const W = 240
const H = 180
const HORIZON = 95

/** A deterministic per-picture variation so no two photos are identical. */
function noise(seed: number, x: number, y: number): number {
  let h = (seed * 374761393 + x * 668265263 + y * 2147483647) | 0
  h = Math.imul(h ^ (h >>> 13), 1274126177)
  return ((h ^ (h >>> 16)) & 0xff) / 255
}

const inRect = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) => x >= x0 && x < x1 && y >= y0 && y < y1
const inEllipse = (x: number, y: number, cx: number, cy: number, rx: number, ry: number) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1

function background(x: number, y: number, seed: number): RGB {
  if (y < HORIZON) {
    // sky, then a row of buildings
    const building = Math.floor(x / 40)
    const top = 35 + ((building * 37 + seed * 11) % 30)
    if (y > top) {
      const window = x % 40 > 8 && x % 40 < 30 && y % 16 > 5 && y % 16 < 12
      const shade = 170 + ((building * 23) % 40)
      return window ? [120, 150, 175] : [shade, shade - 12, shade - 28]
    }
    return [150 + Math.round(y * 0.6), 190 + Math.round(y * 0.4), 235]
  }
  // pavement tiles with a kerb
  if (y < HORIZON + 4) return [200, 200, 195]
  const tile = (x % 24 === 0 || (y - HORIZON) % 18 === 0) ? 20 : 0
  const g = 168 - tile + Math.round(noise(seed, x, y) * 10)
  return [g, g - 4, g - 10]
}

function object(kind: SceneKind, x: number, y: number, seed: number): RGB | null {
  const n = noise(seed + 7, x, y)
  switch (kind) {
    case 'stall':
      if (inRect(x, y, 60, 70, 180, 82)) return (Math.floor(x / 12) % 2 ? [220, 60, 50] : [245, 245, 240]) // awning
      if (inRect(x, y, 66, 82, 70, 140) || inRect(x, y, 170, 82, 174, 140)) return [90, 90, 90]
      if (inRect(x, y, 62, 118, 178, 128)) return [150, 100, 60] // table
      if (inRect(x, y, 70, 106, 170, 118)) return n > 0.5 ? [230, 160, 40] : [90, 170, 60] // goods
      return null
    case 'pile':
      if (inEllipse(x, y, 120, 140, 70, 30) && y < 150) return n > 0.6 ? [120, 95, 70] : n > 0.3 ? [150, 120, 85] : [95, 80, 65]
      if (inRect(x, y, 40, 120, 70, 150)) return [170, 150, 120] // sacks
      return null
    case 'manhole':
      if (inEllipse(x, y, 120, 140, 42, 16)) return inEllipse(x, y, 120, 140, 34, 12) ? [25, 25, 28] : [80, 80, 82]
      if (inEllipse(x, y, 175, 150, 18, 7)) return [95, 95, 98] // the displaced cover
      return null
    case 'bikes':
      for (let i = 0; i < 4; i++) {
        const cx = 50 + i * 45
        if (inEllipse(x, y, cx, 150, 13, 13) && !inEllipse(x, y, cx, 150, 10, 10)) return [30, 30, 30]
        if (inEllipse(x, y, cx + 28, 150, 13, 13) && !inEllipse(x, y, cx + 28, 150, 10, 10)) return [30, 30, 30]
        if (inRect(x, y, cx, 132, cx + 28, 136)) return i % 2 ? [250, 200, 30] : [60, 170, 220]
      }
      return null
    case 'litter':
      if (inRect(x, y, 180, 105, 215, 150)) return [40, 120, 70] // bin
      if (n > 0.985 && y > HORIZON + 10) return [240, 240, 235]
      if (inEllipse(x, y, 150, 148, 22, 8)) return n > 0.5 ? [230, 230, 220] : [210, 80, 60]
      return null
    case 'corridor':
      if (y < HORIZON) return inRect(x, y, 100, 20, 140, 95) ? [110, 85, 60] : [215, 210, 200] // door in a wall
      if (inRect(x, y, 30, 100, 90, 160)) return n > 0.5 ? [160, 130, 90] : [140, 110, 75] // boxes
      if (inRect(x, y, 150, 115, 210, 160)) return [90, 110, 150] // old furniture
      return null
    case 'wires':
      if (Math.abs(y - (40 + Math.round(20 * Math.sin(x / 30)))) < 2) return [20, 20, 20]
      if (inRect(x, y, 140, 110, 220, 150)) return [60, 60, 70] // e-bike
      if (inEllipse(x, y, 155, 152, 10, 10) || inEllipse(x, y, 205, 152, 10, 10)) return [25, 25, 25]
      return null
    case 'poster':
      if (inRect(x, y, 80, 45, 120, 85)) return n > 0.4 ? [250, 250, 245] : [30, 30, 30]
      if (inRect(x, y, 130, 55, 160, 80)) return n > 0.4 ? [255, 240, 120] : [200, 30, 30]
      return null
    case 'lamp':
      if (inRect(x, y, 118, 30, 124, 150)) return [70, 75, 80]
      if (inRect(x, y, 100, 26, 140, 34)) return [70, 75, 80]
      if (inEllipse(x, y, 104, 38, 10, 6)) return [60, 60, 60] // dark bulb
      return null
    case 'car':
      if (inRect(x, y, 50, 110, 190, 145) || inRect(x, y, 80, 92, 160, 112)) return inRect(x, y, 88, 96, 152, 110) ? [140, 180, 210] : [200, 40, 40]
      if (inEllipse(x, y, 80, 147, 13, 13) || inEllipse(x, y, 160, 147, 13, 13)) return [25, 25, 25]
      return null
    case 'clean':
      if (inRect(x, y, 190, 105, 215, 150)) return [40, 120, 70] // a tidy bin
      return null
  }
}

/** A 240×180 street scene showing `kind`. */
export function scenePng(kind: SceneKind, seed = 1): Buffer {
  return encodePng(W, H, (x, y) => object(kind, x, y, seed) ?? background(x, y, seed))
}
