import { COLLECTIONS, type CollectionName } from '../../src/domain/collections'
import { DEMO_ACCOUNTS, buildDemoCity, seedDemoCity } from '../../scripts/seed'
import { countDocs, startCloud, type TestCloud } from '../support/runtime'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud({ seed: false })
})
afterAll(async () => {
  await cloud?.close()
})

async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const name of Object.values(COLLECTIONS)) {
    const res = await cloud.db.collection(name).orderBy('_id', 'asc').limit(1000).get()
    out[name] = res.data
  }
  return out
}

describe('seedDemoCity', () => {
  it('writes the demo city, and a second run changes nothing', async () => {
    const now = new Date('2024-05-01T08:00:00.000Z')
    const first = await seedDemoCity(cloud.db, { now })
    const city = buildDemoCity(now)
    for (const name of Object.keys(city) as (keyof typeof city)[]) expect(first.total[name]).toBe(city[name].length)
    // Every collection the seed writes (the city's and the demo reports') is written whole on the first run.
    for (const name of Object.keys(first.total) as CollectionName[]) {
      expect([name, first.inserted[name]]).toEqual([name, first.total[name]])
      expect([name, await countDocs(cloud.db, name)]).toEqual([name, first.total[name]])
    }
    expect(first.total.reports).toBeGreaterThanOrEqual(10)
    const before = await snapshot()

    const second = await seedDemoCity(cloud.db, { now: () => new Date('2024-06-01T08:00:00.000Z') })
    expect(Object.values(second.inserted).every((n) => n === 0)).toBe(true)
    expect(await snapshot()).toEqual(before)
  })

  it('keeps edits made since and restores only what is missing', async () => {
    await cloud.db.collection(COLLECTIONS.grids).doc('g-renmin-1').update({ data: { name: '幸福里社区网格（已改名）' } })
    await cloud.db.collection(COLLECTIONS.notices).doc('n-feixian').remove()
    const res = await seedDemoCity(cloud.db, { now: new Date() })
    expect(res.inserted.notices).toBe(1)
    expect(res.inserted.grids).toBe(0)
    const grid = await cloud.db.collection(COLLECTIONS.grids).where({ _id: 'g-renmin-1' }).get()
    expect(grid.data[0].name).toBe('幸福里社区网格（已改名）')
  })

  it('stores timestamps as dates', async () => {
    const res = await cloud.db.collection(COLLECTIONS.users).where({ _id: 'demo-resident' }).get()
    expect(res.data[0].createdAt).toBeInstanceOf(Date)
  })

  it('gives demo users that match the demo accounts', async () => {
    const openids = DEMO_ACCOUNTS.map((a) => a.openid)
    for (const id of ['demo-resident', 'demo-volunteer', 'demo-staff', 'demo-unit', 'demo-admin']) expect(openids).toContain(id)
    const roles = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.openid, a.role]))
    expect(roles).toMatchObject({ 'demo-resident': 'resident', 'demo-volunteer': 'volunteer', 'demo-staff': 'staff', 'demo-unit': 'unit', 'demo-admin': 'admin' })
    for (const a of DEMO_ACCOUNTS) {
      const me = await cloud.as(a.openid).ok('user', 'me')
      expect(me.roles).toContain(a.role)
      expect(a.label.length).toBeGreaterThan(0)
    }
  })
})
