// Drives Debian's chromium through playwright-core (its own browser download is not available here).
import { chromium, type Browser, type Page } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import path from 'node:path'

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const SCREENSHOTS = path.resolve(__dirname, '../../../.tmp/e2e-screens')

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL
  if (!url) throw new Error('E2E_BASE_URL is not set: run through config/jest.e2e.config.js')
  return url
}

/** Playwright gives every launch a fresh, throw-away profile (the --user-data-dir the flags ask for). */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Opens the H5 app as a demo user (the identity switcher reads `?as=`), on a phone-sized screen. */
export async function openAs(browser: Browser, openid: string, route = '/pages/home/index'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' })
  const page = await context.newPage()
  await page.goto(`${baseUrl()}?as=${encodeURIComponent(openid)}#${route}`)
  return page
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const file = path.join(SCREENSHOTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/** JSON call to the running devcloud as a given user, for arranging state the UI under test reads. */
export async function api<T = unknown>(openid: string, fn: string, action: string, payload: unknown = {}): Promise<T> {
  const res = await fetch(`${baseUrl()}api/fn/${fn}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Dev-User': openid },
    body: JSON.stringify({ action, payload }),
  })
  return (await res.json()) as T
}
