// 台账 and 操作日志 on a desktop browser: staff filter the 随手拍 ledger, export it as CSV and as Excel, and
// both files hold exactly the rows on screen; an admin finds an entry for each of a series of staff actions
// (受理派单, 不予受理, 核验销号, a 志愿服务 and a 红黑榜 action) with who did it and what changed.
import type { Browser, Page } from 'playwright-core'
import { api, baseUrl, launch, openAs, screenshot } from './support/browser'
import { ok, pointIn, rectifyAs, submitAs } from './support/report'
import { parseCsv, undefuse, xlsxSheets } from '../support/office-files'

let browser: Browser
const pages: Page[] = []
const DESK = { width: 1280, height: 900 }

async function open(openid: string, route: string): Promise<Page> {
  const page = await openAs(browser, openid, route, { viewport: DESK })
  pages.push(page)
  return page
}

async function fetchFile(url: string): Promise<Buffer> {
  const res = await fetch(new URL(url, baseUrl()))
  if (!res.ok) throw new Error(`download failed: ${res.status}`)
  return Buffer.from(await res.arrayBuffer())
}

/** The preview table as text cells (textContent keeps the timeline's line breaks). */
async function rowsOnScreen(page: Page): Promise<string[][]> {
  return page.locator('#ledger-preview .ledger-row').evaluateAll((rows) =>
    rows.map((r) => Array.from(r.querySelectorAll('.ledger-cell')).map((c) => c.textContent ?? '')),
  )
}

async function exportAs(page: Page, format: 'csv' | 'xlsx'): Promise<Buffer> {
  await page.locator(`#ledger-format-${format}`).click()
  await page.locator('#ledger-export-start').click()
  const job = page.locator(`#ledger-job[data-format="${format}"][data-status="done"]`)
  await job.waitFor({ timeout: 30000 })
  await page.locator('#ledger-job-download').waitFor()
  return fetchFile((await job.getAttribute('data-url'))!)
}

beforeAll(async () => {
  browser = await launch()
})

afterAll(async () => {
  for (const p of pages) await p.context().close()
  await browser?.close()
})

test('staff filter the reports ledger; the CSV and Excel files match the rows on screen', async () => {
  // Two fresh reports in 文华区 (人民路街道), one of them dispatched, so this week's ledger has a timeline.
  const a = await submitAs(browser, 'e2e-ledger-a', { categoryId: 'city-pile', at: pointIn('g-renmin-1', 40, 40), description: '幸福里东门外堆了一堆装修垃圾，已经三天没人清运。' })
  await submitAs(browser, 'e2e-ledger-b', { categoryId: 'city-vendor', at: pointIn('g-renmin-1', -60, 30), description: '人民路菜场门口流动摊贩占道经营，早高峰很难通行。' })
  await ok('demo-staff', 'report', 'acceptDispatch', { id: a, unitId: 'u-cg-wenhua', note: '请三日内清运' })

  const page = await open('demo-staff', '/pages/mine/index')
  await page.locator('#mine-entry-ledger').click()
  await page.locator('#page-ledger-export').waitFor()
  await page.locator('#ledger-kind-reports.is-active').waitFor()
  await page.locator('#ledger-period-7d').click()
  await page.locator('#ledger-district-d-wenhua').click()
  const preview = page.locator('#ledger-preview[data-key*="d-wenhua"]')
  await preview.waitFor()
  const shown = await rowsOnScreen(page)
  const total = Number(await preview.getAttribute('data-total'))
  expect(shown.length).toBe(Math.min(total, 20))
  expect(shown.every((r) => r[5] === '文华区')).toBe(true)
  const mine = shown.find((r) => r[0] === a)!
  expect(mine[7]).toBe('待整改')
  expect(mine[20]).toContain('受理并派单（创城办）：派至示范市城市管理综合执法局文华分局')
  expect(mine[20]).toContain('请三日内清运')
  // The reporter is never in the ledger.
  expect(JSON.stringify(shown)).not.toContain('e2e-ledger-a')
  await screenshot(page, 'ledger-01-preview')

  const csv = parseCsv((await exportAs(page, 'csv')).toString('utf8'))
  const header = await page.locator('#ledger-preview .ledger-th').allTextContents()
  expect(csv[0]).toEqual(header)
  expect(csv.length - 1).toBe(total)
  expect(csv.slice(1, 1 + shown.length).map((r) => r.map(undefuse))).toEqual(shown)
  await screenshot(page, 'ledger-02-exported')

  const sheets = xlsxSheets(await exportAs(page, 'xlsx'))
  const main = sheets.get('随手拍台账')!
  expect(main[0]).toEqual(header)
  expect(main.slice(1, 1 + shown.length)).toEqual(shown)
  expect(main.length - 1).toBe(total)
  // The second sheet has one row per step of each report's timeline.
  const steps = sheets.get('处理过程')!.filter((r) => r[0] === a)
  expect(steps.map((r) => r[2])).toEqual(['提交随手拍', '受理并派单'])
  await page.locator(`#ledger-recent .ledger-recent__item[data-status="done"]`).first().waitFor()
}, 120000)

test('admins find every staff action in 操作日志 with who, what and before/after', async () => {
  const at = { categoryId: 'city-pile', at: pointIn('g-renmin-1', 80, -40) }
  const dispatched = await submitAs(browser, 'e2e-audit-1', { ...at, description: '人民路小区门口建筑垃圾堆放，影响通行。' })
  const rejected = await submitAs(browser, 'e2e-audit-2', { ...at, description: '这里有问题。' })
  const closed = await submitAs(browser, 'e2e-audit-3', { ...at, description: '幸福里北门井盖旁堆放杂物，夜间容易绊倒。' })
  await ok('demo-staff', 'report', 'acceptDispatch', { id: dispatched, unitId: 'u-cg-wenhua' })
  await ok('demo-staff', 'report', 'reject', { id: rejected, reason: 'location_unknown', text: '位置信息不明确，请在地图上标注准确位置后重新提交。' })
  await ok('demo-staff', 'report', 'acceptDispatch', { id: closed, unitId: 'u-cg-wenhua' })
  await ok('demo-unit', 'report', 'acknowledge', { id: closed })
  await rectifyAs(browser, 'demo-unit', closed)
  await ok('demo-staff', 'report', 'verifyClose', { id: closed, note: '现场核验已清理。' })
  await ok('demo-staff', 'volunteer', 'saveGoods', { name: '台账测试环保袋', kind: 'goods', pointsPrice: 5, stock: 20 })
  // A 红黑榜 draft: created, or refused when this period's draft exists — logged either way.
  const draft = await api<{ ok: boolean }>('demo-staff', 'board', 'issueCreateDraft', {})

  const page = await open('demo-admin', '/pages/mine/index')
  await page.locator('#mine-entry-audit-log').click()
  await page.locator('#page-ledger-audit').waitFor()
  await page.locator('#audit-list .audit-row').first().waitFor()

  // By target: the closed report's whole path, newest first, staff and unit alike.
  await page.locator('#audit-target input').fill(closed)
  await page.locator('#audit-search').click()
  const path = page.locator(`#audit-list .audit-row[data-target="${closed}"]`)
  await path.nth(3).waitFor()
  expect(await path.evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-action')}:${r.getAttribute('data-actor')}`))).toEqual([
    'report.verifyClose:demo-staff',
    'report.rectify:demo-unit',
    'report.acknowledge:demo-unit',
    'report.acceptDispatch:demo-staff',
  ])
  const verify = path.first()
  await expect(verify.innerText()).resolves.toContain('核验')
  // Keyboard: focus the row and press Enter to open its before/after.
  await verify.locator('.audit-row__main').focus()
  await page.keyboard.press('Enter')
  const status = verify.locator('.audit-diff[data-key="status"]')
  await status.waitFor()
  expect([await status.getAttribute('data-before'), await status.getAttribute('data-after')]).toEqual(['rectified', 'closed'])
  await expect(status.innerText()).resolves.toMatch(/状态\s*待核验\s*→\s*已办结/)
  await screenshot(page, 'ledger-03-audit-detail')

  for (const [id, action, before, after] of [
    [dispatched, 'report.acceptDispatch', '待审核', '待整改'],
    [rejected, 'report.reject', '待审核', '不予受理'],
  ] as const) {
    await page.locator('#audit-target input').fill(id)
    await page.locator('#audit-search').click()
    const row = page.locator(`#audit-list .audit-row[data-target="${id}"][data-action="${action}"]`)
    await row.waitFor()
    expect(await row.getAttribute('data-actor')).toBe('demo-staff')
    await row.locator('.audit-row__main').click()
    const diff = row.locator('.audit-diff[data-key="status"]')
    await expect(diff.innerText()).resolves.toMatch(new RegExp(`${before}\\s*→\\s*${after}`))
  }

  // By actor: the volunteer and board actions, with the contracts' own wording.
  await page.locator('#audit-target input').fill('')
  await page.locator('#audit-actor input').fill('demo-staff')
  await page.locator('#audit-search').click()
  const goods = page.locator('#audit-list .audit-row[data-action="volunteer.saveGoods"]').first()
  await goods.waitFor()
  await expect(goods.innerText()).resolves.toContain('爱心超市')
  await goods.locator('.audit-row__main').click()
  await expect(goods.locator('.audit-detail__input').innerText()).resolves.toContain('台账测试环保袋')
  const board = page.locator('#audit-list .audit-row[data-action="board.issueCreateDraft"]').first()
  await board.waitFor()
  expect(await board.getAttribute('data-outcome')).toBe(draft.ok ? 'ok' : 'refused')
  await expect(board.innerText()).resolves.toContain('红黑榜')
  expect(await page.locator('#audit-list .audit-row').evaluateAll((rows) => rows.every((r) => r.getAttribute('data-actor') === 'demo-staff'))).toBe(true)
  await screenshot(page, 'ledger-04-audit-by-actor')
}, 120000)
