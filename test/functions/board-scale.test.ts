/**
 * Feeds stay fast with years of content: with 3,000 exposure entries and 520 红黑榜 issues (ten years of
 * weekly issues), every page — first or deep, filtered or not — examines about a page of documents
 * (devcloud's per-invocation `docsExamined`), because each list walks its index from the cursor.
 */
import { COLLECTIONS } from '../../src/domain/collections'
import { CATEGORIES } from '../../src/domain/city/categories'
import { dayEnd, periodContaining, type ExposureDoc, type ExposureStatus, type IssueDoc } from '../../src/domain/board'
import { chinaDayNumber } from '../../src/domain/report'
import { startCloud, type TestCloud } from '../support/runtime'

let cloud: TestCloud
const N_EXPOSURES = 3000
const N_ISSUES = 520
const LIMIT = 20
const DISTRICTS = ['d-wenhua', 'd-binhe', 'd-gaoxin']
const STATUSES: ExposureStatus[] = ['rectifying', 'fixed', 'closed']
const CATS = CATEGORIES.slice(0, 12).map((c) => c.id)

beforeAll(async () => {
  cloud = await startCloud({ seed: false })
  const now = cloud.rt.clock.now()
  const future = dayEnd(chinaDayNumber(new Date(now)) + 3650).toISOString()
  const docs: ExposureDoc[] = Array.from({ length: N_EXPOSURES }, (_, i) => {
    const at = new Date(now - (N_EXPOSURES - i) * 3600e3).toISOString()
    const status = STATUSES[i % 3]
    return {
      _id: `e-scale-${String(i).padStart(5, '0')}`,
      state: i % 50 === 0 ? 'draft' : 'published',
      title: `曝光 ${i}`,
      categoryId: CATS[i % CATS.length],
      location: { districtId: DISTRICTS[i % 3 === 0 ? (i >> 2) % 3 : i % 3], streetId: null, label: '某路' },
      unit: { id: 'u-x', name: '某单位' },
      photos: [],
      requirement: '限期整改到位。',
      deadline: future,
      reportId: null,
      fix: status === 'fixed' ? { note: '已整改', at, photos: [], by: { id: 's', name: 's' } } : null,
      publicStatus: status === 'closed' ? 'rectifying' : status,
      fixedAt: status === 'fixed' ? at : null,
      fixNotified: true,
      replies: [],
      views: i,
      followers: 0,
      createdBy: { id: 's', name: 's' },
      createdAt: at,
      updatedAt: at,
      publishedAt: at,
      publishedBy: { id: 's', name: 's' },
      withdrawn: null,
      version: 1,
    }
  })
  const issues: IssueDoc[] = Array.from({ length: N_ISSUES }, (_, i) => {
    const day = chinaDayNumber(new Date(now)) - 7 * (N_ISSUES - i) - 7
    const publishedAt = new Date(now - (N_ISSUES - i) * 7 * 86400e3).toISOString()
    return {
      _id: `i-scale-${String(i).padStart(4, '0')}`,
      state: 'published',
      no: i + 1,
      year: new Date(Date.parse(publishedAt) + 8 * 3600e3).getUTCFullYear(),
      series: '示范市创城红黑榜',
      cadence: 'weekly',
      period: periodContaining('weekly', day),
      intro: '',
      red: [{ key: `r${String(i).padStart(4, '0')}`, subjectType: 'unit', name: '某单位', reason: '按时整改', photo: null, basis: null, proposalKey: null }],
      black: [],
      proposals: [],
      proposalNotes: [],
      author: { id: 's', name: 's' },
      editors: ['s'],
      submittedBy: null,
      submittedAt: null,
      returned: null,
      approvedBy: { id: 'a', name: 'a' },
      publishedAt,
      createdAt: publishedAt,
      updatedAt: publishedAt,
      version: 3,
    }
  })
  for (const [name, list] of [
    [COLLECTIONS.exposures, docs],
    [COLLECTIONS.boardIssues, issues],
  ] as const) {
    for (let i = 0; i < list.length; i += 200) await Promise.all(list.slice(i, i + 200).map((d) => cloud.db.collection(name).add({ data: { ...d } })))
  }
}, 120_000)

afterAll(async () => {
  await cloud?.close()
})

async function statsOf(action: string, payload: Record<string, unknown>) {
  const { result, stats } = (await cloud.rt.invokeWithStats('board', { action, payload }, { openid: 'o-scale-reader' })) as unknown as {
    result: { ok: boolean; data: { items: { id: string }[]; nextCursor: string | null } }
    stats: { docsExamined: number; dbRoundTrips: number }
  }
  if (!result.ok) throw new Error(JSON.stringify(result))
  return { data: result.data, examined: stats.docsExamined, trips: stats.dbRoundTrips }
}

describe('feeds at scale', () => {
  it.each([
    ['no filter', {}],
    ['category', { categoryId: CATS[3] }],
    ['district', { districtId: 'd-binhe' }],
    ['status', { status: 'fixed' }],
    ['all three', { categoryId: CATS[4], districtId: 'd-binhe', status: 'fixed' }],
  ])('曝光台 with %s: first and deep pages examine about a page', async (_name, filter) => {
    let cursor: string | null | undefined
    const seen = new Set<string>()
    for (let page = 0; page < 8; page++) {
      const { data, examined } = await statsOf('exposureFeed', { ...filter, limit: LIMIT, ...(cursor ? { cursor } : {}) })
      expect(examined).toBeLessThanOrEqual(LIMIT + 2)
      for (const item of data.items) {
        expect(seen.has(item.id)).toBe(false)
        seen.add(item.id)
      }
      cursor = data.nextCursor
      if (!cursor) break
    }
    expect(seen.size).toBeGreaterThan(0)
  })

  it('红黑榜 archive: any page, any year, about a page', async () => {
    let cursor: string | null | undefined
    for (let page = 0; page < 10; page++) {
      const { data, examined, trips } = await statsOf('issueFeed', { limit: LIMIT, ...(cursor ? { cursor } : {}) })
      expect(examined).toBeLessThanOrEqual(LIMIT + 2 + (page === 0 ? 1 : 0))
      expect(trips).toBeLessThanOrEqual(3) // the caller's user record, the page, the year counts
      cursor = data.nextCursor
    }
    const year = new Date(cloud.rt.clock.now()).getUTCFullYear() - 3
    const { data, examined } = await statsOf('issueFeed', { year, limit: LIMIT })
    expect(data.items.length).toBe(LIMIT)
    expect(examined).toBeLessThanOrEqual(LIMIT + 2)
    // One issue in full, with its neighbours: a handful of documents.
    const detail = await statsOf('issueDetail', {})
    expect(detail.examined).toBeLessThanOrEqual(5)
  })
})
