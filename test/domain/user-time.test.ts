import { defaultNickname, meSchema, newResident, nicknameSchema, planRoleChange, toMe } from '../../src/domain/user/user'
import { addDays, DAY_MS, toIso } from '../../src/domain/shared/time'

describe('users', () => {
  it('gives a stable friendly default nickname that reveals nothing of the OPENID', () => {
    const a = defaultNickname('oAbCdEf123456789')
    expect(a).toMatch(/^市民\d{4}$/)
    expect(defaultNickname('oAbCdEf123456789')).toBe(a)
    expect(a).not.toContain('oAb')
    const many = new Set(Array.from({ length: 200 }, (_, i) => defaultNickname(`openid-${i}`)))
    expect(many.size).toBeGreaterThan(190)
  })

  it('makes a new resident with no granted roles', () => {
    const now = new Date('2024-05-01T00:00:00Z')
    const doc = newResident('o1', now)
    expect(doc).toMatchObject({ _id: 'o1', roles: [], unit: null, createdAt: now })
    const me = toMe(doc)
    expect(me).toEqual({ openid: 'o1', nickname: doc.nickname, roles: ['resident'], unit: null, registeredAt: '2024-05-01T00:00:00.000Z', consent: null })
    expect(meSchema.parse(me)).toEqual(me)
  })

  it('validates nicknames', () => {
    expect(nicknameSchema.parse('  小李 ')).toBe('小李')
    expect(nicknameSchema.safeParse('').success).toBe(false)
    expect(nicknameSchema.safeParse('字'.repeat(21)).success).toBe(false)
    expect(nicknameSchema.safeParse('<script>').success).toBe(false)
    expect(nicknameSchema.safeParse('tab\tname').success).toBe(false)
  })

  it('plans role changes', () => {
    expect(planRoleChange({ actorOpenid: 'a', targetOpenid: 'b', roles: ['resident', 'staff', 'staff'], unitId: 'u1' })).toEqual({ ok: true, roles: ['staff'], unitId: null })
    expect(planRoleChange({ actorOpenid: 'a', targetOpenid: 'b', roles: ['unit'], unitId: 'u1' })).toEqual({ ok: true, roles: ['unit'], unitId: 'u1' })
    expect(planRoleChange({ actorOpenid: 'a', targetOpenid: 'b', roles: ['unit'], unitId: null })).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(planRoleChange({ actorOpenid: 'a', targetOpenid: 'a', roles: ['staff'], unitId: null })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(planRoleChange({ actorOpenid: 'a', targetOpenid: 'a', roles: ['admin', 'staff'], unitId: null })).toMatchObject({ ok: true })
  })
})

describe('time', () => {
  it('normalises stored timestamps to ISO strings', () => {
    const iso = '2024-05-01T08:00:00.000Z'
    expect(toIso(new Date(iso))).toBe(iso)
    expect(toIso(Date.parse(iso))).toBe(iso)
    expect(toIso('2024-05-01T16:00:00+08:00')).toBe(iso)
    expect(toIso({ $date: iso })).toBe(iso)
    expect(toIso(null)).toBeNull()
    expect(toIso('not a date')).toBeNull()
    expect(toIso(new Date(NaN))).toBeNull()
  })

  it('adds whole days for 整改时限', () => {
    const from = new Date('2024-05-01T08:00:00.000Z')
    expect(addDays(from, 3).toISOString()).toBe('2024-05-04T08:00:00.000Z')
    expect(addDays(from, 1).getTime() - from.getTime()).toBe(DAY_MS)
  })
})
