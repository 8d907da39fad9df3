/**
 * The asynchronous photo check: submit starts security.mediaCheckAsync for each photo; the verdict comes
 * back later as a `wxa_media_check` message push to the report function (devcloud.config.json
 * messagePushFunction). A refused photo stays private for good and its uploader is told.
 */
import { COLLECTIONS } from '../../src/domain/collections'
import { REPORT_TEMPLATES, submitPhotoScope } from '../../src/domain/report'
import { recordCheck } from '../../cloudfunctions/report/photos'
import { startCloud, type TestCloud } from '../support/runtime'
import { makeUnitHandler, messagesTo, newClientId, RISKY_PHOTO, submitReport, uploadAfterPhoto, uploadPhoto } from '../support/report'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startCloud()
  await makeUnitHandler(cloud, 'o-media-unit', 'u-cg-gaoxin')
})
afterAll(async () => {
  await cloud?.close()
})

interface CheckDoc {
  _id: string
  reportId: string
  fileId: string
  target: string
  uploader: string
  verdict: string | null
}

async function checksOf(reportId: string): Promise<CheckDoc[]> {
  return (await cloud.db.collection(COLLECTIONS.reportMediaChecks).where({ reportId }).get()).data as CheckDoc[]
}

async function submitWithRisky(reporter: string) {
  const clientId = newClientId()
  const scope = submitPhotoScope(clientId)
  const photos = [await uploadPhoto(cloud, reporter, scope), await uploadPhoto(cloud, reporter, scope, RISKY_PHOTO)]
  const { report } = await submitReport(cloud, reporter, { clientId, photos })
  return { id: report.id, photos }
}

describe('photo content check', () => {
  it('checks every photo asynchronously; a risky one stays private and its uploader is told', async () => {
    const reporter = 'o-media-reporter'
    const mark = cloud.rt.outbox.length
    const { id, photos } = await submitWithRisky(reporter)

    // Started at submit, one check per photo, remembered by trace id (the verdicts arrive asynchronously).
    const started = await checksOf(id)
    expect(started.map((c) => c.fileId).sort()).toEqual([...photos].sort())
    expect(started.every((c) => c.target === 'photos' && c.uploader === reporter)).toBe(true)

    await cloud.rt.settle()
    const own = await cloud.as(reporter).ok('report', 'detail', { id })
    expect(own.photos).toEqual([
      { fileId: photos[0], checked: 'pass' },
      { fileId: photos[1], checked: 'risky' },
    ])
    expect((await checksOf(id)).map((c) => c.verdict).sort()).toEqual(['pass', 'risky'])
    const pub = await cloud.as('o-media-reader').ok('report', 'detail', { id })
    expect(pub.photos).toEqual([photos[0]])
    // Staff still see it, marked.
    expect((await cloud.as('demo-staff').ok('report', 'staffDetail', { id })).photos[1]).toEqual({ fileId: photos[1], checked: 'risky' })

    const told = messagesTo(cloud, reporter, mark)
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({ templateId: REPORT_TEMPLATES.photoRejected, data: { thing2: { value: '照片未通过内容安全审核' } } })
  })

  it('never flips a refused photo, and ignores a repeated verdict', async () => {
    const { id, photos } = await submitWithRisky('o-media-flip')
    await cloud.rt.settle()
    const risky = (await checksOf(id)).find((c) => c.fileId === photos[1])!
    // WeChat delivering the push again, or a later "pass" for the same trace id: nothing changes.
    const mark = cloud.rt.outbox.length
    for (const suggest of ['risky', 'pass']) {
      const res = await cloud.rt.invoke('report', { Event: 'wxa_media_check', trace_id: risky._id, errcode: 0, result: { suggest } }, { openid: 'o-media-flip', source: 'wx_unknown' })
      expect(res).toEqual({ ok: true, data: { applied: false } })
    }
    const own = await cloud.as('o-media-flip').ok('report', 'detail', { id })
    expect(own.photos[1]).toEqual({ fileId: photos[1], checked: 'risky' })
    expect(cloud.rt.outbox.length).toBe(mark)
  })

  it('cannot be faked by a mini-program user', async () => {
    const reporter = 'o-media-forger'
    const { id, photos } = await submitWithRisky(reporter)
    await cloud.rt.settle()
    const risky = (await checksOf(id)).find((c) => c.fileId === photos[1])!
    // A client call is never taken for a push (WeChat marks it with userInfo and SOURCE wx_client).
    const forged = await cloud.invoke('report', { Event: 'wxa_media_check', trace_id: risky._id, result: { suggest: 'pass' } }, reporter)
    expect(forged).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
    // A push about a trace id the function never issued changes nothing.
    const unknown = await cloud.rt.invoke('report', { Event: 'wxa_media_check', trace_id: 'not-ours-123', result: { suggest: 'pass' } }, { source: 'wx_unknown' })
    expect(unknown).toEqual({ ok: true, data: { applied: false } })
    expect((await cloud.as(reporter).ok('report', 'detail', { id })).photos[1]).toEqual({ fileId: photos[1], checked: 'risky' })
  })

  it('applies a verdict that arrives before its trace id was recorded', async () => {
    // The push may overtake the write of the trace id (the check runs elsewhere). Then the verdict waits
    // under its trace id, and recording the trace id applies it.
    const reporter = 'o-media-early'
    const { report } = await submitReport(cloud, reporter)
    await cloud.rt.settle()
    const photo = report.photos[0].fileId
    await cloud.db.collection(COLLECTIONS.reports).doc(report.id).update({ data: { 'photos.0.checked': 'pending' } }) // as if not yet checked
    const trace = 'early-trace-0001'
    const push = await cloud.rt.invoke('report', { Event: 'wxa_media_check', trace_id: trace, result: { suggest: 'risky' } }, { source: 'wx_unknown' })
    expect(push).toEqual({ ok: true, data: { applied: false } })
    expect((await cloud.db.collection(COLLECTIONS.reportMediaChecks).where({ _id: trace }).get()).data[0]).toMatchObject({ verdict: 'risky', early: true })

    const mark = cloud.rt.outbox.length
    const sdk = require('wx-server-sdk')
    await recordCheck({ db: cloud.db, _: cloud.db.command, cloud: sdk }, { _id: trace, reportId: report.id, fileId: photo, target: 'photos', uploader: reporter, createdAt: new Date().toISOString(), verdict: null, checkedAt: null })
    expect((await cloud.as(reporter).ok('report', 'detail', { id: report.id })).photos[0]).toEqual({ fileId: photo, checked: 'risky' })
    expect((await cloud.db.collection(COLLECTIONS.reportMediaChecks).where({ _id: trace }).get()).data[0]).toMatchObject({ reportId: report.id, fileId: photo, verdict: 'risky' })
    expect(messagesTo(cloud, reporter, mark).map((m) => m.templateId)).toEqual([REPORT_TEMPLATES.photoRejected])
  })

  it('checks a unit’s after-photos too: only passed ones are shown to residents', async () => {
    const { report } = await submitReport(cloud, 'o-media-after')
    await cloud.as('demo-staff').ok('report', 'acceptDispatch', { id: report.id, unitId: 'u-cg-gaoxin' })
    const good = await uploadAfterPhoto(cloud, 'o-media-unit', report.id)
    const bad = await uploadAfterPhoto(cloud, 'o-media-unit', report.id, RISKY_PHOTO)
    const mark = cloud.rt.outbox.length
    await cloud.as('o-media-unit').ok('report', 'rectify', { id: report.id, photos: [good, bad], note: '已清理完毕，恢复通行。' })
    await cloud.rt.settle()
    const unitView = await cloud.as('o-media-unit').ok('report', 'unitDetail', { id: report.id })
    expect(unitView.rectification?.photos).toEqual([
      { fileId: good, checked: 'pass' },
      { fileId: bad, checked: 'risky' },
    ])
    const own = await cloud.as('o-media-after').ok('report', 'detail', { id: report.id })
    expect(own.rectification?.photos).toEqual([good])
    expect(messagesTo(cloud, 'o-media-unit', mark).map((m) => m.templateId)).toEqual([REPORT_TEMPLATES.photoRejected])
  })
})
