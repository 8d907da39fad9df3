/**
 * 问卷调查 end to end, through the H5 app served by a real `npm start`:
 * staff build a survey with a show-if rule, preview and publish it; two residents answer (one through the
 * show-if branch, one after leaving and coming back); a third answers and then tries again from a second
 * tab — refused with a clear message; staff see the right rates with n and 95% intervals, export CSV and
 * Excel, and the CSV downloaded from the returned URL has the right rows and no personal data.
 * Screenshots of every main screen land in .tmp/e2e-screens/survey-*.png.
 */
import type { Browser, Page } from 'playwright-core'
import { api, baseUrl, launch, openAs, screenshot } from './support/browser'

jest.setTimeout(180_000)

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

const TITLE = '幸福里社区环境与创文工作小调查'
let surveyId = ''

async function fill(page: Page, selector: string, value: string) {
  const box = page.locator(`${selector} input, ${selector} textarea`).first()
  await box.click()
  await box.fill(value)
}

/** The answers a resident's device keeps, dated back as if the questionnaire had been opened earlier. */
async function backdateDraft(page: Page, id: string, user: string, ms: number) {
  await page.evaluate(
    ([key, by]) => {
      const raw = window.localStorage.getItem(key as string)
      if (!raw) throw new Error(`no draft under ${key}`)
      // Taro keeps storage values wrapped as { data }: keep the wrapping as found.
      const outer = JSON.parse(raw)
      const inner = typeof outer.data === 'string' ? JSON.parse(outer.data) : outer
      inner.startedAt -= by as number
      if (typeof outer.data === 'string') outer.data = JSON.stringify(inner)
      window.localStorage.setItem(key as string, JSON.stringify(outer))
    },
    [`wenming.survey.${id}.${user}`, ms] as const,
  )
}

async function answerSingle(page: Page, qid: string, option: string) {
  await page.locator(`#q-${qid}-opt-${option}`).click()
  await page.locator(`#q-${qid}-opt-${option}.is-selected`).waitFor()
}

test('staff build a survey with a show-if rule, preview it and publish it', async () => {
  const page = await openAs(browser, 'demo-staff', '/pages/mine/index')
  await page.locator('#mine-entry-survey-admin').click()
  await page.locator('#page-survey-manage .manage-item').first().waitFor()
  await screenshot(page, 'survey-manage')
  await page.locator('#survey-new-blank').click()
  await page.locator('#survey-edit-title').waitFor()
  surveyId = /[?&]id=([^&]+)/.exec(page.url())?.[1] ?? ''
  expect(surveyId).toMatch(/^sv-/)

  await fill(page, '#survey-edit-title', TITLE)
  await fill(page, '#survey-edit-intro', '了解您对幸福里社区环境的看法，约需 1 分钟。')

  // q1: awareness (single choice), positive = 了解.
  await page.locator('#survey-add-single').click()
  await fill(page, '#qe-q1-title', '您是否了解社区正在开展的创文活动？')
  await fill(page, '#qe-q1-opt-a', '了解')
  await fill(page, '#qe-q1-opt-b', '不了解')
  await page.locator('#qe-q1-metric-awareness').click()
  await page.locator('#qe-q1-pos-a').click()
  await page.locator('#qe-q1-pos-a.is-selected').waitFor()

  // q2: support (yes/no), default positive 是.
  await page.locator('#survey-add-yesno').click()
  await fill(page, '#qe-q2-title', '您是否支持在小区增设电动车集中充电点？')
  await page.locator('#qe-q2-metric-support').click()

  // q3: satisfaction scale.
  await page.locator('#survey-add-scale').click()
  await fill(page, '#qe-q3-title', '您对小区环境卫生是否满意？')
  await page.locator('#qe-q3-metric-satisfaction').click()

  // q4: shown only when q3 is 不满意 or 很不满意.
  await page.locator('#survey-add-text').click()
  await fill(page, '#qe-q4-title', '请说说哪里最需要改进')
  await page.locator('#qe-q4-showif-q3').click()
  await page.locator('#qe-q4-when-s2').click()
  await page.locator('#qe-q4-when-s1').click()
  await page.locator('#qi-q4 .sq-tag', { hasText: '第3题选“不满意/很不满意”时显示' }).waitFor()
  await expect(page.locator('#survey-problems').count()).resolves.toBe(0)
  await screenshot(page, 'survey-builder')

  // Preview shows the branch live, without submitting.
  await page.locator('#survey-preview').click()
  await page.locator('#survey-preview-banner').waitFor()
  await expect(page.locator('#q-q4').count()).resolves.toBe(0)
  await answerSingle(page, 'q3', 's1')
  await page.locator('#q-q4').waitFor()
  await screenshot(page, 'survey-preview')
  await page.goBack()

  await page.locator('#survey-publish').click()
  await page.locator('#page-survey-results #results-totals').waitFor()
  await expect(page.locator('#results-title').innerText()).resolves.toBe(TITLE)
  await expect(page.locator('#results-totals').getAttribute('data-responses')).resolves.toBe('0')
})

test('a resident answers from the home page, leaves, comes back to kept answers, and submits', async () => {
  const page = await openAs(browser, 'demo-resident')
  await page.locator('#home-entry-survey').click()
  await page.locator(`.survey-item[data-id="${surveyId}"]`).waitFor()
  await screenshot(page, 'survey-list')
  await page.locator(`.survey-item[data-id="${surveyId}"]`).click()
  await page.locator('#survey-title', { hasText: TITLE }).waitFor()

  await expect(page.locator('#survey-progress').getAttribute('data-total')).resolves.toBe('3')
  await page.locator('#survey-district .sq-choice[data-id="d-wenhua"]').click()
  await answerSingle(page, 'q1', 'a')
  await answerSingle(page, 'q2', 'yes')
  await expect(page.locator('#survey-progress').getAttribute('data-answered')).resolves.toBe('2')
  await screenshot(page, 'survey-answer-progress')

  // Leave and come back (the questionnaire was opened a minute and a half ago).
  await backdateDraft(page, surveyId, 'demo-resident', 90_000)
  await page.reload()
  await page.locator('#survey-restored').waitFor()
  await page.locator('#q-q1-opt-a.is-selected').waitFor()
  await page.locator('#q-q2-opt-yes.is-selected').waitFor()

  // Submitting with a required question missing is stopped on the page.
  await page.locator('#survey-submit').click()
  await page.locator('#q-q3-error', { hasText: '此题为必答题' }).waitFor()
  await answerSingle(page, 'q3', 's5')
  await expect(page.locator('#q-q4').count()).resolves.toBe(0)
  await page.locator('#survey-submit').click()

  await page.locator('#survey-thanks').waitFor()
  await page.locator('#survey-public-results .sq-rate').first().waitFor()
  await expect(page.locator('#survey-public-results').innerText()).resolves.toContain('已有 1 份有效答卷')
  await screenshot(page, 'survey-thanks')
})

test('a second resident takes the show-if branch', async () => {
  const page = await openAs(browser, 'demo-resident-2', `/packages/survey/pages/answer/index?id=${surveyId}`)
  await page.locator('#survey-title', { hasText: TITLE }).waitFor()
  await page.locator('#survey-district .sq-choice[data-id="d-binhe"]').click()
  await answerSingle(page, 'q1', 'b')
  await answerSingle(page, 'q2', 'yes')
  await answerSingle(page, 'q3', 's2')
  await page.locator('#q-q4.is-branch').waitFor()
  await expect(page.locator('#survey-progress').getAttribute('data-total')).resolves.toBe('4')
  await fill(page, '#q-q4-input', '楼道杂物太多，垃圾桶不够用')
  await backdateDraft(page, surveyId, 'demo-resident-2', 120_000)
  await page.reload()
  await page.locator('#q-q4-input').waitFor()
  await expect(page.locator('#q-q4-input input').inputValue()).resolves.toBe('楼道杂物太多，垃圾桶不够用')
  await screenshot(page, 'survey-answer-branch')
  await page.locator('#survey-submit').click()
  await page.locator('#survey-thanks').waitFor()
})

test('a third resident answers once; a second try from another tab is refused with a clear message', async () => {
  const first = await openAs(browser, 'demo-resident-3', `/packages/survey/pages/answer/index?id=${surveyId}`)
  await first.locator('#survey-title', { hasText: TITLE }).waitFor()
  // The same person, in a second tab opened before the first submits.
  const second = await first.context().newPage()
  await second.goto(`${baseUrl()}?as=demo-resident-3#/packages/survey/pages/answer/index?id=${surveyId}`)
  await second.locator('#survey-title', { hasText: TITLE }).waitFor()

  await first.locator('#survey-district .sq-choice[data-id="d-gaoxin"]').click()
  await answerSingle(first, 'q1', 'a')
  await answerSingle(first, 'q2', 'yes')
  await answerSingle(first, 'q3', 's4')
  await backdateDraft(first, surveyId, 'demo-resident-3', 60_000)
  await first.reload()
  await first.locator('#q-q3-opt-s4.is-selected').waitFor()
  await first.locator('#survey-submit').click()
  await first.locator('#survey-thanks').waitFor()

  await second.locator('#survey-district .sq-choice[data-id="d-gaoxin"]').click()
  await answerSingle(second, 'q1', 'b')
  await answerSingle(second, 'q2', 'no')
  await answerSingle(second, 'q3', 's1')
  await fill(second, '#q-q4-input', '再填一次试试')
  await second.locator('#survey-submit').click()
  await second.locator('#survey-submit-error', { hasText: '您已经提交过这份问卷了，每人只能提交一次' }).waitFor()
  await screenshot(second, 'survey-second-try-refused')

  // Opening it again shows it is done.
  await second.reload()
  await second.locator('#survey-answered').waitFor()
  await expect(second.locator('#survey-answered').innerText()).resolves.toContain('您已经提交过这份问卷了')
  // The server agrees: one response from this person.
  const res = await api<{ ok: boolean; code?: string }>('demo-resident-3', 'survey', 'submit', { surveyId, answers: { q1: 'a', q2: 'yes', q3: 's5' }, elapsedMs: 60_000 })
  expect(res).toMatchObject({ ok: false, code: 'CONFLICT' })
})

test('staff see correct rates with n and 95% intervals, and export CSV and Excel without personal data', async () => {
  const page = await openAs(browser, 'demo-staff', `/packages/survey/pages/results/index?id=${surveyId}`)
  await page.locator('#results-metrics .sq-rate').first().waitFor()
  const totals = page.locator('#results-totals')
  await expect(totals.getAttribute('data-responses')).resolves.toBe('3')
  await expect(totals.getAttribute('data-assisted')).resolves.toBe('0')
  await expect(totals.getAttribute('data-flagged')).resolves.toBe('0')

  // 知晓率 2/3 (了解: residents 1 and 3), 支持率 3/3, 满意度 2/3 (很满意, 满意; not 不满意).
  // Wilson 95%: 2 of 3 → [0.2077, 0.9385]; 3 of 3 → [0.4385, 1].
  const rate = (m: string) => page.locator(`#results-metrics .sq-rate[data-metric="${m}"]`)
  await expect(rate('awareness').innerText()).resolves.toMatch(/66\.7%[\s\S]*n = 3[\s\S]*20\.8%–93\.9%/)
  await expect(rate('support').innerText()).resolves.toMatch(/100%[\s\S]*n = 3[\s\S]*43\.9%–100%/)
  await expect(rate('satisfaction').innerText()).resolves.toMatch(/66\.7%[\s\S]*n = 3[\s\S]*20\.8%–93\.9%/)
  expect(Number(await rate('awareness').getAttribute('data-low'))).toBeCloseTo(0.2077, 4)

  // Per district: 文华区 and 高新区 knew, 滨河区 did not.
  const district = (id: string) => page.locator(`#results-districts .sq-table__row[data-district="${id}"]`)
  await expect(district('d-wenhua').locator('[data-metric="awareness"]').getAttribute('data-rate')).resolves.toBe('1')
  await expect(district('d-binhe').locator('[data-metric="awareness"]').getAttribute('data-rate')).resolves.toBe('0')
  await expect(district('d-gaoxin').getAttribute('data-responses')).resolves.toBe('1')

  // Charts and the branch's free text.
  await expect(page.locator('#results-question-q3 .sq-bar[data-option="s2"]').getAttribute('data-count')).resolves.toBe('1')
  await page.locator('#texts-q4 .sq-text-item', { hasText: '楼道杂物太多' }).waitFor()
  await fill(page, '#texts-q4-search', '垃圾桶')
  await page.locator('#texts-q4-go').click()
  await page.locator('#texts-q4 .sq-note', { hasText: '找到 1 条' }).waitFor()
  await expect(page.locator('#texts-q4').innerText()).not.toContain('再填一次试试')
  await screenshot(page, 'survey-results')

  // Export CSV: download it from the returned URL and read its rows.
  await page.locator('#results-export-csv').click()
  await page.locator('#results-export[data-format="csv"]').waitFor()
  const url = await page.locator('#results-export').getAttribute('data-url')
  expect(url).toBeTruthy()
  const csv = Buffer.from(await (await fetch(url!)).arrayBuffer())
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const lines = csv.toString('utf8').slice(1).trim().split('\r\n')
  expect(lines).toHaveLength(4)
  expect(lines[0]).toBe('受访者编号,提交时间,辖区,填写方式,数据质量,1. 您是否了解社区正在开展的创文活动？,2. 您是否支持在小区增设电动车集中充电点？,3. 您对小区环境卫生是否满意？,4. 请说说哪里最需要改进')
  const rows = lines.slice(1).map((l) => l.split(','))
  expect(rows.map((r) => [r[0], r[2], r[3], r[4], r[5], r[6], r[7], r[8]])).toEqual([
    ['1', '文华区', '线上填写', '正常', '了解', '是', '很满意', ''],
    ['2', '滨河区', '线上填写', '正常', '不了解', '是', '不满意', '楼道杂物太多，垃圾桶不够用'],
    ['3', '高新区', '线上填写', '正常', '了解', '是', '满意', ''],
  ])
  for (const personal of ['demo-resident', '市民小李', '幸福里王阿姨', '出租车陈师傅']) expect(csv.toString('utf8')).not.toContain(personal)

  // Excel: a zip (xlsx) with the same number of rows.
  await page.locator('#results-export-xlsx').click()
  await page.locator('#results-export[data-format="xlsx"]').waitFor()
  const xlsxUrl = await page.locator('#results-export').getAttribute('data-url')
  const xlsx = Buffer.from(await (await fetch(xlsxUrl!)).arrayBuffer())
  expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK')
  expect(xlsx.toString('utf8')).toContain('<sheet name="答卷"')
  await expect(page.locator('#results-export').innerText()).resolves.toContain('已导出 3 份答卷')
  await screenshot(page, 'survey-results-exported')
})

test('staff enter a door-to-door questionnaire (代录); the same person cannot be entered twice', async () => {
  const page = await openAs(browser, 'demo-staff', `/packages/survey/pages/results/index?id=${surveyId}`)
  await page.locator('#results-assist').click()
  await page.locator('#page-survey-assist #assist-person').waitFor()
  for (const attempt of [1, 2]) {
    await fill(page, '#assist-person', '139 0000 8888')
    await fill(page, '#assist-paper', 'RH-001')
    await page.locator('#assist-district .sq-choice[data-id="d-wenhua"]').click()
    await answerSingle(page, 'q1', 'a')
    await answerSingle(page, 'q2', 'yes')
    await answerSingle(page, 'q3', 's3')
    await page.locator('#assist-submit').click()
    if (attempt === 1) {
      await page.locator('#assist-count[data-count="1"]').waitFor()
      await screenshot(page, 'survey-assist')
    } else {
      await page.locator('#assist-error', { hasText: '该受访者已参与过本问卷' }).waitFor()
    }
  }
  const results = await api<{ ok: boolean; data: { totals: { responses: number; assisted: number } } }>('demo-staff', 'survey', 'results', { id: surveyId })
  expect(results.data.totals).toMatchObject({ responses: 4, assisted: 1 })
})
