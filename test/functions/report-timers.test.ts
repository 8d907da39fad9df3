/**
 * The `overdue` timer (cloudfunctions/report/config.json): 督办 of tasks past their 整改时限, once per day,
 * through the state machine; and the one-time 回访 prompt. Driven with devcloud's clock.
 */
import { COLLECTIONS } from '../../src/domain/collections'
import { DAY_MS, REPORT_TEMPLATES } from '../../src/domain/report'
import { countDocs, functionConfig, startCloud, type TestCloud } from '../support/runtime'
import { makeUnitHandler, messagesTo, submitReport, uploadAfterPhoto } from '../support/report'

let cloud: TestCloud
const UNIT = 'o-timer-unit'

/** A Tuesday, 10:00 in Beijing. */
const START = new Date('2025-03-04T02:00:00.000Z')

beforeAll(async () => {
  cloud = await startCloud({ now: START })
  await makeUnitHandler(cloud, UNIT, 'u-cg-gaoxin')
})
afterAll(async () => {
  await cloud?.close()
})

const runOverdue = async () => {
  const res = await cloud.rt.runTrigger('report', 'overdue')
  expect(res.ok).toBe(true)
  return res.data as { examined: number; escalated: number; prompted: number }
}
const staffView = (id: string) => cloud.as('demo-staff').ok('report', 'staffDetail', { id })

describe('the overdue timer', () => {
  it('is declared as a 7-field cron trigger with the openapi permissions it uses', () => {
    const config = functionConfig('report') as { triggers: { name: string; type: string; config: string }[]; permissions: { openapi: string[] } }
    expect(config.triggers).toContainEqual({ name: 'overdue', type: 'timer', config: '0 */10 * * * * *' })
    expect(config.permissions.openapi.sort()).toEqual(['security.mediaCheckAsync', 'security.msgSecCheck', 'subscribeMessage.send'])
  })

  it('escalates a task past its deadline once a day, through the machine, telling the unit and staff', async () => {
    cloud.rt.clock.set(START)
    const { report } = await submitReport(cloud, 'o-timer-reporter')
    const id = report.id
    await cloud.as('demo-staff').ok('report', 'acceptDispatch', { id, unitId: 'u-cg-gaoxin', deadlineDays: 1 })
    // Deadline: end of Wednesday (Beijing). Before it, nothing happens.
    cloud.rt.clock.set('2025-03-05T15:00:00.000Z') // Wednesday 23:00
    await runOverdue()
    expect((await staffView(id)).flags.escalations).toBe(0)

    cloud.rt.clock.set('2025-03-06T01:00:00.000Z') // Thursday 09:00
    const mark = cloud.rt.outbox.length
    const first = await runOverdue()
    expect(first.escalated).toBeGreaterThanOrEqual(1)
    const v1 = await staffView(id)
    expect(v1).toMatchObject({ status: 'dispatched', overdue: true, overdueDays: 1, flags: { overdue: true, everOverdue: true, escalations: 1 } })
    expect(v1.timeline.at(-1)).toMatchObject({ type: 'escalate', actor: { role: 'system' }, from: 'dispatched', to: 'dispatched', escalation: 1 })
    const toUnit = messagesTo(cloud, UNIT, mark)
    expect(toUnit).toHaveLength(1)
    expect(toUnit[0]).toMatchObject({ templateId: REPORT_TEMPLATES.escalation, data: { number4: { value: '1' }, thing5: { value: '第1次督办，请立即整改' } } })
    const digest = messagesTo(cloud, 'demo-staff', mark)
    expect(digest).toHaveLength(1)
    expect(digest[0]).toMatchObject({ templateId: REPORT_TEMPLATES.escalationDigest })
    // Status did not change: the reporter is not messaged for a 督办.
    expect(messagesTo(cloud, 'o-timer-reporter', mark)).toEqual([])

    // Later runs the same day do not escalate again.
    cloud.rt.clock.set('2025-03-06T01:10:00.000Z')
    const again = await runOverdue()
    expect(again.escalated).toBe(0)
    cloud.rt.clock.set('2025-03-06T15:50:00.000Z') // Thursday 23:50
    await runOverdue()
    expect((await staffView(id)).flags.escalations).toBe(1)
    expect(await countDocs(cloud.db, COLLECTIONS.reportEvents, { reportId: id, type: 'escalate' })).toBe(1)

    // The next day it is escalated again.
    cloud.rt.clock.set('2025-03-06T16:05:00.000Z') // Friday 00:05
    await runOverdue()
    const v2 = await staffView(id)
    expect(v2.flags.escalations).toBe(2)
    expect(v2.overdueDays).toBe(2)

    // On the board, oldest deadline first, with the per-unit count.
    const board = await cloud.as('demo-staff').ok('report', 'overdueBoard', {})
    expect(board.items.map((r) => r.id)).toContain(id)
    expect(board.byUnit.find((u) => u.unitId === 'u-cg-gaoxin')).toMatchObject({ unitName: '示范市高新区城市管理局', escalations: expect.any(Number) })
    const deadlines = board.items.map((r) => r.dispatch!.deadline)
    expect([...deadlines].sort()).toEqual(deadlines)

    // Rectifying clears the overdue flag, but it stays a missed deadline.
    const after = await uploadAfterPhoto(cloud, UNIT, id)
    await cloud.as(UNIT).ok('report', 'rectify', { id, photos: [after], note: '已整改完毕，恢复通行。' })
    const v3 = await staffView(id)
    expect(v3).toMatchObject({ status: 'rectified', flags: { overdue: false, everOverdue: true, escalations: 2 }, rectification: { late: true } })
    cloud.rt.clock.set('2025-03-08T02:00:00.000Z')
    await runOverdue()
    expect((await staffView(id)).flags.escalations).toBe(2)
  })

  it('lets staff escalate by hand only when overdue', async () => {
    cloud.rt.clock.set(START)
    const { report } = await submitReport(cloud, 'o-timer-manual')
    await cloud.as('demo-staff').ok('report', 'acceptDispatch', { id: report.id, unitId: 'u-cg-gaoxin', deadlineDays: 2 })
    expect((await cloud.as('demo-staff').fail('report', 'escalate', { id: report.id })).code).toBe('CONFLICT')
    cloud.rt.clock.set('2025-03-07T02:00:00.000Z')
    const mark = cloud.rt.outbox.length
    const res = await cloud.as('demo-staff').ok('report', 'escalate', { id: report.id, note: '请今日内整改到位' })
    expect(res.event).toMatchObject({ type: 'escalate', actor: { role: 'staff' }, escalation: 1, note: '请今日内整改到位' })
    expect(messagesTo(cloud, UNIT, mark).map((m) => m.templateId)).toEqual([REPORT_TEMPLATES.escalation])
  })

  it('prompts the reporter for the 回访 once, when it is due', async () => {
    cloud.rt.clock.set(START)
    const reporter = 'o-timer-revisit'
    const { report } = await submitReport(cloud, reporter)
    const id = report.id
    await cloud.as('demo-staff').ok('report', 'acceptDispatch', { id, unitId: 'u-cg-gaoxin' })
    await cloud.as(UNIT).ok('report', 'rectify', { id, photos: [await uploadAfterPhoto(cloud, UNIT, id)], note: '已清理完毕，恢复通行。' })
    await cloud.as('demo-staff').ok('report', 'verifyClose', { id })

    const mark = cloud.rt.outbox.length
    cloud.rt.clock.set(START.getTime() + 2 * DAY_MS)
    await runOverdue()
    expect(messagesTo(cloud, reporter, mark).filter((m) => m.templateId === REPORT_TEMPLATES.revisit)).toEqual([])

    cloud.rt.clock.set(START.getTime() + 3 * DAY_MS + 10 * 60_000)
    const run = await runOverdue()
    expect(run.prompted).toBeGreaterThanOrEqual(1)
    cloud.rt.clock.set(START.getTime() + 3 * DAY_MS + 20 * 60_000)
    await runOverdue()
    const prompts = messagesTo(cloud, reporter, mark).filter((m) => m.templateId === REPORT_TEMPLATES.revisit)
    expect(prompts).toHaveLength(1)
    expect(prompts[0].page).toBe(`pages/report/index?id=${id}`)

    // Answering stays possible; once answered there is nothing more to prompt.
    expect((await cloud.as(reporter).ok('report', 'revisit', { id, answer: 'fixed' })).status).toBe('closed')
    cloud.rt.clock.set(START.getTime() + 4 * DAY_MS)
    await runOverdue()
    expect(messagesTo(cloud, reporter, mark).filter((m) => m.templateId === REPORT_TEMPLATES.revisit)).toHaveLength(1)
  })

  it('only runs as a trigger, never for a mini-program user', async () => {
    const res = await cloud.invoke('report', { Type: 'Timer', TriggerName: 'overdue' }, 'demo-resident')
    expect(res).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
  })
})
