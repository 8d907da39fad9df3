import type { Database } from 'wx-server-sdk'
import { fetchAll, findByIds, getCloud, now } from '../kernel'
import { enforceRateLimit } from '../kernel/rate-limit'
import { ActionError } from '../../src/domain/core/envelope'
import { COLLECTIONS } from '../../src/domain/collections'
import { CATEGORIES } from '../../src/domain/city/categories'
import { fromCategoryDoc, type Category, type CategoryDoc } from '../../src/domain/city/category'
import type { DistrictDoc, StreetDoc } from '../../src/domain/city/district'
import type { ReportDoc } from '../../src/domain/report/report'
import {
  isOpen311Visible,
  open311Errors,
  parseRoute,
  requestsQuerySchema,
  statusesFor,
  toService,
  toServiceRequest,
  toXml,
  windowOf,
  type Open311Route,
  type RequestsQuery,
} from '../../src/domain/open311'

/**
 * Open311 GeoReport v2, read-only, as an HTTP-triggered cloud function (云开发 HTTP 访问服务). The gateway
 * hands over `{ path, httpMethod, headers, queryStringParameters }` and sends back `{ statusCode, headers,
 * body }`. Not an action function: no caller identity, nothing but public data (src/domain/open311).
 *
 * `OPEN311_API_KEYS` (comma-separated, set in the function's environment variables): when set, every call
 * needs one (`api_key` query parameter or `X-Api-Key` header); calls are rate-limited per key (else per
 * client IP) with the kernel's limiter.
 */

export interface HttpEvent {
  path?: string
  httpMethod?: string
  headers?: Record<string, string | undefined>
  queryStringParameters?: Record<string, string | undefined> | null
  requestContext?: { sourceIp?: string }
}

export interface HttpResponse {
  statusCode: number
  headers: Record<string, string>
  body: string
  isBase64Encoded: false
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

const CONTENT_TYPES = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' }

function respond(status: number, format: 'json' | 'xml', rows: readonly object[], [root, item]: [string, string]): HttpResponse {
  return {
    statusCode: status,
    headers: {
      'Content-Type': CONTENT_TYPES[format],
      // Open data: any site may read it; a minute of caching spares the database.
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': status === 200 ? 'public, max-age=60' : 'no-store',
    },
    body: format === 'json' ? JSON.stringify(rows) : toXml(root, item, rows),
    isBase64Encoded: false,
  }
}

const failure = (status: number, format: 'json' | 'xml', message: string) => respond(status, format, open311Errors(status, message), ['errors', 'error'])
const REQUESTS: [string, string] = ['service_requests', 'request']

const header = (ev: HttpEvent, name: string) => {
  for (const [k, v] of Object.entries(ev.headers ?? {})) if (k.toLowerCase() === name) return v
  return undefined
}

function configuredKeys(): Set<string> | null {
  const raw = process.env.OPEN311_API_KEYS ?? ''
  const keys = raw.split(',').map((k) => k.trim()).filter(Boolean)
  return keys.length ? new Set(keys) : null
}

/** Who is calling, for the rate limit: their key, else their IP. Refuses a missing or unknown key when keys are configured. */
function consumerOf(ev: HttpEvent): string {
  const key = ev.queryStringParameters?.api_key ?? header(ev, 'x-api-key')
  const keys = configuredKeys()
  if (keys && (!key || !keys.has(key))) throw new HttpFailure(401, key ? 'api_key 无效' : '需要 api_key')
  if (keys && key) return `open311-key-${key}`
  const ip = ev.requestContext?.sourceIp ?? header(ev, 'x-forwarded-for')?.split(',')[0]?.trim() ?? 'unknown'
  return `open311-ip-${ip}`
}

async function categories(db: Database, activeOnly: boolean): Promise<Category[]> {
  const coll = db.collection(COLLECTIONS.categories)
  const docs = await fetchAll<CategoryDoc>((activeOnly ? coll.where({ active: true }) : coll).orderBy('order', 'asc'), 500)
  return docs.length ? docs.map(fromCategoryDoc) : CATEGORIES.filter((c) => !activeOnly || c.active)
}

/** Public reports matching the query: one indexed query (createdAt order), or by ids. */
async function findReports(db: Database, q: RequestsQuery, at: Date): Promise<ReportDoc[]> {
  const _ = db.command
  const coll = db.collection(COLLECTIONS.reports)
  if (q.service_request_id) {
    const found = await findByIds<ReportDoc>(db, COLLECTIONS.reports, q.service_request_id)
    return q.service_request_id.map((id) => found.get(id)).filter((r): r is ReportDoc => !!r && isOpen311Visible(r.status))
  }
  const { from, to } = windowOf(q, at)
  const where: Record<string, unknown> = {
    status: _.in(statusesFor(q.status ?? ['open', 'closed'])),
    createdAt: _.and(_.gte(from.toISOString()), _.lte(to.toISOString())),
  }
  if (q.service_code) where.categoryId = q.service_code.length === 1 ? q.service_code[0] : _.in(q.service_code)
  const skip = (q.page - 1) * q.page_size
  const query = coll.where(where).orderBy('createdAt', 'desc')
  const res = await (skip ? query.skip(skip) : query).limit(q.page_size).get()
  return res.data as ReportDoc[]
}

/** Category, district and street names for a page of reports: three queries in parallel. */
async function withNames(db: Database, reports: ReportDoc[]) {
  const ids = (pick: (r: ReportDoc) => string | null) => reports.map(pick).filter((id): id is string => !!id)
  const [cats, districts, streets] = await Promise.all([
    reports.length ? categories(db, false) : Promise.resolve([]),
    findByIds<DistrictDoc>(db, COLLECTIONS.districts, ids((r) => r.location.districtId)),
    findByIds<StreetDoc>(db, COLLECTIONS.streets, ids((r) => r.location.streetId)),
  ])
  const catName = new Map(cats.map((c) => [c.id, c.name]))
  return reports.map((r) =>
    toServiceRequest(r, {
      category: catName.get(r.categoryId) ?? null,
      district: r.location.districtId ? (districts.get(r.location.districtId)?.name ?? null) : null,
      street: r.location.streetId ? (streets.get(r.location.streetId)?.name ?? null) : null,
    }),
  )
}

async function serve(route: Open311Route, ev: HttpEvent, db: Database): Promise<HttpResponse> {
  if (route.kind === 'services') {
    const rows = (await categories(db, true)).map(toService)
    return respond(200, route.format, rows, ['services', 'service'])
  }
  if (route.kind === 'request') {
    const [row] = await withNames(db, await findReports(db, { service_request_id: [route.id], page: 1, page_size: 1 }, now()))
    if (!row) throw new HttpFailure(404, '没有这条公开的诉求')
    return respond(200, route.format, [row], REQUESTS)
  }
  const parsed = requestsQuerySchema.safeParse(ev.queryStringParameters ?? {})
  if (!parsed.success) throw new HttpFailure(400, parsed.error.issues[0]?.message ?? '查询参数不正确')
  const rows = await withNames(db, await findReports(db, parsed.data, now()))
  return respond(200, route.format, rows, REQUESTS)
}

export async function main(event: unknown): Promise<HttpResponse> {
  const ev = (typeof event === 'object' && event !== null ? event : {}) as HttpEvent
  const route = parseRoute(ev.path ?? '')
  const format = route?.format ?? 'json'
  try {
    if (!route) throw new HttpFailure(404, '接口不存在：可用 services.json、requests.json、requests/<id>.json')
    if (ev.httpMethod !== 'GET') throw new HttpFailure(405, '只读接口，仅支持 GET')
    const db = getCloud().database()
    await enforceRateLimit({ db, _: db.command, openid: consumerOf(ev), now }, 'standard')
    return await serve(route, ev, db)
  } catch (err) {
    if (err instanceof HttpFailure) return failure(err.status, format, err.message)
    if (err instanceof ActionError && err.code === 'RATE_LIMITED') return failure(429, format, err.message)
    console.error('[open311] failed:', err)
    return failure(500, format, '服务器内部错误')
  }
}

/** No callable actions: the function answers HTTP only (the deploy check wants a contract all the same). */
export const contract = { name: 'open311', actions: {} }
