// Drives Debian's chromium through playwright-core (its own browser download is not available here).
import { chromium, type Browser, type Page } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { PRIVACY_POLICY_VERSION } from '../../../src/domain/user/privacy'

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

export interface OpenOptions {
  /** Where the browser says the phone is (granted without a prompt); omit to leave location unavailable. */
  geolocation?: { latitude: number; longitude: number; accuracy?: number }
  /** Defaults to a phone (390×844); staff screens are also checked on a desktop window. */
  viewport?: { width: number; height: number }
  /** The device already agreed to the 隐私政策 (default true); false shows the first-use 隐私保护提示. */
  consent?: boolean
}

/** Opens the H5 app as a demo user (the identity switcher reads `?as=`), on a phone-sized screen. */
export async function openAs(browser: Browser, openid: string, route = '/pages/home/index', options: OpenOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    ...(options.geolocation ? { geolocation: options.geolocation, permissions: ['geolocation'] } : {}),
  })
  if (options.consent !== false) {
    // As Taro.setStorageSync stores it (services/privacy.ts CONSENT_KEY).
    const stored = JSON.stringify({ data: JSON.stringify({ version: PRIVACY_POLICY_VERSION, at: new Date().toISOString(), synced: true }) })
    await context.addInitScript((value) => window.localStorage.setItem('privacy.consent', value), stored)
  }
  const page = await context.newPage()
  await page.goto(`${baseUrl()}?as=${encodeURIComponent(openid)}#${route}`)
  return page
}

/**
 * A full-length screenshot. Taro's H5 pages scroll inside `.taro_page`, not the document, so Playwright's
 * fullPage sees one screen: the window is made as tall as the page in front for the shot, then restored.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const file = path.join(SCREENSHOTS, `${name}.png`)
  const viewport = page.viewportSize()
  const extra = await page
    .evaluate(() => {
      // The page in front: the last one displayed (pushed pages come after the tab pages they cover).
      const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((el) => {
        const style = getComputedStyle(el)
        return style.display !== 'none' && style.visibility !== 'hidden'
      })
      const front = shown[shown.length - 1]
      if (!front) return 0
      front.scrollTop = 0
      return Math.max(0, front.scrollHeight - front.clientHeight)
    })
    .catch(() => 0)
  if (viewport && extra > 0) await page.setViewportSize({ width: viewport.width, height: Math.min(viewport.height + extra, 8000) })
  try {
    await page.waitForTimeout(450) // page transitions and toasts settle
    await page.screenshot({ path: file, fullPage: true })
  } finally {
    if (viewport && extra > 0) await page.setViewportSize(viewport)
  }
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

/** devcloud's controllable clock (every function sees the new time): set, move forward or reset it. */
export async function clock(body: { now: string } | { advanceMs: number } | { reset: true }): Promise<{ now: string; nowMs: number }> {
  const res = await fetch(`${baseUrl()}api/dev/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`clock ${JSON.stringify(body)} failed: ${res.status} ${await res.text()}`)
  return (await res.json()) as { now: string; nowMs: number }
}

/** Moves the clock forward by `ms`; returns the new now. */
export async function advanceClock(ms: number): Promise<string> {
  return (await clock({ advanceMs: ms })).now
}

/** Runs a function's timer trigger now (e.g. `report`/`overdue`), as the scheduler would. */
export async function runTrigger(fn: string, trigger: string): Promise<unknown> {
  const res = await fetch(`${baseUrl()}api/dev/trigger/${fn}/${trigger}`, { method: 'POST' })
  if (!res.ok) throw new Error(`trigger ${fn}/${trigger} failed: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { result: unknown }).result
}
