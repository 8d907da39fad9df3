// 红黑榜 end to end in the browser: staff draft this week's issue from the data (proposals with their
// figures), submit it; staff cannot approve it, an admin does and it is numbered; the public reads it from
// 首页 → 红黑榜; staff append a correction, which appears with its date while the issue itself stays as
// published.
import type { Browser } from 'playwright-core'
import { launch, openAs, screenshot } from './support/browser'
import { fill, ok, pointIn, rectifyAs, submitAs } from './support/report'

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

const STAFF = 'demo-staff'
const ADMIN = 'demo-admin'
const RESIDENT = 'demo-resident'
const GD_HANDLER = 'e2e-gd-handler' // 国网示范市供电公司: no other test sends it work

test('staff draft an issue from data, an admin approves it, the public sees it, a correction appears', async () => {
  // ---- This week's data (arranged through the API): three cases the power company fixed in time…
  await ok(GD_HANDLER, 'user', 'me')
  await ok(ADMIN, 'user', 'setRoles', { openid: GD_HANDLER, roles: ['unit'], unitId: 'u-gd' })
  const residents = ['e2e-board-r1', 'e2e-board-r2', 'e2e-board-r3']
  for (const [i, who] of residents.entries()) {
    const id = await submitAs(browser, who, {
      categoryId: 'facility-streetlight',
      at: pointIn(['g-kexue-2', 'g-chuangye-2', 'g-binjiang-2'][i], 30, 20),
      description: `小区${i + 1}号楼旁配电箱箱门损坏，电线裸露，存在触电隐患。`,
      address: '示范市某小区配电箱旁',
    })
    await ok(STAFF, 'report', 'acceptDispatch', { id, unitId: 'u-gd', deadlineDays: 3 })
    await rectifyAs(browser, GD_HANDLER, id, '已更换配电箱箱门并加锁，裸露电线已规范敷设。')
    await ok(STAFF, 'report', 'verifyClose', { id })
  }
  // …and the same problem reported three times in one grid.
  for (const [i, who] of ['e2e-board-r4', 'e2e-board-r5', 'e2e-board-r6'].entries()) {
    await submitAs(browser, who, { categoryId: 'yard-dog', at: pointIn('g-xinhua-2', 10 * i, -15), description: `纺织厂小区有人遛狗不牵绳，还不清理粪便（第${i + 1}次反映）。` })
  }

  // ---- 创城办: a draft for this week, proposed from the data
  const staff = await openAs(browser, STAFF, '/packages/board-admin/pages/issues/index')
  await staff.locator('#issues-create').click()
  await staff.locator('#issues-period-current').click()
  await staff.locator('#issues-create-sheet-confirm').click()
  await staff.locator('#issue-state[data-state="draft"]').waitFor()
  const issueId = /[?&]id=([\w-]+)/.exec(staff.url())![1]
  const proposal = staff.locator('#issue-proposals .adm-proposal', { hasText: '国网示范市供电公司' })
  await expect(proposal.innerText()).resolves.toContain('按时整改 3/3（100%）')
  await expect(staff.locator('#issue-proposals').innerText()).resolves.toContain('问题反复最多的网格')
  await screenshot(staff, 'board-issue-draft')
  // Staff adopt the power company if the draft did not already put it first, and edit the wording.
  const use = proposal.locator('.adm-proposal__use')
  if ((await use.innerText()).includes('加入')) await use.click()
  const entry = staff.locator('#issue-red .adm-entry', { hasText: '数据依据：按时整改 3/3（100%）' })
  await entry.locator('.entry-reason textarea').fill('配电箱破损、电线裸露等安全隐患当日处置，本周交办问题全部按时整改到位。')
  await fill(staff, 'issue-intro', '现将本周全市创建文明城市工作红黑榜予以公布，请黑榜单位立行立改。')
  await staff.locator('#issue-submit').click()
  await staff.locator('#issue-state[data-state="pending"]').waitFor()
  // The author cannot publish it: only recall.
  await staff.locator('#issue-recall').waitFor()
  expect(await staff.locator('#issue-approve').count()).toBe(0)
  await screenshot(staff, 'board-issue-pending')

  // ---- 管理员 (another person) approves: published and numbered
  const { lastNo } = await ok<{ lastNo: number }>(ADMIN, 'board', 'boardSettings', {})
  const admin = await openAs(browser, ADMIN, `/packages/board-admin/pages/issue-edit/index?id=${issueId}`)
  await admin.locator('#issue-approve').click()
  await admin.locator(`#issue-state[data-state="published"][data-no="${lastNo + 1}"]`).waitFor()
  await screenshot(admin, 'board-issue-approved')

  // ---- 市民: 首页 → 红黑榜 shows the new issue
  const resident = await openAs(browser, RESIDENT, '/pages/home/index')
  await resident.locator('#home-entry-ranking').click()
  await resident.locator(`#page-honor .hb-poster[data-no="${lastNo + 1}"]`).waitFor()
  const red = resident.locator('#honor-red .hb-entry', { hasText: '国网示范市供电公司' })
  await expect(red.innerText()).resolves.toContain('数据依据：按时整改 3/3（100%）')
  await expect(red.innerText()).resolves.toContain('当日处置')
  await resident.locator('#honor-black .hb-progress').first().waitFor()
  await screenshot(resident, 'board-honor-published')

  // ---- 创城办 appends a correction; the public sees it, dated, beside the unchanged issue
  const before = await ok(RESIDENT, 'board', 'issueDetail', { id: issueId })
  const editor = await openAs(browser, STAFF, `/packages/board-admin/pages/issue-edit/index?id=${issueId}`)
  await editor.locator('#issue-note-open').click()
  await editor.locator('#issue-note-kind-correction').click()
  await fill(editor, 'issue-note-text', '本期红榜第1条表扬理由中“当日处置”更正为“24小时内处置”。特此更正。')
  await editor.locator('#issue-note-sheet-confirm').click()
  await editor.locator('#page-issue-edit', { hasText: '24小时内处置' }).waitFor()
  await resident.reload()
  const note = resident.locator('#honor-notes .hb-note[data-kind="correction"]')
  await note.waitFor()
  await expect(note.innerText()).resolves.toMatch(/更正[\s\S]*\d{4}年\d+月\d+日[\s\S]*24小时内处置/)
  await expect(red.innerText()).resolves.toContain('当日处置') // the published text itself is unchanged
  const after = await ok(RESIDENT, 'board', 'issueDetail', { id: issueId })
  expect({ ...after.issue, notes: [] }).toEqual({ ...before.issue, notes: [] })
  await screenshot(resident, 'board-honor-correction')

  // ---- the archive lists it first
  await resident.locator('#honor-archive').click()
  await resident.locator(`#archive-list .ar-card[data-no="${lastNo + 1}"]`).waitFor()
  await screenshot(resident, 'board-honor-archive')
})
