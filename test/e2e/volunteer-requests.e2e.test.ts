// 点单 → 派单 → 接单 → 评单 through the UI: a resident asks for a service, 创城办 dispatches it to a 志愿服务队,
// a member of that team takes and completes it, the resident rates it, and the hours reach the volunteer's ledger.
import type { Browser, Page } from 'playwright-core'
import { launch, openAs, screenshot } from './support/browser'
import { clock, confirmModal, must, toastGone, typeInto } from './support/volunteer'

const RESIDENT = 'demo-resident'
const STAFF = 'demo-staff'
const MEMBER = 'demo-volunteer' // 幸福里社区志愿服务队
const TEAM = 't-xingfuli'

let browser: Browser
const pages: Page[] = []

async function open(openid: string, route: string): Promise<Page> {
  const page = await openAs(browser, openid, route)
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
})

test('a resident’s request is dispatched, taken, completed and rated; the hours reach the volunteer', async () => {
  const ledgerBefore = await must(MEMBER, 'volunteer', 'myRecord', {})

  // 点单
  const resident = await open(RESIDENT, '/packages/volunteer/pages/requests/index')
  await resident.locator('#req-form').waitFor()
  await resident.locator('#req-category-repair').click()
  await resident.locator('#req-district-d-wenhua').click()
  await typeInto(resident, 'req-address', '幸福里小区3号楼2单元501')
  await resident.locator('#req-time-14\\:00').click()
  await typeInto(resident, 'req-description', '独居老人家中厨房水龙头漏水，需要志愿者上门帮忙更换。')
  await typeInto(resident, 'req-contact-name', '李桂兰')
  await typeInto(resident, 'req-contact-mobile', '13700137001')
  await screenshot(resident, 'volunteer-req-01-ask')
  await resident.locator('#req-submit').click()
  await resident.locator('#requests-tab-mine.is-active').waitFor()
  const mine = resident.locator('#req-mine .request-item').first()
  await mine.waitFor()
  await expect(mine.getAttribute('data-status')).resolves.toBe('submitted')
  const id = (await mine.getAttribute('data-id'))!
  expect(await mine.innerText()).toContain('水龙头漏水')

  // 派单
  const staff = await open(STAFF, '/packages/volunteer-admin/pages/requests/index')
  const card = staff.locator(`.admin-request[data-id="${id}"]`)
  await card.waitFor()
  expect(await card.innerText()).toContain('137****7001')
  await card.locator('.request-dispatch').click()
  await staff.locator(`#dispatch-team-${TEAM}`).click()
  await toastGone(staff)
  await screenshot(staff, 'volunteer-req-02-dispatch')
  await staff.locator('#dispatch-sheet-confirm').click()
  await staff.locator('#dispatch-message', { hasText: '已派单' }).waitFor()

  // 接单 and complete
  const member = await open(MEMBER, '/packages/volunteer/pages/requests/index')
  await member.locator('#requests-tab-team').click()
  const open_ = member.locator(`#req-team .request-item[data-id="${id}"][data-status="dispatched"]`)
  await open_.waitFor()
  await open_.locator('.request-take').click()
  await confirmModal(member, '接下这条')
  const taken = member.locator(`#req-team .request-item[data-id="${id}"][data-status="taken"]`)
  await taken.waitFor()
  // The taker sees the resident's number in full.
  expect(await taken.innerText()).toContain('13700137001')
  await toastGone(member)
  await screenshot(member, 'volunteer-req-03-taken')
  await taken.locator('.request-complete').click()
  await typeInto(member, 'complete-hours', '1.5')
  await typeInto(member, 'complete-note', '已更换水龙头并检查了水管')
  await member.locator('#complete-sheet-confirm').click()
  await member.locator(`#req-team .request-item[data-id="${id}"][data-status="done"]`).waitFor()

  // 评单
  await resident.reload()
  await resident.locator('#requests-tab-mine').click()
  const done = resident.locator(`#req-mine .request-item[data-id="${id}"][data-status="done"]`)
  await done.waitFor()
  await done.locator('.request-rate').click()
  await resident.locator('#rate-star-5').click()
  await typeInto(resident, 'rate-comment', '志愿者很耐心，谢谢！')
  await resident.locator('#rate-sheet-confirm').click()
  const rated = resident.locator(`#req-mine .request-item[data-id="${id}"][data-status="rated"]`)
  await rated.waitFor()
  expect(await rated.innerText()).toContain('★★★★★')
  await toastGone(resident)
  await screenshot(resident, 'volunteer-req-04-rated')

  const after = await must(MEMBER, 'volunteer', 'myRecord', {})
  expect(after.totalMinutes).toBe(ledgerBefore.totalMinutes + 90)
  const ledger = await must(MEMBER, 'volunteer', 'myLedger', { limit: 5 })
  expect(ledger.items.some((e: { refType: string; refId: string; minutes: number }) => e.refType === 'request' && e.refId === id && e.minutes === 90)).toBe(true)
})
