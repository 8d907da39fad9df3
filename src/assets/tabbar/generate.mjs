// Generates the tab bar icons (81×81 PNG, normal + active) with no dependencies beyond Node's zlib.
// Run: node src/assets/tabbar/generate.mjs   (outputs next to this file; commit the PNGs)
import { deflateSync } from 'node:zlib'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SIZE = 81
const STROKE = 5.2 // line width in px
const SS = 4 // supersampling per axis
const NORMAL = [0x8e, 0x85, 0x7c]
const ACTIVE = [0xc8, 0x16, 0x1d]

// ---- geometry: every icon is a list of polylines (arrays of [x, y]) drawn as round-capped strokes,
// optionally plus filled polygons.
const circle = (cx, cy, r, from = 0, to = Math.PI * 2, n = 72) =>
  Array.from({ length: n + 1 }, (_, i) => {
    const t = from + ((to - from) * i) / n
    return [cx + r * Math.cos(t), cy + r * Math.sin(t)]
  })
const roundRect = (x0, y0, x1, y1, r) => [
  ...circle(x1 - r, y0 + r, r, -Math.PI / 2, 0, 12),
  ...circle(x1 - r, y1 - r, r, 0, Math.PI / 2, 12),
  ...circle(x0 + r, y1 - r, r, Math.PI / 2, Math.PI, 12),
  ...circle(x0 + r, y0 + r, r, Math.PI, Math.PI * 1.5, 12),
  [x1 - r, y0],
]

const ICONS = {
  // 首页: a house with a door
  home: {
    lines: [
      [[12, 40], [40.5, 15], [69, 40]],
      [[21, 33], [21, 66], [60, 66], [60, 33]],
      [[34, 66], [34, 50], [47, 50], [47, 66]],
    ],
  },
  // 随手拍: a camera
  report: {
    lines: [
      roundRect(11, 25, 70, 65, 8),
      [[28, 25], [33, 16], [48, 16], [53, 25]],
      circle(40.5, 45, 11),
    ],
    dots: [[60, 34, 3]],
  },
  // 曝光台: a megaphone
  exposure: {
    lines: [
      [[14, 34], [27, 34], [52, 20], [52, 62], [27, 48], [14, 48], [14, 34]],
      [[22, 48], [26, 65], [33, 65], [31, 51]],
      [[61, 41], [70, 41]],
      [[60, 29], [67, 24]],
      [[60, 53], [67, 58]],
    ],
  },
  // 志愿: a heart
  volunteer: {
    lines: [
      Array.from({ length: 97 }, (_, i) => {
        const t = (Math.PI * 2 * i) / 96
        const x = 16 * Math.sin(t) ** 3
        const y = 13 * Math.cos(t) - 5 * Math.cos(2 * t) - 2 * Math.cos(3 * t) - Math.cos(4 * t)
        return [40.5 + x * 1.85, 40 - y * 1.85]
      }),
    ],
  },
  // 我的: a person
  mine: {
    lines: [circle(40.5, 27, 12), [...circle(40.5, 68, 24, Math.PI, Math.PI * 2, 48), [16.5, 68]]],
  },
}

function distToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax
  const dy = by - ay
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2))
  const cx = ax + t * dx - px
  const cy = ay + t * dy - py
  return Math.sqrt(cx * cx + cy * cy)
}

function coverage(icon, x, y) {
  let hits = 0
  for (let sy = 0; sy < SS; sy++) {
    for (let sx = 0; sx < SS; sx++) {
      const px = x + (sx + 0.5) / SS
      const py = y + (sy + 0.5) / SS
      let hit = false
      for (const line of icon.lines) {
        for (let i = 0; i < line.length - 1 && !hit; i++) {
          if (distToSegment(px, py, line[i], line[i + 1]) <= STROKE / 2) hit = true
        }
        if (hit) break
      }
      if (!hit && icon.dots) hit = icon.dots.some(([cx, cy, r]) => (px - cx) ** 2 + (py - cy) ** 2 <= r * r)
      if (hit) hits++
    }
  }
  return hits / (SS * SS)
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
function png(alpha, [r, g, b]) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE)
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0 // filter: none
    for (let x = 0; x < SIZE; x++) {
      const o = y * (SIZE * 4 + 1) + 1 + x * 4
      raw[o] = r
      raw[o + 1] = g
      raw[o + 2] = b
      raw[o + 3] = Math.round(alpha[y * SIZE + x] * 255)
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0)
  ihdr.writeUInt32BE(SIZE, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const here = dirname(fileURLToPath(import.meta.url))
for (const [name, icon] of Object.entries(ICONS)) {
  const alpha = new Float32Array(SIZE * SIZE)
  for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) alpha[y * SIZE + x] = coverage(icon, x, y)
  writeFileSync(join(here, `${name}.png`), png(alpha, NORMAL))
  writeFileSync(join(here, `${name}-active.png`), png(alpha, ACTIVE))
}
console.log('tab bar icons written to', here)
