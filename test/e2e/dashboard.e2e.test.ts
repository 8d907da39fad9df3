// 数据看板 end to end: two new reports are handled through the API (one rectified and closed by 文华城管, one
// left with it past its 时限), a week passes, the rollup counts them; the dashboard shows the figures
// stats.overview gives, which moved by exactly what was done. Staff then publish last week's ranking 通报 after
// a preview, and a resident finds it from the 曝光台 and reads the same row; the unit's handler sees its own
// row on its own page. Phone and desk screenshots.
import type { Browser, Page } from 'playwright-core'
import { advanceClock, launch, openAs, runTrigger, screenshot } from './support/browser'
import { ok, pointIn, rectifyAs, submitAs } from './support/report'
import { lastWeek, periodOf } from '../../src/packages/dashboard/period'

const STAFF = 'demo-staff'
const UNIT = 'demo-unit' // 文华城管
const UNIT_ID = 'u-cg-wenhua'
const RESIDENT = 'demo-resident'
const DASHBOARD = '/packages/dashboard/pages/index/index'
const DAY = 86_400_000
const PHONE = { width: 390, height: 844 }
const DESK = { width: 1440, height: 900 }

type Overview = {
  pending: boolean
  totals: Record<string, number | null>
  statusNow: { status: string; count: number }[]
  units: { unitId: string; rank: number | null; closed: number; overdue: number; escalations: number; onTimeRate: { rate: number | null } }[]
}

let browser: Browser
const pages: Page[] = []
/** The server's (and the browser's) now once a week has passed. */
let later = 0

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 10000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await probe()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Opens a page with the browser's clock on the server's (moved) time: the dashboard's periods are computed there. */
async function open(openid: string, route: string, viewport = PHONE): Promise<Page> {
  const page = await openAs(browser, openid, route, { viewport })
  pages.push(page)
  await page.clock.setFixedTime(new Date(later))
  await page.reload()
  return page
}

const overview = (period: { from: string; to: string }) => ok<Overview>(STAFF, 'stats', 'overview', { ...period, bucket: 'day' })
const unitRow = (o: Overview) => o.units.find((u) => u.unitId === UNIT_ID)!
const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).trim()

let before: Overview
let after: Overview
let thirtyDays: { from: string; to: string }

beforeAll(async () => {
  browser = await launch()
  // The figures before, for the period the dashboard will show a week from now (近30天 then). The rollup
  // leaves the last minute's events to its next run: step past those of the suites that ran before this one
  // and let it catch up, so that the difference later is only what this test does.
  await advanceClock(61_000)
  thirtyDays = periodOf('30d', Date.now() + 7 * DAY)
  before = await until('the rollup to catch up', async () => {
    await runTrigger('stats', 'rollup')
    const o = await overview(thirtyDays)
    return o.pending ? null : o
  }, 30_000)

  // Two reports to 文华城管: one rectified in time and closed, one left with the unit.
  const ids: string[] = []
  for (const [i, description] of ['解放路菜场门口早市摊贩占道经营，人行道被堵。', '解放路口水果摊占用盲道，行人绕行。'].entries()) {
    ids.push(await submitAs(browser, 'e2e-dash-reporter', { categoryId: 'city-stall', at: pointIn('g-jiefang-1', 40 * i, -30), description }))
  }
  for (const id of ids) {
    await until('the photo content check', async () => {
      const d = await ok(STAFF, 'report', 'staffDetail', { id })
      return d.photos.every((p: { checked: string }) => p.checked === 'pass')
    })
    await ok(STAFF, 'report', 'acceptDispatch', { id, unitId: UNIT_ID })
  }
  await rectifyAs(browser, UNIT, ids[0])
  await ok(STAFF, 'report', 'verifyClose', { id: ids[0], note: '现场核验已整改到位。' })

  // A week later (the second report is now past its 3-day 时限) the rollup has counted everything.
  later = Date.parse(await advanceClock(7 * DAY))
  await runTrigger('stats', 'rollup')
  after = await overview(thirtyDays)
}, 120_000)

afterAll(async () => {
  for (const p of pages) await p.context().close()
  await browser?.close()
})

test('the API figures moved by what was done', () => {
  expect(after.pending).toBe(false)
  expect(Number(after.totals.submitted) - Number(before.totals.submitted)).toBe(2)
  expect(Number(after.totals.accepted) - Number(before.totals.accepted)).toBe(2)
  expect(Number(after.totals.closed) - Number(before.totals.closed)).toBe(1)
  expect(unitRow(after).closed - unitRow(before).closed).toBe(1)
  expect(unitRow(after).overdue).toBeGreaterThanOrEqual(1)
})

test('staff see on the dashboard the figures the API gives (phone)', async () => {
  const page = await open(STAFF, DASHBOARD)
  await page.waitForSelector('#dash-totals')
  const asof = page.locator('#dash-asof')
  expect(await asof.getAttribute('data-from')).toBe(thirtyDays.from)
  expect(await asof.getAttribute('data-to')).toBe(thirtyDays.to)
  for (const key of ['submitted', 'accepted', 'closed', 'escalated', 'reopened']) {
    expect([key, await page.locator(`#dash-totals [data-key="${key}"]`).getAttribute('data-value')]).toEqual([key, String(after.totals[key])])
  }
  // Status now: the bars show the counts of the checkpoint.
  for (const s of after.statusNow.filter((x) => x.count > 0)) {
    expect(await text(page, `#dash-status .chart-bars__row[data-key="${s.status}"] .chart-bars__value`)).toBe(String(s.count))
  }
  // 文华城管's row: 销号, 超期未整改 and 督办 as the API has them.
  const row = page.locator(`#dash-units .dash-unit[data-unit="${UNIT_ID}"]`)
  const api = unitRow(after)
  expect(await row.getAttribute('data-rank')).toBe(api.rank === null ? '' : String(api.rank))
  expect(await text(page, `#dash-units .dash-unit[data-unit="${UNIT_ID}"] [data-field="closed"] .rank-cell__value`)).toBe(String(api.closed))
  expect(await text(page, `#dash-units .dash-unit[data-unit="${UNIT_ID}"] [data-field="overdue"] .rank-cell__value`)).toBe(String(api.overdue))
  expect(await text(page, `#dash-units .dash-unit[data-unit="${UNIT_ID}"] [data-field="escalations"] .rank-cell__value`)).toBe(String(api.escalations))
  // Every unit the API lists is on the screen, the quiet ones once unfolded.
  const unfold = page.locator('#dash-unit-table-unfold')
  if (await unfold.count()) await unfold.click()
  expect(await page.locator('#dash-units .dash-unit').count()).toBe(after.units.length)
  // The trend's columns add up to the period's totals.
  const columns = await page.locator('#dash-series .chart-cols__group').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-submitted'))))
  expect(columns.reduce((a, b) => a + b, 0)).toBe(after.totals.submitted)
  await screenshot(page, 'dashboard-phone')
})

test('on a desk the dashboard is two columns wide and nothing spills over the page', async () => {
  const page = await open(STAFF, DASHBOARD, DESK)
  await page.waitForSelector('#dash-totals')
  await page.waitForSelector('#dash-hotspots .chart-map, #dash-hotspots .dash-muted')
  const width = await page.evaluate(() => {
    const front = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).pop()!
    return { scroll: front.scrollWidth, client: front.clientWidth }
  })
  expect(width.scroll).toBeLessThanOrEqual(width.client)
  const [status, districts] = await Promise.all([page.locator('#dash-status').boundingBox(), page.locator('#dash-districts').boundingBox()])
  expect(Math.abs(status!.y - districts!.y)).toBeLessThan(2) // side by side
  // The period chips are reachable with the keyboard.
  await page.locator('.dash-chip[data-preset="7d"]').focus()
  await page.keyboard.press('Enter')
  await until('the 7-day period', async () => (await page.locator('#dash-asof').getAttribute('data-from')) === periodOf('7d', later).from)
  await page.waitForSelector('#dash-totals')
  await screenshot(page, 'dashboard-desk')
})

test("文华城管's handler sees its own row, as the dashboard has it, from 我的", async () => {
  const page = await open(UNIT, '/pages/mine/index')
  await page.locator('#mine-entry-unit-figures').click()
  await page.waitForSelector('#dash-unit-figures')
  const period = page.locator('#dash-unit-period')
  expect([await period.getAttribute('data-from'), await period.getAttribute('data-to')]).toEqual([thirtyDays.from, thirtyDays.to])
  const mine = await ok<{ unit: Overview['units'][number]; ranked: number }>(UNIT, 'stats', 'myUnit', { ...thirtyDays, bucket: 'day' })
  const row = unitRow(after)
  expect(mine.unit).toMatchObject({ closed: row.closed, overdue: row.overdue, escalations: row.escalations, rank: row.rank })
  const figure = (key: string) => page.locator(`#dash-unit-figures [data-key="${key}"]`).getAttribute('data-value')
  expect(await figure('closed')).toBe(String(row.closed))
  expect(await figure('overdue')).toBe(String(row.overdue))
  expect(await figure('rank')).toBe(row.rank === null ? '未排名' : `${row.rank} / ${mine.ranked}`)
  await screenshot(page, 'dashboard-unit-phone')
})

test("staff publish last week's ranking after a preview; a resident finds it from the 曝光台", async () => {
  const week = lastWeek(later)
  const expected = await ok<Overview>(STAFF, 'stats', 'overview', { ...week, bucket: 'month' })
  expect(unitRow(expected).closed).toBeGreaterThanOrEqual(1) // the 销号 a week ago is in last week

  const page = await open(STAFF, DASHBOARD, DESK)
  await page.locator('#dash-publish').click()
  const preview = page.locator('#dash-publish-preview')
  await preview.waitFor()
  expect([await preview.getAttribute('data-from'), await preview.getAttribute('data-to')]).toEqual([week.from, week.to])
  const previewRow = `#dash-publish-preview .dash-preview-row[data-unit="${UNIT_ID}"]`
  expect(await text(page, `${previewRow} [data-field="closed"] .rank-cell__value`)).toBe(String(unitRow(expected).closed))
  await screenshot(page, 'dashboard-publish-preview')
  await page.locator('#dash-publish-sheet-confirm').click()

  const detail = page.locator('#bulletin-detail')
  await detail.waitFor()
  const no = Number(await detail.getAttribute('data-no'))
  expect(no).toBeGreaterThan(0)
  const published = await ok<{ from: string; to: string; rows: { unitId: string; rank: number | null; closed: number }[] }>(RESIDENT, 'stats', 'ranking', { no })
  expect([published.from, published.to]).toEqual([week.from, week.to])
  const publishedRow = published.rows.find((r) => r.unitId === UNIT_ID)!
  expect(publishedRow.closed).toBe(unitRow(expected).closed)

  // A resident: 曝光台 → 整改排名通报 → this issue, with 文华城管's row as published.
  const resident = await open(RESIDENT, '/pages/exposure/index')
  await resident.locator('#exposure-bulletins-entry').click()
  await resident.locator(`#bulletin-list .bulletin-item[data-no="${no}"]`).click()
  await resident.locator(`#bulletin-detail[data-no="${no}"]`).waitFor()
  const row = resident.locator(`.bulletin-row[data-unit="${UNIT_ID}"]`)
  expect(await row.getAttribute('data-rank')).toBe(publishedRow.rank === null ? '' : String(publishedRow.rank))
  expect(await text(resident, `.bulletin-row[data-unit="${UNIT_ID}"] [data-field="closed"] .rank-cell__value`)).toBe(String(publishedRow.closed))
  // Every unit of the 通报 is there, the quiet ones once unfolded.
  await resident.locator('#bulletin-table-unfold').click()
  expect(await resident.locator('.bulletin-row').count()).toBe(published.rows.length)
  await screenshot(resident, 'dashboard-bulletin-resident')
})
