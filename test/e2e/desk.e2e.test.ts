// Staff at a desk: on a desktop window the staff screens are a centred wide column with cards two-up, and
// lists work from the keyboard (Tab to a card, Enter opens it).
import type { Browser, Page } from 'playwright-core'
import { launch, openAs, screenshot } from './support/browser'

const DESKTOP = { width: 1440, height: 900 }
let browser: Browser
const pages: Page[] = []
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  for (const p of pages) await p.context().close()
  await browser?.close()
})

const open = async (openid: string, route: string) => {
  const page = await openAs(browser, openid, route, { viewport: DESKTOP })
  pages.push(page)
  return page
}

/** Horizontal extent of the element, in CSS pixels. */
const box = async (page: Page, selector: string) => {
  const b = await page.locator(selector).first().boundingBox()
  if (!b) throw new Error(`${selector} is not visible`)
  return b
}

test.each([
  ['demo-staff', '/packages/volunteer-admin/pages/index/index', '#page-vol-admin'],
  ['demo-staff', '/packages/board-admin/pages/exposures/index', '#page-board-admin-exposures'],
  ['demo-staff', '/packages/survey/pages/manage/index', '#page-survey-manage'],
])('%s %s is a centred column on a desktop window', async (openid, route, root) => {
  const page = await open(openid, route)
  await page.locator(`${root}.page-shell--desk`).waitFor()
  // The content is no wider than 1200 px, with equal room left and right.
  const content = await page.evaluate((sel) => {
    const el = document.querySelector(sel) as HTMLElement
    const style = getComputedStyle(el)
    return { left: parseFloat(style.paddingLeft), right: parseFloat(style.paddingRight), width: el.clientWidth }
  }, root)
  expect(content.left).toBeGreaterThan(100)
  expect(Math.abs(content.left - content.right)).toBeLessThan(2)
  expect(content.width - content.left - content.right).toBeLessThanOrEqual(1201)
  await screenshot(page, `desk-${root.slice(6)}`)
})

test('the 创城办 queue: cards two-up, Tab reaches a card and Enter opens it', async () => {
  const page = await open('demo-staff', '/packages/staff/pages/queue/index')
  const cards = page.locator('#staff-queue-list .report-card')
  await cards.first().waitFor()
  expect(await cards.count()).toBeGreaterThanOrEqual(2)
  const [a, b] = [await box(page, '#staff-queue-list .report-card:nth-child(1)'), await box(page, '#staff-queue-list .report-card:nth-child(2)')]
  expect(Math.abs(a.y - b.y)).toBeLessThan(2) // side by side
  expect(b.x).toBeGreaterThan(a.x + a.width)

  // Keyboard only: Tab until a card has focus (filters and links come first), then Enter.
  let focusedId: string | null = null
  for (let i = 0; i < 30 && !focusedId; i++) {
    await page.keyboard.press('Tab')
    focusedId = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      return el && el.classList.contains('report-card') ? el.dataset.id ?? null : null
    })
  }
  expect(focusedId).toBeTruthy()
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as HTMLElement).outlineStyle)
  expect(outline).toBe('solid')
  await page.keyboard.press('Enter')
  await page.locator(`#staff-detail`).waitFor()
  expect(page.url()).toContain(`id=${focusedId}`)
  await screenshot(page, 'desk-staff-detail')
})
