// 曝光台 end to end in the browser: staff turn a dispatched 随手拍 into an exposure, are refused publication
// until the photo is masked in the 打码 tool, mask it and publish; a resident finds it on the 曝光台 (masked
// photo only) and follows it; the unit answers on the page, fixes the problem and staff 销号 it; the entry
// shows 已整改 with the after-photo and the date, and the follower is notified.
import type { Browser, Page } from 'playwright-core'
import { BOARD_TEMPLATES } from '../../src/domain/board/subscribe'
import { api, baseUrl, launch, openAs, screenshot } from './support/browser'
import { fill, findCard, ok, pointIn, rectifyAs, submitAs } from './support/report'

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

const STAFF = 'demo-staff'
const RESIDENT = 'demo-resident-2'
const UNIT = 'demo-unit' // 文华城管

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 10000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await probe()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Drags a rectangle across the 打码 stage (fractions of its size). */
async function drawRect(page: Page, x0: number, y0: number, x1: number, y1: number) {
  const box = (await page.locator('#mask-stage').boundingBox())!
  await page.mouse.move(box.x + box.width * x0, box.y + box.height * y0)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * ((x0 + x1) / 2), box.y + box.height * ((y0 + y1) / 2), { steps: 4 })
  await page.mouse.move(box.x + box.width * x1, box.y + box.height * y1, { steps: 4 })
  await page.mouse.up()
}

test('staff expose a report with masking; the resident sees it; the unit fixes it and the entry shows 已整改', async () => {
  // Arranged through the API (the report screens are not the subject): a report accepted and sent to 文华城管.
  const reportId = await submitAs(browser, 'e2e-board-reporter', {
    categoryId: 'city-stall',
    at: pointIn('g-jiefang-1', 60, -40),
    description: '解放路菜场门口早市摊贩占道经营，人行道完全被堵，行人只能走机动车道。',
    address: '文华区解放路菜场门口12号',
  })
  const photos = await until('the photo content check', async () => {
    const d = await ok(STAFF, 'report', 'staffDetail', { id: reportId })
    return d.photos.every((p: { checked: string }) => p.checked === 'pass') && d.photos.map((p: { fileId: string }) => p.fileId as string)
  })
  await ok(STAFF, 'report', 'acceptDispatch', { id: reportId, unitId: 'u-cg-wenhua' })
  const entryId = `e-${reportId}`

  // ---- 创城办: pick the report, review the pre-filled entry, save it
  const staff = await openAs(browser, STAFF, '/pages/exposure/index')
  await staff.locator('#exposure-admin-entry').click()
  await staff.locator('#admin-exposures-from-report').click()
  await staff.locator('#candidates-tab-with_unit').click()
  const card = await findCard(staff, '#page-board-candidates', '#candidates-more', reportId)
  await screenshot(staff, 'board-candidates')
  await card.click()
  await staff.locator('#exposure-edit-title input').waitFor()
  await expect(staff.locator('#exposure-edit-title input').inputValue()).resolves.toContain('占道经营')
  await expect(staff.locator('#exposure-edit-place input').inputValue()).resolves.toBe('解放路菜场')
  await expect(staff.locator('#exposure-edit-unit').innerText()).resolves.toContain('文华分局')
  await fill(staff, 'exposure-edit-title', '解放路菜场门口早市占道经营，人行道被堵')
  await staff.locator('#exposure-edit-save').click()
  await staff.locator(`#exposure-edit-state[data-id="${entryId}"][data-state="draft"]`).waitFor()

  // Publishing is refused while the photo is not masked, with the reason.
  await staff.locator('#exposure-edit-publish').click()
  await staff.locator('#exposure-edit-error', { hasText: '尚未打码确认，不能发布' }).waitFor()
  await screenshot(staff, 'board-exposure-edit-refused')

  // ---- 打码: draw over the stall keeper and the plate, preview, confirm
  await staff.locator('#exposure-edit-photos .adm-photo[data-masked="false"]').first().click()
  await staff.locator('#mask-stage[data-ready="true"]').waitFor()
  await staff.waitForTimeout(500) // the page slides in
  await drawRect(staff, 0.3, 0.35, 0.7, 0.62)
  await drawRect(staff, 0.05, 0.8, 0.35, 0.95)
  await staff.locator('#mask-stage[data-rects="2"]').waitFor()
  await screenshot(staff, 'board-mask-draw')
  await staff.locator('#mask-preview').click()
  await staff.locator('#mask-preview[data-on="true"]').waitFor()
  await staff.waitForTimeout(300)
  await screenshot(staff, 'board-mask-preview')
  await staff.locator('#mask-confirm').click()
  // Back in the editor, the photo now shows its masked copy.
  await staff.locator('#exposure-edit-photos .adm-photo[data-masked="true"]').waitFor({ timeout: 15000 })
  await expect(staff.locator('#exposure-edit-photos .adm-photo__state').first().innerText()).resolves.toContain('已打码 2 处')
  await staff.locator('#exposure-edit-publish').click()
  await staff.locator(`#exposure-edit-state[data-state="published"]`).waitFor()
  await screenshot(staff, 'board-exposure-edit-published')

  // The masked copy is a new file in staff's folder; the original is untouched and stays private.
  const staffView = await ok(STAFF, 'board', 'exposureStaffDetail', { id: entryId })
  expect(staffView.photos[0]).toMatchObject({ original: photos[0], regions: 2, maskedBy: { id: STAFF } })
  expect(staffView.photos[0].masked).toContain('/board/demo-staff/')
  const publicView = await ok(RESIDENT, 'board', 'exposureDetail', { id: entryId })
  expect(JSON.stringify(publicView)).not.toContain(photos[0])

  // ---- 市民: the 曝光台 tab lists it with its thumbnail; the detail shows the masked photo; follow it
  const resident = await openAs(browser, RESIDENT, '/pages/exposure/index')
  const item = resident.locator(`.exp-card[data-id="${entryId}"]`)
  await item.waitFor()
  await expect(item.getAttribute('data-status')).resolves.toBe('rectifying')
  await screenshot(resident, 'board-exposure-feed')
  await item.click()
  await resident.locator('#exposure-status[data-status="rectifying"]').waitFor()
  await expect(resident.locator('#exposure-title').innerText()).resolves.toBe('解放路菜场门口早市占道经营，人行道被堵')
  await resident.locator('#exposure-photos .bd-photo[data-state="loaded"]').first().waitFor()
  // Every stored image the page shows is a masked copy in staff's board folder, never the report's original.
  await resident.locator('#exposure-photos img[src*="/api/storage/"]').first().waitFor()
  const srcs = (await resident.locator('#page-exposure-detail img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src))).filter((s) => s.includes('/api/storage/'))
  expect(srcs.length).toBeGreaterThan(0)
  expect(srcs.filter((s) => !s.includes('/board/demo-staff/'))).toEqual([])
  await resident.locator('#exposure-follow').click()
  await resident.locator('#exposure-follow[data-following="true"]').waitFor()
  await screenshot(resident, 'board-exposure-detail-rectifying')

  // ---- 责任单位: answers on the page, then fixes it; staff 销号 (arranged through the API)
  const unit = await openAs(browser, UNIT, `/packages/board/pages/exposure/index?id=${entryId}`)
  await unit.locator('#exposure-reply-box').waitFor()
  await fill(unit, 'exposure-reply-text', '已组织执法队员现场整治，摊贩已引导进入菜场内经营，将每日早间巡查。')
  await unit.locator('#exposure-reply-submit').click()
  await unit.locator('#exposure-replies .xd-reply', { hasText: '每日早间巡查' }).waitFor()
  await ok(UNIT, 'report', 'acknowledge', { id: reportId })
  await rectifyAs(browser, UNIT, reportId, '已清理占道摊点，人行道恢复通行。')
  await until('the after-photo check', async () => (await ok(STAFF, 'report', 'staffDetail', { id: reportId })).rectification?.photos.every((p: { checked: string }) => p.checked === 'pass'))
  await ok(STAFF, 'report', 'verifyClose', { id: reportId, note: '现场核验已整改到位。' })

  // ---- the entry follows its report: 已整改, with the after-photo and the date
  await resident.reload()
  await resident.locator('#exposure-status[data-status="fixed"]').waitFor()
  await resident.locator('#exposure-compare #exposure-after-photos .bd-photo[data-state="loaded"]').waitFor()
  await expect(resident.locator('#exposure-fixed-at').innerText()).resolves.toMatch(/\d{4}年\d+月\d+日/)
  await expect(resident.locator('#exposure-replies').innerText()).resolves.toContain('文华分局')
  await screenshot(resident, 'board-exposure-detail-fixed')
  // …and in the list, under 已整改, once the timer has run (which also tells the follower).
  await fetch(`${baseUrl()}api/dev/trigger/board/sync`, { method: 'POST' })
  const outbox = (await (await fetch(`${baseUrl()}api/dev/outbox`)).json()) as { messages?: { touser: string; templateId: string; page?: string }[] } | { touser: string; templateId: string; page?: string }[]
  const messages = Array.isArray(outbox) ? outbox : (outbox.messages ?? [])
  expect(messages.some((m) => m.touser === RESIDENT && m.templateId === BOARD_TEMPLATES.exposureFixed && m.page?.includes(entryId))).toBe(true)
  const feed = await openAs(browser, RESIDENT, '/pages/exposure/index')
  await feed.locator('#exposure-filter-status-fixed').click()
  await feed.locator(`.exp-card[data-id="${entryId}"][data-status="fixed"]`).waitFor()
  await screenshot(feed, 'board-exposure-feed-fixed')
  expect((await api<{ ok: boolean }>(RESIDENT, 'board', 'exposureFeed', { status: 'fixed' })).ok).toBe(true)
})
