// 志愿服务, the organiser's side and full events: 创城办 creates an event from the 周五环境整治 template and
// publishes it; a full event puts the next volunteer on the waitlist, and a cancellation promotes them; the
// clear refusals (overlap, not yet open); a weekly series generated from a template; manual attendance and
// hours with a reason; the uncovered posts view.
import type { Browser, Page } from 'playwright-core'
import { launch, openAs, screenshot } from './support/browser'
import { approvedVolunteer, clock, confirmModal, must, toastGone, typeInto } from './support/volunteer'

const STAFF = 'demo-staff'
const A = 'e2e-vol-2'
const B = 'e2e-vol-3'

let browser: Browser
const pages: Page[] = []
let eventId = ''

async function open(openid: string, route: string): Promise<Page> {
  const page = await openAs(browser, openid, route)
  pages.push(page)
  return page
}

/** Beijing `YYYY-MM-DD`, `days` from now. */
function beijingDate(days: number): string {
  const t = new Date(Date.now() + days * 86400000 + 8 * 3600000)
  return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`
}

beforeAll(async () => {
  browser = await launch()
  await clock({ reset: true })
  // Two approved volunteers of the 幸福里 team (arranged through the API: registration has its own test).
  await approvedVolunteer(A, '周志愿', '13800138002', 't-xingfuli')
  await approvedVolunteer(B, '吴志愿', '13800138003', 't-xingfuli')
})
afterAll(async () => {
  for (const p of pages) await p.context().close().catch(() => {})
  await browser?.close()
  await clock({ reset: true })
})

test('创城办 creates a one-place event from the 周五环境整治 template (as a 文明劝导), with posts, and publishes it', async () => {
  const staff = await open(STAFF, '/packages/volunteer-admin/pages/index/index')
  await staff.locator('#admin-entry-new-event').click()
  await staff.locator('#event-form').waitFor()
  await staff.locator('#tpl-friday.is-active').waitFor()
  // The template filled the posts with their tasks.
  expect(await staff.locator('#ev-posts .ev-post').count()).toBe(4)
  // Same template, another kind of service (so the city's 周五环境整治 stays the one other tests sign up for).
  await typeInto(staff, 'ev-title', '文明劝导 · 滨河花园（测试）')
  await staff.locator('#ev-type-civility').click()
  await staff.locator('#ev-district-d-binhe').click()
  await typeInto(staff, 'ev-address', '滨河区滨江花园北门广场')
  await staff.locator(`#ev-date-${beijingDate(2)}`).click()
  await staff.locator('#ev-time-09\\:00').click()
  await staff.locator('#ev-duration-120').click()
  await typeInto(staff, 'ev-capacity', '1')
  // One post more, one fewer.
  await staff.locator('#ev-post-add').click()
  await typeInto(staff, 'ev-post-name-4', '滨江花园南门')
  await typeInto(staff, 'ev-post-needed-4', '1')
  await staff.locator('#ev-posts .ev-post[data-index="0"] .ev-post__remove').click()
  expect(await staff.locator('#ev-posts .ev-post').count()).toBe(4)
  await screenshot(staff, 'volunteer-org-01-create-event')

  await staff.locator('#ev-submit').click()
  await staff.locator('#admin-event-head[data-status="published"]').waitFor({ timeout: 15000 })
  eventId = (await staff.locator('#admin-event-head').getAttribute('data-id'))!
  expect(eventId).toBeTruthy()
  const ev = await must(A, 'volunteer', 'getEvent', { id: eventId })
  expect(ev.capacity).toBe(1)
  expect(ev.type).toBe('civility')
  expect(ev.posts.map((p: { name: string }) => p.name)).toContain('滨江花园南门')
  expect(ev.signupWindow).toBe('open')
})

test('a full event puts the next volunteer on the waitlist; a cancellation promotes them', async () => {
  const a = await open(A, `/packages/volunteer/pages/event/index?id=${eventId}`)
  await a.locator('#event-signup[data-kind="signup"]').click()
  await a.locator('#event-message[data-code="CONFIRMED"]').waitFor()
  await a.locator('#event-capacity[data-confirmed="1"]').waitFor()

  const b = await open(B, `/packages/volunteer/pages/event/index?id=${eventId}`)
  await b.locator('#event-capacity[data-confirmed="1"][data-capacity="1"]').waitFor()
  await expect(b.locator('#event-signup').getAttribute('data-kind')).resolves.toBe('waitlist')
  expect(await b.locator('#event-signup').innerText()).toContain('候补')
  await b.locator('#event-signup').click()
  await b.locator('#event-message[data-code="WAITLISTED"]').waitFor()
  expect(await b.locator('#event-message').innerText()).toContain('第 1 位')
  await b.locator('#event-my[data-status="waitlisted"]').waitFor()
  await expect(b.locator('#event-waitlist-position').innerText()).resolves.toBe('1')
  await b.locator('#event-capacity[data-waitlist="1"]').waitFor()
  await toastGone(b)
  await screenshot(b, 'volunteer-org-02-waitlisted')

  // The organiser sees who waits, in order.
  const staff = await open(STAFF, `/packages/volunteer-admin/pages/event/index?id=${eventId}`)
  await staff.locator('#admin-tab-roster').click()
  await staff.locator(`.roster-row[data-openid="${B}"][data-status="waitlisted"]`).waitFor()
  expect(await staff.locator(`.roster-row[data-openid="${B}"]`).innerText()).toContain('候补第 1 位')

  // A cannot come after all: B moves up.
  await a.locator('#event-cancel').click()
  await confirmModal(a, '候补')
  await a.locator('#event-message[data-code="CANCELLED"]').waitFor()
  await a.locator('#event-signup').waitFor()

  await b.reload()
  await b.locator('#event-my[data-status="confirmed"]').waitFor()
  await b.locator('#event-capacity[data-waitlist="0"]').waitFor()
  await staff.reload()
  await staff.locator('#admin-tab-roster').click()
  await staff.locator(`.roster-row[data-openid="${B}"][data-status="confirmed"]`).waitFor()
})

test('clear refusals: an overlapping event, and one whose sign-up has not opened', async () => {
  // Another event at the same time (arranged by API), published.
  const ev = await must(B, 'volunteer', 'getEvent', { id: eventId })
  const clash = await must(STAFF, 'volunteer', 'saveEvent', {
    title: '文明劝导 · 滨河夜市（测试·重叠）',
    type: 'civility',
    place: ev.place,
    startAt: new Date(Date.parse(ev.startAt) + 30 * 60000).toISOString(),
    endAt: new Date(Date.parse(ev.endAt) + 30 * 60000).toISOString(),
    capacity: 10,
    organiserName: '市文明办',
    posts: [],
  })
  await must(STAFF, 'volunteer', 'publishEvent', { id: clash.id })
  const b = await open(B, `/packages/volunteer/pages/event/index?id=${clash.id}`)
  await b.locator('#event-signup').click()
  await b.locator('#event-message[data-tone="red"]').waitFor()
  expect(await b.locator('#event-message').innerText()).toContain('该时段已报名其他活动')
  await toastGone(b)
  await screenshot(b, 'volunteer-org-03-overlap')

  // An event more than 7 days ahead: sign-up not yet open, said plainly, no button.
  const later = await must(STAFF, 'volunteer', 'saveEvent', {
    title: '文明交通劝导 · 月末（测试）',
    type: 'traffic',
    place: ev.place,
    startAt: new Date(Date.parse(ev.startAt) + 10 * 86400000).toISOString(),
    endAt: new Date(Date.parse(ev.endAt) + 10 * 86400000).toISOString(),
    capacity: 10,
    organiserName: '市文明办',
    posts: [],
  })
  await must(STAFF, 'volunteer', 'publishEvent', { id: later.id })
  await b.goto(b.url().replace(clash.id, later.id))
  await b.reload()
  await b.locator(`#event-head[data-id="${later.id}"][data-window="not_open"]`).waitFor()
  expect(await b.locator('#event-window-note').innerText()).toContain('报名将于')
  await expect(b.locator('#event-signup').count()).resolves.toBe(0)
})

test('on the day the organiser marks attendance by hand, records hours with a reason, and fills an uncovered post', async () => {
  const ev = await must(B, 'volunteer', 'getEvent', { id: eventId })
  await clock({ now: new Date(Date.parse(ev.startAt) + 5 * 60000).toISOString() })
  const staff = await open(STAFF, `/packages/volunteer-admin/pages/event/index?id=${eventId}`)
  await staff.locator('#admin-event-head[data-status="ongoing"]').waitFor()

  // Uncovered posts: B has no post yet; put them on the first short one.
  await staff.locator('#admin-tab-posts').click()
  const uncovered = staff.locator('#uncovered-posts')
  await uncovered.waitFor()
  const before = Number(await uncovered.getAttribute('data-count'))
  expect(before).toBeGreaterThan(0)
  await screenshot(staff, 'volunteer-org-04-uncovered-posts')
  const pick = uncovered.locator(`.assign-to-post[data-openid="${B}"]`).first()
  const postId = (await pick.getAttribute('data-post'))!
  await pick.click()
  await staff.locator(`.admin-post[data-id="${postId}"]`, { hasText: '吴志愿' }).waitFor()

  // B's phone is flat: the organiser signs them in by hand.
  await staff.locator('#admin-tab-roster').click()
  const row = staff.locator(`.roster-row[data-openid="${B}"]`)
  await row.locator('.roster-mark-in').click()
  await confirmModal(staff, '吴志愿')
  await staff.locator(`.roster-row[data-openid="${B}"][data-checked-in="true"]`).waitFor()
  expect(await staff.locator(`.roster-row[data-openid="${B}"]`).innerText()).toContain('手动')

  // And records 1.5 hours with a reason instead of a check-out.
  await staff.locator('#admin-tab-hours').click()
  await staff.locator(`.hours-row[data-openid="${B}"] .hours-manual`).click()
  await staff.locator('#manual-sheet').waitFor()
  await typeInto(staff, 'manual-hours', '1.5')
  await typeInto(staff, 'manual-reason', '手机没电未能签退，现场负责人确认服务至 10:30')
  await staff.locator('#manual-sheet-confirm').click()
  const hours = staff.locator(`.hours-row[data-openid="${B}"][data-minutes="90"]`)
  await hours.waitFor()
  const text = await hours.innerText()
  expect(text).toContain('组织者补录')
  expect(text).toContain('手机没电')
  await toastGone(staff)
  await screenshot(staff, 'volunteer-org-05-manual-hours')

  await staff.locator('#confirm-hours-all').click()
  await confirmModal(staff, '全部')
  await staff.locator('#admin-message', { hasText: '已确认 1 人' }).waitFor()
  const rec = await must(B, 'volunteer', 'myRecord', {})
  expect(rec.totalMinutes).toBe(90)
  expect(rec.points).toBe(1)
})

test('a weekly series from a template: 每周六 文明交通劝导, two weeks, published', async () => {
  await clock({ reset: true })
  const staff = await open(STAFF, '/packages/volunteer-admin/pages/index/index')
  await staff.locator('#admin-entry-new-series').click()
  await staff.locator('#event-form').waitFor()
  await staff.locator('#tpl-traffic').click()
  await typeInto(staff, 'ev-title', '文明交通劝导 · 滨河路口（测试系列）')
  await staff.locator('#ev-weekday-6').click()
  await staff.locator('#ev-weeks-2').click()
  await staff.locator('#ev-publish[data-checked="true"]').waitFor()
  await screenshot(staff, 'volunteer-org-06-series')
  await staff.locator('#ev-submit').click()
  await staff.locator('#admin-event-head[data-status="published"]').waitFor({ timeout: 15000 })
  const first = (await staff.locator('#admin-event-head').getAttribute('data-id'))!
  const ev = await must(STAFF, 'volunteer', 'getEvent', { id: first })
  expect(ev.seriesId).toBeTruthy()
  expect(ev.title).toBe('文明交通劝导 · 滨河路口（测试系列）')
  expect(new Date(Date.parse(ev.startAt) + 8 * 3600000).getUTCDay()).toBe(6)
  const series = await must(STAFF, 'volunteer', 'staffEvents', { seriesId: ev.seriesId })
  expect(series.items).toHaveLength(2)
})
