// 志愿服务 through the UI, as it happens on a Friday: a new resident registers as a volunteer and 创城办 approves;
// the volunteer signs up for the 周五环境整治; on the day they check in and out by the organiser's live QR code
// (H5: the code's text typed in, the phone's location checked); the organiser confirms the hours; the 时间存折
// shows them; the points buy something at the 爱心超市 and staff verify the code.
import type { Browser, Page } from 'playwright-core'
import path from 'node:path'
import { SCREENSHOTS, launch, openAs, screenshot } from './support/browser'
import { clock, confirmModal, go, idNumber, must, toastGone, typeInto } from './support/volunteer'

const VOL = 'e2e-vol-1'
const STAFF = 'demo-staff'
const ID_NUMBER = idNumber('41030219900101123')

let browser: Browser
const pages: Page[] = []
let eventId = ''
let eventStart = ''
let place = { latitude: 0, longitude: 0 }

async function open(openid: string, route: string, geolocation?: { latitude: number; longitude: number }): Promise<Page> {
  const page = await openAs(browser, openid, route, geolocation ? { geolocation } : {})
  pages.push(page)
  return page
}

beforeAll(async () => {
  browser = await launch()
  await clock({ reset: true })
})
afterAll(async () => {
  for (const p of pages) await p.context().close().catch(() => {})
  await browser?.close()
  await clock({ reset: true })
})

test('a new resident registers as a volunteer (实名, ID masked, consent) and 创城办 approves', async () => {
  const vol = await open(VOL, '/pages/volunteer/index')
  await vol.locator('#vol-summary[data-status="none"]').waitFor()
  // The Friday clean-up comes first.
  await vol.locator('#vol-featured .event-card[data-type="environment"]').waitFor()
  eventId = (await vol.locator('#vol-featured .event-card').getAttribute('data-id'))!
  expect(eventId).toBeTruthy()
  await screenshot(vol, 'volunteer-01-tab-newcomer')

  await vol.locator('#vol-register-cta').click()
  await vol.locator('#reg-form').waitFor()
  // The consent text says what is collected and why.
  const consent = await vol.locator('#reg-consent-text').innerText()
  expect(consent).toContain('身份证号码')
  expect(consent).toContain('仅用于')
  expect(consent).toContain('签到签退时的位置')

  await typeInto(vol, 'reg-name', '李文明')
  await typeInto(vol, 'reg-mobile', '13800138001')
  await typeInto(vol, 'reg-id', ID_NUMBER)
  // Leaving the field shows the number masked.
  await vol.locator('#reg-service-environment').click()
  await vol.locator('#reg-id-masked').waitFor()
  await expect(vol.locator('#reg-id-masked').innerText()).resolves.toBe(`4103**********${ID_NUMBER.slice(-4)}`)
  await vol.locator('#reg-service-elderly').click()
  await vol.locator('#reg-skill-first_aid').click()
  await vol.locator('#reg-availability-weekday_afternoon').click()
  await vol.locator('#reg-availability-weekend_morning').click()
  await vol.locator('#reg-field-area .vol-chip').first().click()
  await vol.locator('#reg-team-t-xingfuli').click()

  // Without consent nothing is sent.
  await vol.locator('#reg-submit').click()
  await vol.locator('#reg-field-name').waitFor()
  await vol.locator('.reg-consent-box .vol-field__error', { hasText: '请阅读并同意' }).waitFor()
  await vol.locator('#reg-consent').click()
  await vol.locator('#reg-consent[data-checked="true"]').waitFor()
  await toastGone(vol)
  await screenshot(vol, 'volunteer-02-register-form')
  await vol.locator('#reg-submit').click()

  await vol.locator('#reg-status[data-status="pending"]').waitFor()
  const pending = await vol.locator('#reg-status').innerText()
  expect(pending).toContain('等待审核')
  expect(pending).toContain(`4103**********${ID_NUMBER.slice(-4)}`)
  expect(pending).not.toContain(ID_NUMBER)
  await toastGone(vol)
  await screenshot(vol, 'volunteer-03-register-pending')

  // 创城办 reviews: mobile and ID number only masked.
  const staff = await open(STAFF, '/packages/volunteer-admin/pages/registrations/index')
  const row = staff.locator(`.reg-row[data-openid="${VOL}"]`)
  await row.waitFor()
  const rowText = await row.innerText()
  expect(rowText).toContain('李文明')
  expect(rowText).toContain('138****8001')
  expect(rowText).not.toContain('13800138001')
  await screenshot(staff, 'volunteer-04-staff-registrations')
  await row.locator('.reg-approve').click()
  await confirmModal(staff, '李文明')
  await staff.locator('#reg-admin-message', { hasText: '已通过' }).waitFor()
  await staff.locator(`.reg-row[data-openid="${VOL}"]`).waitFor({ state: 'detached' })

  await vol.reload()
  await vol.locator('#reg-status[data-status="approved"]').waitFor()
})

test('the volunteer signs up for the Friday clean-up, choosing a post', async () => {
  const vol = await open(VOL, '/pages/volunteer/index')
  await vol.locator('#vol-summary[data-status="approved"]').waitFor()
  await expect(vol.locator('#vol-total-hours').getAttribute('data-minutes')).resolves.toBe('0')
  await screenshot(vol, 'volunteer-04b-tab-approved')
  await vol.locator(`#vol-featured .event-card[data-id="${eventId}"]`).click()

  await vol.locator(`#event-head[data-id="${eventId}"]`).waitFor()
  const capacity = vol.locator('#event-capacity')
  const before = Number(await capacity.getAttribute('data-confirmed'))
  const detail = await vol.locator('#event-head').innerText()
  expect(detail).toMatch(/周五 15:00–17:00/)
  expect(detail).toContain('集合')
  // Posts with their tasks and how many people each still lacks.
  const post = vol.locator('#event-posts .event-post').first()
  const postId = (await post.getAttribute('data-id'))!
  const missingBefore = Number(await post.getAttribute('data-missing'))
  await post.click()
  await vol.locator(`#event-post-${postId}.is-selected`).waitFor()

  await vol.locator('#event-signup[data-kind="signup"]').click()
  await vol.locator('#event-message[data-code="CONFIRMED"]').waitFor()
  await vol.locator('#event-my[data-status="confirmed"]').waitFor()
  await vol.locator(`#event-capacity[data-confirmed="${before + 1}"]`).waitFor()
  await vol.locator(`#event-post-${postId}[data-missing="${Math.max(0, missingBefore - 1)}"]`).waitFor()
  await expect(vol.locator('#event-my').innerText()).resolves.toContain('点位')
  // Cancelling is possible until the deadline.
  await vol.locator('#event-cancel').waitFor()
  await toastGone(vol)
  await screenshot(vol, 'volunteer-05-event-signed-up')

  const ev = await must(VOL, 'volunteer', 'getEvent', { id: eventId })
  eventStart = ev.startAt
  place = { latitude: ev.place.lat, longitude: ev.place.lng }
})

test('on the day: check-in and check-out with the organiser’s live QR (token typed in H5, location checked)', async () => {
  // The event has started (devcloud's clock: every function sees it).
  await clock({ now: new Date(Date.parse(eventStart) + 60_000).toISOString() })

  const staff = await open(STAFF, `/packages/volunteer-admin/pages/event/index?id=${eventId}`)
  await staff.locator('#admin-event-head[data-status="ongoing"]').waitFor()
  await staff.locator('#admin-tab-qr').click()
  const token = staff.locator('#live-qr-token[data-kind="in"]')
  await token.waitFor()
  await staff.locator('#live-qr[data-modules]').waitFor()
  expect(Number(await staff.locator('#live-qr').getAttribute('data-modules'))).toBeGreaterThanOrEqual(21)
  expect(Number(await staff.locator('#live-qr-countdown').getAttribute('data-seconds'))).toBeGreaterThan(0)
  await screenshot(staff, 'volunteer-06-organiser-live-qr')

  // The volunteer is at the event's place.
  const vol = await open(VOL, `/packages/volunteer/pages/event/index?id=${eventId}`, place)
  await vol.locator('#event-scan[data-kind="in"]').waitFor()
  // A wrong code is refused with a clear message.
  await vol.locator('#event-scan').click()
  await vol.locator('#scan-sheet').waitFor()
  await typeInto(vol, 'scan-code-input', 'v1.not-a-real-code.in.1.abcdefghijklmnopqrstuvwxyz')
  await vol.locator('#scan-sheet-confirm').click()
  await vol.locator('#event-message[data-tone="red"]').waitFor()
  expect(await vol.locator('#event-message').innerText()).toMatch(/签到码/)

  // The code on the organiser's screen right now (it changes every few seconds).
  const inToken = (await token.getAttribute('data-token'))!
  expect(inToken).toMatch(/^v1\./)
  await typeInto(vol, 'scan-code-input', inToken)
  await screenshot(vol, 'volunteer-07-scan-code-input')
  await vol.locator('#scan-sheet-confirm').click()
  await vol.locator('#event-message[data-code="SCAN_IN"]').waitFor()
  expect(await vol.locator('#event-message').innerText()).toContain('签到成功')
  await vol.locator('#event-my[data-checked-in="true"]').waitFor()
  await vol.locator('#event-scan[data-kind="out"]').waitFor()

  // Two hours later the organiser shows the check-out code.
  await clock({ advanceMs: 2 * 60 * 60 * 1000 })
  await staff.locator('#qr-kind-out').click()
  const outTokenEl = staff.locator('#live-qr-token[data-kind="out"]')
  await outTokenEl.waitFor()
  await staff.locator('.live-qr__counts', { hasText: '已签到 ' }).waitFor()
  const outToken = (await outTokenEl.getAttribute('data-token'))!
  expect(outToken).not.toBe(inToken)

  await vol.locator('#event-scan[data-kind="out"]').click()
  await typeInto(vol, 'scan-code-input', outToken)
  await vol.locator('#scan-sheet-confirm').click()
  await vol.locator('#event-message[data-code="SCAN_OUT"]').waitFor()
  const out = await vol.locator('#event-message').innerText()
  expect(out).toContain('签退成功')
  expect(out).toContain('2 小时')
  await vol.locator('#event-my[data-checked-out="true"]').waitFor()
  await toastGone(vol)
  await screenshot(vol, 'volunteer-08-checked-out')
})

test('the organiser confirms the hours (recorded from the scans), and the 时间存折 shows them', async () => {
  const staff = await open(STAFF, `/packages/volunteer-admin/pages/event/index?id=${eventId}`)
  await staff.locator('#admin-event-head').waitFor()
  await staff.locator('#admin-tab-roster').click()
  const rosterRow = staff.locator(`.roster-row[data-openid="${VOL}"]`)
  await rosterRow.waitFor()
  await expect(rosterRow.getAttribute('data-checked-out')).resolves.toBe('true')
  await screenshot(staff, 'volunteer-09-organiser-roster')

  await staff.locator('#admin-tab-hours').click()
  const row = staff.locator(`.hours-row[data-openid="${VOL}"]`)
  await row.waitFor()
  await expect(row.getAttribute('data-hours-status')).resolves.toBe('pending')
  await expect(row.getAttribute('data-minutes')).resolves.toBe('120')
  expect(await row.innerText()).toContain('签到记录')
  await screenshot(staff, 'volunteer-10-organiser-hours')
  await row.locator('.hours-confirm').click()
  await confirmModal(staff, '李文明')
  await staff.locator('#admin-message', { hasText: '已确认 1 人' }).waitFor()
  await staff.locator(`.hours-row[data-openid="${VOL}"][data-hours-status="confirmed"]`).waitFor()

  // 我的报名 → 服务记录: the participation with its confirmed hours.
  const signups = await open(VOL, '/packages/volunteer/pages/signups/index')
  await signups.locator('#signups-tab-past').click()
  const item = signups.locator(`.signup-item[data-event="${eventId}"]`)
  await item.waitFor()
  const itemText = await item.innerText()
  expect(itemText).toContain('时长已确认')
  expect(itemText).toContain('签到 15:01')
  await screenshot(signups, 'volunteer-10b-my-signups')

  const vol = await open(VOL, '/packages/volunteer/pages/record/index')
  await vol.locator('#record-total-hours[data-minutes="120"]').waitFor()
  await expect(vol.locator('#record-total-hours').innerText()).resolves.toBe('2')
  await expect(vol.locator('#record-level').getAttribute('data-level')).resolves.toBe('0')
  await expect(vol.locator('#record-level').innerText()).resolves.toBe('注册志愿者')
  await expect(vol.locator('#record-level-next').innerText()).resolves.toContain('一星志愿者（100 小时）还差 98 小时')
  await expect(vol.locator('#record-points').getAttribute('data-points')).resolves.toBe('2')
  const ledger = vol.locator('#record-ledger .ledger-item[data-kind="service"]').first()
  await ledger.waitFor()
  expect(await ledger.innerText()).toContain('+2 小时')
  await toastGone(vol)
  await screenshot(vol, 'volunteer-11-record')

  // The monthly ranking counts the service (by the month it was done).
  await vol.locator('#record-tab-ranking').click()
  await vol.locator('#record-ranking .ranking-item[data-me="true"]').waitFor()
  await screenshot(vol, 'volunteer-12-ranking')

  // The service certificate: numbered, issuer, hours, content, period.
  await vol.locator('#record-tab-ledger').click()
  await vol.locator('#record-certificate').click()
  await vol.locator('#cert-issue').click()
  await vol.locator('#certificate[data-number]').waitFor()
  expect(await vol.locator('#certificate').getAttribute('data-number')).toMatch(/^SF-20\d\d-\d{6}$/)
  const cert = await vol.locator('#certificate').innerText()
  expect(cert).toContain('李文明')
  expect(cert).toContain(`4103**********${ID_NUMBER.slice(-4)}`)
  expect(cert).toContain('周五环境整治')
  expect(cert).toContain('2 小时')
  expect(cert).toContain('示范市志愿服务联合会')
  await vol.locator('#cert-save').waitFor()
  await vol.locator('#cert-print').waitFor()
  const [download] = await Promise.all([vol.waitForEvent('download'), vol.locator('#cert-save').click()])
  expect(download.suggestedFilename()).toMatch(/^志愿服务证明-SF-.*\.png$/)
  await download.saveAs(path.join(SCREENSHOTS, 'volunteer-13b-certificate-image.png'))
  await toastGone(vol)
  await screenshot(vol, 'volunteer-13-certificate')
})

test('points are redeemed at the 爱心超市 and staff verify the code once', async () => {
  await clock({ reset: true })
  // 创城办 stocks something the new volunteer's 2 points can buy.
  const staff = await open(STAFF, '/packages/volunteer-admin/pages/mall/index')
  await staff.locator('#mall-admin-tab-goods').click()
  await staff.locator('#goods-new').click()
  await staff.locator('#goods-sheet').waitFor()
  await typeInto(staff, 'goods-name', '环保帆布购物袋')
  await typeInto(staff, 'goods-description', '社区爱心超市领取，周一至周五 9:00–17:00。')
  await typeInto(staff, 'goods-price', '2')
  await typeInto(staff, 'goods-stock', '5')
  await staff.locator('#goods-sheet-confirm').click()
  const goodsCard = staff.locator('.admin-goods', { hasText: '环保帆布购物袋' })
  await goodsCard.waitFor()
  const goodsId = (await goodsCard.getAttribute('data-id'))!

  const vol = await open(VOL, '/packages/volunteer/pages/mall/index')
  await vol.locator('#mall-points[data-points="2"]').waitFor()
  const card = vol.locator(`.goods-card[data-id="${goodsId}"]`)
  await card.waitFor()
  await expect(card.getAttribute('data-stock')).resolves.toBe('5')
  // Too dear items cannot be redeemed.
  await vol.locator('.goods-card[data-price="40"] .goods-redeem.nut-button-disabled').first().waitFor()
  await screenshot(vol, 'volunteer-14-mall')
  await card.locator('.goods-redeem').click()
  await confirmModal(vol, '使用 2 积分兑换「环保帆布购物袋」')
  const code = vol.locator('#redeem-code')
  await code.waitFor()
  const redemptionCode = (await code.getAttribute('data-code'))!
  expect(redemptionCode).toMatch(/^[23456789A-HJKMNP-Z]{10}$/)
  await vol.locator('#redeem-qr[data-modules]').waitFor()
  await toastGone(vol)
  await screenshot(vol, 'volunteer-15-redeem-code')
  await vol.locator('#redeem-sheet-confirm').click()
  await vol.locator('#mall-points[data-points="0"]').waitFor()
  await vol.locator(`.redemption-item[data-status="issued"] .redemption-code[data-code="${redemptionCode}"]`).waitFor()

  // Staff verify: look the code up, then confirm.
  await staff.locator('#mall-admin-tab-verify').click()
  await typeInto(staff, 'verify-code-input', redemptionCode.toLowerCase())
  await staff.locator('#verify-check').click()
  await staff.locator('#verify-result[data-status="issued"]').waitFor()
  expect(await staff.locator('#verify-result').innerText()).toContain('环保帆布购物袋')
  await staff.locator('#verify-confirm').click()
  await staff.locator('#verify-message[data-code="VERIFIED"]').waitFor()
  await staff.locator('#verify-result[data-status="verified"]').waitFor()
  await toastGone(staff)
  await screenshot(staff, 'volunteer-16-staff-verified')
  // A second verification is refused.
  await staff.locator('#verify-check').click()
  await staff.locator('#verify-result[data-status="verified"]').waitFor()
  await expect(staff.locator('#verify-confirm').count()).resolves.toBe(0)

  await go(vol, VOL, '/packages/volunteer/pages/mall/index')
  await vol.locator('#mall-tab-codes').click()
  await vol.locator(`.redemption-item[data-status="verified"]`).first().waitFor()
  await expect(vol.locator('.redemption-item[data-status="verified"] .redemption-code').count()).resolves.toBe(0)
})
