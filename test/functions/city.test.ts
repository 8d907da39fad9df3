import { CATEGORIES } from '../../src/domain/city/categories'
import { offsetPoint } from '../../src/domain/city/geo'
import type { GridView } from '../../src/domain/city/grid'
import { buildDemoCity } from '../../scripts/seed'
import { startCloud, type TestCloud } from '../support/runtime'

let cloud: TestCloud
const city = buildDemoCity(new Date())
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(async () => {
  await cloud?.close()
})

describe('categories', () => {
  it('lists the seeded catalogue in order', async () => {
    const { items } = await cloud.as('demo-resident').ok('city', 'listCategories')
    expect(items).toHaveLength(CATEGORIES.length)
    expect(items.map((c) => c.id)).toEqual(CATEGORIES.map((c) => c.id))
    expect(items.find((c) => c.name === '井盖破损')).toMatchObject({ group: '公共设施', deadlineDays: 1, unitType: '市政' })
  })

  it('falls back to the built-in catalogue in an empty environment', async () => {
    const empty = await startCloud({ seed: false })
    try {
      const { items } = await empty.as('someone').ok('city', 'listCategories')
      expect(items.map((c) => c.id)).toEqual(CATEGORIES.map((c) => c.id))
    } finally {
      await empty.close()
    }
  })
})

describe('districts, streets, grids', () => {
  it('lists districts and streets', async () => {
    const { items: districts } = await cloud.as('demo-resident').ok('city', 'listDistricts')
    expect(districts.map((d) => d.name)).toEqual(['文华区', '滨河区', '高新区'])
    const { items: streets } = await cloud.as('demo-resident').ok('city', 'listStreets', { districtId: 'd-wenhua' })
    expect(streets.map((s) => s.name)).toEqual(['人民路街道', '解放路街道', '朝阳街道'])
    expect((await cloud.as('demo-resident').ok('city', 'listStreets', {})).items).toHaveLength(city.streets.length)
  })

  it('lists grids of a street with their 包保 unit; micro-grids inherit it', async () => {
    const { items, hasMore } = await cloud.as('demo-resident').ok('city', 'listGrids', { streetId: 's-renmin', limit: 100 })
    expect(hasMore).toBe(false)
    expect(items.length).toBe(city.grids.filter((g) => g.streetId === 's-renmin').length)
    const grid = items.find((g) => g.id === 'g-renmin-1')!
    expect(grid).toMatchObject({ kind: 'grid', name: '幸福里社区第一网格', unit: { id: 'u-bb-czj', name: '示范市财政局', type: '机关' } })
    const micro = items.find((g) => g.id === 'g-renmin-1-a')!
    expect(micro).toMatchObject({ kind: 'micro', parentId: 'g-renmin-1', unit: { id: 'u-bb-czj' } })
    expect(micro.households).toBeLessThanOrEqual(80)
  })

  it('pages grids and filters by kind', async () => {
    const p1 = await cloud.as('demo-resident').ok('city', 'listGrids', { kind: 'grid', limit: 5 })
    const p2 = await cloud.as('demo-resident').ok('city', 'listGrids', { kind: 'grid', limit: 5, offset: 5 })
    expect(p1.items).toHaveLength(5)
    expect(p1.hasMore).toBe(true)
    expect(p1.items.every((g) => g.kind === 'grid')).toBe(true)
    expect(new Set([...p1.items, ...p2.items].map((g) => g.id)).size).toBe(p1.items.length + p2.items.length)
  })

  it('shows grid workers’ phones to staff only', async () => {
    const asResident = await cloud.as('demo-resident').ok('city', 'getGrid', { id: 'g-renmin-1' })
    expect(asResident.grid.worker).toEqual({ name: '林巧云' })
    expect(JSON.stringify(asResident)).not.toMatch(/139-0000/)
    const asStaff = await cloud.as('demo-staff').ok('city', 'getGrid', { id: 'g-renmin-1' })
    expect(asStaff.grid.worker).toEqual({ name: '林巧云', phone: '139-0000-4101' })
  })

  it('returns a grid with its micro-grids, and a micro-grid with its parent', async () => {
    const g = await cloud.as('demo-resident').ok('city', 'getGrid', { id: 'g-renmin-1' })
    expect(g.parent).toBeNull()
    expect(g.children.map((c) => c.id)).toEqual(['g-renmin-1-a', 'g-renmin-1-b', 'g-renmin-1-c'])
    const m = await cloud.as('demo-resident').ok('city', 'getGrid', { id: 'g-renmin-1-b' })
    expect(m.parent?.id).toBe('g-renmin-1')
    expect(m.grid.unit?.id).toBe('u-bb-czj')
    expect((await cloud.as('demo-resident').fail('city', 'getGrid', { id: 'g-none' })).code).toBe('NOT_FOUND')
    expect((await cloud.as('demo-resident').fail('city', 'getGrid', { id: 'g renmin' })).code).toBe('INVALID_INPUT')
  })

  it('locates a point in its micro-grid, grid, street and district', async () => {
    const micro = city.grids.find((g) => g._id === 'g-binjiang-1-c')!
    const near = offsetPoint(micro.center, 20, -15)
    const hit = await cloud.as('demo-resident').ok('city', 'locate', near)
    expect(hit.micro?.id).toBe('g-binjiang-1-c')
    expect(hit.grid?.id).toBe('g-binjiang-1')
    expect(hit.street?.name).toBe('滨江街道')
    expect(hit.district?.name).toBe('滨河区')

    const grid = city.grids.find((g) => g._id === 'g-kexue-2')!
    const inGridOnly = offsetPoint(grid.center, 350, -350)
    const hit2 = await cloud.as('demo-resident').ok('city', 'locate', inGridOnly)
    expect(hit2.micro).toBeNull()
    expect((hit2.grid as GridView).id).toBe('g-kexue-2')

    const far = await cloud.as('demo-resident').ok('city', 'locate', { lat: 39.9, lng: 116.4 })
    expect(far).toEqual({ district: null, street: null, grid: null, micro: null })
    expect((await cloud.as('demo-resident').fail('city', 'locate', { lat: 91, lng: 0 })).code).toBe('INVALID_INPUT')
  })
})

describe('units', () => {
  it('hides unit phones from residents and volunteers', async () => {
    const { items } = await cloud.as('demo-volunteer').ok('city', 'listUnits', { limit: 100 })
    expect(items).toHaveLength(city.units.length)
    for (const u of items) expect(u.contact.phone).toBeUndefined()
    expect(JSON.stringify(items)).not.toMatch(/139-0000/)
  })

  it('shows phones to staff and admins, and a unit its own', async () => {
    const staff = await cloud.as('demo-staff').ok('city', 'listUnits', { type: '城管' })
    expect(staff.items.map((u) => u.id)).toEqual(['u-cg-wenhua', 'u-cg-binhe', 'u-cg-gaoxin'])
    expect(staff.items.every((u) => /^139-0000-\d{4}$/.test(u.contact.phone ?? ''))).toBe(true)
    const own = await cloud.as('demo-unit').ok('city', 'getUnit', { id: 'u-cg-wenhua' })
    expect(own.unit.contact.phone).toBe('139-0000-1101')
    const other = await cloud.as('demo-unit').ok('city', 'getUnit', { id: 'u-sz' })
    expect(other.unit.contact.phone).toBeUndefined()
  })

  it('lists the grids a 包保 unit is responsible for', async () => {
    const { unit, grids } = await cloud.as('demo-resident').ok('city', 'getUnit', { id: 'u-bb-swj' })
    expect(unit.name).toBe('国家税务总局示范市税务局')
    expect(grids.map((g) => g.id)).toEqual(['g-jiefang-1', 'g-jiefang-2'])
    expect((await cloud.as('demo-resident').fail('city', 'getUnit', { id: 'u-missing' })).code).toBe('NOT_FOUND')
  })

  it('filters units by district', async () => {
    const { items } = await cloud.as('demo-resident').ok('city', 'listUnits', { districtId: 'd-binhe' })
    expect(items.map((u) => u.id).sort()).toEqual(['u-cg-binhe', 'u-jd-binjiang', 'u-sq-binjiang'])
  })
})

describe('notices', () => {
  it('lists pinned notices first, then newest first', async () => {
    const { items } = await cloud.as('demo-resident').ok('city', 'listNotices', {})
    expect(items[0]).toMatchObject({ id: 'n-suishoupai', pinned: true })
    const rest = items.slice(1).map((n) => Date.parse(n.publishedAt))
    expect(rest).toEqual([...rest].sort((a, b) => b - a))
    const board = await cloud.as('demo-resident').ok('city', 'listNotices', { tag: '红黑榜' })
    expect(board.items.map((n) => n.id)).toEqual(['n-hongheibang-1'])
  })

  it('returns a notice with its body', async () => {
    const n = await cloud.as('demo-resident').ok('city', 'getNotice', { id: 'n-shijiancunzhe' })
    expect(n.body.join('')).toContain('1小时积1分')
    expect(n.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    expect((await cloud.as('demo-resident').fail('city', 'getNotice', { id: 'n-nope' })).code).toBe('NOT_FOUND')
  })
})
