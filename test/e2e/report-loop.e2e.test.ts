// 随手拍, the whole loop through the UI: a resident photographs a problem and submits it → 创城办 accepts and
// dispatches it → the 责任单位 acknowledges and rectifies → 创城办 verifies and closes (销号) → the resident rates.
import type { Browser, Page } from 'playwright-core'
import { launch, openAs, screenshot } from './support/browser'
import { EXIF_MARKER, choosePhoto, downloadFile, fill, findCard, geo, jpegInfo, makePhoto, ok, pointIn } from './support/report'

let browser: Browser
const pages: Page[] = []
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  for (const p of pages) await p.context().close()
  await browser?.close()
})

const open = async (...args: Parameters<typeof openAs> extends [Browser, ...infer R] ? R : never) => {
  const page = await openAs(browser, ...args)
  pages.push(page)
  return page
}

// 解放路街道 工人新村社区 (文华区): 乱停乱放 is a 城管 case, and 文华区's 城管 is demo-unit's unit.
const SPOT = pointIn('g-jiefang-2', 60, 40)
const DESCRIPTION = '工人新村北门人行道上共享单车堆放十几辆，盲道被完全占用，行人只能走机动车道。'

test('resident → staff → unit → staff → resident: one report from photo to 销号 and 评价', async () => {
  // ------------------------------------------------------------------ resident: capture and submit
  const before = await makePhoto(browser, { width: 3200, height: 2400, scene: 'bikes', label: '工人新村北门 乱停乱放' })
  const resident = await open('demo-resident', '/pages/home/index', { geolocation: geo(SPOT) })
  await resident.locator('#home-title').waitFor()
  await resident.locator('#home-entry-report').click()
  await resident.locator('#report-form').waitFor()
  // Located, and named from the city's grid map.
  await resident.locator('#report-location-address', { hasText: '文华区' }).waitFor()
  await expect(resident.locator('#report-location-address').innerText()).resolves.toContain('解放路街道')

  await choosePhoto(resident, '#report-photos-add', before)
  await resident.locator('#report-photos .picker-photo').first().waitFor()
  expect(await resident.locator('#report-photos .picker-photo').count()).toBe(1)

  // The pin goes 10 m east of the fix (the bikes are across the pavement).
  await resident.locator('#report-nudge-e').click()
  await resident.locator('#report-nudge-e').click()
  await resident.locator('#report-nudge-offset[data-east="10"]').waitFor()

  await resident.locator('#report-categories .report-category[data-id="traffic-parking"]').click()
  await resident.locator('#report-category-hint[data-id="traffic-parking"]').waitFor()
  await fill(resident, 'report-description', DESCRIPTION)
  await expect(resident.locator('#report-description-count').innerText()).resolves.toBe(`${DESCRIPTION.length}/500`)
  await screenshot(resident, 'report-01-capture')

  await resident.locator('#report-submit').click()
  const success = resident.locator('#report-success')
  await success.waitFor({ timeout: 20000 })
  const id = (await success.getAttribute('data-id'))!
  expect(id).toBeTruthy()
  await screenshot(resident, 'report-02-submitted')

  // What reached the server: the photo was shrunk to a 1280 px long edge and its EXIF block is gone.
  const own = await ok('demo-resident', 'report', 'detail', { id })
  expect(own.view).toBe('own')
  expect(own.categoryId).toBe('traffic-parking')
  expect(own.description).toBe(DESCRIPTION)
  expect(own.location.address).toContain('解放路街道')
  expect(own.location.lng).toBeGreaterThan(SPOT.lng) // moved east
  expect(own.photos).toHaveLength(1)
  const stored = await downloadFile(own.photos[0].fileId)
  const info = jpegInfo(stored)
  expect(Math.max(info.width, info.height)).toBe(1280)
  expect(info.width / info.height).toBeCloseTo(4 / 3, 2)
  expect(info.exif).toBe(false)
  expect(stored.includes(Buffer.from(EXIF_MARKER))).toBe(false)
  expect(stored.length).toBeLessThan(400 * 1024)

  await resident.locator('#report-success-view').click()
  await resident.locator('#page-report-detail #report-detail[data-status="submitted"]').waitFor()
  await resident.locator('#detail-timeline .timeline-item[data-type="submit"]').waitFor()
  await screenshot(resident, 'report-03-detail-submitted')

  // ------------------------------------------------------------------ staff: accept and dispatch
  const staff = await open('demo-staff', '/pages/mine/index')
  await staff.locator('#mine-entry-dispatch').click()
  await staff.locator('#page-staff-queue').waitFor()
  const card = await findCard(staff, '#staff-queue-list', '#staff-queue-more', id)
  await screenshot(staff, 'report-04-staff-queue')
  await card.click()
  await staff.locator('#staff-detail[data-status="submitted"]').waitFor()
  await expect(staff.locator('#staff-proposal').innerText()).resolves.toContain('示范市城市管理综合执法局文华分局')
  await expect(staff.locator('#staff-reporter').innerText()).resolves.toContain('市民小李')
  await screenshot(staff, 'report-05-staff-detail')

  await staff.locator('#staff-act-dispatch').click()
  const sheet = staff.locator('#staff-dispatch-sheet')
  await sheet.waitFor()
  await staff.locator('#staff-dispatch-unit[data-id="u-cg-wenhua"]').waitFor()
  // One tap on a reply template fills the note for the resident.
  await sheet.locator('.reply-template').first().click()
  await expect(staff.locator('#staff-note textarea').inputValue()).resolves.toContain('文华分局')
  await screenshot(staff, 'report-06-staff-dispatch')
  await staff.locator('#staff-dispatch-sheet-confirm').click()
  await staff.locator('#staff-detail[data-status="dispatched"]').waitFor()
  await staff.locator('#staff-dispatch-info', { hasText: '文华分局' }).waitFor()

  // ------------------------------------------------------------------ unit: acknowledge and rectify
  const after = await makePhoto(browser, { width: 2400, height: 3200, scene: 'clean', label: '工人新村北门 已清理' })
  const unit = await open('demo-unit', '/pages/mine/index')
  await unit.locator('#mine-entry-tasks').click()
  await unit.locator('#page-unit-tasks').waitFor()
  await unit.locator('#unit-name', { hasText: '文华分局' }).waitFor()
  const task = await findCard(unit, '#unit-task-list', '#unit-tasks-more', id)
  await screenshot(unit, 'report-07-unit-tasks')
  await task.click()
  await unit.locator('#unit-detail[data-status="dispatched"]').waitFor()
  await unit.locator('#unit-deadline').waitFor()
  await unit.locator('#unit-act-ack').click()
  await unit.locator('#unit-detail[data-status="in_progress"]').waitFor()
  await screenshot(unit, 'report-08-unit-detail')
  await unit.locator('#unit-act-rectify').click()
  await unit.locator('#unit-rectify-sheet').waitFor()
  await choosePhoto(unit, '#unit-rectify-photos-add', after)
  await unit.locator('#unit-rectify-photos .picker-photo').first().waitFor()
  await fill(unit, 'unit-rectify-note', '已组织人员清理违停单车 14 辆，并联系运营企业加强调度。')
  await screenshot(unit, 'report-09-unit-rectify')
  await unit.locator('#unit-rectify-sheet-confirm').click()
  await unit.locator('#unit-detail[data-status="rectified"]').waitFor({ timeout: 20000 })
  await unit.locator('#unit-rectification').waitFor()

  // The after-photo is compressed the same way (portrait: 1280 px tall).
  const rectified = await ok('demo-staff', 'report', 'staffDetail', { id })
  const afterInfo = jpegInfo(await downloadFile(rectified.rectification.photos[0].fileId))
  expect(afterInfo.height).toBe(1280)
  expect(afterInfo.exif).toBe(false)

  // ------------------------------------------------------------------ staff: verify and close
  await staff.reload()
  await staff.locator('#staff-detail[data-status="rectified"]').waitFor()
  await staff.locator('#staff-compare .photo-tile[data-state="loaded"]').nth(1).waitFor()
  await screenshot(staff, 'report-10-staff-verify')
  await staff.locator('#staff-act-close').click()
  await staff.locator('#staff-close-sheet').locator('.reply-template').first().click()
  await staff.locator('#staff-close-sheet-confirm').click()
  await staff.locator('#staff-detail[data-status="closed"]').waitFor()

  // ------------------------------------------------------------------ resident: sees the result, rates
  await resident.reload()
  await resident.locator('#report-detail[data-status="closed"]').waitFor()
  await resident.locator('#detail-before-after').waitFor()
  await resident.locator('#detail-rate').waitFor()
  const types = await resident.locator('#detail-timeline .timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))
  expect(types).toEqual(['verifyClose', 'rectify', 'acknowledge', 'acceptDispatch', 'submit'])
  await expect(resident.locator('#detail-timeline').innerText()).resolves.toContain('示范市城市管理综合执法局文华分局')
  await resident.locator('#detail-rate-satisfied').click()
  await fill(resident, 'detail-rate-comment', '处理很及时，谢谢！')
  await screenshot(resident, 'report-11-resident-rate')
  await resident.locator('#detail-rate-submit').click()
  await resident.locator('#detail-rating[data-score="satisfied"]').waitFor()
  await expect(resident.locator('#detail-rate').count()).resolves.toBe(0)
  await resident.locator('#detail-timeline .timeline-item[data-type="rate"]').waitFor()
  await screenshot(resident, 'report-12-resident-rated')

  // 我的随手拍 lists it as 已办结 — reached from 首页 and from 我的.
  const home = await open('demo-resident')
  await home.locator('#home-entry-my-reports').click()
  await home.locator('#page-my-reports #my-reports-list').waitFor()
  await home.locator('#my-reports-tab-done').click()
  const done = await findCard(home, '#my-reports-list', '#my-reports-more', id)
  await expect(done.getAttribute('data-status')).resolves.toBe('closed')
  await screenshot(home, 'report-13-my-reports')
  const mine = await open('demo-resident', '/pages/mine/index')
  await mine.locator('#mine-entry-my-reports').click()
  await findCard(mine, '#my-reports-list', '#my-reports-more', id)
}, 180000)
