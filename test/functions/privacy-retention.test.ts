/**
 * Retention: photos of reports closed without a fix (不予受理, 重复, 不属于本市职责) are deleted from storage
 * REJECTED_PHOTO_RETENTION_DAYS after closing by the daily `retention` timer; the report keeps its text and
 * timeline and says its photos were purged. Driven by devcloud's clock and its trigger runner.
 */
import { COLLECTIONS } from '../../src/domain/collections'
import { DAY_MS, REJECTED_PHOTO_RETENTION_DAYS } from '../../src/domain/report'
import { functionConfig, startCloud, type TestCloud } from '../support/runtime'
import { makeUnitHandler, pointIn, submitReport, uploadAfterPhoto } from '../support/report'

let cloud: TestCloud
const START = new Date('2025-03-04T02:00:00.000Z')
const REPORTER = 'o-retention-reporter'
const UNIT = 'o-retention-unit'

beforeAll(async () => {
  cloud = await startCloud({ now: START })
  await makeUnitHandler(cloud, UNIT, 'u-cg-gaoxin')
})
afterAll(async () => {
  await cloud?.close()
})

const staff = () => cloud.as('demo-staff')
const storage = () => cloud.rt.storageApi as unknown as { downloadFile(p: { fileID: string }): Promise<unknown> }
const exists = (fileID: string) =>
  storage()
    .downloadFile({ fileID })
    .then(
      () => true,
      () => false,
    )
const runRetention = async () => {
  const res = await cloud.rt.runTrigger('report', 'retention')
  expect(res.ok).toBe(true)
  return res.data as { purged: number; filesDeleted: number }
}

describe('the retention timer', () => {
  it('is declared as a daily trigger next to the overdue one', () => {
    const config = functionConfig('report') as { triggers: { name: string; type: string; config: string }[] }
    expect(config.triggers).toContainEqual({ name: 'retention', type: 'timer', config: '0 30 3 * * * *' })
  })

  it('deletes the photos of rejected, duplicate and out-of-scope reports after the period, once, and keeps fixed ones', async () => {
    cloud.rt.clock.set(START)
    const rejected = (await submitReport(cloud, REPORTER, { at: pointIn('g-kexue-1-a', 10, 0) })).report
    const original = (await submitReport(cloud, 'o-retention-other', { at: pointIn('g-kexue-1-a', 200, 0), description: '路口流动摊贩很多天了，占道经营影响通行。' })).report
    const duplicate = (await submitReport(cloud, REPORTER, { at: pointIn('g-kexue-1-a', 205, 0), description: '路口流动摊贩占道，油烟很大，希望尽快处理。' })).report
    const outOfScope = (await submitReport(cloud, REPORTER, { at: pointIn('g-kexue-1-a', 400, 0) })).report
    const fixed = (await submitReport(cloud, REPORTER, { at: pointIn('g-kexue-1-a', 600, 0) })).report

    await staff().ok('report', 'reject', { id: rejected.id, reason: 'unclear', text: '照片无法辨认问题，请重新拍摄后提交' })
    await staff().ok('report', 'merge', { id: duplicate.id, originalId: original.id })
    await staff().ok('report', 'outOfScope', { id: outOfScope.id, note: '属于铁路部门管理范围，请拨打12306反映' })
    await staff().ok('report', 'acceptDispatch', { id: fixed.id, unitId: 'u-cg-gaoxin' })
    await cloud.as(UNIT).ok('report', 'acknowledge', { id: fixed.id })
    const after = await uploadAfterPhoto(cloud, UNIT, fixed.id)
    await cloud.as(UNIT).ok('report', 'rectify', { id: fixed.id, photos: [after], note: '已清理' })
    await staff().ok('report', 'verifyClose', { id: fixed.id })

    // Rejected later, so still within its period when the first three are due.
    cloud.rt.clock.set(new Date(START.getTime() + 30 * DAY_MS))
    const late = (await submitReport(cloud, REPORTER, { at: pointIn('g-kexue-1-a', 800, 0) })).report
    await staff().ok('report', 'reject', { id: late.id, reason: 'unclear', text: '照片无法辨认问题，请重新拍摄后提交' })

    const closedOnes = [rejected, duplicate, outOfScope]
    const files = closedOnes.flatMap((r) => r.photos.map((p) => p.fileId))
    for (const f of [...files, ...fixed.photos.map((p) => p.fileId), after, ...late.photos.map((p) => p.fileId)]) expect(await exists(f)).toBe(true)

    // One day short of the period: ours are kept (the demo city's older rejections may go meanwhile).
    cloud.rt.clock.set(new Date(START.getTime() + (REJECTED_PHOTO_RETENTION_DAYS - 1) * DAY_MS))
    await runRetention()
    for (const f of files) expect(await exists(f)).toBe(true)

    // Past it: the three closed-without-fix reports lose their files.
    cloud.rt.clock.set(new Date(START.getTime() + (REJECTED_PHOTO_RETENTION_DAYS + 1) * DAY_MS))
    const run = await runRetention()
    expect(run.purged).toBeGreaterThanOrEqual(3)
    expect(run.filesDeleted).toBeGreaterThanOrEqual(files.length)
    for (const f of files) expect(await exists(f)).toBe(false)
    // The fixed report (before/after) and the recently rejected one are untouched.
    for (const f of [...fixed.photos.map((p) => p.fileId), after, ...late.photos.map((p) => p.fileId)]) expect(await exists(f)).toBe(true)

    // The report stays, with its text and timeline, and tells the reporter and staff why the photo is gone.
    const own = (await cloud.as(REPORTER).ok('report', 'detail', { id: rejected.id })) as { description: string; photos: { checked: string }[] }
    expect(own.description).toBe(rejected.description)
    expect(own.photos.map((p) => p.checked)).toEqual(['purged'])
    const staffView = await staff().ok('report', 'staffDetail', { id: outOfScope.id })
    expect(staffView.photos.every((p: { checked: string }) => p.checked === 'purged')).toBe(true)
    expect(staffView.timeline.map((e: { type: string }) => e.type)).toEqual(['submit', 'outOfScope'])
    const stored = await cloud.db.collection(COLLECTIONS.reports).doc(duplicate.id).get()
    const purgedAt = Date.parse((stored.data as { photosPurgedAt: string }).photosPurgedAt)
    expect(Math.abs(purgedAt - (START.getTime() + (REJECTED_PHOTO_RETENTION_DAYS + 1) * DAY_MS))).toBeLessThan(60_000)

    // Idempotent: run again, nothing more to do.
    expect(await runRetention()).toEqual({ purged: 0, filesDeleted: 0 })

    // The late one's turn comes 30 days later.
    cloud.rt.clock.set(new Date(START.getTime() + (REJECTED_PHOTO_RETENTION_DAYS + 31) * DAY_MS))
    expect((await runRetention()).purged).toBeGreaterThanOrEqual(1)
    expect(await exists(late.photos[0].fileId)).toBe(false)
    const lateOwn = (await cloud.as(REPORTER).ok('report', 'detail', { id: late.id })) as { photos: { checked: string }[] }
    expect(lateOwn.photos[0].checked).toBe('purged')
    cloud.rt.clock.reset()
  })

  it('reads due reports from its index, not by scanning every closed report', async () => {
    const identity = { source: 'wx_trigger' } as { openid?: string }
    const res = await cloud.rt.invokeWithStats('report', { Type: 'Timer', TriggerName: 'retention' }, identity)
    expect(res.result).toMatchObject({ ok: true })
    const plans = res.stats.ops.filter((o) => o.collection === COLLECTIONS.reports && o.plan).map((o) => o.plan)
    expect(plans.length).toBeGreaterThan(0)
    for (const plan of plans) expect(plan).toContain('status_photosPurgedAt_queueKey')
  })
})
