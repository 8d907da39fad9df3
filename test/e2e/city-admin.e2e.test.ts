// 城市设置 (admin) end to end: a role granted and revoked in the UI takes effect at the user's next call,
// and a grid handed to a new 包保单位 in the editor routes the next report there while an earlier,
// dispatched report keeps its unit.
import type { Browser, Page } from 'playwright-core'
import { launch, openAs, screenshot } from './support/browser'
import { ok, pointIn, submitAs } from './support/report'
import { go, toastGone, typeInto } from './support/volunteer'

const ADMIN = 'demo-admin'
const NEWBIE = 'e2e-cityadmin-staff'
const QUEUE = '/packages/staff/pages/queue/index'

let browser: Browser
const pages: Page[] = []
async function open(openid: string, route: string, desk = false): Promise<Page> {
  const page = await openAs(browser, openid, route, desk ? { viewport: { width: 1280, height: 900 } } : {})
  pages.push(page)
  return page
}

beforeAll(async () => {
  browser = await launch()
  await ok(NEWBIE, 'user', 'me')
})
afterAll(async () => {
  for (const p of pages) await p.context().close().catch(() => {})
  await browser?.close()
})

/** Finds the user by OPENID on the users page and sets exactly `roles` in the sheet. */
async function setRolesInUi(page: Page, roles: { staff: boolean }) {
  await typeInto(page, 'user-search', NEWBIE)
  await page.locator('#user-search-go').click()
  const row = page.locator(`#user-list .user-row[data-openid="${NEWBIE}"]`)
  await row.click()
  await page.locator('#role-sheet').waitFor()
  const chip = page.locator('#role-staff')
  const active = ((await chip.getAttribute('class')) ?? '').includes('is-active')
  if (active !== roles.staff) await chip.click()
  await page.locator('#role-sheet-confirm').click()
  await page.locator('#user-message').waitFor()
}

test('a role granted in the UI works at the next call; revoked, the staff page says 暂无权限', async () => {
  const admin = await open(ADMIN, '/packages/admin/pages/users/index', true)
  await setRolesInUi(admin, { staff: true })
  expect(await admin.locator('#user-message').innerText()).toContain('创城办')
  expect(await admin.locator(`#user-list .user-row[data-openid="${NEWBIE}"] .user-role`).allInnerTexts()).toContain('创城办')
  await screenshot(admin, 'city-admin-users-granted')

  const staff = await open(NEWBIE, QUEUE)
  await staff.locator('#page-staff-queue').waitFor()
  await staff.waitForTimeout(800)
  expect(await staff.locator('.state-error[data-code="FORBIDDEN"]').count()).toBe(0)

  await go(admin, ADMIN, '/packages/admin/pages/users/index')
  await setRolesInUi(admin, { staff: false })
  await go(staff, NEWBIE, QUEUE)
  const refused = staff.locator('.state-error[data-code="FORBIDDEN"]')
  await refused.waitFor()
  expect(await refused.innerText()).toContain('暂无权限')
  await screenshot(staff, 'city-admin-revoked-staff-queue')
})

test('a grid handed to a new 包保单位 in the editor gets the next report; the earlier one keeps its unit', async () => {
  const at = pointIn('g-chuangye-1-a', 15, -10)
  const earlier = await submitAs(browser, 'demo-resident', { categoryId: 'city-stall', at, description: '创业家园门口有人占道摆摊卖水果，挡住了人行道。' })
  const before = await ok<{ proposal: { unit: { id: string } | null } }>('demo-staff', 'report', 'staffDetail', { id: earlier })
  await ok('demo-staff', 'report', 'acceptDispatch', { id: earlier, unitId: before.proposal.unit!.id })
  const earlierUnit = (await ok<{ dispatch: { unitName: string } }>('demo-staff', 'report', 'staffDetail', { id: earlier })).dispatch.unitName

  const squad = await ok<{ id: string; shortName: string }>(ADMIN, 'city', 'saveUnit', {
    name: `示范市创业街道城管中队${Date.now().toString(36)}`,
    shortName: '创业中队',
    type: '城管',
    districtId: 'd-gaoxin',
    address: '高新区创业大道9号',
    duties: '创业街道市容秩序巡查。',
    contact: { name: '蒋队长', phone: '139-0000-8801' },
  })

  const original = await ok<Record<string, unknown>>(ADMIN, 'city', 'getGridRecord', { id: 'g-chuangye-1' })
  const page = await open(ADMIN, '/packages/admin/pages/grid-edit/index?id=g-chuangye-1', true)
  await page.locator('#grid-form').waitFor()
  await page.locator('#grid-preview').waitFor()
  await page.locator(`#grid-unit-${squad.id}`).click()
  await screenshot(page, 'city-admin-grid-edit')
  await page.locator('#grid-save').click()
  await page.locator('#page-admin-grid-edit').waitFor({ state: 'detached', timeout: 8000 }).catch(() => {})
  await toastGone(page)

  const record = await ok<{ unitId: string }>(ADMIN, 'city', 'getGridRecord', { id: 'g-chuangye-1' })
  expect(record.unitId).toBe(squad.id)

  const next = await submitAs(browser, 'demo-resident-2', { categoryId: 'city-stall', at, description: '创业家园门口又有流动摊贩占道经营。' })
  const proposal = (await ok<{ proposal: { unit: { id: string } | null; gridUnit: { id: string } | null } }>('demo-staff', 'report', 'staffDetail', { id: next })).proposal
  expect(proposal.gridUnit?.id).toBe(squad.id)
  expect(proposal.unit?.id).toBe(squad.id)
  expect((await ok<{ dispatch: { unitName: string } }>('demo-staff', 'report', 'staffDetail', { id: earlier })).dispatch.unitName).toBe(earlierUnit)

  // The list shows the new 包保单位.
  await go(page, ADMIN, '/packages/admin/pages/grids/index')
  await page.locator('#grid-district-d-gaoxin').click()
  await page.locator('#grid-street-s-chuangye').click()
  await page.locator(`#grid-list .grid-row[data-id="g-chuangye-1"][data-unit="${squad.id}"]`).waitFor()
  await screenshot(page, 'city-admin-grids')

  // Other suites report in this street: hand the grid back.
  await ok(ADMIN, 'city', 'saveGrid', original)
})

test('a street gets a new 社区 from the grids page, ready for new grids', async () => {
  const page = await open(ADMIN, '/packages/admin/pages/grids/index', true)
  await page.locator('#grid-district-d-binhe').click()
  await page.locator('#grid-street-s-xinhua').click()
  await page.locator('#street-edit').click()
  await page.locator('#place-sheet').waitFor()
  const communities = await page.locator('#place-text input').inputValue()
  expect(communities).toBe('新华社区、纺织厂社区')
  await typeInto(page, 'place-text', `${communities}、棉纺新村社区`)
  await page.locator('#place-sheet-confirm').click()
  await page.locator('#place-message').waitFor()
  const { items } = await ok<{ items: { id: string; communities: string[]; center: { lat: number; lng: number } }[] }>(ADMIN, 'city', 'listStreets', { districtId: 'd-binhe' })
  expect(items.find((s) => s.id === 's-xinhua')?.communities).toEqual(['新华社区', '纺织厂社区', '棉纺新村社区'])
  // Put it back for other suites.
  const street = items.find((s) => s.id === 's-xinhua')!
  await ok(ADMIN, 'city', 'saveStreet', { id: street.id, districtId: 'd-binhe', name: '新华街道', communities: ['新华社区', '纺织厂社区'], center: street.center })
})
