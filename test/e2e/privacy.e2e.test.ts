// 隐私保护 as a newcomer meets it: the first-use 隐私保护提示, browsing public content without agreeing,
// the prompt again when 随手拍 needs the location, consent recorded on the server, then 隐私与账号:
// export and 注销账号.
import type { Browser } from 'playwright-core'
import { PRIVACY_POLICY_VERSION } from '../../src/domain/user/privacy'
import { api, launch, openAs, screenshot } from './support/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

const WHO = `o-e2e-privacy-${Date.now().toString(36)}`
type Me = { ok: boolean; data: { consent: { version: string } | null; nickname: string } }

test('first use asks; 不同意 still shows public content; 随手拍 asks again; 同意 is recorded', async () => {
  const page = await openAs(browser, WHO, '/pages/exposure/index', { consent: false, geolocation: { latitude: 34.62, longitude: 112.45 } })
  const gate = page.locator('#privacy-gate:visible')
  await gate.waitFor()
  await expect(gate.getAttribute('data-reason')).resolves.toBe('first-use')
  await expect(gate.innerText()).resolves.toContain('随手拍定位和志愿服务签到时获取')
  await screenshot(page, 'privacy-first-use')

  // The full policy opens from the prompt, without the prompt covering it.
  await page.locator('#privacy-link-privacy:visible').click()
  await page.locator('#page-policy .policy-section').first().waitFor()
  await expect(page.locator('#page-policy').innerText()).resolves.toContain('办结 90 天后自动删除')
  await page.locator('#privacy-gate:visible').waitFor({ state: 'detached' })
  await page.goBack()

  await page.locator('#privacy-decline:visible').click()
  await page.locator('#privacy-gate:visible').waitFor({ state: 'detached' })
  await page.locator('#page-exposure').waitFor()
  expect((await api<Me>(WHO, 'user', 'me')).data.consent).toBeNull()

  // 随手拍 needs the location: asked again, with the reason.
  await page.locator('.taro-tabbar__tabbar >> text=随手拍').click()
  await page.locator('#page-report #privacy-gate:visible[data-reason="needed"]').waitFor()
  // Only the page on top asks (not the policy page read earlier, if the router still holds it).
  await expect(page.locator('#page-policy #privacy-gate').count()).resolves.toBe(0)
  await screenshot(page, 'privacy-needed-for-report')
  await page.locator('#privacy-agree:visible').click()
  await page.locator('#privacy-gate:visible').waitFor({ state: 'detached' })
  // The server copy is sent right after the tap: give it a moment.
  let version: string | undefined
  for (let i = 0; i < 20 && !version; i++) {
    version = (await api<Me>(WHO, 'user', 'me')).data.consent?.version
    if (!version) await page.waitForTimeout(250)
  }
  expect(version).toBe(PRIVACY_POLICY_VERSION)
})

test('隐私与账号: consent shown, data exported, account deleted with the phrase', async () => {
  await api(WHO, 'user', 'updateProfile', { nickname: '隐私测试用户' })
  const page = await openAs(browser, WHO, '/packages/privacy/pages/account/index')
  await page.locator('#account-consent[data-state="current"]').waitFor()

  await page.locator('#account-export').click()
  await page.locator('#account-export-result').waitFor()
  await expect(page.locator('#account-export-result').innerText()).resolves.toContain('隐私测试用户')
  await screenshot(page, 'privacy-account-export')

  await page.locator('#account-delete').click()
  await page.locator('#account-delete-sheet').waitFor()
  // NutUI's button is not a native one: it says it is disabled with its class.
  await page.locator('#account-delete-sheet-confirm.nut-button-disabled').waitFor()
  await page.locator('#account-delete-input input, input#account-delete-input').first().fill('注销账号')
  await page.locator('#account-delete-sheet-confirm').click()
  await page.locator('#account-deleted').waitFor()
  await screenshot(page, 'privacy-account-deleted')

  const me = await api<Me>(WHO, 'user', 'me')
  expect(me.data.consent).toBeNull()
  expect(me.data.nickname).not.toBe('隐私测试用户')
})
