/**
 * 志愿活动 after years of weekly events: the past list reads about a page of events, however many have
 * finished, and still shows ended events whose status the timer has not caught up with, in start order.
 * (Found by `npm run bench`: the list used to read every past event for every page.)
 */
import { COLLECTIONS } from '../../src/domain/collections'
import { startCloud, type TestCloud } from '../support/runtime'
import { T0 } from './volunteer-support'

const PAST = 1500
const DAY_MS = 24 * 3600 * 1000
let cloud: TestCloud

beforeAll(async () => {
  cloud = await startCloud({ now: T0 })
  const coll = cloud.db.collection(COLLECTIONS.volunteerEvents)
  const { data } = await coll.where({ status: 'finished' }).limit(1).get()
  const { _id, ...template } = data[0] as Record<string, any>
  void _id
  const at = (daysAgo: number, hours = 0) => new Date(T0.getTime() - daysAgo * DAY_MS + hours * 3600_000).toISOString()
  const docs = Array.from({ length: PAST }, (_, i) => ({ ...template, _id: `old-${i}`, startAt: at(200 + i), endAt: at(200 + i, 2) }))
  for (let i = 0; i < docs.length; i += 500) await coll.add({ data: docs.slice(i, i + 500) as unknown as Record<string, unknown> })
  // Ended an hour ago; the timer has not marked it finished yet.
  await coll.add({ data: { ...template, _id: 'lagging', status: 'published', startAt: at(0, -3), endAt: at(0, -1) } })
}, 60_000)
afterAll(async () => {
  await cloud?.close()
})

async function pastPage(payload: Record<string, unknown>) {
  const { result, stats } = await cloud.rt.invokeWithStats('volunteer', { action: 'listEvents', payload: { scope: 'past', ...payload } }, { openid: 'demo-volunteer' })
  const res = result as { ok: boolean; data: { items: { id: string; startAt: string; endAt: string }[]; hasMore: boolean } }
  if (!res.ok) throw new Error(JSON.stringify(res))
  const examined = stats.ops.filter((o) => o.collection === COLLECTIONS.volunteerEvents).reduce((n, o) => n + (o.examined ?? 0), 0)
  return { ...res.data, examined }
}

describe(`past events among ${PAST}`, () => {
  it('reads about one page, newest first, with an ended event the timer has not marked yet', async () => {
    const page = await pastPage({ limit: 20 })
    expect(page.items).toHaveLength(20)
    expect(page.hasMore).toBe(true)
    expect(page.items[0].id).toBe('lagging')
    const starts = page.items.map((e) => e.startAt)
    expect([...starts].sort().reverse()).toEqual(starts)
    expect(page.items.every((e) => Date.parse(e.endAt) <= T0.getTime())).toBe(true)
    expect(page.examined).toBeLessThan(60)
  })

  it('pages on without gaps or repeats, and deep pages still answer', async () => {
    const first = await pastPage({ limit: 20 })
    const second = await pastPage({ limit: 20, offset: 20 })
    expect(second.items[0].startAt < first.items[19].startAt).toBe(true)
    expect(new Set([...first.items, ...second.items].map((e) => e.id)).size).toBe(40)
    const deep = await pastPage({ limit: 20, offset: 1200 })
    expect(deep.items).toHaveLength(20)
    expect(deep.items.every((e) => e.id.startsWith('old-'))).toBe(true)
  })
})
