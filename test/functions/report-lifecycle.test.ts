/**
 * 随手拍 end to end through devcloud: a resident's report from photo to fixed, and the branches off the
 * happy path (不予受理, 合并, 退回 → 改派, 核验不通过, 不满意, 回访未解决), with the timeline and the
 * subscribe messages each step leaves behind.
 */
import { COLLECTIONS } from '../../src/domain/collections'
import { deadlineFrom, DAY_MS, REPORT_TEMPLATES } from '../../src/domain/report'
import { countDocs, startCloud, type TestCloud } from '../support/runtime'
import { makeUnitHandler, messagesTo, pointIn, submitReport, uploadAfterPhoto } from '../support/report'

let cloud: TestCloud
const STAFF = 'demo-staff'
const UNIT = 'o-unit-gaoxin' // 高新城管
const UNIT_JJ = 'o-unit-jj' // 交警支队

beforeAll(async () => {
  cloud = await startCloud()
  await makeUnitHandler(cloud, UNIT, 'u-cg-gaoxin')
  await makeUnitHandler(cloud, UNIT_JJ, 'u-jj')
})
afterAll(async () => {
  await cloud?.close()
})
afterEach(() => {
  cloud.rt.clock.reset()
})

const staff = () => cloud.as(STAFF)
const unit = () => cloud.as(UNIT)

async function dispatched(reporter: string, unitId = 'u-cg-gaoxin') {
  const { report } = await submitReport(cloud, reporter)
  await staff().ok('report', 'acceptDispatch', { id: report.id, unitId })
  return report.id
}

async function rectified(reporter: string) {
  const id = await dispatched(reporter)
  await unit().ok('report', 'rectify', { id, photos: [await uploadAfterPhoto(cloud, UNIT, id)], note: '已清理占道摊点，恢复人行道通行。' })
  return id
}

async function closed(reporter: string) {
  const id = await rectified(reporter)
  await staff().ok('report', 'verifyClose', { id, note: '现场核验已整改到位。' })
  return id
}

describe('the whole loop: submit → acceptDispatch → acknowledge → rectify → verifyClose → rate', () => {
  it('takes a report from photo to fixed, recording every step', async () => {
    const reporter = 'o-loop-reporter'
    const outboxStart = cloud.rt.outbox.length

    // 市民 submits: district/street/grid come from the point, not the client.
    const submitted = await submitReport(cloud, reporter)
    expect(submitted.replayed).toBe(false)
    const id = submitted.report.id
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    expect(submitted.report).toMatchObject({
      status: 'submitted',
      categoryId: 'city-stall',
      location: { districtId: 'd-gaoxin', streetId: 's-kexue', gridId: 'g-kexue-1' },
      photos: [{ checked: 'pending' }],
      dispatch: null,
    })

    // 创城办 sees it with the reporter and a dispatch proposal: the district's 城管, the category's 3 days.
    const detail = await staff().ok('report', 'staffDetail', { id })
    expect(detail.reporter.id).toBe(reporter)
    expect(detail.version).toBe(0)
    expect(detail.proposal).toMatchObject({ unit: { id: 'u-cg-gaoxin', type: '城管' }, deadlineDays: 3, gridUnit: { id: 'u-bb-wlj' } })
    expect(detail.proposal.candidates.map((u) => u.id)).toContain('u-cg-wenhua')
    expect(detail.proposal.basis).toContain('城管')
    expect(detail.timeline).toHaveLength(1)

    const accepted = await staff().ok('report', 'acceptDispatch', { id, unitId: detail.proposal.unit!.id })
    const now = new Date(cloud.rt.clock.now())
    expect(accepted).toMatchObject({ id, status: 'dispatched', version: 1, event: { type: 'acceptDispatch', actor: { role: 'staff' } } })
    expect(accepted.event.deadline).toBe(deadlineFrom(now, 3).toISOString())
    expect(accepted.event.unit).toEqual({ id: 'u-cg-gaoxin', name: '示范市高新区城市管理局' })

    // 责任单位 finds it in its tasks, takes it, fixes it.
    const tasks = await unit().ok('report', 'unitTasks', {})
    expect(tasks.items.map((t) => t.id)).toContain(id)
    expect((await unit().ok('report', 'unitDetail', { id })).deadlineState).toBe('ok')
    expect(await unit().ok('report', 'acknowledge', { id, note: '已安排队员前往' })).toMatchObject({ status: 'in_progress', version: 2 })
    const after = await uploadAfterPhoto(cloud, UNIT, id)
    const fixed = await unit().ok('report', 'rectify', { id, photos: [after], note: '已劝离摊贩，清理地面油污。' })
    expect(fixed).toMatchObject({ status: 'rectified', event: { type: 'rectify', actor: { role: 'unit', unitName: '示范市高新区城市管理局' }, photos: [after] } })

    // 创城办 verifies and closes (销号); the resident rates.
    const verified = await staff().ok('report', 'verifyClose', { id, note: '经现场核验，已整改到位。' })
    expect(verified).toMatchObject({ status: 'closed', version: 4 })
    const own = await cloud.as(reporter).ok('report', 'detail', { id })
    expect(own.view).toBe('own')
    if (own.view !== 'own') throw new Error('own view expected')
    expect(own).toMatchObject({ status: 'closed', canRate: true, canRevisit: false, resolution: { kind: 'fixed' } })
    expect(Date.parse(own.revisit!.dueAt) - Date.parse(own.closedAt!)).toBe(3 * DAY_MS)

    const rated = await cloud.as(reporter).ok('report', 'rate', { id, score: 'satisfied', comment: '处理及时，谢谢！' })
    expect(rated).toMatchObject({ status: 'closed', version: 5, event: { type: 'rate', score: 'satisfied' } })

    const final = await cloud.as(reporter).ok('report', 'detail', { id })
    if (final.view !== 'own') throw new Error('own view expected')
    expect(final.timeline.map((e) => e.type)).toEqual(['submit', 'acceptDispatch', 'acknowledge', 'rectify', 'verifyClose', 'rate'])
    expect(final.timeline.map((e) => [e.from, e.to])).toEqual([
      [null, 'submitted'],
      ['submitted', 'dispatched'],
      ['dispatched', 'in_progress'],
      ['in_progress', 'rectified'],
      ['rectified', 'closed'],
      ['closed', 'closed'],
    ])
    expect(final.canRate).toBe(false)
    // Timeline actors are roles (and a unit's name), never people.
    expect(JSON.stringify(final.timeline)).not.toMatch(/demo-staff|o-unit-gaoxin|o-loop-reporter/)
    expect(await countDocs(cloud.db, COLLECTIONS.reportEvents, { reportId: id })).toBe(6)

    // Messages: the reporter on each status change they did not cause, the unit's handler on the dispatch.
    const toReporter = messagesTo(cloud, reporter, outboxStart)
    expect(toReporter.map((m) => m.data.thing3.value)).toEqual(['待整改', '整改中', '待核验', '已办结'])
    expect(toReporter.every((m) => m.templateId === REPORT_TEMPLATES.progress && m.page === `pages/report/index?id=${id}`)).toBe(true)
    expect(toReporter[0].data.character_string1.value).toBe(id)
    const toUnit = messagesTo(cloud, UNIT, outboxStart)
    expect(toUnit).toHaveLength(1)
    expect(toUnit[0]).toMatchObject({ templateId: REPORT_TEMPLATES.task, data: { thing5: { value: '新派单，请及时接单整改' } } })

    // The reporter's track record, as staff see it.
    expect((await staff().ok('report', 'staffDetail', { id })).reporterHistory).toEqual({ accepted: 1, rejected: 0 })
  })
})

describe('branches', () => {
  it('不予受理: the reporter reads why; other residents no longer see it', async () => {
    const { report } = await submitReport(cloud, 'o-branch-reject')
    const res = await staff().ok('report', 'reject', { id: report.id, reason: 'unclear', text: '照片无法辨认问题所在，请补充清晰照片后重新提交。' })
    expect(res).toMatchObject({ status: 'rejected', event: { type: 'reject', reason: 'unclear' } })
    const own = await cloud.as('o-branch-reject').ok('report', 'detail', { id: report.id })
    expect(own).toMatchObject({ view: 'own', status: 'rejected', resolution: { kind: 'rejected', reason: 'unclear', note: '照片无法辨认问题所在，请补充清晰照片后重新提交。' } })
    expect((await cloud.as('o-someone-else').fail('report', 'detail', { id: report.id })).code).toBe('NOT_FOUND')
    expect((await staff().ok('report', 'staffDetail', { id: report.id })).reporterHistory).toEqual({ accepted: 0, rejected: 1 })
    // Terminal: nothing else applies.
    expect((await staff().fail('report', 'acceptDispatch', { id: report.id, unitId: 'u-cg-gaoxin' })).code).toBe('CONFLICT')
  })

  it('合并: the duplicate closes, its reporter follows the original and hears of its progress', async () => {
    const at = pointIn('g-kexue-2-b', 5, 5)
    const original = await submitReport(cloud, 'o-merge-first', { at, categoryId: 'city-vendor' })
    const dup = await submitReport(cloud, 'o-merge-second', { at: pointIn('g-kexue-2-b', 30, 0), categoryId: 'city-vendor' })
    // Staff see the original among the duplicate's merge suggestions.
    const detail = await staff().ok('report', 'staffDetail', { id: dup.report.id })
    expect(detail.duplicates.map((d) => d.id)).toContain(original.report.id)

    const merged = await staff().ok('report', 'merge', { id: dup.report.id, originalId: original.report.id, note: '同一处问题，合并处理' })
    expect(merged).toMatchObject({ status: 'duplicate', event: { type: 'merge', mergedInto: original.report.id } })
    const own = await cloud.as('o-merge-second').ok('report', 'detail', { id: dup.report.id })
    expect(own).toMatchObject({ status: 'duplicate', resolution: { kind: 'duplicate', mergedInto: original.report.id } })

    const mark = cloud.rt.outbox.length
    await staff().ok('report', 'acceptDispatch', { id: original.report.id, unitId: 'u-cg-gaoxin' })
    expect(messagesTo(cloud, 'o-merge-second', mark).map((m) => m.data.thing3.value)).toEqual(['待整改'])
    expect(messagesTo(cloud, 'o-merge-first', mark)).toHaveLength(1)
    const orig = await cloud.as('o-merge-first').ok('report', 'detail', { id: original.report.id })
    expect(orig.cosignCount).toBe(1)

    // Merging into something closed is refused; merging into itself too.
    expect((await staff().fail('report', 'merge', { id: original.report.id, originalId: original.report.id })).code).toBe('CONFLICT')
    expect((await staff().fail('report', 'merge', { id: original.report.id, originalId: 'no-such-report' })).code).toBe('NOT_FOUND')
  })

  it('退回 → 改派: the unit hands it back, staff send it to another unit, the first unit loses sight of it', async () => {
    const id = await dispatched('o-branch-return')
    const returned = await unit().ok('report', 'returnToStaff', { id, reason: '机动车违停属于交警职责，不属于城管。' })
    expect(returned).toMatchObject({ status: 'returned', event: { type: 'returnToStaff', note: '机动车违停属于交警职责，不属于城管。' } })

    const queue = await staff().ok('report', 'staffQueue', { status: 'returned', limit: 50 })
    const item = queue.items.find((r) => r.id === id)
    expect(item?.handback).toMatchObject({ kind: 'returned', unitId: 'u-cg-gaoxin' })

    const mark = cloud.rt.outbox.length
    const again = await staff().ok('report', 'redispatch', { id, unitId: 'u-jj', deadlineDays: 2 })
    expect(again).toMatchObject({ status: 'dispatched', event: { type: 'redispatch', unit: { id: 'u-jj' } } })
    expect(messagesTo(cloud, UNIT_JJ, mark)).toMatchObject([{ templateId: REPORT_TEMPLATES.task, data: { thing5: { value: '重新派单，请及时接单整改' } } }])
    expect((await unit().fail('report', 'unitDetail', { id })).code).toBe('NOT_FOUND')
    expect((await cloud.as(UNIT_JJ).ok('report', 'unitDetail', { id })).dispatch).toMatchObject({ unitId: 'u-jj', round: 2 })
  })

  it('核验不通过: sent back to the same unit with a new 整改时限 (the category default unless given)', async () => {
    const id = await rectified('o-branch-sendback')
    const mark = cloud.rt.outbox.length
    const back = await staff().ok('report', 'sendBack', { id, reason: '地面油污仍未清理干净' })
    expect(back).toMatchObject({ status: 'dispatched', event: { type: 'sendBack', note: '地面油污仍未清理干净' } })
    expect(back.event.deadline).toBe(deadlineFrom(new Date(cloud.rt.clock.now()), 3).toISOString())
    const task = await unit().ok('report', 'unitDetail', { id })
    expect(task).toMatchObject({ status: 'dispatched', rectification: null, dispatch: { round: 2 } })
    expect(messagesTo(cloud, UNIT, mark)).toMatchObject([{ data: { thing5: { value: '核验未通过，请重新整改' } } }])
  })

  it('不满意: the rating reopens it for the 创城办, who can dispatch it again', async () => {
    const reporter = 'o-branch-unsatisfied'
    const id = await closed(reporter)
    expect((await cloud.as(reporter).fail('report', 'rate', { id, score: 'unsatisfied' })).code).toBe('INVALID_INPUT')
    const res = await cloud.as(reporter).ok('report', 'rate', { id, score: 'unsatisfied', comment: '摊贩第二天又回来了' })
    expect(res).toMatchObject({ status: 'reopened', event: { type: 'rate', score: 'unsatisfied' } })
    const view = await staff().ok('report', 'staffDetail', { id })
    expect(view).toMatchObject({ status: 'reopened', handback: { kind: 'unsatisfied', reason: '摊贩第二天又回来了' }, resolution: null })
    expect((await staff().ok('report', 'redispatch', { id, unitId: 'u-cg-gaoxin' })).status).toBe('dispatched')
    // Only the reporter rates.
    const other = await closed('o-branch-unsatisfied-2')
    expect((await cloud.as('o-not-the-reporter').fail('report', 'rate', { id: other, score: 'satisfied' })).code).toBe('FORBIDDEN')
  })

  it('回访未解决: once the 回访 is due the reporter can say it came back, which reopens it', async () => {
    const reporter = 'o-branch-revisit'
    const id = await closed(reporter)
    expect((await cloud.as(reporter).fail('report', 'revisit', { id, answer: 'not_fixed', comment: '又堆上了' })).code).toBe('CONFLICT')
    cloud.rt.clock.advance(3 * DAY_MS + 60_000)
    const own = await cloud.as(reporter).ok('report', 'detail', { id })
    expect(own).toMatchObject({ canRevisit: true })
    const res = await cloud.as(reporter).ok('report', 'revisit', { id, answer: 'not_fixed', comment: '又堆上了，问题没有解决' })
    expect(res).toMatchObject({ status: 'reopened', event: { type: 'revisit', answer: 'not_fixed' } })
    expect((await staff().ok('report', 'staffDetail', { id })).handback).toMatchObject({ kind: 'not_fixed' })
  })

  it('不属于本市职责 closes it with guidance', async () => {
    const { report } = await submitReport(cloud, 'o-branch-scope')
    const res = await staff().ok('report', 'outOfScope', { id: report.id, note: '铁路沿线由铁路部门管理，请拨打12306反映。' })
    expect(res.status).toBe('out_of_scope')
  })

  it('offers reply templates filled in for the report', async () => {
    const { report } = await submitReport(cloud, 'o-branch-templates')
    const { items } = await staff().ok('report', 'replyTemplates', { id: report.id, kind: 'acceptDispatch' })
    expect(items.length).toBeGreaterThan(0)
    const generic = items.find((t) => t.id === 'acceptDispatch:通用:0')!
    expect(generic.text).toContain('占道经营')
    expect(generic.text).toContain('示范市高新区城市管理局')
    expect(generic.text).not.toContain('{')
    const rejects = await staff().ok('report', 'replyTemplates', { id: report.id, kind: 'reject' })
    expect(rejects.items.map((t) => t.id)).toContain('reject:unclear')
  })
})

describe('roles', () => {
  it('keeps each action to its role', async () => {
    const { report } = await submitReport(cloud, 'o-roles-reporter')
    expect((await cloud.as('o-roles-reporter').fail('report', 'staffQueue', {})).code).toBe('FORBIDDEN')
    expect((await cloud.as('o-roles-reporter').fail('report', 'acceptDispatch', { id: report.id, unitId: 'u-cg-gaoxin' })).code).toBe('FORBIDDEN')
    expect((await unit().fail('report', 'staffDetail', { id: report.id })).code).toBe('FORBIDDEN')
    expect((await staff().fail('report', 'unitTasks', {})).code).toBe('FORBIDDEN')
    expect((await cloud.anonymous.fail('report', 'myList', {})).code).toBe('UNAUTHENTICATED')
    expect((await staff().fail('report', 'acceptDispatch', { id: report.id, unitId: 'u-nope' })).code).toBe('NOT_FOUND')
    expect((await staff().fail('report', 'staffDetail', { id: 'nope' })).code).toBe('NOT_FOUND')
  })
})
