/**
 * 随手拍's guards: idempotent submit (retries and a burst of concurrent submits of one draft), the compare-and-
 * set that lets only one of two concurrent staff decisions through, units kept to their own tasks, the
 * public view, the daily limit, the content check of text, photo ownership, nearby duplicates and 附议.
 */
import { COLLECTIONS } from '../../src/domain/collections'
import { DAILY_REPORT_LIMIT, DAY_MS, submitPhotoScope } from '../../src/domain/report'
import { countDocs, startCloud, type TestCloud } from '../support/runtime'
import { RATE_RULES } from '../../cloudfunctions/kernel/rate-limit'
import { makeStaff, makeUnitHandler, newClientId, pointIn, submitPayload, submitReport, uploadAfterPhoto, uploadPhoto, RISKY_PHOTO } from '../support/report'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
  await makeUnitHandler(cloud, 'o-guard-unit-gaoxin', 'u-cg-gaoxin')
  await makeStaff(cloud, 'o-guard-staff-2')
})
afterAll(async () => {
  await cloud?.close()
})
afterEach(() => {
  cloud.rt.clock.reset()
})

describe('idempotent submit', () => {
  it('answers a retry with the same report, marked replayed', async () => {
    const payload = await submitPayload(cloud, 'o-idem-seq')
    const first = await cloud.as('o-idem-seq').ok('report', 'submit', payload)
    const again = await cloud.as('o-idem-seq').ok('report', 'submit', payload)
    // Even a retry whose body changed (the app re-sent an edited draft) is the same submission.
    const edited = await cloud.as('o-idem-seq').ok('report', 'submit', { ...payload, description: '改过的描述，但还是同一次提交' })
    expect(first.replayed).toBe(false)
    expect(again).toEqual({ ...first, replayed: true })
    expect(edited.report.id).toBe(first.report.id)
    expect(edited.report.description).toBe(first.report.description)
    expect(await countDocs(cloud.db, COLLECTIONS.reports, { reporterId: 'o-idem-seq' })).toBe(1)
    // The same client id from another resident is another report.
    const other = await cloud.as('o-idem-seq-2').ok('report', 'submit', { ...payload, photos: [await uploadPhoto(cloud, 'o-idem-seq-2', submitPhotoScope(payload.clientId))] })
    expect(other.report.id).not.toBe(first.report.id)
  })

  it('makes 100 concurrent submits of one draft one report, the same answer for all it lets through', async () => {
    const openid = 'o-idem-burst'
    const payload = await submitPayload(cloud, openid)
    await cloud.rt.settle()
    const checksBefore = cloud.rt.mediaChecks.length
    const results = await Promise.all(Array.from({ length: 100 }, () => cloud.as(openid).call('report', 'submit', payload)))
    // A burst like this is what a script does: past the per-minute write limit the rest are RATE_LIMITED.
    const refused = results.filter((r) => !r.ok)
    expect(refused.length).toBeLessThanOrEqual(100 - RATE_RULES.write.limit)
    for (const r of refused) expect(r).toMatchObject({ code: 'RATE_LIMITED' })
    const ids = new Set(results.flatMap((r) => (r.ok ? [r.data.report.id] : [])))
    expect(ids.size).toBe(1)
    expect(results.filter((r) => r.ok && !r.data.replayed)).toHaveLength(1)
    expect(await countDocs(cloud.db, COLLECTIONS.reports, { reporterId: openid })).toBe(1)
    const [id] = ids
    expect(await countDocs(cloud.db, COLLECTIONS.reportEvents, { reportId: id })).toBe(1)
    // Only the submit that created it started the photo check.
    await cloud.rt.settle()
    expect(cloud.rt.mediaChecks.length - checksBefore).toBe(1)
  })
})

describe('concurrent decisions', () => {
  it('lets one of two staff act on a report; the other gets CONFLICT and nothing of theirs is written', async () => {
    const { report } = await submitReport(cloud, 'o-race-reporter')
    const [a, b] = await Promise.all([
      cloud.as('demo-staff').call('report', 'acceptDispatch', { id: report.id, unitId: 'u-cg-gaoxin' }),
      cloud.as('o-guard-staff-2').call('report', 'reject', { id: report.id, reason: 'not_found', text: '现场未发现该问题' }),
    ])
    const outcomes = [a, b].map((r) => (r.ok ? 'ok' : r.code)).sort()
    expect(outcomes).toEqual(['CONFLICT', 'ok'])
    const view = await cloud.as('demo-staff').ok('report', 'staffDetail', { id: report.id })
    expect(view.version).toBe(1)
    expect(view.timeline).toHaveLength(2)
    expect(view.status).toBe(a.ok ? 'dispatched' : 'rejected')
  })

  it('holds for a burst too: 10 staff decisions on one report, one wins', async () => {
    const { report } = await submitReport(cloud, 'o-race-burst')
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        cloud.as(i % 2 ? 'demo-staff' : 'o-guard-staff-2').call('report', 'acceptDispatch', { id: report.id, unitId: 'u-cg-gaoxin', deadlineDays: i + 1 }),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'CONFLICT')).toBe(true)
    expect(await countDocs(cloud.db, COLLECTIONS.reportEvents, { reportId: report.id })).toBe(2)
  })
})

describe('units see and act on their own tasks only', () => {
  it('hides unit B’s report from unit A and refuses A’s actions on it', async () => {
    const { report } = await submitReport(cloud, 'o-unit-scope')
    await cloud.as('demo-staff').ok('report', 'acceptDispatch', { id: report.id, unitId: 'u-cg-gaoxin' })
    // demo-unit works for 文华城管, not 高新城管.
    const other = cloud.as('demo-unit')
    expect((await other.fail('report', 'unitDetail', { id: report.id })).code).toBe('NOT_FOUND')
    expect((await other.fail('report', 'acknowledge', { id: report.id })).code).toBe('FORBIDDEN')
    expect((await other.fail('report', 'returnToStaff', { id: report.id, reason: '不是我们的' })).code).toBe('FORBIDDEN')
    const photo = await uploadAfterPhoto(cloud, 'demo-unit', report.id)
    expect((await other.fail('report', 'rectify', { id: report.id, photos: [photo], note: '已处理完毕' })).code).toBe('FORBIDDEN')
    const tasks = await other.ok('report', 'unitTasks', { limit: 50 })
    expect(tasks.items.map((t) => t.id)).not.toContain(report.id)
    expect(tasks.items.every((t) => t.dispatch?.unitId === 'u-cg-wenhua')).toBe(true)
    // The right unit can.
    expect((await cloud.as('o-guard-unit-gaoxin').ok('report', 'acknowledge', { id: report.id })).status).toBe('in_progress')
  })

  it('refuses a unit account that is not bound to a unit', async () => {
    await cloud.as('o-unbound-unit').ok('user', 'me')
    await cloud.db.collection(COLLECTIONS.users).doc('o-unbound-unit').update({ data: { roles: ['unit'] } })
    expect((await cloud.as('o-unbound-unit').fail('report', 'unitTasks', {})).code).toBe('FORBIDDEN')
  })
})

describe('what other residents see', () => {
  it('gives the public view: no reporter, no exact place, only photos that passed the check', async () => {
    const reporter = 'o-public-reporter'
    const clientId = newClientId()
    const scope = submitPhotoScope(clientId)
    const photos = [await uploadPhoto(cloud, reporter, scope), await uploadPhoto(cloud, reporter, scope, RISKY_PHOTO)]
    const { report } = await submitReport(cloud, reporter, { clientId, photos })
    // The photo paths do not name the reporter either.
    for (const p of photos) expect(p).not.toContain(reporter)
    // Every photo starts private; the verdicts come back asynchronously.
    expect(report.photos.map((p) => p.checked)).toEqual(['pending', 'pending'])
    await cloud.rt.settle()

    const seen = await cloud.as('o-public-reader').ok('report', 'detail', { id: report.id })
    expect(seen.view).toBe('public')
    expect(seen.photos).toEqual([photos[0]])
    expect(seen).toMatchObject({ place: { districtId: 'd-gaoxin', streetId: 's-kexue' } })
    const json = JSON.stringify(seen)
    expect(json).not.toContain(reporter)
    for (const key of ['reporterId', 'clientId', 'location', 'timeline', 'rating', 'revisit']) expect(seen).not.toHaveProperty(key)
    expect(json).not.toContain('高新区人才公寓A座北门')

    // The reporter sees both photos with their state; staff see the reporter, but only on the detail.
    const own = await cloud.as(reporter).ok('report', 'detail', { id: report.id })
    expect(own).toMatchObject({ view: 'own', photos: [{ fileId: photos[0], checked: 'pass' }, { fileId: photos[1], checked: 'risky' }] })
    const queue = await cloud.as('demo-staff').ok('report', 'staffQueue', { status: 'submitted', limit: 50 })
    const item = queue.items.find((r) => r.id === report.id)!
    expect(JSON.stringify(item)).not.toContain(reporter)
    expect(item.photos).toHaveLength(2)
  })
})

describe('daily limit', () => {
  it('refuses the 11th report of a day with a clear message, but not a retry, and allows more the next day', async () => {
    const openid = 'o-daily-limit'
    cloud.rt.clock.set('2031-03-04T02:00:00.000Z') // 10:00 in Beijing: the whole test stays within one China day
    const payloads = []
    for (let i = 0; i < DAILY_REPORT_LIMIT; i++) {
      const p = await submitPayload(cloud, openid)
      payloads.push(p)
      await cloud.as(openid).ok('report', 'submit', p)
    }
    const over = await cloud.as(openid).fail('report', 'submit', await submitPayload(cloud, openid))
    expect(over).toMatchObject({ code: 'RATE_LIMITED', message: `每人每天最多提交 ${DAILY_REPORT_LIMIT} 条随手拍，请明天再来` })
    // A retry of today's last report is not a new one.
    expect((await cloud.as(openid).ok('report', 'submit', payloads[DAILY_REPORT_LIMIT - 1])).replayed).toBe(true)
    cloud.rt.clock.advance(DAY_MS)
    expect((await cloud.as(openid).ok('report', 'submit', await submitPayload(cloud, openid))).replayed).toBe(false)
  })
})

describe('content checks and input', () => {
  it('refuses text the content check flags, saying which field, and stores nothing', async () => {
    const openid = 'o-text-check'
    const res = await cloud.as(openid).fail('report', 'submit', await submitPayload(cloud, openid, { description: '路口有人发代开发票的小广告' }))
    expect(res).toMatchObject({ code: 'INVALID_INPUT', message: '问题描述含有不适宜发布的内容，请修改后再提交', issues: [{ path: 'description' }] })
    const addr = await cloud.as(openid).fail('report', 'submit', await submitPayload(cloud, openid, { address: '六合彩投注站门口' }))
    expect(addr).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'location.address' }] })
    expect(await countDocs(cloud.db, COLLECTIONS.reports, { reporterId: openid })).toBe(0)
  })

  it('accepts only photos the caller uploaded into their folder for this draft, and that exist', async () => {
    const openid = 'o-photo-owner'
    const clientId = newClientId()
    const scope = submitPhotoScope(clientId)
    const submit = async (photos: string[]) => cloud.as(openid).fail('report', 'submit', await submitPayload(cloud, openid, { clientId, photos }))
    // Someone else's photo (from their own draft with the same client id, even).
    const someoneElses = await uploadPhoto(cloud, 'o-photo-victim', scope)
    expect(await submit([someoneElses])).toMatchObject({ code: 'FORBIDDEN', issues: [{ path: 'photos.0' }] })
    // A file put into someone else's folder is not theirs, whoever uploaded it.
    const planted = await uploadPhoto(cloud, openid, scope, undefined, 'o-photo-victim')
    expect((await submit([planted])).code).toBe('FORBIDDEN')
    // Their own photo of another draft is not reused either.
    const otherDraft = await uploadPhoto(cloud, openid, submitPhotoScope(newClientId()))
    expect((await submit([otherDraft])).code).toBe('FORBIDDEN')
    // Their folder, but a file never uploaded.
    const own = await uploadPhoto(cloud, openid, scope)
    const missing = own.replace(/[^/]+\.jpg$/, 'never-uploaded.jpg')
    expect(await submit([own, missing])).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'photos.1', message: '照片不存在或上传未完成，请重新上传' }] })
    const folder = own.split('/').slice(-2)[0]
    expect((await submit([`cloud://devcloud-local.x/reports/${folder}/../x/a.jpg`])).code).toBe('FORBIDDEN')
    expect(await countDocs(cloud.db, COLLECTIONS.reports, { reporterId: openid })).toBe(0)
    // Unit after-photos belong to the 整改 of that one report.
    const { report } = await submitReport(cloud, 'o-photo-reporter')
    await cloud.as('demo-staff').ok('report', 'acceptDispatch', { id: report.id, unitId: 'u-cg-gaoxin' })
    const wrong = await uploadAfterPhoto(cloud, 'o-guard-unit-gaoxin', 'some-other-report')
    const res = await cloud.as('o-guard-unit-gaoxin').fail('report', 'rectify', { id: report.id, photos: [wrong], note: '已整改完毕' })
    expect(res.code).toBe('FORBIDDEN')
    expect((await cloud.as('demo-staff').ok('report', 'staffDetail', { id: report.id })).status).toBe('dispatched')
  })

  it('derives the place on the server; a point outside the mapped city has none', async () => {
    const { report } = await submitReport(cloud, 'o-outside', { at: { lat: 30.5, lng: 114.3 } })
    expect(report.location).toMatchObject({ districtId: null, streetId: null, gridId: null })
    // Client-sent place fields are not accepted at all.
    const payload = await submitPayload(cloud, 'o-outside')
    const res = await cloud.as('o-outside').fail('report', 'submit', { ...payload, location: { ...payload.location, districtId: 'd-wenhua' } })
    expect(res.code).toBe('INVALID_INPUT')
  })

  it('refuses an unknown category', async () => {
    const res = await cloud.as('o-bad-category').fail('report', 'submit', await submitPayload(cloud, 'o-bad-category', { categoryId: 'no-such-thing' }))
    expect(res).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'categoryId' }] })
  })
})

describe('nearbyOpen and 附议', () => {
  it('finds the same open problem nearby, and lets others co-sign it once', async () => {
    const here = pointIn('g-chuangye-2-a', 0, 0)
    const { report } = await submitReport(cloud, 'o-near-first', { at: here, categoryId: 'sanitation-corner' })

    const near = await cloud.as('o-near-second').ok('report', 'nearbyOpen', { ...pointIn('g-chuangye-2-a', 30, 20), categoryId: 'sanitation-corner' })
    expect(near.items.map((i) => i.id)).toEqual([report.id])
    expect(near.items[0].distanceM).toBeGreaterThanOrEqual(30)
    expect(near.items[0].distanceM).toBeLessThanOrEqual(40)
    expect(near.items[0].distanceM % 10).toBe(0)
    expect(JSON.stringify(near)).not.toContain('o-near-first')
    // Another category, or too far, is not the same problem.
    expect((await cloud.as('o-near-second').ok('report', 'nearbyOpen', { ...here, categoryId: 'city-stall' })).items.map((i) => i.id)).not.toContain(report.id)
    expect((await cloud.as('o-near-second').ok('report', 'nearbyOpen', { ...pointIn('g-chuangye-2-a', 400, 0), categoryId: 'sanitation-corner' })).items).toEqual([])
    // Any category when none is given.
    expect((await cloud.as('o-near-second').ok('report', 'nearbyOpen', { ...here })).items.map((i) => i.id)).toContain(report.id)
    // Older than 7 days is a new occurrence.
    cloud.rt.clock.advance(8 * DAY_MS)
    expect((await cloud.as('o-near-second').ok('report', 'nearbyOpen', { ...here, categoryId: 'sanitation-corner' })).items).toEqual([])
    cloud.rt.clock.reset()

    expect(await cloud.as('o-near-second').ok('report', 'cosign', { id: report.id })).toEqual({ id: report.id, cosignCount: 1, cosigned: true })
    expect(await cloud.as('o-near-second').ok('report', 'cosign', { id: report.id })).toEqual({ id: report.id, cosignCount: 1, cosigned: true })
    expect((await cloud.as('o-near-third').ok('report', 'cosign', { id: report.id })).cosignCount).toBe(2)
    expect((await cloud.as('o-near-first').fail('report', 'cosign', { id: report.id })).code).toBe('FORBIDDEN')

    // Co-signers hear of its progress like the reporter.
    const mark = cloud.rt.outbox.length
    await cloud.as('demo-staff').ok('report', 'acceptDispatch', { id: report.id, unitId: 'u-hw' })
    expect(cloud.rt.outbox.slice(mark).map((m) => m.touser).sort()).toEqual(['o-near-first', 'o-near-second', 'o-near-third'])

    // Closed ones take no 附议; rejected ones are not public at all.
    const closedOne = await submitReport(cloud, 'o-near-fourth', { at: pointIn('g-chuangye-2-b'), categoryId: 'sanitation-corner' })
    await cloud.as('demo-staff').ok('report', 'outOfScope', { id: closedOne.report.id, note: '属于铁路部门管理范围' })
    expect((await cloud.as('o-near-second').fail('report', 'cosign', { id: closedOne.report.id })).code).toBe('CONFLICT')
    const rejected = await submitReport(cloud, 'o-near-fourth', { at: pointIn('g-chuangye-2-b'), categoryId: 'sanitation-corner' })
    await cloud.as('demo-staff').ok('report', 'reject', { id: rejected.report.id, reason: 'not_found', text: '现场未发现问题' })
    expect((await cloud.as('o-near-second').fail('report', 'cosign', { id: rejected.report.id })).code).toBe('NOT_FOUND')
  })
})

describe('notifications never fail an action', () => {
  it('goes through even when every subscribe message is refused', async () => {
    // The function registered without the subscribeMessage.send permission: WeChat refuses each send (-604101).
    const config = { permissions: { openapi: ['security.msgSecCheck', 'security.mediaCheckAsync'] }, triggers: [{ name: 'overdue', type: 'timer', config: '0 */10 * * * * *' }] }
    const strict = await startCloud({ configs: { report: config } })
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      await makeUnitHandler(strict, 'o-nosend-unit', 'u-cg-gaoxin')
      const { report } = await submitReport(strict, 'o-nosend-reporter')
      const res = await strict.as('demo-staff').ok('report', 'acceptDispatch', { id: report.id, unitId: 'u-cg-gaoxin' })
      expect(res.status).toBe('dispatched')
      expect(strict.rt.outbox).toEqual([])
      expect(warn).toHaveBeenCalled()
      strict.rt.clock.advance(10 * DAY_MS)
      expect((await strict.rt.runTrigger('report', 'overdue')).ok).toBe(true)
      expect((await strict.as('demo-staff').ok('report', 'staffDetail', { id: report.id })).flags.escalations).toBe(1)
    } finally {
      warn.mockRestore()
      await strict.close()
    }
  })
})
