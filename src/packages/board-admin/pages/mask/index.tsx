/**
 * 打码工具: staff drag rectangles over faces and licence plates; the app pixelates them on the device
 * (`src/domain/board/mosaic.ts` — the same maths as the tests), previews the result, uploads the masked copy
 * and its thumbnail into their own folder and confirms the mask. A photo with nothing to hide is confirmed
 * with zero regions — explicitly, so every published photo has been looked at.
 *
 * Test hooks: #page-mask, #mask-stage (data-rects, data-ready), #mask-image, .mask-rect, #mask-undo,
 * #mask-clear, #mask-preview (data-on), #mask-confirm, #mask-none, #mask-status, #mask-error.
 */
import { useEffect, useRef, useState } from 'react'
import Taro, { useReady, useRouter } from '@tarojs/taro'
import { Canvas, Image, Text, View } from '@tarojs/components'
import { Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { MAX_RECTS, rectFromDrag, viewToImage, type Point, type Rect, type Size } from '@/domain/board/mosaic'
import { fileForDevice } from '@/services/cloud'
import { imageSize, renderMask, uploadAndConfirm, type CanvasNode, type Rendered } from '@/services/mosaic'
import { toast } from '@/services/ui'
import { emitMasked } from '../../components/events'
import '../../components/admin.scss'

interface Box {
  left: number
  top: number
  width: number
  height: number
}

const GUTTER = 16
const MAX_STAGE_HEIGHT = 520

function measureNow(): Box | null {
  const r = document.getElementById('mask-stage')?.getBoundingClientRect()
  return r ? { left: r.left, top: r.top, width: r.width, height: r.height } : null
}

async function measure(): Promise<Box | null> {
  if (process.env.TARO_ENV === 'h5') return measureNow()
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select('#mask-stage')
      .boundingClientRect((r) => resolve(r && !Array.isArray(r) ? { left: r.left, top: r.top, width: r.width, height: r.height } : null))
      .exec()
  })
}

function canvasNode(): Promise<CanvasNode | null> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve(null)
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select('#mask-canvas')
      .fields({ node: true, size: true })
      .exec((res) => resolve((res?.[0]?.node as CanvasNode | undefined) ?? null))
  })
}

/** A point of a touch or mouse event in page-viewport coordinates. */
function pointOf(e: unknown): { x: number; y: number } | null {
  const ev = e as { touches?: { clientX: number; clientY: number }[]; changedTouches?: { clientX: number; clientY: number }[]; clientX?: number; clientY?: number }
  const t = ev.touches?.[0] ?? ev.changedTouches?.[0]
  if (t) return { x: t.clientX, y: t.clientY }
  if (typeof ev.clientX === 'number' && typeof ev.clientY === 'number') return { x: ev.clientX, y: ev.clientY }
  return null
}

export default function MaskPage() {
  const { params } = useRouter()
  const original = params.original ? decodeURIComponent(params.original) : ''
  const [url, setUrl] = useState<string | null>(null)
  const [natural, setNatural] = useState<Size | null>(null)
  const [stage, setStage] = useState<Size | null>(null)
  const [rects, setRects] = useState<Rect[]>([])
  const [drawing, setDrawing] = useState<Rect | null>(null)
  const [preview, setPreview] = useState<Rendered | null>(null)
  const [showPreview, setShowPreview] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const box = useRef<Box | null>(null)
  const start = useRef<Point | null>(null)

  useEffect(() => {
    let alive = true
    ;(async () => {
      const res = await fileForDevice(original)
      const u = res.ok ? res.data : ''
      if (!alive) return
      if (!u) return setError('原图无法加载，请返回重试')
      try {
        const size = await imageSize(u)
        if (!alive) return
        const win = Taro.getSystemInfoSync().windowWidth
        let width = win - 2 * GUTTER
        let height = (width * size.height) / size.width
        if (height > MAX_STAGE_HEIGHT) {
          height = MAX_STAGE_HEIGHT
          width = (height * size.width) / size.height
        }
        setUrl(u)
        setNatural(size)
        setStage({ width: Math.round(width), height: Math.round(height) })
      } catch {
        setError('原图无法加载，请返回重试')
      }
    })()
    return () => {
      alive = false
    }
  }, [original])

  useReady(() => {
    measure().then((b) => (box.current = b))
  })
  useEffect(() => {
    if (stage) setTimeout(() => measure().then((b) => (box.current = b)), 50)
  }, [stage])

  const local = (p: { x: number; y: number }): Point | null => {
    // In H5 the stage is measured at every event (cheap, synchronous, and right even while the page slides in).
    const b = process.env.TARO_ENV === 'h5' ? (measureNow() ?? box.current) : box.current
    return b ? { x: p.x - b.left, y: p.y - b.top } : null
  }

  const onStart = (e: unknown) => {
    const p = pointOf(e)
    if (!p || !stage || showPreview) return
    if (process.env.TARO_ENV !== 'h5') measure().then((b) => (box.current = b ?? box.current))
    start.current = local(p)
  }
  const onMove = (e: unknown) => {
    const p = pointOf(e)
    if (!p || !start.current || !stage) return
    const q = local(p)
    if (q) setDrawing(rectFromDrag(start.current, q, stage, 1))
  }
  const onEnd = (e: unknown) => {
    const p = pointOf(e)
    const a = start.current
    start.current = null
    setDrawing(null)
    if (!a || !stage) return
    const q = p ? local(p) : null
    const r = q ? rectFromDrag(a, q, stage) : null
    if (!r) return
    if (rects.length >= MAX_RECTS) return toast(`每张照片最多 ${MAX_RECTS} 处`)
    setRects((rs) => [...rs, r])
    setPreview(null)
    setShowPreview(false)
  }

  const imageRects = (): Rect[] => (stage && natural ? rects.map((r) => viewToImage(r, stage, natural)) : [])

  const render = async (): Promise<Rendered | null> => {
    if (!url || !natural) return null
    if (preview) return preview
    try {
      const out = await renderMask(url, natural, imageRects(), await canvasNode())
      setPreview(out)
      return out
    } catch (err) {
      console.warn('[mask] render failed', err)
      setError('打码处理失败，请重试')
      return null
    }
  }

  const togglePreview = async () => {
    if (showPreview) return setShowPreview(false)
    setBusy(true)
    const out = await render()
    setBusy(false)
    if (out) setShowPreview(true)
  }

  const confirm = async (nothingToHide: boolean) => {
    if (busy) return
    if (!nothingToHide && !rects.length) return toast('请先框选需要遮挡的人脸或车牌')
    if (nothingToHide && rects.length) return toast('已框选区域，请点“确认打码并上传”')
    setBusy(true)
    setError(null)
    const out = await render()
    if (!out) return setBusy(false)
    const res = await uploadAndConfirm(original, out, rects.length)
    setBusy(false)
    if (!res.ok) return setError(res.message)
    emitMasked({ original, masked: res.data.masked, thumb: res.data.thumb, regions: res.data.regions })
    toast(rects.length ? `已打码 ${rects.length} 处` : '已确认无需打码', 'success')
    setTimeout(() => Taro.navigateBack().catch(() => undefined), 600)
  }

  const handlers =
    process.env.TARO_ENV === 'h5'
      ? { onTouchStart: onStart, onTouchMove: onMove, onTouchEnd: onEnd, onMouseDown: onStart, onMouseMove: onMove, onMouseUp: onEnd, onMouseLeave: onEnd }
      : { onTouchStart: onStart, onTouchMove: onMove, onTouchEnd: onEnd }
  const px = (n: number) => `${n}px`

  return (
    <PageShell id='page-mask' className='mask-page' padded={false}>
      <Text className='mask-help'>在照片上拖动框选人脸、车牌、门牌号等个人信息，确认后将做马赛克处理。原图仅工作人员可见，公众只能看到打码后的照片。</Text>
      {error ? (
        <View id='mask-error' className='adm-error' style={{ margin: '0 16px 12px' }}>
          {error}
        </View>
      ) : null}
      {!stage || !url ? (
        error ? null : <Loading text='正在加载原图…' />
      ) : (
        <>
          <View
            id='mask-stage'
            className='mask-stage'
            data-rects={rects.length}
            data-ready='true'
            style={{ width: px(stage.width), height: px(stage.height) }}
            {...(handlers as Record<string, (e: unknown) => void>)}
          >
            <Image id='mask-image' className='mask-stage__img' src={showPreview && preview ? preview.masked : url} mode='scaleToFill' style={{ width: px(stage.width), height: px(stage.height) }} />
            {!showPreview ? (
              <View className='mask-stage__layer'>
                {rects.map((r, i) => (
                  <View key={i} className='mask-rect' style={{ left: px(r.x), top: px(r.y), width: px(r.w), height: px(r.h) }}>
                    <Text className='mask-rect__no'>{i + 1}</Text>
                  </View>
                ))}
                {drawing ? <View className='mask-rect is-drawing' style={{ left: px(drawing.x), top: px(drawing.y), width: px(drawing.w), height: px(drawing.h) }} /> : null}
              </View>
            ) : null}
          </View>
          <Text id='mask-status' className='mask-status'>
            {showPreview ? '打码效果预览（公众看到的样子）' : rects.length ? `已框选 ${rects.length} 处` : '尚未框选：拖动手指（或鼠标）框出需要遮挡的区域'}
          </Text>
          <View className='mask-tools'>
            <Text id='mask-undo' className='mask-tool' onClick={() => (setRects((rs) => rs.slice(0, -1)), setPreview(null), setShowPreview(false))}>
              撤销
            </Text>
            <Text id='mask-clear' className='mask-tool' onClick={() => (setRects([]), setPreview(null), setShowPreview(false))}>
              清除
            </Text>
            <Text id='mask-preview' data-on={showPreview ? 'true' : 'false'} className={`mask-tool${showPreview ? ' is-on' : ''}`} onClick={togglePreview}>
              {showPreview ? '返回框选' : '预览效果'}
            </Text>
          </View>
          <View className='mask-actions'>
            <Button id='mask-confirm' type='primary' block loading={busy} disabled={!rects.length} onClick={() => confirm(false)}>
              确认打码并上传
            </Button>
            <Button id='mask-none' type='default' block disabled={busy || rects.length > 0} onClick={() => confirm(true)}>
              已查看，无需打码
            </Button>
          </View>
        </>
      )}
      {process.env.TARO_ENV === 'weapp' ? <Canvas type='2d' id='mask-canvas' className='mask-canvas' /> : null}
    </PageShell>
  )
}
