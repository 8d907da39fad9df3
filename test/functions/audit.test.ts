/**
 * 操作日志: the kernel writes one entry per staff/unit/admin action (reads excepted), with who, what,
 * when, the redacted input and the handler's before/after; admins search it by index.
 */
import { startCloud, type TestCloud } from '../support/runtime'
import { makeStaff, submitReport } from '../support/report'
import { contracts } from '../../src/domain/contracts'
import type { ActionContract, ActionInput } from '../../src/domain/core/contract'
import type { Contracts } from '../../src/domain/contracts'
import { isAudited, trimForAudit } from '../../cloudfunctions/kernel/audit'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
  await makeStaff(cloud, 'staff-b')
})
afterAll(() => cloud.close())

const search = (payload: ActionInput<Contracts['audit'], 'search'> = {}) => cloud.as('demo-admin').ok('audit', 'search', payload)

describe('what is logged', () => {
  it('a staff change: who, what, target, before and after', async () => {
    const r = (await submitReport(cloud, 'demo-resident')).report
    await cloud.as('demo-staff').ok('report', 'acceptDispatch', { id: r.id, unitId: 'u-cg-wenhua', deadlineDays: 3 })
    const { items } = await search({ targetId: r.id })
    expect(items).toHaveLength(1)
    const [e] = items
    expect(e.action).toBe('report.acceptDispatch')
    expect(e.actionLabel).toContain('受理并派单')
    expect(e.actor).toMatchObject({ openid: 'demo-staff', roles: expect.arrayContaining(['staff']) })
    expect(e.actor.nickname).toBeTruthy()
    expect(e.outcome).toBe('ok')
    expect(e.input).toMatchObject({ id: r.id, unitId: 'u-cg-wenhua', deadlineDays: 3 })
    expect(e.changes).toHaveLength(1)
    expect(e.changes[0]).toMatchObject({ targetType: 'report', targetId: r.id, before: { status: 'submitted' } })
    expect((e.changes[0].after as { status: string; unit: string }).unit).toBeTruthy()
    expect((e.changes[0].after as { status: string }).status).not.toBe('submitted')
    expect(Date.parse(e.at)).toBeGreaterThan(Date.now() - 60_000)
  })

  it('a refused change is logged with its reason; the loser of a race too', async () => {
    const r = (await submitReport(cloud, 'demo-resident')).report
    const reject = { id: r.id, reason: 'unclear', text: '照片无法辨认问题，请补充清晰照片后重新提交。' }
    const [a, b] = await Promise.all([cloud.as('demo-staff').call('report', 'reject', reject), cloud.as('staff-b').call('report', 'reject', reject)])
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
    const { items } = await search({ targetId: r.id })
    expect(items.map((e) => e.outcome).sort()).toEqual(['ok', 'refused'])
    const refused = items.find((e) => e.outcome === 'refused')!
    expect(refused.error?.code).toBe('CONFLICT')
    expect(refused.changes).toEqual([])
  })

  it('a volunteer registration review carries the status before and after, and the mobile stays out', async () => {
    const who = 'o-audit-volunteer'
    const reg = await cloud.as(who).call('volunteer', 'register', {
      name: '审计测试', mobile: '13712340000', idNumber: '11010519491231002X', gender: 'female', skills: [], services: ['environment'], availability: ['weekend_morning'], consent: true,
    })
    expect(reg.ok).toBe(true)
    await cloud.as('demo-staff').ok('volunteer', 'reviewRegistration', { openid: who, decision: 'approve' })
    const { items } = await search({ targetId: who })
    expect(items.map((e) => e.action)).toEqual(['volunteer.reviewRegistration'])
    expect(items[0].changes).toEqual([expect.objectContaining({ targetType: 'volunteer', targetId: who, summary: 'review', before: { status: 'pending' }, after: { status: 'approved' } })])
    expect(JSON.stringify(items)).not.toContain('13712340000')
  })

  it('reads, resident actions and calls refused before the handler are not logged', async () => {
    const before = (await search({ limit: 100 })).items.length
    await cloud.as('demo-staff').ok('report', 'staffQueue', {})
    await submitReport(cloud, 'demo-resident-2')
    await cloud.as('demo-resident').fail('report', 'reject', { id: 'x', reason: 'unclear', text: '无关' })
    await cloud.as('demo-staff').fail('report', 'reject', { id: 'x' })
    expect((await search({ limit: 100 })).items.length).toBe(before)
  })

  it('personal fields in the input are kept out of the log', () => {
    expect(trimForAudit({ openid: 'o1', phone: '13800138000', nested: { idNumber: '110101199003074514', note: 'x'.repeat(500) } })).toEqual({
      openid: 'o1',
      phone: '[已隐去]',
      nested: { idNumber: '[已隐去]', note: `${'x'.repeat(200)}…` },
    })
    expect(trimForAudit(Array.from({ length: 30 }, (_, i) => i))).toHaveLength(21)
  })

  it('every staff-only action that is not a read is logged; read-like names say they read', () => {
    const unmarkedReads: string[] = []
    for (const c of Object.values(contracts)) {
      for (const [name, def] of Object.entries(c.actions as Record<string, ActionContract>)) {
        if (isAudited(def) && /^(list|get|search)[A-Z]|(List|Detail|Queue|Tasks|Options|Candidates|Results)$/.test(name)) unmarkedReads.push(`${c.name}.${name}`)
      }
    }
    expect(unmarkedReads).toEqual([])
  })
})

describe('search', () => {
  beforeAll(async () => {
    // 25 more entries by two staff members, a minute apart.
    for (let i = 0; i < 25; i++) {
      const r = (await submitReport(cloud, `audit-resident-${i}`)).report
      cloud.rt.clock.advance(60_000)
      await cloud.as(i % 2 ? 'demo-staff' : 'staff-b').ok('report', 'reject', { id: r.id, reason: 'unclear', text: '照片无法辨认问题，请补充清晰照片后重新提交。' })
    }
  })

  it('pages newest first without gaps or repeats', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await search({ limit: 7, ...(cursor ? { cursor } : {}) })
      seen.push(...page.items.map((e) => e.id))
      for (let i = 1; i < page.items.length; i++) expect(page.items[i - 1].at >= page.items[i].at).toBe(true)
      cursor = page.nextCursor ?? undefined
      pages++
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBeGreaterThanOrEqual(28)
    expect(pages).toBe(Math.ceil(seen.length / 7))
  })

  it('filters by actor, action, outcome and time', async () => {
    const mine = await search({ actor: 'demo-staff', limit: 100 })
    expect(mine.items.length).toBeGreaterThanOrEqual(12)
    expect(mine.items.every((e) => e.actor.openid === 'demo-staff')).toBe(true)
    const rejects = await search({ fn: 'report', action: 'reject', limit: 100 })
    expect(rejects.items.every((e) => e.action === 'report.reject')).toBe(true)
    expect(rejects.items.length).toBeGreaterThanOrEqual(26)
    const refused = await search({ outcome: 'refused' })
    expect(refused.items.every((e) => e.outcome === 'refused')).toBe(true)
    const all = (await search({ limit: 100 })).items
    const from = all[10].at
    const to = all[3].at
    const window = await search({ from, to, limit: 100 })
    expect(window.items.map((e) => e.id)).toEqual(all.filter((e) => e.at >= from && e.at <= to).map((e) => e.id))
  })

  it('reads by index: documents examined stay near the page size', async () => {
    const { result, stats } = await cloud.rt.invokeWithStats('audit', { action: 'search', payload: { actor: 'demo-staff', limit: 5 } }, { openid: 'demo-admin' })
    expect((result as { ok: boolean }).ok).toBe(true)
    const scan = stats.ops.find((o) => o.collection === 'audit_log')!
    expect(scan.examined).toBeLessThanOrEqual(6)
    expect(stats.dbRoundTrips).toBeLessThanOrEqual(3)
  })

  it('is for admins only, and says what is wrong with a bad filter', async () => {
    expect((await cloud.as('demo-staff').fail('audit', 'search', {})).code).toBe('FORBIDDEN')
    const bad = await cloud.as('demo-admin').fail('audit', 'search', { action: 'reject' })
    expect(bad.code).toBe('INVALID_INPUT')
    expect(bad.message).toContain('功能')
    const catalog = await cloud.as('demo-admin').ok('audit', 'catalog', {})
    expect(catalog.items).toContainEqual({ fn: 'report', action: 'reject', label: expect.stringContaining('不予受理') })
    expect(catalog.items.find((a) => a.action === 'staffQueue')).toBeUndefined()
  })
})
