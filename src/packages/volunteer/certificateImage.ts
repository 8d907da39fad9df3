/**
 * The service certificate drawn on a 2D canvas (the W3C API: an HTMLCanvasElement in H5, a `type: '2d'`
 * offscreen canvas in WeChat), so the volunteer can save it as a PNG on either platform. Same content and
 * layout as the server's SVG rendering (src/domain/volunteer/certificate.ts).
 */
import Taro from '@tarojs/taro'
import { formatDateLong, formatHours, type Certificate } from '@/services/volunteer'

export const CERT_W = 1240
export const CERT_H = 1754

/** The certificate's sentence (domain `certificateText`). */
export function certificateSentence(c: Certificate): string {
  const content = c.byType.map((b) => `${b.label}${b.count}次`).join('、') || '志愿服务'
  return (
    `兹证明 ${c.volunteerName}（身份证号码 ${c.idNumberMasked ?? '未登记'}）于 ${formatDateLong(c.periodFrom)} 至 ${formatDateLong(c.periodTo)} ` +
    `期间参加志愿服务，服务内容包括${content}，累计志愿服务时长 ${formatHours(c.totalMinutes)} 小时。特此证明。`
  )
}

/** Lines of at most `maxWidth` pixels as measured in the current font. */
function wrapMeasured(ctx: Pick<CanvasRenderingContext2D, 'measureText'>, s: string, maxWidth: number): string[] {
  const out: string[] = []
  let line = ''
  // Latin runs (numbers, dates, the masked ID) stay whole; CJK characters break anywhere.
  for (const token of s.match(/[A-Za-z0-9*.-]+|[\s\S]/gu) ?? []) {
    if (line && ctx.measureText(line + token).width > maxWidth) {
      out.push(line)
      line = token === ' ' ? '' : token
    } else line += token
  }
  if (line) out.push(line)
  return out
}

type Ctx = Pick<
  CanvasRenderingContext2D,
  'fillStyle' | 'strokeStyle' | 'lineWidth' | 'font' | 'textAlign' | 'textBaseline' | 'fillRect' | 'strokeRect' | 'fillText' | 'beginPath' | 'arc' | 'stroke' | 'globalAlpha' | 'measureText'
>

export function drawCertificate(ctx: Ctx, c: Certificate): void {
  const W = CERT_W
  const H = CERT_H
  const serif = "'Noto Serif CJK SC','Songti SC','SimSun',serif"
  const text = (x: number, y: number, s: string, size: number, o: { align?: CanvasTextAlign; bold?: boolean; color?: string } = {}) => {
    ctx.font = `${o.bold ? 'bold ' : ''}${size}px ${serif}`
    ctx.textAlign = o.align ?? 'left'
    ctx.fillStyle = o.color ?? '#222222'
    ctx.fillText(s, x, y)
  }
  ctx.textBaseline = 'alphabetic'
  ctx.fillStyle = '#fffdf7'
  ctx.fillRect(0, 0, W, H)
  ctx.strokeStyle = '#b71c1c'
  ctx.lineWidth = 8
  ctx.strokeRect(60, 60, W - 120, H - 120)
  ctx.lineWidth = 2
  ctx.strokeRect(80, 80, W - 160, H - 160)

  text(W / 2, 260, '志愿服务证明', 72, { align: 'center', bold: true, color: '#b71c1c' })
  text(W - 140, 340, `编号：${c.number}`, 28, { align: 'right', color: '#555555' })
  let y = 460
  ctx.font = `36px ${serif}`
  // Indented two characters, as a paragraph is.
  for (const line of wrapMeasured(ctx, `\u3000\u3000${certificateSentence(c)}`, W - 280)) {
    text(140, y, line, 36)
    y += 62
  }
  y += 30
  text(140, y, '服务记录（最近）', 32, { bold: true })
  y += 50
  for (const it of c.items.slice(0, 12)) {
    text(160, y, `${formatDateLong(it.date)}  ${[...it.title].slice(0, 22).join('')}`, 26, { color: '#444444' })
    text(W - 160, y, `${formatHours(it.minutes)} 小时`, 26, { align: 'right', color: '#444444' })
    y += 42
  }
  text(W - 140, H - 380, c.issuer.name, 34, { align: 'right' })
  text(W - 140, H - 320, `出具日期：${formatDateLong(c.issuedAt)}`, 30, { align: 'right' })
  text(W - 140, H - 270, `联系方式：${c.issuer.contact}`, 24, { align: 'right', color: '#555555' })
  ctx.globalAlpha = 0.8
  ctx.strokeStyle = '#c62828'
  ctx.lineWidth = 6
  ctx.beginPath()
  ctx.arc(W - 300, H - 360, 110, 0, Math.PI * 2)
  ctx.stroke()
  text(W - 300, H - 350, c.issuer.seal, 20, { align: 'center', color: '#c62828' })
  ctx.globalAlpha = 1
  text(W / 2, H - 120, '凭编号可在“文明同行”小程序查验本证明', 24, { align: 'center', color: '#888888' })
}

export type SaveResult = { ok: true; message: string } | { ok: false; message: string }

/** H5: a PNG download of the certificate. */
function saveH5(c: Certificate): SaveResult {
  const canvas = document.createElement('canvas')
  canvas.width = CERT_W
  canvas.height = CERT_H
  const ctx = canvas.getContext('2d')
  if (!ctx) return { ok: false, message: '浏览器不支持生成图片，请使用打印' }
  drawCertificate(ctx, c)
  const a = document.createElement('a')
  a.href = canvas.toDataURL('image/png')
  a.download = `志愿服务证明-${c.number}.png`
  document.body.appendChild(a)
  a.click()
  a.remove()
  return { ok: true, message: '证明图片已下载' }
}

/** WeChat: draw offscreen, export a temp file, save it to the album (asks for permission the first time). */
async function saveWeapp(c: Certificate): Promise<SaveResult> {
  try {
    const canvas = Taro.createOffscreenCanvas({ type: '2d', width: CERT_W, height: CERT_H }) as unknown as {
      getContext: (t: '2d') => CanvasRenderingContext2D
    }
    drawCertificate(canvas.getContext('2d'), c)
    const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas, fileType: 'png' } as never)
    await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
    return { ok: true, message: '已保存到相册' }
  } catch (err) {
    const msg = String((err as { errMsg?: unknown } | null)?.errMsg ?? '')
    if (/cancel/i.test(msg)) return { ok: false, message: '已取消保存' }
    if (/auth|deny/i.test(msg)) return { ok: false, message: '请在设置中允许保存到相册后重试' }
    return { ok: false, message: '保存失败，请稍后再试' }
  }
}

export function saveCertificateImage(c: Certificate): Promise<SaveResult> {
  return process.env.TARO_ENV === 'weapp' ? saveWeapp(c) : Promise.resolve(saveH5(c))
}
