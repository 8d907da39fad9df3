/**
 * 打码 on the device: draw the photo on a canvas, pixelate the rectangles staff drew (the domain's
 * `pixelateAll`, the same maths the tests and the seed use), export the masked JPEG and a thumbnail, upload
 * both into the staff member's own folder and confirm the mask with the server. The original is never
 * changed or re-uploaded: it stays where it was, private to staff.
 *
 *   H5:     an off-document <canvas>; getImageData/putImageData; toBlob → blob: URLs (uploadFile reads them).
 *   WeChat: the page's <Canvas type="2d"> node (passed in); createImage, getImageData/putImageData;
 *           canvasToTempFilePath, once at full size and once scaled down (destWidth/destHeight) for the thumb.
 */
import Taro from '@tarojs/taro'
import { pixelateAll, thumbSize, viewToImage, type Rect, type Size } from '@/domain/board/mosaic'
import { callAction, uploadFile, type ClientEnvelope, type OutputOf } from './cloud'
import { fitLongEdge } from './imageSizing'
import { getMe } from './me'
import { randomId } from './photoPath'
import { boardPhotoCloudPath } from './board'

const MASKED_QUALITY = 0.85
const THUMB_QUALITY = 0.72

export interface Rendered {
  /** Local paths (H5 blob: URLs; WeChat temp files), usable as an <Image> src and by uploadFile. */
  masked: string
  thumb: string
  size: Size
}

/** Natural size of an image (a temp URL or a local path). */
export async function imageSize(src: string): Promise<Size> {
  const info = await Taro.getImageInfo({ src })
  return { width: info.width, height: info.height }
}

// ---------------------------------------------------------------------------------------------------------
// H5

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.crossOrigin = 'anonymous'
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('image load failed'))
    img.src = src
  })
}

function toBlobUrl(canvas: HTMLCanvasElement, quality: number): Promise<string> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((b) => (b ? resolve(URL.createObjectURL(b)) : reject(new Error('toBlob failed'))), 'image/jpeg', quality)
  })
}

async function renderH5(src: string, natural: Size, rects: readonly Rect[]): Promise<Rendered> {
  const img = await loadImage(src)
  const size = fitLongEdge(natural)
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | null
  if (!ctx) throw new Error('canvas unavailable')
  ctx.drawImage(img, 0, 0, size.width, size.height)
  const data = ctx.getImageData(0, 0, size.width, size.height)
  pixelateAll(data.data, size.width, size.height, rects.map((r) => viewToImage(r, natural, size)))
  ctx.putImageData(data, 0, 0)
  const t = thumbSize(size)
  const small = document.createElement('canvas')
  small.width = t.width
  small.height = t.height
  const sctx = small.getContext('2d')
  if (!sctx) throw new Error('canvas unavailable')
  sctx.imageSmoothingQuality = 'high'
  sctx.drawImage(canvas, 0, 0, t.width, t.height)
  const [masked, thumb] = await Promise.all([toBlobUrl(canvas, MASKED_QUALITY), toBlobUrl(small, THUMB_QUALITY)])
  return { masked, thumb, size }
}

// ---------------------------------------------------------------------------------------------------------
// WeChat (canvas 2D)

/** The subset of a WeChat canvas-2D node used here. */
export interface CanvasNode {
  width: number
  height: number
  getContext(type: '2d'): {
    drawImage(img: unknown, x: number, y: number, w: number, h: number): void
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray }
    putImageData(data: unknown, x: number, y: number): void
  }
  createImage(): { src: string; onload: (() => void) | null; onerror: ((e: unknown) => void) | null }
}

async function renderWeapp(canvas: CanvasNode, src: string, natural: Size, rects: readonly Rect[]): Promise<Rendered> {
  // The page hands us a local file (fileForDevice); a remote URL is downloaded first.
  const local = /^https?:/.test(src) ? (await Taro.downloadFile({ url: src })).tempFilePath : src
  const size = fitLongEdge(natural)
  canvas.width = size.width
  canvas.height = size.height
  const ctx = canvas.getContext('2d')
  const img = canvas.createImage()
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve()
    img.onerror = (e) => reject(e)
    img.src = local
  })
  ctx.drawImage(img, 0, 0, size.width, size.height)
  const data = ctx.getImageData(0, 0, size.width, size.height)
  pixelateAll(data.data, size.width, size.height, rects.map((r) => viewToImage(r, natural, size)))
  ctx.putImageData(data, 0, 0)
  const t = thumbSize(size)
  const toFile = (opts: Record<string, unknown>) =>
    Taro.canvasToTempFilePath({ canvas, fileType: 'jpg', ...opts } as unknown as Taro.canvasToTempFilePath.Option).then((r) => r.tempFilePath)
  const masked = await toFile({ quality: MASKED_QUALITY })
  const thumb = await toFile({ quality: THUMB_QUALITY, destWidth: t.width, destHeight: t.height })
  return { masked, thumb, size }
}

/**
 * Renders the masked photo and its thumbnail. `rects` are in the photo's natural pixels; `canvas` is the
 * page's canvas-2D node (WeChat only).
 */
export function renderMask(src: string, natural: Size, rects: readonly Rect[], canvas?: CanvasNode | null): Promise<Rendered> {
  if (process.env.TARO_ENV === 'weapp') {
    if (!canvas) return Promise.reject(new Error('canvas unavailable'))
    return renderWeapp(canvas, src, natural, rects)
  }
  return renderH5(src, natural, rects)
}

export type MaskConfirmation = OutputOf<'board', 'confirmMask'>

/** Uploads the rendered copy and thumbnail into the caller's board folder and confirms the mask. */
export async function uploadAndConfirm(original: string, rendered: Rendered, regions: number): Promise<ClientEnvelope<MaskConfirmation>> {
  const me = await getMe()
  if (!me.ok) return me
  const stem = `${Date.now()}-${randomId(6)}`
  const at = new Date()
  const [masked, thumb] = await Promise.all([
    uploadFile(rendered.masked, boardPhotoCloudPath(me.data.openid, at, `${stem}-m.jpg`)),
    uploadFile(rendered.thumb, boardPhotoCloudPath(me.data.openid, at, `${stem}-t.jpg`)),
  ])
  if (!masked.ok) return masked
  if (!thumb.ok) return thumb
  return callAction('board', 'confirmMask', { original, masked: masked.data.fileID, thumb: thumb.data.fileID, regions })
}

/** Uploads an original staff took or chose into their board folder. */
export async function uploadOriginal(localPath: string): Promise<ClientEnvelope<{ fileID: string }>> {
  const me = await getMe()
  if (!me.ok) return me
  return uploadFile(localPath, boardPhotoCloudPath(me.data.openid, new Date(), `${Date.now()}-${randomId(6)}-o.jpg`))
}
