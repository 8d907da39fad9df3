/**
 * City set-up (admin): units, districts/streets, grids, categories and roles — who may edit, what an edit
 * must pass, that it is in the 操作日志 with before/after, and that it takes effect for new work only.
 */
import { CATEGORIES } from '../../src/domain/city/categories'
import type { UnitRecord } from '../../src/domain/city/admin'
import { offsetPoint, squareAround } from '../../src/domain/city/geo'
import { buildDemoCity } from '../../scripts/seed'
import { startCloud, type TestCloud } from '../support/runtime'
import { pointIn, submitReport } from '../support/report'

let cloud: TestCloud
const city = buildDemoCity(new Date())
const gridOf = (id: string) => city.grids.find((g) => g._id === id)!
const admin = () => cloud.as('demo-admin')
const auditOf = async (targetId: string) => (await admin().ok('audit', 'search', { targetId })).items

beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(async () => {
  await cloud?.close()
})

const newUnit = {
  name: '示范市高新区城管执法中队',
  shortName: '高新中队',
  type: '城管' as const,
  districtId: 'd-gaoxin',
  address: '高新区科学大道8号',
  duties: '科学城街道市容秩序巡查。',
  contact: { name: '范队长', phone: '139-0000-9901' },
}

describe('who may edit', () => {
  it('refuses residents, staff and unit handlers', async () => {
    for (const who of ['demo-resident', 'demo-staff', 'demo-unit']) {
      expect((await cloud.as(who).fail('city', 'saveUnit', newUnit)).code).toBe('FORBIDDEN')
      expect((await cloud.as(who).fail('city', 'listAllUnits', {})).code).toBe('FORBIDDEN')
      expect((await cloud.as(who).fail('city', 'saveGrid', {})).code).toBe('FORBIDDEN')
      expect((await cloud.as(who).fail('user', 'searchUsers', { q: '市民' })).code).toBe('FORBIDDEN')
    }
  })
})

describe('责任单位', () => {
  it('creates, renames (handlers follow), lists with phone for admins only, deactivates without deleting', async () => {
    // (typed by hand: the typed overload of `ok` gives up on this contract's deep input type)
    const created: UnitRecord = await admin().ok('city', 'saveUnit', newUnit)
    expect(created).toMatchObject({ ...newUnit, active: true })
    expect(created.id).toMatch(/^u-/)
    // Public list: present, phone hidden from residents.
    const pub = await cloud.as('demo-resident').ok('city', 'getUnit', { id: created.id })
    expect(pub.unit.contact).toEqual({ name: '范队长' })

    await cloud.as('demo-resident-3').ok('user', 'me')
    await admin().ok('user', 'setRoles', { openid: 'demo-resident-3', roles: ['unit'], unitId: created.id })
    const handlers = await admin().ok('user', 'listUsers', { unitId: created.id })
    expect(handlers.items.map((u) => u.openid)).toEqual(['demo-resident-3'])

    const renamed = await admin().ok('city', 'saveUnit', { ...newUnit, id: created.id, name: '示范市高新区城管执法一中队' })
    expect(renamed.order).toBe(created.order)
    expect((await cloud.as('demo-resident-3').ok('user', 'me')).unit).toEqual({ id: created.id, name: '示范市高新区城管执法一中队' })

    const entries = await auditOf(created.id)
    const rename = entries.find((e) => e.action === 'city.saveUnit' && (e.changes[0]?.before as { name?: string } | null)?.name === newUnit.name)
    expect(rename?.changes[0].after).toMatchObject({ name: '示范市高新区城管执法一中队' })

    await admin().ok('city', 'setUnitActive', { id: created.id, active: false })
    expect((await cloud.as('demo-resident').fail('city', 'getUnit', { id: created.id })).code).toBe('NOT_FOUND')
    const inactive = await admin().ok('city', 'listAllUnits', { active: false })
    expect(inactive.items.find((u) => u.id === created.id)).toMatchObject({ active: false, contact: { phone: '139-0000-9901' } })
    await admin().ok('city', 'setUnitActive', { id: created.id, active: true })
  })

  it('will not deactivate a unit that is still 包保 of grids', async () => {
    const res = await admin().fail('city', 'setUnitActive', { id: 'u-bb-czj', active: false })
    expect(res.code).toBe('CONFLICT')
    expect(res.message).toMatch(/包保单位/)
  })
})

describe('districts and streets', () => {
  it('adds a street with communities to a district and refuses an unknown district', async () => {
    const street = await admin().ok('city', 'saveStreet', {
      districtId: 'd-gaoxin',
      name: '未来城街道',
      communities: ['未来社区', '未来社区', '星河社区'],
      center: offsetPoint(gridOf('g-kexue-1').center, 0, -1500),
    })
    expect(street.communities).toEqual(['未来社区', '星河社区'])
    const { items } = await cloud.as('demo-resident').ok('city', 'listStreets', { districtId: 'd-gaoxin' })
    expect(items.map((s) => s.name)).toContain('未来城街道')
    expect((await admin().fail('city', 'saveStreet', { districtId: 'd-nope', name: '某街道', communities: [], center: { lat: 34, lng: 112 } })).code).toBe('NOT_FOUND')
  })
})

describe('grids', () => {
  const base = () => {
    const g = gridOf('g-kexue-1')
    return {
      name: '测试网格',
      kind: 'grid' as const,
      districtId: g.districtId,
      streetId: g.streetId,
      community: g.community,
      parentId: null,
      center: offsetPoint(g.center, 0, 2000),
      area: { type: 'circle' as const, radius: 150 },
      households: 300,
      unitId: 'u-bb-wlj',
      leader: null,
      worker: { name: '测试网格员', phone: '139-0000-7777' },
    }
  }

  it('validates the shape: radius, crossing edges, reach, street of the district, parent', async () => {
    const tooSmall = await admin().fail('city', 'saveGrid', { ...base(), area: { type: 'circle', radius: 10 } })
    expect(tooSmall).toMatchObject({ code: 'INVALID_INPUT' })
    expect(tooSmall.message).toMatch(/半径应在 20 米到 2000 米之间/)

    const c = base().center
    const [a, b, cc, d] = squareAround(c, 100)
    const bowtie = await admin().fail('city', 'saveGrid', { ...base(), area: { type: 'polygon', points: [a, cc, b, d] } })
    expect(bowtie.message).toMatch(/交叉/)

    const far = await admin().fail('city', 'saveGrid', { ...base(), area: { type: 'polygon', points: squareAround(c, 3000) } })
    expect(far.message).toMatch(/超过 2000 米/)

    const wrongStreet = await admin().fail('city', 'saveGrid', { ...base(), streetId: 's-renmin' })
    expect(wrongStreet.message).toMatch(/不属于所选辖区/)

    const orphan = await admin().fail('city', 'saveGrid', { ...base(), kind: 'micro' })
    expect(orphan.message).toMatch(/微网格必须属于一个网格/)

    const outside = await admin().fail('city', 'saveGrid', { ...base(), center: offsetPoint(c, 30000, 0) })
    expect(outside.message).toMatch(/不像在本辖区内/)
  })

  it('saves a closed, pasted polygon as an open ring; the public sees it without the worker phone', async () => {
    const c = base().center
    const ring = squareAround(c, 120)
    const saved = await admin().ok('city', 'saveGrid', { ...base(), area: { type: 'polygon', points: [...ring, ring[0]] } })
    expect(saved.area).toEqual({ type: 'polygon', points: ring })
    const seen = await cloud.as('demo-resident').ok('city', 'locate', c)
    expect(seen.grid).toMatchObject({ id: saved.id, unit: { id: 'u-bb-wlj' }, worker: { name: '测试网格员' } })
    expect(JSON.stringify(seen)).not.toMatch(/7777/)
    expect((await admin().ok('city', 'getGridRecord', { id: saved.id })).worker).toEqual({ name: '测试网格员', phone: '139-0000-7777' })
  })

  it('a new 包保 unit gets the next report; an earlier report keeps the unit it was dispatched to', async () => {
    // Earlier report in 人才公寓A座 (micro-grid of g-kexue-1, 包保 市文旅局), dispatched to 高新城管.
    const at = pointIn('g-kexue-1-a', 10, 10)
    const old = (await submitReport(cloud, 'demo-resident', { at })).report
    const before = await cloud.as('demo-staff').ok('report', 'staffDetail', { id: old.id })
    expect(before.proposal.gridUnit?.id).toBe('u-bb-wlj')
    expect(before.proposal.unit?.id).toBe('u-cg-gaoxin')
    await cloud.as('demo-staff').ok('report', 'acceptDispatch', { id: old.id, unitId: 'u-cg-gaoxin' })

    // The admin hands the grid to a new 城管 中队.
    const squad = await admin().ok('city', 'saveUnit', { ...newUnit, name: '示范市科学城城管中队', shortName: '科学城中队' })
    const record = await admin().ok('city', 'getGridRecord', { id: 'g-kexue-1' })
    const { id, ...fields } = record
    await admin().ok('city', 'saveGrid', { ...fields, id, unitId: squad.id })

    const next = (await submitReport(cloud, 'demo-resident-2', { at })).report
    const proposal = (await cloud.as('demo-staff').ok('report', 'staffDetail', { id: next.id })).proposal
    expect(proposal.gridUnit?.id).toBe(squad.id)
    expect(proposal.unit).toMatchObject({ id: squad.id, name: '示范市科学城城管中队' })
    expect(proposal.basis).toMatch(/包保单位/)

    // History is untouched: the earlier report still names the unit it was sent to.
    const oldNow = await cloud.as('demo-staff').ok('report', 'staffDetail', { id: old.id })
    expect(oldNow.dispatch?.unitName).toBe('示范市高新区城市管理局')

    const entry = (await auditOf('g-kexue-1')).find((e) => e.action === 'city.saveGrid')!
    expect(entry.changes[0]).toMatchObject({ targetType: 'grid', before: { unitId: 'u-bb-wlj' }, after: { unitId: squad.id } })

    // Put it back for the other tests.
    await admin().ok('city', 'saveGrid', { ...fields, id })
  })
})

describe('categories', () => {
  it('edits the default 整改时限 for new dispatches only, hides disabled ones, refuses a taken id', async () => {
    const stall = CATEGORIES.find((c) => c.id === 'city-stall')!
    const at = pointIn('g-kexue-2-a')
    const old = (await submitReport(cloud, 'demo-resident', { at })).report
    await cloud.as('demo-staff').ok('report', 'acceptDispatch', { id: old.id, unitId: 'u-cg-gaoxin' })
    const oldDeadline = (await cloud.as('demo-staff').ok('report', 'staffDetail', { id: old.id })).dispatch!.deadline

    await admin().ok('city', 'saveCategory', { category: { ...stall, deadlineDays: 5 } })
    const next = (await submitReport(cloud, 'demo-resident-2', { at })).report
    expect((await cloud.as('demo-staff').ok('report', 'staffDetail', { id: next.id })).proposal.deadlineDays).toBe(5)
    expect((await cloud.as('demo-staff').ok('report', 'staffDetail', { id: old.id })).dispatch!.deadline).toBe(oldDeadline)

    await admin().ok('city', 'saveCategory', { category: { ...stall, deadlineDays: 5, active: false } })
    expect((await cloud.as('demo-resident').ok('city', 'listCategories')).items.map((c) => c.id)).not.toContain('city-stall')
    expect((await admin().ok('city', 'listAllCategories')).items.find((c) => c.id === 'city-stall')).toMatchObject({ active: false, deadlineDays: 5 })
    // Screens showing old reports still get its name.
    const withInactive = await cloud.as('demo-resident').ok('city', 'listCategories', { includeInactive: true })
    expect(withInactive.items.find((c) => c.id === 'city-stall')).toMatchObject({ name: '占道经营', active: false })
    await admin().ok('city', 'saveCategory', { category: stall })

    expect((await admin().fail('city', 'saveCategory', { category: stall, create: true })).code).toBe('CONFLICT')
    expect((await admin().fail('city', 'saveCategory', { category: { ...stall, id: 'no-such-one' } })).code).toBe('NOT_FOUND')
    expect((await admin().fail('city', 'saveCategory', { category: { ...stall, deadlineDays: 0 } })).code).toBe('INVALID_INPUT')
  })

  it('in an environment without the catalogue, the first edit keeps the built-in categories', async () => {
    const empty = await startCloud({ seed: false })
    try {
      await empty.db.collection('users').add({ data: { _id: 'root', nickname: '管理员', roles: ['admin'], unit: null, createdAt: new Date(), updatedAt: new Date() } })
      const created = { ...CATEGORIES[0], id: 'city-new-thing', name: '新问题', order: 9999 }
      await empty.as('root').ok('city', 'saveCategory', { category: created, create: true })
      const { items } = await empty.as('root').ok('city', 'listCategories')
      expect(items).toHaveLength(CATEGORIES.length + 1)
    } finally {
      await empty.close()
    }
  })
})

describe('users and roles', () => {
  it('finds users by nickname prefix or OPENID, never by phone, and logs role changes with before/after', async () => {
    const byName = await admin().ok('user', 'searchUsers', { q: '幸福里' })
    expect(byName.items.map((u) => u.openid)).toContain('demo-resident-2')
    const byId = await admin().ok('user', 'searchUsers', { q: 'demo-resident-4' })
    expect(byId.items[0]).toMatchObject({ openid: 'demo-resident-4', nickname: '大学生小赵' })
    expect(Object.keys(byId.items[0]).sort()).toEqual(['nickname', 'openid', 'registeredAt', 'roles', 'unit'])

    await admin().ok('user', 'setRoles', { openid: 'demo-resident-4', roles: ['volunteer', 'staff'] })
    const entry = (await auditOf('demo-resident-4')).find((e) => e.action === 'user.setRoles')!
    expect(entry.changes[0]).toMatchObject({ targetType: 'user', before: { roles: ['volunteer'] }, after: { roles: ['volunteer', 'staff'] } })
    // Takes effect on the next call: roles are read per call.
    await cloud.as('demo-resident-4').ok('report', 'staffQueue', {})
    await admin().ok('user', 'setRoles', { openid: 'demo-resident-4', roles: ['volunteer'] })
    expect((await cloud.as('demo-resident-4').fail('report', 'staffQueue', {})).code).toBe('FORBIDDEN')
  })

  it('an admin cannot remove their own admin role (so the city always keeps one)', async () => {
    expect((await admin().fail('user', 'setRoles', { openid: 'demo-admin', roles: ['staff'] })).message).toMatch(/不能取消自己的管理员角色/)
  })
})
