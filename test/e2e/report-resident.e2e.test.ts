// 随手拍, the resident's side beyond the happy path: a draft that survives a refused and a failed submit and a
// reload (and a double tap that makes one report), 附议 instead of a duplicate, 不满意 reopening a closed
// report, the daily limit, and 我的随手拍 paged by cursor.
import type { Browser, Page } from 'playwright-core'
import { advanceClock, launch, openAs, screenshot } from './support/browser'
import { choosePhoto, fill, findCard, geo, makePhoto, ok, pointIn, rectifyAs, submitAs } from './support/report'

let browser: Browser
let photo: string
const contexts: Page[] = []
beforeAll(async () => {
  browser = await launch()
  photo = await makePhoto(browser, { width: 2000, height: 1500, scene: 'stall', label: '随手拍 测试' })
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

type Own = { id: string; clientId: string; description: string; status: string; cosignCount: number }
const myReports = async (openid: string): Promise<Own[]> => {
  const out: Own[] = []
  let cursor: string | undefined
  do {
    const page = await ok<{ items: Own[]; nextCursor: string | null }>(openid, 'report', 'myList', { scope: 'all', limit: 50, ...(cursor ? { cursor } : {}) })
    out.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return out
}

test('a refused, then failed submit keeps the draft through a reload; a double tap then makes exactly one report', async () => {
  const spot = pointIn('g-jiefang-2', -150, 320) // 工人新村, away from the loop test's spot
  const resident = await open('demo-resident', '/pages/report/index', { geolocation: geo(spot) })
  await resident.locator('#report-location-address', { hasText: '解放路街道' }).waitFor()

  // Nothing filled: the form says what is missing.
  await resident.locator('#report-submit').click()
  await resident.locator('#report-problems', { hasText: '请至少拍摄 1 张现场照片' }).waitFor()

  await choosePhoto(resident, '#report-photos-add', photo)
  await resident.locator('#report-photos .picker-photo').waitFor()
  await resident.locator('#report-category-more').click()
  await resident.locator('#report-category-sheet .report-category-option[data-id="city-vendor"]').click()
  await resident.locator('#report-category-hint[data-id="city-vendor"]').waitFor()
  // The content check refuses this text: the server's message is shown and nothing is lost.
  await fill(resident, 'report-description', '工人新村门口有人摆摊，还在叫卖代开发票的小广告。')
  await resident.locator('#report-submit').click()
  const error = resident.locator('#report-error')
  await error.waitFor({ timeout: 20000 })
  await expect(error.getAttribute('data-code')).resolves.toBe('INVALID_INPUT')
  await expect(error.innerText()).resolves.toContain('问题描述含有不适宜发布的内容，请修改后再提交')
  // The photo was uploaded on the way and is kept as uploaded.
  await resident.locator('#report-photos .picker-photo[data-uploaded="true"]').waitFor()
  await screenshot(resident, 'report-20-refused')

  // The network drops on submit: the draft stays, with 重试.
  const description = '工人新村西门流动摊贩推车占道，早上七点到九点最严重，行人只能绕行。'
  await fill(resident, 'report-description', description)
  await resident.route('**/api/fn/report', (route) =>
    route.request().postDataJSON()?.action === 'submit' ? route.abort('failed') : route.continue(),
  )
  await resident.locator('#report-submit').click()
  await resident.locator('#report-error[data-code="NETWORK"]').waitFor({ timeout: 20000 })
  await resident.locator('#report-retry').waitFor()
  await screenshot(resident, 'report-21-network-failed')

  // A reload brings everything back: photo (already uploaded), place, category, text.
  await resident.unroute('**/api/fn/report')
  await resident.reload()
  await resident.locator('#report-draft-restored').waitFor()
  await resident.locator('#report-photos .picker-photo[data-uploaded="true"]').waitFor()
  expect(await resident.locator('#report-photos .picker-photo').count()).toBe(1)
  await resident.locator('#report-category-hint[data-id="city-vendor"]').waitFor()
  await expect(resident.locator('#report-description textarea').inputValue()).resolves.toBe(description)
  await resident.locator('#report-location-address', { hasText: '解放路街道' }).waitFor()
  await screenshot(resident, 'report-22-draft-restored')
  // Taro keeps storage as {"data": <value>}; our value is the draft's JSON.
  const stored = JSON.parse((await resident.evaluate(() => localStorage.getItem('wenming.report.draft.demo-resident'))) ?? '{}')
  const clientId = JSON.parse(stored.data ?? '{}').clientId as string
  expect(clientId).toMatch(/^[A-Za-z0-9_-]{8,64}$/)

  // A double tap: one report.
  await resident.locator('#report-submit').dblclick()
  await resident.locator('#report-success').waitFor({ timeout: 20000 })
  const id = await resident.locator('#report-success').getAttribute('data-id')
  const mine = (await myReports('demo-resident')).filter((r) => r.clientId === clientId)
  expect(mine.map((r) => r.id)).toEqual([id])
  expect(mine[0].description).toBe(description)

  // The draft is gone once the report is in.
  await resident.reload()
  await resident.locator('#report-form').waitFor()
  expect(await resident.locator('#report-draft-restored').count()).toBe(0)
  expect(await resident.locator('#report-photos .picker-photo').count()).toBe(0)
}, 120000)

test('the same problem nearby: the resident 附议 instead of reporting it again', async () => {
  const spot = pointIn('g-chaoyang-1', -260, -240) // 朝阳社区
  const first = await submitAs(browser, 'e2e-neighbour', {
    categoryId: 'city-graffiti',
    at: spot,
    description: '朝阳小区南门配电箱上被人用红漆乱涂乱画，很难看。',
    address: '文华区朝阳小区南门',
  })
  const resident = await open('demo-resident', '/pages/report/index', { geolocation: geo(pointIn('g-chaoyang-1', -240, -230)) })
  await resident.locator('#report-location-address', { hasText: '朝阳街道' }).waitFor()
  await resident.locator('#report-category-more').click()
  await resident.locator('#report-category-sheet .report-category-option[data-id="city-graffiti"]').click()
  const nearby = resident.locator(`#report-nearby .nearby-item[data-id="${first}"]`)
  await nearby.waitFor({ timeout: 10000 })
  await expect(nearby.innerText()).resolves.toContain('配电箱')

  // Pressing 提交 with the same problem nearby asks first.
  await choosePhoto(resident, '#report-photos-add', photo)
  await resident.locator('#report-photos .picker-photo').waitFor()
  await fill(resident, 'report-description', '朝阳小区南门的配电箱被涂得乱七八糟。')
  await resident.locator('#report-submit').click()
  const sheet = resident.locator('#report-dup-sheet')
  await sheet.waitFor()
  await screenshot(resident, 'report-23-nearby-sheet')
  await sheet.locator(`.nearby-item[data-id="${first}"] .nearby-cosign`).click()
  await resident.locator('#report-cosigned').waitFor()
  await resident.locator(`#report-nearby .nearby-item.is-cosigned[data-id="${first}"]`).waitFor()
  await screenshot(resident, 'report-24-cosigned')

  const seen = await ok('e2e-neighbour', 'report', 'detail', { id: first })
  expect(seen.cosignCount).toBe(1)
  expect((await myReports('demo-resident')).some((r) => r.description.includes('涂得乱七八糟'))).toBe(false)

  // The cosigned report opens in its public view; the draft can be dropped.
  await resident.locator('#report-cosigned-view').click()
  await resident.locator('#report-detail[data-view="public"]').waitFor()
  await resident.goBack()
  await resident.locator('#report-discard').click()
  expect(await resident.locator('#report-photos .picker-photo').count()).toBe(0)
}, 120000)

test('不满意 reopens a closed report, and it is back on the 创城办 desk', async () => {
  const resident = 'e2e-unhappy'
  const id = await submitAs(browser, resident, {
    categoryId: 'city-pile',
    at: pointIn('g-renmin-1', 300, -300),
    description: '幸福里小区东侧路边堆了好多装修垃圾和旧家具，占了半条路。',
    address: '文华区幸福里小区东侧路边',
  })
  await ok('demo-staff', 'report', 'acceptDispatch', { id, unitId: 'u-cg-wenhua' })
  await ok('demo-unit', 'report', 'acknowledge', { id })
  await rectifyAs(browser, 'demo-unit', id, '已清运装修垃圾。')
  await ok('demo-staff', 'report', 'verifyClose', { id })

  const page = await open(resident, `/packages/report/pages/detail/index?id=${id}`)
  await page.locator('#report-detail[data-status="closed"]').waitFor()
  await page.locator('#detail-rate-unsatisfied').click()
  // 不满意 needs a reason.
  await expect(page.locator('#detail-rate-submit').getAttribute('class')).resolves.toContain('disabled')
  await fill(page, 'detail-rate-comment', '只清走了一半，旧沙发还在路边。')
  await screenshot(page, 'report-25-unsatisfied')
  await page.locator('#detail-rate-submit').click()
  await page.locator('#report-detail[data-status="reopened"]').waitFor()
  await page.locator('#detail-timeline .timeline-item[data-type="rate"]').waitFor()
  await expect(page.locator('#detail-status').innerText()).resolves.toContain('重新处理')

  const staff = await open('demo-staff', '/packages/staff/pages/queue/index')
  await staff.locator('#staff-filter-status').click()
  await staff.locator('#staff-filter-status-sheet .option[data-value="reopened"]').click()
  await staff.locator('#staff-filter-status[data-value="reopened"]').waitFor()
  const card = await findCard(staff, '#staff-queue-list', '#staff-queue-more', id)
  await card.click()
  await staff.locator('#staff-handback[data-kind="unsatisfied"]', { hasText: '旧沙发还在路边' }).waitFor()
  await staff.locator('#staff-act-redispatch').waitFor()
}, 120000)

test('回访: three days after 销号 the reporter is asked whether it stayed fixed', async () => {
  const resident = 'e2e-revisit'
  const id = await submitAs(browser, resident, {
    categoryId: 'traffic-parking',
    at: pointIn('g-xinhua-2', 320, 320),
    description: '纺织厂家属院门口共享单车堆成一片，进出都困难。',
  })
  await ok('demo-staff', 'report', 'acceptDispatch', { id, unitId: 'u-cg-wenhua' })
  await rectifyAs(browser, 'demo-unit', id)
  await ok('demo-staff', 'report', 'verifyClose', { id })
  await ok(resident, 'report', 'rate', { id, score: 'basically_satisfied' })
  const page = await open(resident, `/packages/report/pages/detail/index?id=${id}`)
  await page.locator('#detail-rating[data-score="basically_satisfied"]').waitFor()
  expect(await page.locator('#detail-revisit').count()).toBe(0)

  await advanceClock(3 * 24 * 60 * 60 * 1000 + 60 * 60 * 1000)
  await page.reload()
  await page.locator('#detail-revisit').waitFor()
  await page.locator('#detail-revisit-fixed').click()
  await screenshot(page, 'report-28-revisit')
  await page.locator('#detail-revisit-submit').click()
  await page.locator('#detail-timeline .timeline-item[data-type="revisit"]', { hasText: '已解决' }).waitFor()
  expect(await page.locator('#detail-revisit').count()).toBe(0)
  await page.locator('#report-detail[data-status="closed"]').waitFor()
}, 120000)

test('the daily limit is explained; the next day the draft goes in, and 我的随手拍 pages with 加载更多', async () => {
  const resident = 'e2e-busy'
  // Ten reports today, far apart so none is another's duplicate.
  const spots = ['g-chuangye-1', 'g-chuangye-2', 'g-kexue-1', 'g-kexue-2', 'g-binjiang-1', 'g-binjiang-2', 'g-xinhua-1', 'g-xinhua-2', 'g-chaoyang-2', 'g-renmin-2']
  for (const [i, grid] of spots.entries()) {
    await submitAs(browser, resident, { categoryId: 'sanitation-exposed', at: pointIn(grid, -330, 330), description: `第 ${i + 1} 条：路边垃圾没有及时清运，味道很大。` })
  }
  const page = await open(resident, '/pages/report/index', { geolocation: geo(pointIn('g-jiefang-1', 330, -330)) })
  await page.locator('#report-location-address', { hasText: '解放路街道' }).waitFor()
  await choosePhoto(page, '#report-photos-add', photo)
  await page.locator('#report-photos .picker-photo').waitFor()
  await page.locator('#report-category-more').click()
  await page.locator('#report-category-sheet .report-category-option[data-id="city-poster"]').click()
  await fill(page, 'report-description', '解放里小区东区单元门上贴满了办证小广告。')
  await page.locator('#report-submit').click()
  const error = page.locator('#report-error[data-code="RATE_LIMITED"]')
  await error.waitFor({ timeout: 20000 })
  await expect(error.innerText()).resolves.toContain('每人每天最多提交 10 条随手拍')
  await screenshot(page, 'report-26-daily-limit')

  // Tomorrow.
  await advanceClock(24 * 60 * 60 * 1000)
  await page.locator('#report-submit').click()
  await page.locator('#report-success').waitFor({ timeout: 20000 })

  // Eleven reports: a page of ten, then 加载更多.
  await page.locator('#report-success-view').click()
  await page.locator('#report-detail[data-status="submitted"]').waitFor()
  await page.goto(page.url().replace(/#.*$/, '#/packages/report/pages/mine/index'))
  await page.locator('#my-reports-list').waitFor()
  expect(await page.locator('#my-reports-list .report-card').count()).toBe(10)
  await screenshot(page, 'report-27-my-list')
  await page.locator('#my-reports-more').click()
  await page.locator('#my-reports-list .report-card').nth(10).waitFor()
  expect(await page.locator('#my-reports-list .report-card').count()).toBe(11)
  await page.locator('.list-end', { hasText: '共 11 条' }).waitFor()
  // Newest first: the one from the form.
  await expect(page.locator('#my-reports-list .report-card').first().innerText()).resolves.toContain('办证小广告')
  await page.locator('#my-reports-tab-open').click()
  await page.locator('#my-reports-list .report-card').first().waitFor()
}, 150000)

test('empty, error and forbidden states say what happened and offer a way on', async () => {
  const newcomer = await open('e2e-newcomer', '/packages/report/pages/mine/index')
  await newcomer.locator('#my-reports-empty').waitFor()
  await screenshot(newcomer, 'report-29-my-empty')
  await newcomer.locator('#my-reports-empty .state-action').click()
  await newcomer.locator('#page-report #report-form').waitFor()

  // A report that does not exist; a workbench the resident has no role for.
  const resident = await open('demo-resident', '/packages/report/pages/detail/index?id=no-such-report')
  await resident.locator('#detail-error[data-code="NOT_FOUND"]').waitFor()
  const queue = await open('demo-resident', '/packages/staff/pages/queue/index')
  await queue.locator('#staff-queue-error[data-code="FORBIDDEN"]').waitFor()
  const unitPage = await open('demo-unit-2', '/packages/unit/pages/tasks/index')
  await unitPage.locator('#page-unit-tasks #unit-name', { hasText: '市政' }).waitFor()

  // The network drops while the list loads: an error with 重试, which then works.
  const offline = await open('demo-resident', '/pages/home/index')
  await offline.locator('#home-title').waitFor()
  await offline.route('**/api/fn/report', (route) => route.abort('failed'))
  await offline.locator('#home-entry-my-reports').click()
  await offline.locator('#my-reports-error[data-code="NETWORK"]').waitFor({ timeout: 20000 })
  await screenshot(offline, 'report-29-my-offline')
  await offline.unroute('**/api/fn/report')
  await offline.locator('#my-reports-error .state-retry').click()
  await offline.locator('#my-reports-list .report-card').first().waitFor()
}, 120000)
