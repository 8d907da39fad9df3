import { z } from 'zod'
import type { Category } from '../city/category'
import type { ReportDoc } from '../report/report'
import { STATUS_DESCRIPTIONS, type ReportStatus } from '../report/status'

/**
 * Open311 GeoReport v2 (read-only) over our data, so a city's 12345 hotline or 数字城管 system can pull
 * reports: services are the 随手拍 categories, requests are reports the 创城办 accepted.
 *
 * What leaves: the category, the resident's description (public on the app already), the responsible
 * unit's name, times, and a place coarsened to ~100 m with the district and street for address. What
 * never leaves: the reporter, the typed address (it may name a doorway), exact coordinates, photos
 * (originals are private; the 曝光台 publishes masked copies on its own terms), internal notes.
 */

/** Accepted and later. Not 待审核 (unchecked) and not the rejected/duplicate/out-of-scope closures. */
export const OPEN311_STATUSES = ['dispatched', 'in_progress', 'rectified', 'returned', 'reopened', 'closed'] as const satisfies readonly ReportStatus[]
export const isOpen311Visible = (s: ReportStatus): boolean => (OPEN311_STATUSES as readonly ReportStatus[]).includes(s)

export type Open311Status = 'open' | 'closed'
export const open311StatusOf = (s: ReportStatus): Open311Status => (s === 'closed' ? 'closed' : 'open')
export const statusesFor = (wanted: readonly Open311Status[]): ReportStatus[] =>
  OPEN311_STATUSES.filter((s) => wanted.includes(open311StatusOf(s)))

export const OPEN311_PAGE_MAX = 100
export const OPEN311_PAGE_DEFAULT = 50
/** Without dates the spec asks for the last 90 days. */
export const OPEN311_DEFAULT_WINDOW_DAYS = 90
/** Decimal places kept of lat/long: 3 ≈ 110 m, enough to send a crew, too coarse to point at a door. */
export const OPEN311_COORD_DECIMALS = 3

export interface Open311Service {
  service_code: string
  service_name: string
  description: string
  metadata: false
  type: 'realtime'
  keywords: string
  group: string
}

export function toService(c: Category): Open311Service {
  return {
    service_code: c.id,
    service_name: c.name,
    description: c.hint,
    metadata: false,
    type: 'realtime',
    keywords: [c.group, c.unitType, c.cgCode].filter(Boolean).join(','),
    group: c.group,
  }
}

export interface Open311Request {
  service_request_id: string
  status: Open311Status
  status_notes: string
  service_name: string
  service_code: string
  description: string
  agency_responsible: string
  service_notice: string
  requested_datetime: string
  updated_datetime: string
  expected_datetime: string | null
  address: string
  lat: number
  long: number
}

const coarse = (n: number) => {
  const f = 10 ** OPEN311_COORD_DECIMALS
  return Math.round(n * f) / f
}

export function toServiceRequest(
  r: Pick<ReportDoc, '_id' | 'status' | 'categoryId' | 'description' | 'dispatch' | 'location' | 'createdAt' | 'updatedAt'>,
  names: { category: string | null; district: string | null; street: string | null },
): Open311Request {
  return {
    service_request_id: r._id,
    status: open311StatusOf(r.status),
    status_notes: STATUS_DESCRIPTIONS[r.status],
    service_name: names.category ?? r.categoryId,
    service_code: r.categoryId,
    description: r.description,
    agency_responsible: r.dispatch?.unitName ?? '',
    service_notice: '',
    requested_datetime: r.createdAt,
    updated_datetime: r.updatedAt,
    expected_datetime: r.status !== 'closed' && r.dispatch ? r.dispatch.deadline : null,
    address: [names.district, names.street].filter(Boolean).join(''),
    lat: coarse(r.location.lat),
    long: coarse(r.location.lng),
  }
}

// ---------------------------------------------------------------------------------------------------------
// Requests over HTTP

/** `/…/services.json`, `/…/requests.json`, `/…/requests/<id>.json` (or `.xml`), under any route prefix. */
export type Open311Route = { kind: 'services' | 'requests'; id: null; format: 'json' | 'xml' } | { kind: 'request'; id: string; format: 'json' | 'xml' }

export function parseRoute(path: string): Open311Route | null {
  const m = /(?:^|\/)(services|requests)(?:\/([A-Za-z0-9_-]{1,64}))?\.(json|xml)$/.exec(path)
  if (!m) return null
  const format = m[3] as 'json' | 'xml'
  if (m[2]) return m[1] === 'requests' ? { kind: 'request', id: m[2], format } : null
  return { kind: m[1] as 'services' | 'requests', id: null, format }
}

const dateParam = (label: string) =>
  z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), `${label} 应为 W3C 日期时间，如 2024-05-01T00:00:00+08:00`)
    .transform((s) => new Date(s))

/** A comma-separated list parameter (`status=open,closed`). */
const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
const csvOf = (label: string, item: z.ZodString) =>
  csv.pipe(z.array(item, { error: `${label} 取值不正确` }).min(1, `${label} 不能为空`).max(50, `${label} 最多 50 项`))

/** The query string of requests.json (every value arrives as a string). Unknown parameters are ignored. */
export const requestsQuerySchema = z.object({
  service_request_id: csvOf('service_request_id', z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'service_request_id 格式不正确')).optional(),
  service_code: csvOf('service_code', z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'service_code 格式不正确')).optional(),
  start_date: dateParam('start_date').optional(),
  end_date: dateParam('end_date').optional(),
  status: csv.pipe(z.array(z.enum(['open', 'closed'], 'status 只能是 open 或 closed')).min(1, 'status 不能为空')).optional(),
  page: z.coerce.number({ error: 'page 应为正整数' }).int('page 应为正整数').min(1, 'page 应为正整数').max(1000, 'page 最大 1000').default(1),
  page_size: z.coerce
    .number({ error: 'page_size 应为整数' })
    .int('page_size 应为整数')
    .min(1, 'page_size 至少为 1')
    .max(OPEN311_PAGE_MAX, `page_size 最大 ${OPEN311_PAGE_MAX}`)
    .default(OPEN311_PAGE_DEFAULT),
})
export type RequestsQuery = z.output<typeof requestsQuerySchema>

/** The time window a query asks for: its dates, else the last 90 days up to now. */
export function windowOf(q: Pick<RequestsQuery, 'start_date' | 'end_date'>, now: Date): { from: Date; to: Date } {
  const to = q.end_date ?? (q.start_date ? new Date(q.start_date.getTime() + OPEN311_DEFAULT_WINDOW_DAYS * 86_400_000) : now)
  const from = q.start_date ?? new Date(to.getTime() - OPEN311_DEFAULT_WINDOW_DAYS * 86_400_000)
  return { from, to }
}

/** An Open311 error body: a list of `{ code, description }` (code = the HTTP status). */
export const open311Errors = (code: number, description: string) => [{ code, description }]

// ---------------------------------------------------------------------------------------------------------
// XML (the spec's other format)

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

/** `<root><item><field>…</field>…</item>…</root>` with an XML declaration. */
export function toXml(root: string, item: string, rows: readonly object[]): string {
  const body = rows.map((row) => `<${item}>${Object.entries(row).map(([k, v]) => element(k, v)).join('')}</${item}>`).join('')
  return `<?xml version="1.0" encoding="utf-8"?><${root}>${body}</${root}>`
}
