// The product as a newcomer meets it: `npm start`'s H5 app in a real browser, with the demo city.
import type { Browser } from 'playwright-core'
import { api, baseUrl, launch, openAs, screenshot } from './support/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

test('a resident opens the app and sees the home page with their name and the city’s categories', async () => {
  const page = await openAs(browser, 'demo-resident')
  await page.locator('#home-title').waitFor()
  await expect(page.locator('#home-title').innerText()).resolves.toContain('文明同行')
  await page.locator('#home-greeting', { hasText: '市民小李' }).waitFor()
  await page.locator('#home-categories .category-item').first().waitFor()
  const categories = await page.locator('#home-categories .category-item').allInnerTexts()
  expect(categories.join('\n')).toContain('乱停乱放')
  expect(categories.join('\n')).toMatch(/整改时限\s*\d+\s*天/)
  await expect(page.locator('#dev-identity').innerText()).resolves.toContain('demo-resident')
  await screenshot(page, 'smoke-home-resident')
})

test('the identity switcher makes the same browser a staff member, whose roles show on 我的', async () => {
  const page = await openAs(browser, 'demo-staff', '/pages/mine/index')
  await page.locator('#mine-nickname', { hasText: '创城办小张' }).waitFor()
  await expect(page.locator('#mine-roles').innerText()).resolves.toContain('创城办')
  await screenshot(page, 'smoke-mine-staff')
})

test('bad payloads and unknown actions get clear envelopes over HTTP and the server stays up', async () => {
  await expect(api('demo-resident', 'user', 'noSuchAction')).resolves.toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
  await expect(api('demo-resident', 'user', 'updateProfile', { nickname: 'x'.repeat(500) })).resolves.toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
    issues: [expect.objectContaining({ path: 'nickname' })],
  })
  const garbage = await fetch(`${baseUrl()}api/fn/user`, { method: 'POST', headers: { 'X-Dev-User': 'demo-resident' }, body: '{not json' })
  expect(garbage.status).toBe(400)
  const health = await fetch(`${baseUrl()}api/health`)
  expect(health.status).toBe(200)
  const contracts = (await (await fetch(`${baseUrl()}api/contracts`)).json()) as any
  expect(contracts.functions.user.actions.me.roles).toEqual(['resident'])
  expect(contracts.functions.user.actions.updateProfile.input.type).toBe('object')
})
