import { COLLECTIONS } from '../../src/domain/collections'
import { defaultNickname } from '../../src/domain/user/user'
import { countDocs, startCloud, type TestCloud } from '../support/runtime'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(async () => {
  await cloud?.close()
})

describe('user.me', () => {
  it('creates a resident record on the first call and returns the same one afterwards', async () => {
    const openid = 'o-first-call-0001'
    expect(await countDocs(cloud.db, COLLECTIONS.users, { _id: openid })).toBe(0)
    const first = await cloud.as(openid).ok('user', 'me')
    expect(first).toEqual({ openid, nickname: defaultNickname(openid), roles: ['resident'], unit: null, registeredAt: expect.any(String), consent: null })
    expect(Math.abs(Date.parse(first.registeredAt!) - cloud.rt.clock.now())).toBeLessThan(5000)
    cloud.rt.clock.advance(60_000)
    const again = await cloud.as(openid).ok('user', 'me')
    cloud.rt.clock.reset()
    expect(again).toEqual(first)
    expect(await countDocs(cloud.db, COLLECTIONS.users, { _id: openid })).toBe(1)
  })

  it('stays correct under 20 concurrent first calls: one record, the same answer for all', async () => {
    const openid = 'o-concurrent-first-call'
    const results = await Promise.all(Array.from({ length: 20 }, () => cloud.as(openid).call('user', 'me')))
    for (const r of results) expect(r.ok).toBe(true)
    const registered = new Set(results.map((r) => (r.ok ? r.data.registeredAt : null)))
    expect(registered.size).toBe(1)
    expect(await countDocs(cloud.db, COLLECTIONS.users, { _id: openid })).toBe(1)
  })

  it('returns the seeded demo users with their roles and unit', async () => {
    expect(await cloud.as('demo-resident').ok('user', 'me')).toMatchObject({ nickname: '市民小李', roles: ['resident'], unit: null })
    expect(await cloud.as('demo-staff').ok('user', 'me')).toMatchObject({ roles: ['resident', 'staff'] })
    expect(await cloud.as('demo-admin').ok('user', 'me')).toMatchObject({ roles: ['resident', 'admin'] })
    expect(await cloud.as('demo-unit').ok('user', 'me')).toMatchObject({
      roles: ['resident', 'unit'],
      unit: { id: 'u-cg-wenhua', name: '示范市城市管理综合执法局文华分局' },
    })
  })

  it('accepts no payload fields', async () => {
    const res = await cloud.as('demo-resident').fail('user', 'me', { roles: ['admin'] })
    expect(res.code).toBe('INVALID_INPUT')
    expect(res.issues).toEqual([{ path: 'roles', message: '不支持的字段' }])
    expect(res.message).toBe('提交的内容有误：不支持的字段“roles”')
  })
})

describe('user.updateProfile', () => {
  it('trims and saves the nickname', async () => {
    const me = await cloud.as('demo-resident-3').ok('user', 'updateProfile', { nickname: '  陈师傅  ' })
    expect(me.nickname).toBe('陈师傅')
    expect((await cloud.as('demo-resident-3').ok('user', 'me')).nickname).toBe('陈师傅')
  })

  it('creates the record when called before me', async () => {
    const me = await cloud.as('o-update-first').ok('user', 'updateProfile', { nickname: '新来的' })
    expect(me).toMatchObject({ openid: 'o-update-first', nickname: '新来的', roles: ['resident'] })
    expect(await countDocs(cloud.db, COLLECTIONS.users, { _id: 'o-update-first' })).toBe(1)
  })

  it('rejects empty, too long and control-character nicknames in Chinese', async () => {
    const empty = await cloud.as('demo-resident').fail('user', 'updateProfile', { nickname: '   ' })
    expect(empty).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'nickname', message: '昵称不能为空' }] })
    const long = await cloud.as('demo-resident').fail('user', 'updateProfile', { nickname: '文'.repeat(21) })
    expect(long.message).toContain('昵称最多 20 个字')
    const missing = await cloud.as('demo-resident').fail('user', 'updateProfile', {})
    expect(missing.message).toContain('请填写昵称')
    const ctl = await cloud.as('demo-resident').fail('user', 'updateProfile', { nickname: 'a\u0007b' })
    expect(ctl.message).toContain('昵称不能包含特殊字符')
    expect((await cloud.as('demo-resident').ok('user', 'me')).nickname).toBe('市民小李')
  })
})

describe('user.listUsers and user.setRoles', () => {
  it('lists users for staff only, filtered by role', async () => {
    expect((await cloud.as('demo-resident').fail('user', 'listUsers', {})).code).toBe('FORBIDDEN')
    expect((await cloud.as('demo-unit').fail('user', 'listUsers', {})).code).toBe('FORBIDDEN')
    const units = await cloud.as('demo-staff').ok('user', 'listUsers', { role: 'unit', limit: 50 })
    expect(units.items.map((u) => u.openid).sort()).toEqual(['demo-unit', 'demo-unit-2', 'demo-unit-3'])
    const page = await cloud.as('demo-admin').ok('user', 'listUsers', { limit: 3 })
    expect(page.items).toHaveLength(3)
    expect(page.hasMore).toBe(true)
  })

  it('lets an admin grant roles and bind a unit', async () => {
    const res = await cloud.as('demo-admin').ok('user', 'setRoles', { openid: 'demo-resident-2', roles: ['unit'], unitId: 'u-sq-xingfuli' })
    expect(res).toMatchObject({ roles: ['resident', 'unit'], unit: { id: 'u-sq-xingfuli', name: '人民路街道幸福里社区居民委员会' } })
    expect(await cloud.as('demo-resident-2').ok('user', 'me')).toMatchObject({ roles: ['resident', 'unit'], unit: { id: 'u-sq-xingfuli' } })
    const back = await cloud.as('demo-admin').ok('user', 'setRoles', { openid: 'demo-resident-2', roles: [] })
    expect(back).toMatchObject({ roles: ['resident'], unit: null })
  })

  it('enforces the role-change rules', async () => {
    expect((await cloud.as('demo-staff').fail('user', 'setRoles', { openid: 'demo-staff', roles: ['admin'] })).code).toBe('FORBIDDEN')
    expect((await cloud.as('demo-admin').fail('user', 'setRoles', { openid: 'demo-resident', roles: ['unit'] })).code).toBe('INVALID_INPUT')
    expect((await cloud.as('demo-admin').fail('user', 'setRoles', { openid: 'demo-admin', roles: ['staff'] })).code).toBe('FORBIDDEN')
    expect((await cloud.as('demo-admin').fail('user', 'setRoles', { openid: 'nobody-here', roles: ['staff'] })).code).toBe('NOT_FOUND')
    expect((await cloud.as('demo-admin').fail('user', 'setRoles', { openid: 'demo-resident', roles: ['unit'], unitId: 'u-nope' })).code).toBe('NOT_FOUND')
    expect((await cloud.as('demo-admin').fail('user', 'setRoles', { openid: 'demo-resident', roles: ['king'] })).code).toBe('INVALID_INPUT')
  })
})

describe('content security', () => {
  it('refuses nicknames the content check flags', async () => {
    const res = await cloud.as('demo-resident').fail('user', 'updateProfile', { nickname: '代开发票找我' })
    expect(res).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'nickname' }] })
    expect(res.message).toContain('昵称含有不适宜发布的内容')
    expect((await cloud.as('demo-resident').ok('user', 'me')).nickname).toBe('市民小李')
  })
})
