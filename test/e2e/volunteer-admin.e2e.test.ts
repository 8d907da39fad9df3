// 志愿服务 staff back office: a volunteer asks for their confirmed hours to be corrected and 创城办 approves it
// (it moves to 已通过); then 创城办 exports the month's confirmed hours as a CSV for 志愿中国 补录.
import type { Browser, Page } from 'playwright-core'
import { baseUrl, launch, openAs, screenshot } from './support/browser'
import { approvedVolunteer, clock, must, toastGone } from './support/volunteer'

const VOL = 'e2e-vol-corr'
const NAME = '郑更正'
const STAFF = 'demo-staff'

let browser: Browser
const pages: Page[] = []
let eventId = ''
let correctionId = ''

async function open(openid: string, route: string): Promise<Page> {
  const page = await openAs(browser, openid, route)
  pages.push(page)
  return page
}

/** The Beijing month `YYYY-MM` of an instant. */
const beijingMonth = (ms: number) => new Date(ms + 8 * 3600000).toISOString().slice(0, 7)
/** When the organiser confirmed the hours (devcloud clock). */
let confirmedMs = 0

beforeAll(async () => {
  browser = await launch()
  await clock({ reset: true })
  // Arranged through the API (each step has its own UI test): an approved volunteer, a three-hour event,
  // two hours recorded by the organiser and confirmed, then a request to correct them to 2.5 hours.
  await approvedVolunteer(VOL, NAME, '13800138011')
  // Arrange it two days in the past, so the confirmation is never in a month the hub does not offer yet
  // (the hub lists this month and the five before it); the export test picks that month's chip.
  const base = Date.now() - 2 * 86400000
  await clock({ now: new Date(base).toISOString() })
  const startMs = Math.ceil((base + 3 * 3600000) / 60000) * 60000
  confirmedMs = startMs + 5 * 60000
  const ev = await must(STAFF, 'volunteer', 'saveEvent', {
    title: '时长更正测试 · 幸福里巷道清扫',
    type: 'environment',
    place: { address: '幸福里社区东门', lat: 34.62, lng: 112.45 },
    startAt: new Date(startMs).toISOString(),
    endAt: new Date(startMs + 3 * 3600000).toISOString(),
    capacity: 5,
    organiserName: '幸福里社区',
    posts: [],
  })
  eventId = ev.id
  await must(STAFF, 'volunteer', 'publishEvent', { id: eventId })
  await must(VOL, 'volunteer', 'signUp', { eventId })
  await clock({ now: new Date(startMs + 5 * 60000).toISOString() })
  await must(STAFF, 'volunteer', 'setManualHours', { eventId, openid: VOL, minutes: 120, reason: '现场负责人确认服务两小时' })
  const confirmed = await must(STAFF, 'volunteer', 'confirmHours', { eventId, openids: [VOL] })
  expect(confirmed.confirmed).toBe(1)
  const correction = await must(VOL, 'volunteer', 'requestCorrection', { eventId, requestedMinutes: 150, reason: '实际服务至 11:30，签退时漏扫' })
  correctionId = correction.id
  expect(correction.status).toBe('pending')
  await clock({ reset: true })
})
afterAll(async () => {
  for (const p of pages) await p.context().close().catch(() => {})
  await browser?.close()
  await clock({ reset: true })
})

test('创城办 opens 时长更正 from the hub (pending count shown), approves the request, and it moves to 已通过', async () => {
  const staff = await open(STAFF, '/packages/volunteer-admin/pages/index/index')
  const entry = staff.locator('#admin-entry-corrections')
  await entry.locator('.admin-tool__badge').waitFor()
  expect(Number(await entry.locator('.admin-tool__badge').innerText())).toBeGreaterThanOrEqual(1)
  await entry.click()

  await staff.locator('#page-vol-admin-corrections').waitFor()
  await staff.locator('#corr-tab-pending.is-active').waitFor()
  const row = staff.locator(`.corr-row[data-id="${correctionId}"][data-status="pending"]`)
  await row.waitFor()
  const text = await row.innerText()
  expect(text).toContain(NAME)
  expect(text).toContain('时长更正测试')
  expect(text).toContain('记录 2 小时')
  expect(text).toContain('申请 2.5 小时')
  expect(text).toContain('签退时漏扫')
  await screenshot(staff, 'volunteer-admin-01-corrections-pending')

  await row.locator('.corr-approve').click()
  await staff.locator('#approve-sheet').waitFor()
  await expect(staff.locator('#approve-hours input').inputValue()).resolves.toBe('2.5')
  await staff.locator('#approve-sheet-confirm').click()
  await staff.locator('#corr-message', { hasText: '已通过' }).waitFor()
  await staff.locator(`.corr-row[data-id="${correctionId}"]`).waitFor({ state: 'detached' })

  await staff.locator('#corr-tab-approved').click()
  const done = staff.locator(`.corr-row[data-id="${correctionId}"][data-status="approved"]`)
  await done.waitFor()
  const doneText = await done.innerText()
  expect(doneText).toContain('核定时长')
  expect(doneText).toContain('2.5 小时')
  expect(doneText).toContain('处理说明')
  await expect(done.locator('.corr-approve').count()).resolves.toBe(0)
  await toastGone(staff)
  await screenshot(staff, 'volunteer-admin-02-corrections-approved')

  const rec = await must(VOL, 'volunteer', 'myRecord', {})
  expect(rec.totalMinutes).toBe(150)
})

test('创城办 exports this month’s confirmed hours: rows and total shown, the CSV has a BOM, a header and data', async () => {
  const staff = await open(STAFF, '/packages/volunteer-admin/pages/index/index')
  const month = beijingMonth(confirmedMs)
  await staff.locator(`#export-month-${month}`).click()
  await staff.locator(`#export-card[data-month="${month}"]`).waitFor()
  await staff.locator(`#export-month-${month}.is-active`).waitFor()
  await staff.locator('#export-submit').click()

  const result = staff.locator('#export-result')
  await result.waitFor({ timeout: 15000 })
  const rows = Number(await result.getAttribute('data-rows'))
  const total = Number(await result.getAttribute('data-total-minutes'))
  expect(rows).toBeGreaterThanOrEqual(1)
  expect(total).toBeGreaterThanOrEqual(150)
  expect(await result.innerText()).toMatch(/\d+ 条记录，共 [\d.]+ 小时/)
  await staff.locator('#export-link').waitFor()
  await screenshot(staff, 'volunteer-admin-03-export')

  const url = (await result.getAttribute('data-url'))!
  expect(url).toBeTruthy()
  const res = await fetch(new URL(url, baseUrl()))
  expect(res.ok).toBe(true)
  const bytes = Buffer.from(await res.arrayBuffer())
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean)
  expect(lines[0]).toContain('志愿者姓名')
  expect(lines[0]).toContain('服务时长（小时）')
  expect(lines.length - 1).toBe(rows)
  const mine = lines.find((l) => l.includes(NAME))
  expect(mine).toBeDefined()
  expect(mine).toContain('时长更正测试')
  expect(mine).toContain('2.5')
  expect(mine).not.toContain('（时长更正）')
})
