/**
 * Who reads whose data. A unit handler cannot read or act on what belongs to another unit (every unit
 * action that takes an id, generated from the contracts); a resident cannot read another resident's
 * report beyond its public view; and no list any other account can call returns a resident's mobile
 * number or ID number.
 */
import { z } from 'zod'
import { COLLECTIONS } from '../../src/domain/collections'
import type { TestCloud } from '../support/runtime'
import { uploadAfterPhoto } from '../support/report'
import { allActions, contractFunctions, ROLE_ACCOUNTS, startSecurityCloud } from './support'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startSecurityCloud()
})
afterAll(async () => {
  await cloud?.close()
})

const present = new Set(Object.keys(contractFunctions()))
const ACTIONS = allActions().filter((a) => present.has(a.fn))
const inputKeys = (a: (typeof ACTIONS)[number]) => Object.keys((z.toJSONSchema(a.def.input, { io: 'input', unrepresentable: 'any' }) as { properties?: object }).properties ?? {})

describe('units', () => {
  /** Another unit's live record, and a payload that would be accepted if it were ours. */
  const FOREIGN: Record<string, (c: TestCloud) => Promise<{ id: string; payload: Record<string, unknown>; version: () => Promise<unknown> }>> = {
    'report.unitDetail': async (c) => foreignReport(c, (id) => ({ id })),
    'report.acknowledge': async (c) => foreignReport(c, (id) => ({ id, note: '收到，马上处理' })),
    'report.rectify': async (c) => {
      const r = await foreignReport(c, (id) => ({ id }))
      return { ...r, payload: { id: r.id, photos: [await uploadAfterPhoto(c, ROLE_ACCOUNTS.unit, r.id)], note: '已清理完毕' } }
    },
    'report.returnToStaff': async (c) => foreignReport(c, (id) => ({ id, reason: '不属于本单位' })),
    'board.exposureReply': async (c) => {
      const e = (await c.db.collection(COLLECTIONS.exposures).where({ state: 'published', 'unit.id': c.db.command.neq('u-cg-wenhua') }).limit(1).get()).data[0] as { _id: string }
      const version = async () => JSON.stringify((await c.db.collection(COLLECTIONS.exposures).doc(e._id).get()).data)
      return { id: e._id, payload: { id: e._id, text: '已安排整改' }, version }
    },
  }
  async function foreignReport(c: TestCloud, payload: (id: string) => Record<string, unknown>) {
    const r = (await c.db.collection(COLLECTIONS.reports).where({ 'dispatch.unitId': c.db.command.neq('u-cg-wenhua'), status: c.db.command.in(['dispatched', 'in_progress']) }).limit(1).get()).data[0] as { _id: string }
    const version = async () => ((await c.db.collection(COLLECTIONS.reports).doc(r._id).get()).data as { version: number }).version
    return { id: r._id, payload: payload(r._id), version }
  }

  const unitById = ACTIONS.filter((a) => a.def.roles.every((r) => r === 'unit') && inputKeys(a).includes('id'))

  it('every unit action on one record is checked here', () => {
    expect(unitById.map((a) => `${a.fn}.${a.action}`).sort()).toEqual(Object.keys(FOREIGN).sort())
  })

  it.each(unitById.map((a) => [`${a.fn}.${a.action}`, a] as const))('%s on another unit’s record is refused and changes nothing', async (name, a) => {
    const { id, payload, version } = await FOREIGN[name](cloud)
    const before = await version()
    const res = await cloud.as(ROLE_ACCOUNTS.unit).call(a.fn, a.action, payload)
    expect([name, res.ok ? 'ok' : res.code]).toEqual([name, expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/)])
    expect(await version()).toEqual(before)
    expect(id).toBeTruthy()
  })

  it('lists only the unit’s own tasks', async () => {
    const tasks = await cloud.as(ROLE_ACCOUNTS.unit).ok('report', 'unitTasks', { limit: 50 })
    expect(tasks.items.length).toBeGreaterThan(0)
    expect(tasks.items.every((t) => t.dispatch?.unitId === 'u-cg-wenhua')).toBe(true)
  })
})

describe('residents', () => {
  it('see only the public view of someone else’s report: no reporter, no exact place, no timeline', async () => {
    const own = (await cloud.db.collection(COLLECTIONS.reports).where({ reporterId: 'demo-resident' }).limit(1).get()).data[0] as { _id: string; location: { lat: number; address: string } }
    const mine = await cloud.as('demo-resident').ok('report', 'detail', { id: own._id })
    expect(mine.view).toBe('own')
    const theirs = await cloud.as('demo-resident-2').ok('report', 'detail', { id: own._id })
    expect(theirs.view).toBe('public')
    const text = JSON.stringify(theirs)
    for (const secret of ['demo-resident"', own.location.address, String(own.location.lat)]) expect([secret, text.includes(secret)]).toEqual([secret, false])
    expect(theirs).not.toHaveProperty('timeline')
    // Nor can they rate or answer the 回访 of it, or find it in their own list.
    expect((await cloud.as('demo-resident-2').call('report', 'rate', { id: own._id, score: 'satisfied' })).ok).toBe(false)
    expect((await cloud.as('demo-resident-2').call('report', 'revisit', { id: own._id, answer: 'resolved' })).ok).toBe(false)
    const list = await cloud.as('demo-resident-2').ok('report', 'myList', { limit: 50 })
    expect(list.items.map((r) => r.id)).not.toContain(own._id)
  })
})

describe('personal numbers', () => {
  const MOBILE = '13712345678'
  const CONTACT = '13698765432'
  const ID_NUMBER = '11010519491231002X'
  const SUBJECT = 'o-pii-subject'

  beforeAll(async () => {
    await cloud.as(SUBJECT).ok('user', 'me')
    const reg = await cloud.as(SUBJECT).call('volunteer', 'register', {
      name: '隐私测试', mobile: MOBILE, idNumber: ID_NUMBER, gender: 'female', skills: [], services: ['environment'], availability: ['weekend_morning'], consent: true,
    })
    expect(reg).toMatchObject({ ok: true })
    const req = await cloud.as(SUBJECT).call('volunteer', 'submitRequest', {
      category: 'elderly', place: { address: '幸福里小区9号楼1单元', lat: 34.62, lng: 112.45 }, expectedAt: new Date(cloud.rt.clock.now() + 2 * 86400_000).toISOString(),
      description: '老人独居，需要志愿者帮忙买菜。', contactName: '隐私联系人', contactMobile: CONTACT,
    })
    expect(req).toMatchObject({ ok: true })
  })

  const lists = ACTIONS.filter((a) => (a.def.effect === 'read' || a.def.effect === 'export') && !inputKeys(a).includes('id'))

  it.each(Object.entries(ROLE_ACCOUNTS))('no list %s can call shows another resident’s mobile or ID number', async (role, account) => {
    // Staff handle registrations and 点单 and may see the mobile; nobody ever gets the full ID number back.
    const secrets = role === 'staff' || role === 'admin' ? [ID_NUMBER] : [ID_NUMBER, MOBILE, CONTACT]
    let called = 0
    for (const a of lists.filter((x) => x.def.roles.includes(role as never) || x.def.roles.includes('resident'))) {
      const res = await cloud.as(account).call(a.fn, a.action, {})
      if (!res.ok) continue
      called++
      const text = JSON.stringify(res.data)
      for (const s of secrets) expect([`${a.fn}.${a.action}`, text.includes(s)]).toEqual([`${a.fn}.${a.action}`, false])
    }
    expect(called).toBeGreaterThan(5)
  })

  it('are there to be found: the resident reads their own contact number back, but never the full ID number', async () => {
    expect(JSON.stringify(await cloud.as(SUBJECT).ok('volunteer', 'myRequests', {}))).toContain(CONTACT)
    expect(JSON.stringify(await cloud.as(SUBJECT).ok('volunteer', 'myProfile', {}))).not.toContain(ID_NUMBER)
  })
})
