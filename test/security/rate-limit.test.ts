/**
 * Rate limits per caller and class (cloudfunctions/kernel/rate-limit.ts): counted atomically in the
 * database for writes and exports, per instance for everything else, in fixed windows of devcloud's clock.
 */
import { COLLECTIONS } from '../../src/domain/collections'
import { RATE_RULES, rateClassOf } from '../../cloudfunctions/kernel/rate-limit'
import type { TestCloud } from '../support/runtime'
import { allActions, startSecurityCloud } from './support'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startSecurityCloud()
})
afterAll(async () => {
  await cloud?.close()
})
afterEach(() => {
  cloud.rt.clock.reset()
})

const MINUTE = 60_000

/** Moves the clock just past the start of the next window, so a test's calls all fall in one window. */
function freshWindow(): number {
  const next = Math.ceil((cloud.rt.clock.now() + 1) / MINUTE) * MINUTE + 50
  cloud.rt.clock.set(next)
  return next
}

const rename = (openid: string, i: number) => cloud.as(openid).call('user', 'updateProfile', { nickname: `改名${i}` })

describe('classes', () => {
  it('are derived from what each action does: resident and volunteer changes are writes, bulk exports are exports', () => {
    const byClass = (cls: string) => allActions().filter((a) => rateClassOf(a.def) === cls).map((a) => `${a.fn}.${a.action}`).sort()
    // A new action lands in one of these lists by its contract's `effect`; this list makes the choice visible.
    expect(byClass('write')).toEqual(WRITE_ACTIONS)
    expect(byClass('export')).toEqual(['ledger.startExport', 'survey.export', 'user.exportMyData', 'volunteer.exportHours'])
  })
})

describe('writes', () => {
  it(`allows ${RATE_RULES.write.limit} a minute, then refuses with a clear message until the next window`, async () => {
    const who = 'o-rate-writer'
    const start = freshWindow()
    for (let i = 0; i < RATE_RULES.write.limit; i++) expect(await rename(who, i)).toMatchObject({ ok: true })
    const over = await rename(who, 99)
    expect(over).toEqual({ ok: false, code: 'RATE_LIMITED', message: '操作太频繁，请 1 分钟后再试' })
    // Nothing of the refused call was written.
    expect((await cloud.as(who).ok('user', 'me')).nickname).toBe(`改名${RATE_RULES.write.limit - 1}`)
    // Per caller: someone else is not affected; per class: this caller can still read.
    expect(await rename('o-rate-bystander', 1)).toMatchObject({ ok: true })
    expect(await cloud.as(who).call('city', 'listDistricts', {})).toMatchObject({ ok: true })
    // Per class: another write action shares the budget.
    expect(await cloud.as(who).call('board', 'exposureFollow', { id: 'e-none', follow: true })).toMatchObject({ code: 'RATE_LIMITED' })

    cloud.rt.clock.set(start + MINUTE)
    expect(await rename(who, 100)).toMatchObject({ ok: true, data: { nickname: '改名100' } })
  })

  it('counts concurrent calls atomically: of 80 at once, exactly the limit get through', async () => {
    const who = 'o-rate-burst'
    await cloud.as(who).ok('user', 'me')
    freshWindow()
    const answers = await Promise.all(Array.from({ length: 80 }, (_, i) => rename(who, i)))
    expect(answers.filter((a) => a.ok)).toHaveLength(RATE_RULES.write.limit)
    expect(answers.filter((a) => !a.ok && a.code === 'RATE_LIMITED')).toHaveLength(80 - RATE_RULES.write.limit)
    const doc = (await cloud.db.collection(COLLECTIONS.rateLimits).doc(`write:${who}`).get()).data as { count: number }
    expect(doc.count).toBe(RATE_RULES.write.limit)
  })

  it('holds across a window change during a burst (a stale counter is moved by one caller only)', async () => {
    const who = 'o-rate-stale'
    freshWindow()
    expect(await rename(who, 0)).toMatchObject({ ok: true })
    cloud.rt.clock.advance(MINUTE)
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => rename(who, i)))
    expect(answers.filter((a) => a.ok)).toHaveLength(RATE_RULES.write.limit)
  })

  it('does not count malformed calls, and costs one database round trip per counted call', async () => {
    const who = 'o-rate-malformed'
    freshWindow()
    for (let i = 0; i < RATE_RULES.write.limit + 5; i++) {
      expect(await cloud.as(who).call('user', 'updateProfile', { nickname: 42 })).toMatchObject({ code: 'INVALID_INPUT' })
    }
    expect(await rename(who, 1)).toMatchObject({ ok: true })
    const { result, stats } = await cloud.rt.invokeWithStats('user', { action: 'updateProfile', payload: { nickname: '再改一次' } }, { openid: who })
    expect(result).toMatchObject({ ok: true })
    expect(stats.ops.filter((op) => op.collection === COLLECTIONS.rateLimits)).toHaveLength(1)
    // Reads are counted in the instance, not in the database.
    const read = await cloud.rt.invokeWithStats('city', { action: 'listDistricts', payload: {} }, { openid: who })
    expect(read.stats.ops.filter((op) => op.collection === COLLECTIONS.rateLimits)).toHaveLength(0)
  })
})

describe('exports and reads', () => {
  it(`allows ${RATE_RULES.export.limit} exports a minute per staff member`, async () => {
    freshWindow()
    const range = { from: '2024-01-01T00:00:00.000Z', to: '2024-02-01T00:00:00.000Z' }
    for (let i = 0; i < RATE_RULES.export.limit; i++) expect(await cloud.as('demo-staff').call('volunteer', 'exportHours', range)).toMatchObject({ ok: true })
    expect(await cloud.as('demo-staff').call('volunteer', 'exportHours', range)).toEqual({ ok: false, code: 'RATE_LIMITED', message: '导出太频繁，请 1 分钟后再试' })
    // Staff work that is not an export goes on.
    expect(await cloud.as('demo-staff').call('volunteer', 'listRequests', {})).toMatchObject({ ok: true })
  })

  it(`allows ${RATE_RULES.standard.limit} other calls a minute, far beyond what a person does`, async () => {
    const who = 'o-rate-reader'
    freshWindow()
    for (let i = 0; i < RATE_RULES.standard.limit; i++) {
      const res = await cloud.as(who).call('city', 'listDistricts', {})
      if (!res.ok) throw new Error(`call ${i + 1} refused: ${JSON.stringify(res)}`)
    }
    expect(await cloud.as(who).call('city', 'listCategories', {})).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
  })
})

const WRITE_ACTIONS = [
  'board.exposureFollow',
  'report.cosign',
  'report.rate',
  'report.revisit',
  'report.submit',
  'survey.submit',
  'user.consent',
  'user.deleteAccount',
  'user.updateProfile',
  'volunteer.cancelRedemption',
  'volunteer.cancelRequest',
  'volunteer.cancelSignUp',
  'volunteer.completeRequest',
  'volunteer.issueCertificate',
  'volunteer.rateRequest',
  'volunteer.redeem',
  'volunteer.register',
  'volunteer.releaseRequest',
  'volunteer.requestCorrection',
  'volunteer.scan',
  'volunteer.signUp',
  'volunteer.submitRequest',
  'volunteer.takeRequest',
  'volunteer.updateProfile',
]
