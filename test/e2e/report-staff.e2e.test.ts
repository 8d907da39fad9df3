// 随手拍, the 创城办 and 责任单位 branches through the UI: 不予受理, 合并重复, a unit's 退回 and the re-dispatch
// that follows, and an overdue task escalated by the timer and by hand (with devcloud's controllable clock).
// Reports are submitted through the API: the resident's screens are covered by the other suites.
import type { Browser, Page } from 'playwright-core'
import { advanceClock, launch, openAs, runTrigger, screenshot } from './support/browser'
import { fill, findCard, ok, pointIn, rectifyAs, submitAs } from './support/report'

let browser: Browser
const contexts: Page[] = []
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  for (const p of contexts) await p.context().close()
  await browser?.close()
})

const open = async (...args: Parameters<typeof openAs> extends [Browser, ...infer R] ? R : never) => {
  const page = await openAs(browser, ...args)
  contexts.push(page)
  return page
}
const staffDetail = (id: string) => `/packages/staff/pages/detail/index?id=${id}`

test('不予受理: staff filter the queue, pick a reason, the reply fills in; the resident reads it', async () => {
  const id = await submitAs(browser, 'e2e-reject', {
    categoryId: 'city-signboard',
    at: pointIn('g-xinhua-1', 200, 200),
    description: '新华里门口的招牌看着有点旧了，不知道会不会掉下来。',
    address: '滨河区新华里门口',
  })
  const staff = await open('demo-staff', '/packages/staff/pages/queue/index')
  await staff.locator('#staff-queue-list').waitFor()
  await staff.locator('#staff-filter-district').click()
  await staff.locator('#staff-filter-district-sheet .option[data-value="d-binhe"]').click()
  await staff.locator('#staff-filter-category').click()
  await staff.locator('#staff-filter-category-sheet .option[data-value="city-signboard"]').click()
  await staff.locator('#staff-filter-category[data-value="city-signboard"]').waitFor()
  const card = await findCard(staff, '#staff-queue-list', '#staff-queue-more', id)
  expect(await staff.locator('#staff-queue-list .report-card').count()).toBe(1)
  await screenshot(staff, 'report-30-staff-filtered')
  await card.click()
  await staff.locator('#staff-detail[data-status="submitted"]').waitFor()
  await staff.locator('#staff-act-reject').click()
  await staff.locator('#staff-reject-sheet').waitFor()
  // The confirm button waits for a reason.
  await expect(staff.locator('#staff-reject-sheet-confirm').getAttribute('class')).resolves.toContain('disabled')
  await staff.locator('#staff-reject-reason-not_found').click()
  await expect(staff.locator('#staff-reason textarea').inputValue()).resolves.toContain('未发现您反映的问题')
  await screenshot(staff, 'report-31-staff-reject')
  await staff.locator('#staff-reject-sheet-confirm').click()
  await staff.locator('#staff-detail[data-status="rejected"]').waitFor()
  await staff.locator('#staff-timeline .timeline-item[data-type="reject"]', { hasText: '现场核实未发现问题' }).waitFor()

  const resident = await open('e2e-reject', `/packages/report/pages/detail/index?id=${id}`)
  await resident.locator('#report-detail[data-status="rejected"]').waitFor()
  await expect(resident.locator('#detail-resolution').innerText()).resolves.toContain('未发现您反映的问题')
  await screenshot(resident, 'report-32-resident-rejected')
}, 120000)

test('合并重复: the duplicate is suggested and merged into the original; its reporter is pointed there', async () => {
  const at = pointIn('g-binjiang-2', 250, -250)
  const original = await submitAs(browser, 'e2e-orig', {
    categoryId: 'traffic-blind-path',
    at,
    description: '望江小区北门外盲道上停满了电动车，盲人根本没法走。',
  })
  const dup = await submitAs(browser, 'e2e-dup', {
    categoryId: 'traffic-blind-path',
    at: pointIn('g-binjiang-2', 260, -245),
    description: '望江小区北门盲道被电动车占了。',
  })
  const staff = await open('demo-staff', staffDetail(dup))
  await staff.locator('#staff-detail[data-status="submitted"]').waitFor()
  await staff.locator(`#staff-duplicates .duplicate-item[data-id="${original}"]`).waitFor()
  await staff.locator('#staff-act-merge').click()
  await staff.locator(`#staff-merge-sheet .merge-option.is-active[data-id="${original}"]`).waitFor()
  await screenshot(staff, 'report-33-staff-merge')
  await staff.locator('#staff-merge-sheet-confirm').click()
  await staff.locator('#staff-detail[data-status="duplicate"]').waitFor()

  const resident = await open('e2e-dup', `/packages/report/pages/detail/index?id=${dup}`)
  await resident.locator('#report-detail[data-status="duplicate"]').waitFor()
  await resident.locator('#detail-original').click()
  await resident.locator('#report-detail[data-view="public"][data-status="submitted"]').waitFor()
  await expect(resident.locator('#detail-photos').innerText()).resolves.toContain('盲人根本没法走')
}, 120000)

test('不属于本市职责: one tap on a reply template answers the resident', async () => {
  const id = await submitAs(browser, 'e2e-scope', {
    categoryId: 'civility-other',
    at: pointIn('g-chuangye-2', 300, -300),
    description: '高铁站进站口安检排队太长，希望多开几个通道。',
  })
  const staff = await open('demo-staff', staffDetail(id))
  await staff.locator('#staff-detail[data-status="submitted"]').waitFor()
  await staff.locator('#staff-act-outofscope').click()
  const sheet = staff.locator('#staff-outofscope-sheet')
  await sheet.locator('.reply-template').first().waitFor()
  await sheet.locator('.reply-template', { hasText: '专属部门' }).click()
  await expect(staff.locator('#staff-note textarea').inputValue()).resolves.toContain('铁路')
  await staff.locator('#staff-outofscope-sheet-confirm').click()
  await staff.locator('#staff-detail[data-status="out_of_scope"]').waitFor()
  await staff.locator('#staff-resolution', { hasText: '铁路' }).waitFor()
}, 120000)

test('核验未通过: staff compare the photos and send it back with a new deadline; the unit has it again', async () => {
  const id = await submitAs(browser, 'e2e-sendback', {
    categoryId: 'city-poster',
    at: pointIn('g-jiefang-1', -330, 330),
    description: '解放里小区西区围墙上贴满了小广告，一层盖一层。',
  })
  await ok('demo-staff', 'report', 'acceptDispatch', { id, unitId: 'u-cg-wenhua' })
  await rectifyAs(browser, 'demo-unit', id, '已铲除小广告。')
  const staff = await open('demo-staff', staffDetail(id))
  await staff.locator('#staff-detail[data-status="rectified"]').waitFor()
  await staff.locator('#staff-compare', { hasText: '已铲除小广告' }).waitFor()
  await staff.locator('#staff-act-sendback').click()
  await staff.locator('#staff-sendback-sheet').waitFor()
  await expect(staff.locator('#staff-sendback-sheet-confirm').getAttribute('class')).resolves.toContain('disabled')
  await fill(staff, 'staff-reason', '围墙北段仍有大片残留，请彻底清理并刷白。')
  await staff.locator('#staff-sendback-sheet-confirm').click()
  await staff.locator('#staff-detail[data-status="dispatched"]').waitFor()
  await staff.locator('#staff-dispatch-info', { hasText: '第 2 次派单' }).waitFor()

  const unit = await open('demo-unit', `/packages/unit/pages/detail/index?id=${id}`)
  await unit.locator('#unit-detail[data-status="dispatched"]').waitFor()
  await unit.locator('#unit-timeline .timeline-item[data-type="sendBack"]', { hasText: '围墙北段仍有大片残留' }).waitFor()
  await unit.locator('#unit-act-ack').waitFor()
}, 120000)

test('the unit hands a task back (不属于本单位); staff re-dispatch it to another unit', async () => {
  const id = await submitAs(browser, 'e2e-return', {
    categoryId: 'city-pile',
    at: pointIn('g-renmin-2', -300, 300),
    description: '文庙社区路口井盖旁堆了一堆沙土，下雨天全冲到路上。',
  })
  await ok('demo-staff', 'report', 'acceptDispatch', { id, unitId: 'u-cg-wenhua', deadlineDays: 3 })

  const unit = await open('demo-unit', '/packages/unit/pages/tasks/index')
  const card = await findCard(unit, '#unit-task-list', '#unit-tasks-more', id)
  await card.click()
  await unit.locator('#unit-detail[data-status="dispatched"]').waitFor()
  await unit.locator('#unit-act-return').click()
  await unit.locator('#unit-return-sheet').waitFor()
  await fill(unit, 'unit-return-reason', '沙土来自市政井盖维修工地，应由市政设施管理中心清理。')
  await screenshot(unit, 'report-34-unit-return')
  await unit.locator('#unit-return-sheet-confirm').click()
  await unit.locator('#unit-detail[data-status="returned"]').waitFor()

  const staff = await open('demo-staff', staffDetail(id))
  await staff.locator('#staff-detail[data-status="returned"]').waitFor()
  await staff.locator('#staff-handback[data-kind="returned"]', { hasText: '市政设施管理中心' }).waitFor()
  await staff.locator('#staff-act-redispatch').click()
  await staff.locator('#staff-redispatch-sheet').waitFor()
  // The unit that returned it is not preset again.
  await expect(staff.locator('#staff-dispatch-unit').getAttribute('data-id')).resolves.not.toBe('u-cg-wenhua')
  await staff.locator('#staff-dispatch-unit-change').click()
  await staff.locator('#staff-unit-sheet .unit-option').first().waitFor()
  await fill(staff, 'staff-unit-search', '市政')
  await staff.locator('#staff-unit-sheet .unit-option[data-id="u-sz"]').click()
  await staff.locator('#staff-dispatch-unit[data-id="u-sz"]').waitFor()
  await screenshot(staff, 'report-35-staff-redispatch')
  await staff.locator('#staff-redispatch-sheet-confirm').click()
  await staff.locator('#staff-detail[data-status="dispatched"]').waitFor()
  await staff.locator('#staff-dispatch-info', { hasText: '第 2 次派单' }).waitFor()
  await expect(staff.locator('#staff-dispatch-info').innerText()).resolves.toContain('市政设施管理中心')
}, 120000)

test('overdue: the timer 督办s, the board lists it, staff 督办 again by hand, the unit sees it marked', async () => {
  const id = await submitAs(browser, 'e2e-late', {
    categoryId: 'city-vendor',
    at: pointIn('g-renmin-1', -320, -320),
    description: '幸福里南门外每天晚上都有流动摊贩卖烧烤，油烟和垃圾很多。',
  })
  await ok('demo-staff', 'report', 'acceptDispatch', { id, unitId: 'u-cg-wenhua', deadlineDays: 1 })
  await ok('demo-unit', 'report', 'acknowledge', { id })
  await advanceClock(3 * 24 * 60 * 60 * 1000)
  await runTrigger('report', 'overdue')
  const after = await ok('demo-staff', 'report', 'staffDetail', { id })
  expect(after.overdue).toBe(true)
  expect(after.flags.escalations).toBe(1)

  const staff = await open('demo-staff', '/pages/mine/index')
  await staff.locator('#mine-entry-overdue').click()
  await staff.locator('#page-staff-overdue').waitFor()
  await staff.locator('#overdue-by-unit .overdue-unit-row[data-unit="u-cg-wenhua"]').waitFor()
  const card = await findCard(staff, '#overdue-list', '#overdue-more', id)
  await expect(card.innerText()).resolves.toContain('督办 1 次')
  await screenshot(staff, 'report-36-overdue-board')
  await staff.locator(`.overdue-escalate[data-id="${id}"]`).click()
  await staff.locator('.taro-model__confirm').click()
  await staff.locator(`#overdue-list .report-card[data-id="${id}"]`, { hasText: '督办 2 次' }).waitFor()

  const unit = await open('demo-unit', '/packages/unit/pages/tasks/index')
  const task = await findCard(unit, '#unit-task-list', '#unit-tasks-more', id)
  await expect(task.getAttribute('class')).resolves.toContain('is-overdue')
  // Overdue tasks come first.
  await expect(unit.locator('#unit-task-list .report-card').first().getAttribute('class')).resolves.toContain('is-overdue')
  await task.click()
  await unit.locator('#unit-deadline[data-tone="overdue"]').waitFor()
  await expect(unit.locator('#unit-deadline').innerText()).resolves.toContain('已督办 2 次')
  expect(await unit.locator('#unit-timeline .timeline-item[data-type="escalate"]').count()).toBe(2)
  await screenshot(unit, 'report-37-unit-overdue')
}, 120000)

test('on a desktop window the staff detail is two columns', async () => {
  const id = await submitAs(browser, 'e2e-desk', {
    categoryId: 'traffic-parking',
    at: pointIn('g-kexue-2', 300, 300),
    description: '科学城地铁站B口共享单车乱停，堵住了出站通道。',
  })
  const staff = await open('demo-staff', staffDetail(id), { viewport: { width: 1280, height: 800 } })
  await staff.locator('#staff-detail[data-status="submitted"]').waitFor()
  const left = await staff.locator('#staff-detail-head').boundingBox()
  const right = await staff.locator('#staff-actions').boundingBox()
  expect(left && right).toBeTruthy()
  expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1)
  expect(Math.abs(right!.y - left!.y)).toBeLessThan(40)
  await screenshot(staff, 'report-38-staff-desktop')
  const queue = await open('demo-staff', '/packages/staff/pages/queue/index', { viewport: { width: 1280, height: 800 } })
  await queue.locator('#staff-queue-list .report-card').first().waitFor()
  await screenshot(queue, 'report-39-staff-queue-desktop')
}, 120000)
