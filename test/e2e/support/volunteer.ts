// Helpers for the 志愿服务 end-to-end tests.
import type { Page } from 'playwright-core'
import { api, baseUrl } from './browser'

/** Type into a Taro Input/Textarea (H5 renders the native element inside `#<id>`). */
export async function typeInto(page: Page, id: string, text: string): Promise<void> {
  const box = page.locator(`#${id} input, #${id} textarea`).first()
  await box.click()
  await box.fill(text)
}

/** Press 确定 in Taro's H5 modal (Taro.showModal), checking what it asks. */
export async function confirmModal(page: Page, expectText?: string): Promise<void> {
  const modal = page.locator('.taro__modal').filter({ has: page.locator('.taro-modal__content:visible') }).last()
  await modal.locator('.taro-model__confirm').waitFor()
  if (expectText) expect(await modal.locator('.taro-modal__content').innerText()).toContain(expectText)
  await modal.locator('.taro-model__confirm').click()
}

/** Waits until no Taro toast is on screen (so a screenshot shows the page, not a passing message). */
export async function toastGone(page: Page): Promise<void> {
  await page.waitForFunction(() => !Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).some((t) => t.style.display !== 'none' && t.style.opacity !== '0'), null, { timeout: 6000 }).catch(() => {})
}

/** Navigate within the running H5 app to a route as a user (a fresh load, so no stale page state). */
export async function go(page: Page, openid: string, route: string): Promise<void> {
  await page.goto(`${baseUrl()}?as=${encodeURIComponent(openid)}#${route}`)
  await page.reload()
}

export { clock } from './browser'

type Envelope<T> = { ok: true; data: T } | { ok: false; code: string; message: string }

/** An API call that must succeed (arranging state); the failure is shown in full if not. */
export async function must<T = any>(openid: string, fn: string, action: string, payload: unknown = {}): Promise<T> {
  const res = await api<Envelope<T>>(openid, fn, action, payload)
  if (!res.ok) throw new Error(`${fn}.${action} as ${openid} failed: ${res.code} ${res.message}`)
  return res.data
}

/** A valid 居民身份证号码 (GB 11643 check digit) from its first 17 digits. */
export function idNumber(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i]
  return first17 + '10X98765432'[sum % 11]
}

/** Registers `openid` as a volunteer through the API and has demo-staff approve it (arranging, not testing). */
export async function approvedVolunteer(openid: string, name: string, mobile: string, teamId?: string): Promise<void> {
  await must(openid, 'volunteer', 'register', {
    name,
    mobile,
    services: ['environment', 'traffic'],
    availability: ['weekend_morning', 'weekday_afternoon'],
    ...(teamId ? { teamId } : {}),
    consent: true,
  })
  await must('demo-staff', 'volunteer', 'reviewRegistration', { openid, decision: 'approve' })
}
