/**
 * Open311 GeoReport v2 (read-only) against the seeded demo city: what a 12345 / 数字城管 system can pull,
 * and what it never gets (unreviewed or rejected reports, reporters, exact places, typed addresses).
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { COLLECTIONS } from '../../src/domain/collections'
import { OPEN311_STATUSES } from '../../src/domain/open311'
import type { ReportDoc } from '../../src/domain/report/report'
import { startCloud, type TestCloud } from '../support/runtime'
import { submitReport } from '../support/report'

let cloud: TestCloud
let reports: ReportDoc[]

beforeAll(async () => {
  cloud = await startCloud()
  reports = (await cloud.db.collection(COLLECTIONS.reports).limit(1000).get()).data as ReportDoc[]
})
afterAll(async () => {
  await cloud?.close()
})

interface Res {
  statusCode: number
  headers: Record<string, string>
  body: string
}
const get = async (path: string, query: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<Res> =>
  cloud.invoke('open311', { path: `/open311/v2/${path}`, httpMethod: 'GET', headers, queryStringParameters: query })
const json = async (path: string, query: Record<string, string> = {}) => {
  const res = await get(path, query)
  expect(res.statusCode).toBe(200)
  return JSON.parse(res.body)
}
const isPublic = (r: ReportDoc) => (OPEN311_STATUSES as readonly string[]).includes(r.status)

describe('services.json', () => {
  it('lists the active categories as services', async () => {
    const services = await json('services.json')
    const { items } = await cloud.as('demo-resident').ok('city', 'listCategories')
    expect(services.map((s: { service_code: string }) => s.service_code)).toEqual(items.map((c) => c.id))
    expect(services.find((s: { service_code: string }) => s.service_code === 'city-stall')).toEqual({
      service_code: 'city-stall',
      service_name: '占道经营',
      description: '店外经营、出店摆卖、占道摆摊',
      metadata: false,
      type: 'realtime',
      keywords: '市容环境,城管,事件:0504',
      group: '市容环境',
    })
  })

  it('answers XML too', async () => {
    const res = await get('services.xml')
    expect(res.headers['Content-Type']).toMatch(/text\/xml/)
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><services><service><service_code>traffic-parking<\/service_code>/)
  })
})

describe('requests.json', () => {
  it('returns accepted reports only, newest first, without the reporter, exact place or typed address', async () => {
    expect(reports.some((r) => !isPublic(r))).toBe(true) // the seed has 待审核 and 不予受理 ones to leave out
    const rows = await json('requests.json', { page_size: '100' })
    const expected = reports.filter(isPublic).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    expect(rows.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(expected.map((r) => r._id))

    const text = JSON.stringify(rows)
    for (const r of reports) expect(text).not.toContain(r.reporterId)
    // The address is the district and street, never what the resident typed (it may name a doorway).
    const byId = new Map(reports.map((r) => [r._id, r]))
    for (const row of rows as { service_request_id: string; address: string }[]) {
      expect(row.address).not.toBe(byId.get(row.service_request_id)!.location.address)
      expect(row.address).toMatch(/^(文华区|滨河区|高新区)\S+街道$/)
    }
    const first = rows[0]
    const doc = expected[0]
    expect(first).toMatchObject({
      status: doc.status === 'closed' ? 'closed' : 'open',
      service_code: doc.categoryId,
      description: doc.description,
      agency_responsible: doc.dispatch?.unitName ?? '',
      requested_datetime: doc.createdAt,
      lat: Math.round(doc.location.lat * 1000) / 1000,
      long: Math.round(doc.location.lng * 1000) / 1000,
    })
    expect(Object.keys(first).sort()).toEqual(
      ['address', 'agency_responsible', 'description', 'expected_datetime', 'lat', 'long', 'requested_datetime', 'service_code', 'service_name', 'service_notice', 'service_request_id', 'status', 'status_notes', 'updated_datetime'].sort(),
    )
  })

  it('filters by status, service_code and dates, and pages', async () => {
    const closed = await json('requests.json', { status: 'closed', page_size: '100' })
    expect(closed.length).toBe(reports.filter((r) => r.status === 'closed').length)
    expect(closed.every((r: { status: string; expected_datetime: string | null }) => r.status === 'closed' && r.expected_datetime === null)).toBe(true)

    const code = reports.filter(isPublic)[0].categoryId
    const byCode = await json('requests.json', { service_code: code, page_size: '100' })
    expect(byCode.length).toBe(reports.filter((r) => isPublic(r) && r.categoryId === code).length)

    const all = reports.filter(isPublic).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    const mid = all[Math.floor(all.length / 2)].createdAt
    const since = await json('requests.json', { start_date: mid, page_size: '100' })
    expect(since.length).toBe(all.filter((r) => r.createdAt >= mid).length)

    const p1 = await json('requests.json', { page_size: '2', page: '1' })
    const p2 = await json('requests.json', { page_size: '2', page: '2' })
    expect([...p1, ...p2].map((r: { service_request_id: string }) => r.service_request_id)).toEqual(all.slice(0, 4).map((r) => r._id))
  })

  it('refuses bad parameters with an Open311 error list', async () => {
    const res = await get('requests.json', { page_size: '101' })
    expect(res.statusCode).toBe(400)
    expect(JSON.parse(res.body)).toEqual([{ code: 400, description: 'page_size 最大 100' }])
    expect((await get('requests.json', { status: 'pending' })).statusCode).toBe(400)
    expect((await get('requests.json', { start_date: 'yesterday' })).statusCode).toBe(400)
    expect((await get('nothing.json')).statusCode).toBe(404)
    const post = await cloud.invoke('open311', { path: '/open311/v2/requests.json', httpMethod: 'POST', headers: {}, queryStringParameters: {} })
    expect(post.statusCode).toBe(405)
  })

  it('costs a fixed few database round trips', async () => {
    const { stats } = await cloud.rt.invokeWithStats('open311', { path: '/open311/v2/requests.json', httpMethod: 'GET', headers: {}, queryStringParameters: { page_size: '50' } })
    expect(stats.dbRoundTrips).toBeLessThanOrEqual(4)
  })
})

describe('requests/{id}.json', () => {
  it('returns one public report, and 404 for one still waiting for review', async () => {
    const pub = reports.find(isPublic)!
    const rows = await json(`requests/${pub._id}.json`)
    expect(rows).toHaveLength(1)
    expect(rows[0].service_request_id).toBe(pub._id)
    const fresh = (await submitReport(cloud, 'demo-resident')).report
    const res = await get(`requests/${fresh.id}.json`)
    expect(res.statusCode).toBe(404)
    expect(res.body).not.toContain(fresh.id)
  })
})

describe('API keys and HTTP', () => {
  afterEach(() => {
    delete process.env.OPEN311_API_KEYS
  })

  it('when OPEN311_API_KEYS is set, a known key is required (query or header)', async () => {
    process.env.OPEN311_API_KEYS = 'city-12345, szcg-7'
    expect((await get('services.json')).statusCode).toBe(401)
    expect((await get('services.json', { api_key: 'guess' })).statusCode).toBe(401)
    expect((await get('services.json', { api_key: 'szcg-7' })).statusCode).toBe(200)
    expect((await get('services.json', {}, { 'X-Api-Key': 'city-12345' })).statusCode).toBe(200)
  })

  it('is served over HTTP by devcloud at /open311/v2', async () => {
    const server = (await (cloud.rt as unknown as { listen(port: number): Promise<Server> }).listen(0)) as Server
    const { port } = server.address() as AddressInfo
    const res = await fetch(`http://127.0.0.1:${port}/open311/v2/requests.json?status=closed`)
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const rows = (await res.json()) as { status: string }[]
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.status === 'closed')).toBe(true)
  })
})
