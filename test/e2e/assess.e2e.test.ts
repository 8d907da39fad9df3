// 考评 end to end: 文华城管 (demo-unit) uploads material for an item from its phone; 创城办 reviews it on a
// desktop and scores it; the data items are recomputed from the records of the period (none: full points by
// their rule, and the figures say why); the ranking shows the expected order and totals; staff publish the
// numbered 通报, which the unit then reads with its own row marked.
import type { Browser, Page } from 'playwright-core'
import { api, launch, openAs, screenshot } from './support/browser'
import { choosePhoto, fill, makePhoto } from './support/report'

const STAFF = 'demo-staff'
const UNIT = 'demo-unit' // 文华城管
const DAY = 86400000
const DESK = { width: 1280, height: 900 }

let browser: Browser
let photo = ''
let schemeId = ''
const pages: Page[] = []

/** The data of a successful API call (fails the test otherwise). */
async function must<T = unknown>(openid: string, fn: string, action: string, payload: unknown = {}): Promise<T> {
  const res = await api<{ ok: boolean; data: T; message?: string }>(openid, fn, action, payload)
  if (!res.ok) throw new Error(`${fn}.${action} as ${openid} failed: ${JSON.stringify(res)}`)
  return res.data
}

async function open(openid: string, route: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await openAs(browser, openid, route, viewport ? { viewport } : {})
  pages.push(page)
  return page
}

beforeAll(async () => {
  browser = await launch()
  photo = await makePhoto(browser, { width: 1800, height: 1200, scene: 'clean', label: '考评材料' })
  // A period long before the demo data: no reports there, so both data items score full by `noData`.
  const now = Date.now()
  const scheme = await must<{ id: string }>(STAFF, 'assess', 'schemeSave', {
    title: 'E2E创建全国文明城市工作考评',
    kind: 'city',
    period: { label: '二〇二四年第三季度', start: new Date(now - 800 * DAY).toISOString(), end: new Date(now - 700 * DAY).toISOString() },
    scope: { unitIds: ['u-cg-wenhua', 'u-sz'] },
    items: [
      { id: 'i1', group: '思想道德基础', title: '社会主义核心价值观建设', points: 10, kind: 'material', guide: '上传公益广告和宣传栏图片' },
      { id: 'i2', group: '周五环境整治情况', title: '包保网格环境督查', points: 5, kind: 'field' },
      { id: 'i3', group: '督办单任务', title: '按时整改率', points: 15, kind: 'data', rule: { metric: 'on_time_rate', scoring: { type: 'linear', zeroAt: 0.6, fullAt: 0.95 }, noData: 'full' } },
      { id: 'i4', group: '督办单任务', title: '超期督办', points: 5, kind: 'data', rule: { metric: 'escalations', scoring: { type: 'deduct', per: 1, free: 0 }, noData: 'full' } },
    ],
  })
  schemeId = scheme.id
  await must(STAFF, 'assess', 'schemeOpen', { schemeId, version: 0 })
  // 市政中心's field score is entered by the 督查组 (the review of material is what this test drives).
  await must(STAFF, 'assess', 'fieldScore', { schemeId, unitId: 'u-sz', itemId: 'i2', rev: 0, score: 4, comment: '网格内有两处卫生死角' })
}, 120_000)

afterAll(async () => {
  for (const p of pages) await p.context().close()
  await browser?.close()
})

test('staff create a 文明单位 scheme from its template, adjust an item and open it', async () => {
  const page = await open(STAFF, '/packages/assess/pages/index/index', DESK)
  await page.locator('#scheme-new:not(.nut-button-disabled)').click()
  await page.locator('#scheme-create').waitFor()
  await page.locator('#scheme-kind-unit').click()
  // The template's scope: the demo city's 8 机关 (包保单位).
  expect(await page.locator('#scheme-create').textContent()).toContain('参评单位类型（8 个单位）')
  await fill(page, 'scheme-label', '2026年第四季度')
  await fill(page, 'scheme-start', '2026-10-01')
  await fill(page, 'scheme-end', '2026-12-31')
  await page.locator('#scheme-create-confirm').click()
  const detail = page.locator('#scheme-detail[data-status="draft"]')
  await detail.waitFor()
  expect(await page.locator('.scheme-item').count()).toBe(14)

  await page.locator('.scheme-item[data-item="i1"] .scheme-item__edit').click()
  await page.locator('#item-sheet').waitFor()
  await fill(page, 'item-points', '20')
  await page.locator('#item-sheet-confirm').click()
  await page.locator('#scheme-message:has-text("考评项已保存")').waitFor()
  await page.locator('#scheme-detail[data-version="1"]').waitFor()
  expect(await page.locator('.scheme-item[data-item="i1"] .as-score').textContent()).toContain('20')

  await page.locator('#scheme-open').click()
  await page.locator('#scheme-detail[data-status="open"]').waitFor()
  expect(await page.locator('#scheme-message').textContent()).toMatch(/考评已启动，\d+ 个单位可以上传材料/)
  // 文明单位 are the 机关 (包保单位) of the demo city.
  expect(await page.locator('#scheme-ranking .ranking-row').count()).toBe(8)
  await screenshot(page, 'assess-staff-opened')
})

test('the unit uploads material for an item and it waits for review', async () => {
  const page = await open(UNIT, '/packages/assess/pages/mine/index')
  const row = page.locator(`#my-cards .my-card[data-scheme="${schemeId}"]`)
  await row.waitFor()
  await row.click()
  const item = page.locator('.card-item[data-item="i1"]')
  await item.waitFor()
  expect(await item.getAttribute('data-state')).toBe('todo')
  await item.locator('.card-item__upload').click()
  await page.locator('#material-sheet').waitFor()
  await choosePhoto(page, '#material-add', photo)
  await page.locator('#material-files .material-thumb').waitFor()
  await fill(page, 'material-note', '解放路沿线核心价值观公益广告 36 处，执法车辆张贴文明标语。')
  await page.locator('#material-sheet-confirm').click()
  await page.locator('.card-item[data-item="i1"][data-state="submitted"]').waitFor()
  await page.locator('#card-message').waitFor()
  await screenshot(page, 'assess-unit-submitted')
})

test('staff review it on a desk, recompute the data items, and see the ranking', async () => {
  const page = await open(STAFF, `/packages/assess/pages/scheme/index?id=${schemeId}`, DESK)
  const queued = page.locator('#review-queue .queue-row[data-unit="u-cg-wenhua"]')
  await queued.waitFor()
  await queued.click()
  const item = page.locator('#card-detail[data-unit="u-cg-wenhua"] .card-item[data-item="i1"][data-state="submitted"]')
  await item.waitFor()
  await item.locator('.material-thumb').first().waitFor()
  await item.locator('.card-item__review').click()
  await page.locator('#review-sheet').waitFor()
  // Over the item's points is refused before it reaches the server.
  await fill(page, 'review-score', '12')
  await page.locator('#review-sheet-confirm').click()
  expect(await page.locator('#review-error').textContent()).toContain('0 到 10')
  await fill(page, 'review-score', '8')
  await fill(page, 'review-comment', '材料齐全，公益广告覆盖主要街路')
  await page.locator('#review-sheet-confirm').click()
  await page.locator('.card-item[data-item="i1"][data-state="approved"][data-score="8"]').waitFor()
  expect(await page.locator('#card-total').textContent()).toBe('8')
  await screenshot(page, 'assess-staff-reviewed')

  await page.goBack()
  await page.locator('#scheme-recompute').click()
  await page.locator('#scheme-message:has-text("重新计算")').waitFor()
  const rows = page.locator('#scheme-ranking .ranking-row')
  await page.locator('#scheme-ranking .ranking-row[data-unit="u-cg-wenhua"][data-total="28"]').waitFor()
  const ranking = await rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-rank'), e.getAttribute('data-unit'), e.getAttribute('data-total')]))
  // 文华城管 8 (材料) + 15 + 5 (数据项无数据得满分); 市政中心 4 (督查) + 15 + 5.
  expect(ranking).toEqual([
    ['1', 'u-cg-wenhua', '28'],
    ['2', 'u-sz', '24'],
  ])
  await screenshot(page, 'assess-staff-ranking')

  // The figures behind a data score are on the unit's card.
  await page.locator('#scheme-ranking .ranking-row[data-unit="u-sz"]').click()
  const figure = page.locator('#card-detail[data-unit="u-sz"] .card-item[data-item="i3"] .card-item__figure')
  await figure.waitFor()
  expect(await figure.textContent()).toContain('按时整改率 无数据')
  expect(await figure.textContent()).toContain('无数据时得满分')
  await page.goBack()
})

test('staff publish the numbered 通报 and the unit reads it', async () => {
  const page = pages[pages.length - 1]
  await page.locator('#scheme-publish').click()
  await page.locator('#publish-sheet').waitFor()
  await fill(page, 'publish-summary', '文华城管材料扎实，市政中心包保网格有卫生死角，限期整改。')
  await page.locator('#publish-sheet-confirm').click()
  const number = page.locator('#bulletin-number')
  await number.waitFor()
  expect(await number.textContent()).toMatch(/^考评通报〔\d{4}〕第\d+号$/)
  const rows = await page.locator('#bulletin-rows .bulletin-unit').evaluateAll((els) => els.map((e) => [e.getAttribute('data-rank'), e.getAttribute('data-unit'), e.getAttribute('data-total')]))
  expect(rows).toEqual([
    ['1', 'u-cg-wenhua', '28'],
    ['2', 'u-sz', '24'],
  ])
  await screenshot(page, 'assess-bulletin-staff')

  // Published means frozen: no more scoring on the scheme.
  const detail = await must<{ scheme: { status: string } }>(STAFF, 'assess', 'schemeDetail', { schemeId })
  expect(detail.scheme.status).toBe('published')

  const unit = await open(UNIT, '/packages/assess/pages/bulletins/index')
  const bulletin = unit.locator(`#bulletin-list .bulletin-row[data-id="${schemeId}"]`)
  await bulletin.waitFor()
  await bulletin.click()
  await unit.locator('#bulletin-rows .bulletin-unit.is-own[data-unit="u-cg-wenhua"][data-rank="1"]').waitFor()
  await screenshot(unit, 'assess-bulletin-unit')
})
