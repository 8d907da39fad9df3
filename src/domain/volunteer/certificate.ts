import { z } from 'zod'
import { isoSchema, SERVICE_TYPE_LABELS, serviceTypeSchema, type ServiceType } from './fields'
import { formatHours } from './hours'
import { formatChinaDate } from './time'

/**
 * 志愿服务证明, as 《志愿服务记录与证明出具办法（试行）》(民政部 2020) asks: it names the volunteer (name,
 * ID number — masked here, we do not keep it in full), the period and total hours of service, what the
 * service was, the issuing organisation with its contact, the date of issue, and a number by which it can
 * be checked. Numbers come from a yearly counter: `SF-2026-000123`.
 */
export const CERT_PREFIX = 'SF'
export const CERT_ISSUER = { name: '示范市志愿服务联合会', contact: '示范市人民路100号 0379-12345678', seal: '示范市志愿服务联合会（章）' } as const
export const CERT_ITEMS_MAX = 30

export const certificateNumber = (year: number, seq: number): string => `${CERT_PREFIX}-${year}-${String(seq).padStart(6, '0')}`
export const certificateNumberSchema = z.string().regex(/^[A-Z]{2}-20\d\d-\d{6}$/, '证明编号格式应为 SF-2026-000123')
export const certificateCounterId = (year: number): string => `cert-${year}`

export const certificateItemSchema = z.object({ date: isoSchema, title: z.string(), type: serviceTypeSchema.nullable(), minutes: z.number().int() })
export type CertificateItem = z.infer<typeof certificateItemSchema>

export const certificateSchema = z.object({
  number: z.string(),
  issuer: z.object({ name: z.string(), contact: z.string(), seal: z.string() }),
  volunteerName: z.string(),
  idNumberMasked: z.string().nullable(),
  /** Period of the service it certifies. */
  periodFrom: isoSchema,
  periodTo: isoSchema,
  totalMinutes: z.number().int(),
  serviceCount: z.number().int(),
  /** Service content by type. */
  byType: z.array(z.object({ type: serviceTypeSchema.nullable(), label: z.string(), count: z.number().int(), minutes: z.number().int() })),
  /** The most recent services (up to CERT_ITEMS_MAX). */
  items: z.array(certificateItemSchema),
  issuedAt: isoSchema,
  /** Cloud-storage fileID of the SVG rendering and a temporary URL to save it (null when not rendered). */
  fileId: z.string().nullable(),
  url: z.string().nullable(),
})
export type Certificate = z.infer<typeof certificateSchema>

export interface CertificateDoc extends Omit<Certificate, 'url'> {
  _id: string
  openid: string
}

/** Groups services by type for the certificate's content line. */
export function summariseByType(items: readonly CertificateItem[]): Certificate['byType'] {
  const by = new Map<string, { type: ServiceType | null; count: number; minutes: number }>()
  for (const it of items) {
    const key = it.type ?? 'request'
    const cur = by.get(key) ?? { type: it.type, count: 0, minutes: 0 }
    cur.count++
    cur.minutes += it.minutes
    by.set(key, cur)
  }
  return [...by.values()]
    .sort((a, b) => b.minutes - a.minutes)
    .map((b) => ({ ...b, label: b.type ? SERVICE_TYPE_LABELS[b.type] : '志愿服务' }))
}

/** The sentence of the certificate. */
export function certificateText(c: Omit<Certificate, 'fileId' | 'url'>): string {
  const content = c.byType.map((b) => `${b.label}${b.count}次`).join('、') || '志愿服务'
  return (
    `兹证明 ${c.volunteerName}（身份证号码 ${c.idNumberMasked ?? '未登记'}）于 ${formatChinaDate(c.periodFrom)} 至 ${formatChinaDate(c.periodTo)} ` +
    `期间参加志愿服务，服务内容包括${content}，累计志愿服务时长 ${formatHours(c.totalMinutes)} 小时。特此证明。`
  )
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Splits text into lines of at most `n` characters (CJK text has no spaces to wrap at). */
function wrap(s: string, n: number): string[] {
  const chars = [...s]
  const out: string[] = []
  for (let i = 0; i < chars.length; i += n) out.push(chars.slice(i, i + n).join(''))
  return out
}

/** An A4-proportioned SVG of the certificate (for saving as an image; the app may also draw its own). */
export function renderCertificateSvg(c: Omit<Certificate, 'fileId' | 'url'>): string {
  const W = 1240
  const H = 1754
  const lines: string[] = []
  const text = (x: number, y: number, s: string, size: number, opts: { anchor?: string; weight?: string; fill?: string } = {}) =>
    lines.push(
      `<text x="${x}" y="${y}" font-size="${size}" text-anchor="${opts.anchor ?? 'start'}" font-weight="${opts.weight ?? 'normal'}" fill="${opts.fill ?? '#222'}">${esc(s)}</text>`,
    )
  text(W / 2, 260, '志愿服务证明', 72, { anchor: 'middle', weight: 'bold', fill: '#b71c1c' })
  text(W - 140, 340, `编号：${c.number}`, 28, { anchor: 'end', fill: '#555' })
  let y = 460
  // CJK glyphs are about as wide as the font size: fit the lines between the 140 px margins.
  const perLine = Math.floor((W - 2 * 140) / 36)
  for (const l of wrap(certificateText(c), perLine)) {
    text(140, y, l, 36)
    y += 62
  }
  y += 30
  text(140, y, '服务记录（最近）', 32, { weight: 'bold' })
  y += 50
  for (const it of c.items.slice(0, 12)) {
    text(160, y, `${formatChinaDate(it.date)}  ${[...it.title].slice(0, 22).join('')}`, 26, { fill: '#444' })
    text(W - 160, y, `${formatHours(it.minutes)} 小时`, 26, { anchor: 'end', fill: '#444' })
    y += 42
  }
  text(W - 140, H - 380, c.issuer.name, 34, { anchor: 'end' })
  text(W - 140, H - 320, `出具日期：${formatChinaDate(c.issuedAt)}`, 30, { anchor: 'end' })
  text(W - 140, H - 270, `联系方式：${c.issuer.contact}`, 24, { anchor: 'end', fill: '#555' })
  lines.push(`<circle cx="${W - 300}" cy="${H - 360}" r="110" fill="none" stroke="#c62828" stroke-width="6" opacity="0.8"/>`)
  text(W - 300, H - 350, c.issuer.seal, 20, { anchor: 'middle', fill: '#c62828' })
  text(W / 2, H - 120, `凭编号可在“文明同行”小程序查验本证明`, 24, { anchor: 'middle', fill: '#888' })
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="'Noto Serif CJK SC','Songti SC',serif">` +
    `<rect width="${W}" height="${H}" fill="#fffdf7"/>` +
    `<rect x="60" y="60" width="${W - 120}" height="${H - 120}" fill="none" stroke="#b71c1c" stroke-width="8"/>` +
    `<rect x="80" y="80" width="${W - 160}" height="${H - 160}" fill="none" stroke="#b71c1c" stroke-width="2"/>` +
    lines.join('') +
    `</svg>`
  )
}

/** What anyone holding a number may learn when checking it (查验): enough to match the paper, nothing more. */
export const certificateCheckSchema = z.object({
  number: z.string(),
  issuerName: z.string(),
  volunteerName: z.string(),
  periodFrom: isoSchema,
  periodTo: isoSchema,
  totalMinutes: z.number().int(),
  issuedAt: isoSchema,
})
export type CertificateCheck = z.infer<typeof certificateCheckSchema>
