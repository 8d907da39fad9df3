// 随手拍 end-to-end helpers: points in the demo city, real JPEG photos (with an EXIF block to prove it goes),
// uploads and submits through devcloud's HTTP API (for arranging state a test does not drive through the
// UI), and list paging in the UI.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { buildDemoCity } from '../../../scripts/seed'
import { offsetPoint, type Point } from '../../../src/domain/city/geo'
import { rectifyPhotoScope, reportPhotoCloudPath, submitPhotoScope } from '../../../src/domain/report/photos'
import { api, baseUrl } from './browser'

const city = buildDemoCity(new Date('2024-05-01T00:00:00.000Z'))
const grids = new Map(city.grids.map((g) => [g._id, g]))

/** A point `east`/`north` metres from a demo (micro-)grid's centre. */
export function pointIn(gridId: string, east = 0, north = 0): Point {
  const g = grids.get(gridId)
  if (!g) throw new Error(`no demo grid ${gridId}`)
  return offsetPoint(g.center, east, north)
}

export const geo = (p: Point) => ({ latitude: p.lat, longitude: p.lng, accuracy: 12 })

type Envelope<T> = { ok: true; data: T } | { ok: false; code: string; message: string }

/** The data of a successful call; throws with the server's answer otherwise (arranging must not fail quietly). */
export async function ok<T = any>(openid: string, fn: string, action: string, payload: unknown = {}): Promise<T> {
  const res = await api<Envelope<T>>(openid, fn, action, payload)
  if (!res.ok) throw new Error(`${openid} ${fn}.${action}(${JSON.stringify(payload)}) → ${res.code}: ${res.message}`)
  return res.data
}

// ---------------------------------------------------------------------------------------------------------
// Photos

const PHOTO_DIR = path.resolve(__dirname, '../../../.tmp/e2e-photos')
/** Bytes planted in the EXIF block of test photos: must not survive the upload. */
export const EXIF_MARKER = 'E2E-PHONE-GPS-34.62N'

/** An APP1 Exif segment (big-endian TIFF, one ASCII Make tag holding the marker). */
function exifSegment(marker: string): Buffer {
  const text = Buffer.from(`${marker}\0`, 'ascii')
  const ifd = Buffer.alloc(2 + 12 + 4)
  ifd.writeUInt16BE(1, 0) // one entry
  ifd.writeUInt16BE(0x010f, 2) // Make
  ifd.writeUInt16BE(2, 4) // ASCII
  ifd.writeUInt32BE(text.length, 6)
  ifd.writeUInt32BE(8 + ifd.length, 10) // value offset from the TIFF header
  ifd.writeUInt32BE(0, 14) // no next IFD
  const tiff = Buffer.concat([Buffer.from('MM\0\x2a\0\0\0\x08', 'binary'), ifd, text])
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff])
  const head = Buffer.alloc(4)
  head.writeUInt16BE(0xffe1, 0)
  head.writeUInt16BE(body.length + 2, 2)
  return Buffer.concat([head, body])
}

export interface PhotoOptions {
  width: number
  height: number
  /** Scene: a street with parked bikes (before) or a tidy one (after). */
  scene: 'bikes' | 'clean' | 'stall'
  label: string
}

/**
 * A camera-sized JPEG drawn in the browser (a simple street scene), with an EXIF block spliced in as a
 * phone would write it. Returns the file path (cached per options).
 */
export async function makePhoto(browser: Browser, o: PhotoOptions): Promise<string> {
  mkdirSync(PHOTO_DIR, { recursive: true })
  const file = path.join(PHOTO_DIR, `${o.scene}-${o.width}x${o.height}-${o.label.replace(/\W+/g, '')}.jpg`)
  const context = await browser.newContext()
  const page = await context.newPage()
  try {
    const dataUrl = await page.evaluate((opt) => {
      const c = document.createElement('canvas')
      c.width = opt.width
      c.height = opt.height
      const g = c.getContext('2d')!
      const w = opt.width
      const h = opt.height
      const sky = g.createLinearGradient(0, 0, 0, h * 0.45)
      sky.addColorStop(0, '#9cc3e6')
      sky.addColorStop(1, '#dfe9f2')
      g.fillStyle = sky
      g.fillRect(0, 0, w, h * 0.45)
      // buildings
      const colors = ['#c9b8a3', '#b7a48f', '#d8cbb8', '#a9977f']
      for (let i = 0; i < 6; i++) {
        g.fillStyle = colors[i % colors.length]
        const bw = w / 6
        const bh = h * (0.25 + ((i * 37) % 20) / 100)
        g.fillRect(i * bw, h * 0.45 - bh, bw - 6, bh)
        g.fillStyle = 'rgba(255,255,255,0.55)'
        for (let y = h * 0.45 - bh + 20; y < h * 0.42; y += 46) for (let x = i * bw + 14; x < (i + 1) * bw - 30; x += 40) g.fillRect(x, y, 20, 26)
      }
      // pavement and road
      g.fillStyle = '#cfc8bd'
      g.fillRect(0, h * 0.45, w, h * 0.25)
      g.fillStyle = '#5d5d5d'
      g.fillRect(0, h * 0.7, w, h * 0.3)
      g.fillStyle = '#f4f4f4'
      for (let x = 0; x < w; x += 160) g.fillRect(x, h * 0.84, 90, 10)
      // tactile paving
      g.fillStyle = '#e8c547'
      g.fillRect(0, h * 0.56, w, h * 0.035)
      if (opt.scene === 'bikes') {
        for (let i = 0; i < 9; i++) {
          const x = w * 0.12 + i * w * 0.085
          const y = h * 0.57 + ((i * 13) % 5) * 6
          g.save()
          g.translate(x, y)
          g.rotate(((i % 3) - 1) * 0.35)
          g.strokeStyle = i % 2 ? '#f0a030' : '#2a9d4b'
          g.lineWidth = 9
          g.beginPath()
          g.arc(-40, 40, 34, 0, Math.PI * 2)
          g.arc(40, 40, 34, 0, Math.PI * 2)
          g.stroke()
          g.beginPath()
          g.moveTo(-40, 40)
          g.lineTo(0, 0)
          g.lineTo(40, 40)
          g.stroke()
          g.restore()
        }
      } else if (opt.scene === 'stall') {
        g.fillStyle = '#d23b3b'
        g.fillRect(w * 0.3, h * 0.38, w * 0.4, h * 0.06)
        g.fillStyle = '#8a6a45'
        g.fillRect(w * 0.32, h * 0.5, w * 0.36, h * 0.12)
      } else {
        g.fillStyle = '#3c8d4f'
        for (let i = 0; i < 4; i++) {
          g.beginPath()
          g.arc(w * (0.15 + i * 0.23), h * 0.5, h * 0.05, 0, Math.PI * 2)
          g.fill()
        }
      }
      g.fillStyle = 'rgba(0,0,0,0.55)'
      g.fillRect(0, h - 90, w, 90)
      g.fillStyle = '#fff'
      g.font = `${Math.round(h / 22)}px sans-serif`
      g.fillText(opt.label, 30, h - 32)
      return c.toDataURL('image/jpeg', 0.95)
    }, o)
    const jpeg = Buffer.from(dataUrl.split(',')[1], 'base64')
    // SOI, then our APP1, then the rest (the encoder's own APP0 and the image).
    writeFileSync(file, Buffer.concat([jpeg.subarray(0, 2), exifSegment(EXIF_MARKER), jpeg.subarray(2)]))
    return file
  } finally {
    await context.close()
  }
}

/** Width and height from a JPEG's SOF marker, and whether it carries an EXIF block. */
export function jpegInfo(bytes: Buffer): { width: number; height: number; exif: boolean } {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG')
  let i = 2
  let exif = false
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) throw new Error(`bad JPEG marker at ${i}`)
    const marker = bytes[i + 1]
    const len = bytes.readUInt16BE(i + 2)
    if (marker === 0xe1 && bytes.subarray(i + 4, i + 8).toString('binary') === 'Exif') exif = true
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7), exif }
    }
    i += 2 + len
  }
  throw new Error('no SOF marker')
}

/** The stored bytes of a cloud file (through a temp URL, as the app reads it). */
export async function downloadFile(fileID: string): Promise<Buffer> {
  const res = await fetch(`${baseUrl()}api/storage/temp-urls`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ fileList: [fileID] }),
  })
  const body = (await res.json()) as { fileList: { tempFileURL: string; status: number }[] }
  const url = body.fileList[0]?.tempFileURL
  if (!url) throw new Error(`no temp URL for ${fileID}`)
  const file = await fetch(url.startsWith('http') ? url : `${baseUrl()}${url.replace(/^\//, '')}`)
  return Buffer.from(await file.arrayBuffer())
}

// A small valid JPEG for arranged reports (made once from the first photo a test draws).
let smallJpeg: Buffer | null = null
export async function smallPhoto(browser: Browser): Promise<Buffer> {
  if (!smallJpeg) {
    const { readFileSync } = await import('node:fs')
    smallJpeg = readFileSync(await makePhoto(browser, { width: 640, height: 480, scene: 'bikes', label: 'arranged' }))
  }
  return smallJpeg
}

let counter = 0
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36).padStart(4, '0')}`

/** Uploads as `openid` would from the app: into their folder for `scope`. */
export async function uploadAs(openid: string, scope: string, bytes: Buffer): Promise<string> {
  const cloudPath = reportPhotoCloudPath(openid, scope, `${unique()}.jpg`)
  const res = await fetch(`${baseUrl()}api/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'image/jpeg', 'X-Dev-User': openid },
    body: bytes,
  })
  const body = (await res.json()) as { fileID?: string }
  if (!body.fileID) throw new Error(`upload failed: ${JSON.stringify(body)}`)
  return body.fileID
}

export interface ArrangeReport {
  categoryId: string
  at: Point
  description: string
  address?: string
}

/** A report submitted by `openid` through the API (for tests whose UI step comes later). Returns its id. */
export async function submitAs(browser: Browser, openid: string, r: ArrangeReport): Promise<string> {
  const clientId = `e2e-${unique()}`
  const photo = await uploadAs(openid, submitPhotoScope(clientId), await smallPhoto(browser))
  const data = await ok<{ report: { id: string } }>(openid, 'report', 'submit', {
    clientId,
    categoryId: r.categoryId,
    description: r.description,
    photos: [photo],
    location: { lat: r.at.lat, lng: r.at.lng, address: r.address ?? '示范市测试路口' },
  })
  return data.report.id
}

/** Rectifies as a unit handler through the API (after-photo uploaded into their folder for the report). */
export async function rectifyAs(browser: Browser, unitOpenid: string, id: string, note = '已清理完毕，恢复通行。'): Promise<void> {
  const photo = await uploadAs(unitOpenid, rectifyPhotoScope(id), await smallPhoto(browser))
  await ok(unitOpenid, 'report', 'rectify', { id, photos: [photo], note })
}

// ---------------------------------------------------------------------------------------------------------
// UI

/** The card of report `id` in a paged list, pressing 加载更多 until it shows. */
export async function findCard(page: Page, list: string, more: string, id: string, maxPages = 10): Promise<Locator> {
  const card = page.locator(`${list} .report-card[data-id="${id}"]`)
  await page.locator(list).waitFor()
  for (let i = 0; i < maxPages; i++) {
    if (await card.count()) return card
    const button = page.locator(more)
    if (!(await button.count())) break
    await button.click()
    await page.waitForTimeout(300)
    await page.locator(`${more}.is-loading`).waitFor({ state: 'detached' }).catch(() => {})
  }
  await card.waitFor({ timeout: 3000 })
  return card
}

/** Picks the photo file in the file chooser the H5 chooseMedia opens when `trigger` is clicked. */
export async function choosePhoto(page: Page, trigger: string, file: string | string[]): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator(trigger).click()])
  await chooser.setFiles(file)
}

/** Types into a Taro Textarea/Input wrapper by id. */
export async function fill(page: Page, id: string, text: string): Promise<void> {
  const box = page.locator(`#${id} textarea, #${id} input`).first()
  await box.fill(text)
}
