/**
 * Photos on the device: choose (camera or album) and compress before upload. Every photo is re-encoded
 * as a JPEG of at most TARGET_LONG_EDGE px on its long edge and a few hundred KB, which also drops its
 * EXIF block (GPS position, phone model, time) — a resident's photo must not tell where they live.
 *
 *   H5:     the file is drawn onto a canvas and `toBlob('image/jpeg', q)`; the result is kept as a data: URL
 *           so a draft survives a reload (a blob: URL dies with the page).
 *   WeChat: `Taro.compressImage` with the long edge's side (a fresh JPEG encode), then saved under
 *           USER_DATA_PATH so the draft's photos outlive the temp-file cleanup.
 */
import Taro from '@tarojs/taro'
import { START_QUALITY, TARGET_MAX_BYTES, compressSide, fitLongEdge, nextQuality, type Size } from './imageSizing'
import { CONSENT_REQUIRED_MESSAGE, ensureConsent } from './privacy'

export interface LocalPhoto {
  /** H5: a data: URL; WeChat: a local file path. Usable as an <Image> src and by `uploadFile`. */
  path: string
  width: number
  height: number
  /** Bytes after compression. */
  size: number
}

export type ChooseResult = { ok: true; paths: string[] } | { ok: false; cancelled: boolean; message: string }

/** Let the resident take photos or pick from the album (at most `count`), after the privacy consent. */
export async function choosePhotos(count: number): Promise<ChooseResult> {
  if (!(await ensureConsent())) return { ok: false, cancelled: false, message: CONSENT_REQUIRED_MESSAGE }
  try {
    const res = await Taro.chooseMedia({
      count: Math.max(1, count),
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
    })
    const paths = (res.tempFiles ?? []).map((f) => f.tempFilePath).filter(Boolean)
    return paths.length ? { ok: true, paths } : { ok: false, cancelled: true, message: '' }
  } catch (err) {
    const msg = String((err as { errMsg?: unknown } | null)?.errMsg ?? '')
    if (/cancel/i.test(msg)) return { ok: false, cancelled: true, message: '' }
    if (/auth|permission|deny/i.test(msg)) return { ok: false, cancelled: false, message: '请在设置中允许使用相机和相册后重试' }
    return { ok: false, cancelled: false, message: '选择照片失败，请重试' }
  }
}

// ---------------------------------------------------------------------------------------------------------
// H5

function canvasToBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/jpeg', quality)
  })
}

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(blob)
  })
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('image load failed'))
    img.src = src
  })
}

async function compressH5(src: string): Promise<LocalPhoto> {
  const blob = await (await fetch(src)).blob()
  // createImageBitmap applies the EXIF orientation, so a portrait phone photo stays upright.
  let source: ImageBitmap | HTMLImageElement
  try {
    source = await createImageBitmap(blob, { imageOrientation: 'from-image' })
  } catch {
    source = await loadImage(src)
  }
  const size = fitLongEdge({ width: source.width, height: source.height })
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('canvas unavailable')
  ctx.fillStyle = '#ffffff' // a transparent PNG becomes white, not black
  ctx.fillRect(0, 0, size.width, size.height)
  ctx.imageSmoothingQuality = 'high'
  ctx.drawImage(source, 0, 0, size.width, size.height)
  if ('close' in source) source.close()
  let quality = START_QUALITY
  let out = await canvasToBlob(canvas, quality)
  for (let next = nextQuality(out.size, quality); next !== null; next = nextQuality(out.size, quality)) {
    quality = next
    out = await canvasToBlob(canvas, quality)
  }
  return { path: await blobToDataUrl(out), width: size.width, height: size.height, size: out.size }
}

// ---------------------------------------------------------------------------------------------------------
// WeChat

const ROTATED = new Set(['left', 'right', 'left-mirrored', 'right-mirrored'])
const DRAFT_DIR = 'report-photos'

function userDataPath(): string {
  return (Taro.env as { USER_DATA_PATH?: string }).USER_DATA_PATH ?? ''
}

async function fileSize(filePath: string): Promise<number> {
  try {
    const info = (await Taro.getFileInfo({ filePath })) as { size?: number }
    return typeof info.size === 'number' ? info.size : 0
  } catch {
    return 0
  }
}

/** Temp files may be cleaned when the mini-program closes; a draft's photos are saved to keep them. */
function persist(tempPath: string): string {
  const base = userDataPath()
  if (!base) return tempPath
  try {
    const fs = Taro.getFileSystemManager()
    const dir = `${base}/${DRAFT_DIR}`
    try {
      fs.accessSync(dir)
    } catch {
      fs.mkdirSync(dir, true)
    }
    const target = `${dir}/${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.jpg`
    fs.copyFileSync(tempPath, target)
    return target
  } catch {
    return tempPath
  }
}

async function compressWeapp(src: string): Promise<LocalPhoto> {
  const info = await Taro.getImageInfo({ src })
  const upright: Size = ROTATED.has(String(info.orientation))
    ? { width: info.height, height: info.width }
    : { width: info.width, height: info.height }
  const side = compressSide(upright)
  let quality = START_QUALITY
  let res = await Taro.compressImage({ src, quality: Math.round(quality * 100), ...side })
  let size = await fileSize(res.tempFilePath)
  for (let next = nextQuality(size, quality); next !== null && size > 0; next = nextQuality(size, quality)) {
    quality = next
    res = await Taro.compressImage({ src, quality: Math.round(quality * 100), ...side })
    size = await fileSize(res.tempFilePath)
  }
  const fit = fitLongEdge(upright)
  return { path: persist(res.tempFilePath), width: fit.width, height: fit.height, size: size || TARGET_MAX_BYTES }
}

/** Compress one chosen photo; rejects when the file cannot be read. */
export function compressPhoto(src: string): Promise<LocalPhoto> {
  return process.env.TARO_ENV === 'weapp' ? compressWeapp(src) : compressH5(src)
}

/** Forget a saved draft photo (after submit, or when removed from the draft). */
export function releasePhoto(path: string): void {
  if (process.env.TARO_ENV !== 'weapp') return
  const base = userDataPath()
  if (!base || !path.startsWith(`${base}/${DRAFT_DIR}/`)) return
  try {
    Taro.getFileSystemManager().unlinkSync(path)
  } catch {}
}

/** A plain full-screen viewer for H5 (Taro's H5 previewImage brings a 300 KB swiper along). Tap to close. */
function previewH5(urls: string[], current: string): void {
  if (typeof document === 'undefined') return
  let index = Math.max(0, urls.indexOf(current))
  const overlay = document.createElement('div')
  overlay.className = 'photo-viewer'
  overlay.setAttribute('style', 'position:fixed;inset:0;z-index:2000;background:rgba(0,0,0,.92);display:flex;align-items:center;justify-content:center;')
  const img = document.createElement('img')
  img.setAttribute('style', 'max-width:100%;max-height:100%;object-fit:contain;')
  const counter = document.createElement('div')
  counter.setAttribute('style', 'position:absolute;top:16px;left:0;right:0;text-align:center;color:#fff;font-size:14px;')
  const show = () => {
    img.src = urls[index]
    counter.textContent = urls.length > 1 ? `${index + 1} / ${urls.length}（点左右两侧切换）` : ''
  }
  overlay.onclick = (e) => {
    const x = (e as MouseEvent).clientX / window.innerWidth
    if (urls.length > 1 && x < 0.25) index = (index + urls.length - 1) % urls.length
    else if (urls.length > 1 && x > 0.75) index = (index + 1) % urls.length
    else return overlay.remove()
    show()
  }
  overlay.append(img, counter)
  document.body.appendChild(overlay)
  show()
}

/** Full-screen preview (WeChat's own viewer; a light overlay in H5). */
export function previewPhotos(urls: string[], current: string): void {
  const list = urls.filter(Boolean)
  if (list.length === 0) return
  if (process.env.TARO_ENV === 'weapp') Taro.previewImage({ urls: list, current: current || list[0] }).catch(() => {})
  else previewH5(list, current || list[0])
}
