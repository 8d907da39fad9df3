/**
 * What must hold at city scale and under pressure: one response per person under concurrent submits,
 * 代录 dedupe by person key, running tallies equal to a recomputation from raw responses, results that read
 * a small fixed number of documents, and exports without personal data that spreadsheet programs open.
 */
import { COLLECTIONS } from '../../src/domain/collections'
import type { ClaimDoc, ResponseDoc, TallyDoc, TextDoc } from '../../src/domain/survey/schema'
import { countsOf, tallyResponses, sumCounts } from '../../src/domain/survey/tally'
import { countDocs, type TestCloud } from '../support/runtime'
import { answersFor, publishedSurvey, startSurveyCloud } from './survey-support'
import { unzip } from '../support/office-files'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startSurveyCloud()
})
afterAll(async () => {
  await cloud?.close()
})

async function allDocs<T>(collection: string, where: Record<string, unknown>): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += 100) {
    const res = await cloud.db.collection(collection).where(where).skip(skip).limit(100).get()
    out.push(...(res.data as T[]))
    if (res.data.length < 100) return out
  }
}

async function download(url: string): Promise<Buffer> {
  const m = /\/api\/storage\/file\/([^?]+)/.exec(url)
  if (!m) throw new Error(`not a devcloud storage URL: ${url}`)
  const cloudPath = decodeURIComponent(m[1])
  const file = await (cloud.rt as unknown as { storage: { get(p: string): Promise<{ content: Buffer } | null> } }).storage.get(cloudPath)
  if (!file) throw new Error(`no file at ${cloudPath}`)
  return file.content
}

/** A minimal zip reader: central directory → entries, each checked against its CRC-32 (zlib's, not ours). */
/** Tags open and close in order (a cheap well-formedness check of the generated XML). */
function expectBalancedXml(xml: string) {
  const stack: string[] = []
  for (const m of xml.matchAll(/<(\/?)([A-Za-z][\w:]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m
    if (selfClosing) continue
    if (closing) expect(stack.pop()).toBe(name)
    else stack.push(name)
  }
  expect(stack).toEqual([])
}

describe('one response per person', () => {
  it('20 concurrent submits by one resident record exactly one; the rest get CONFLICT with a clear message', async () => {
    const s = await publishedSurvey(cloud)
    const who = 'o-concurrent-submitter'
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => cloud.as(who).call('survey', 'submit', { surveyId: s.id, answers: answersFor(i % 2 ? 's5' : 's1'), elapsedMs: 60_000, districtId: 'd-wenhua' })),
    )
    const ok = results.filter((r) => r.ok)
    const failed = results.filter((r) => !r.ok)
    expect(ok).toHaveLength(1)
    expect(failed).toHaveLength(19)
    for (const f of failed) expect(f).toMatchObject({ ok: false, code: 'CONFLICT', message: '您已经提交过这份问卷了，每人只能提交一次。感谢您的参与！' })
    expect(await countDocs(cloud.db, COLLECTIONS.surveyResponses, { surveyId: s.id })).toBe(1)
    expect(await countDocs(cloud.db, COLLECTIONS.surveyClaims, { surveyId: s.id })).toBe(1)
    const results2 = await cloud.as('demo-staff').ok('survey', 'results', { id: s.id })
    expect(results2.totals.responses + results2.totals.flagged).toBe(1)
    // And a later, serial second try is refused the same way.
    const again = await cloud.as(who).fail('survey', 'submit', { surveyId: s.id, answers: answersFor('s4'), elapsedMs: 60_000 })
    expect(again.code).toBe('CONFLICT')
    expect((await cloud.as(who).ok('survey', 'getForAnswer', { id: s.id })).answered).toBe(true)
  })

  it('20 different residents submitting at once all count, with distinct respondent numbers', async () => {
    const s = await publishedSurvey(cloud)
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => cloud.as(`o-crowd-${i}`).call('survey', 'submit', { surveyId: s.id, answers: answersFor('s4'), elapsedMs: 60_000, districtId: i % 2 ? 'd-binhe' : 'd-gaoxin' })),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    const docs = await allDocs<ResponseDoc>(COLLECTIONS.surveyResponses, { surveyId: s.id })
    expect(docs.map((d) => d.no).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
  })
})

describe('代录 (assisted entry) dedupe', () => {
  const MOBILE = '13912345678'
  const ID_CARD = '11010519491231002X'

  it('one count per person key across channels, whichever came first, and no clear number stored', async () => {
    const s = await publishedSurvey(cloud)
    // A resident answers online and gives their mobile number.
    await cloud.as('o-dedupe-online').ok('survey', 'submit', { surveyId: s.id, answers: answersFor('s5'), elapsedMs: 60_000, districtId: 'd-wenhua', mobile: '139 1234 5678' })
    // Door-to-door, staff meet the same person: refused.
    const dup = await cloud.as('demo-staff').fail('survey', 'assist', { surveyId: s.id, answers: answersFor('s4'), districtId: 'd-wenhua', personKey: `+86${MOBILE}` })
    expect(dup).toMatchObject({ code: 'CONFLICT', message: '该受访者已参与过本问卷（线上填写或已代录），不能重复录入' })
    // Another person, entered from paper with an ID number: counted, marked as 代录.
    const entered = await cloud.as('demo-staff').ok('survey', 'assist', { surveyId: s.id, answers: answersFor('s2', { q6: '纸质问卷意见' }), districtId: 'd-binhe', personKey: ID_CARD, paperNo: 'ZS-0012' })
    expect(entered).toEqual({ no: 2, flagged: false })
    // The same paper form typed twice (by another staff member): refused.
    expect((await cloud.as('demo-admin').fail('survey', 'assist', { surveyId: s.id, answers: answersFor('s2'), districtId: 'd-binhe', personKey: ID_CARD.toLowerCase() })).code).toBe('CONFLICT')
    // A person entered door-to-door first, who then answers online with the same number: refused.
    await cloud.as('demo-staff').ok('survey', 'assist', { surveyId: s.id, answers: answersFor('s3'), districtId: 'd-gaoxin', personKey: '13700001111' })
    const later = await cloud.as('o-dedupe-later').fail('survey', 'submit', { surveyId: s.id, answers: answersFor('s5'), elapsedMs: 60_000, districtId: 'd-gaoxin', mobile: '13700001111' })
    expect(later).toMatchObject({ code: 'CONFLICT', message: '该手机号已由工作人员代录过本问卷（入户或纸质调查），无需重复填写。感谢您的参与！' })
    // Their mobile number stays in their profile, so the next survey's dedupe works without asking again.
    expect((await cloud.as('o-dedupe-online').ok('survey', 'listOpen', {})).profile.hasMobile).toBe(true)

    const results = await cloud.as('demo-staff').ok('survey', 'results', { id: s.id })
    expect(results.totals).toEqual({ responses: 3, online: 1, assisted: 2, flagged: 0 })
    const listed = await cloud.as('demo-staff').ok('survey', 'listResponses', { id: s.id })
    expect(listed.items.map((r) => [r.no, r.channel, r.paperNo])).toEqual([
      [3, 'assisted', null],
      [2, 'assisted', 'ZS-0012'],
      [1, 'online', null],
    ])

    // Nothing stored anywhere holds the numbers in clear.
    const stored = JSON.stringify([
      await allDocs<ResponseDoc>(COLLECTIONS.surveyResponses, { surveyId: s.id }),
      await allDocs<ClaimDoc>(COLLECTIONS.surveyClaims, { surveyId: s.id }),
      await allDocs(COLLECTIONS.surveyProfiles, {}),
      await allDocs<TextDoc>(COLLECTIONS.surveyTexts, { surveyId: s.id }),
    ])
    for (const secret of [MOBILE, ID_CARD, '13700001111', '1234 5678']) expect(stored).not.toContain(secret)
  })

  it('validates the person key: mobile or ID number with a correct check digit', async () => {
    const s = await publishedSurvey(cloud)
    const bad = await cloud.as('demo-staff').fail('survey', 'assist', { surveyId: s.id, answers: answersFor('s5'), districtId: 'd-wenhua', personKey: '110105194912310021' })
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', message: '身份证号码校验位不正确，请核对' })
    expect((await cloud.as('demo-staff').fail('survey', 'assist', { surveyId: s.id, answers: answersFor('s5'), districtId: 'd-wenhua', personKey: '12345' })).message).toBe('请填写 11 位手机号或 18 位身份证号')
    expect((await cloud.as('demo-staff').fail('survey', 'assist', { surveyId: s.id, answers: { q1: 'zz' }, districtId: 'd-wenhua', personKey: '13800000001' })).code).toBe('INVALID_INPUT')
    const off = await publishedSurvey(cloud, { allowAssisted: false })
    expect((await cloud.as('demo-staff').fail('survey', 'assist', { surveyId: off.id, answers: answersFor('s5'), districtId: 'd-wenhua', personKey: '13800000001' })).message).toBe('本问卷未开启工作人员代录')
  })
})

describe('tallies and results', () => {
  it('the running tallies equal a recomputation from the raw responses, overall and per district', async () => {
    const s = await publishedSurvey(cloud)
    const levels = ['s5', 's4', 's3', 's2', 's1'] as const
    const districts = ['d-wenhua', 'd-binhe', 'd-gaoxin']
    const jobs = Array.from({ length: 36 }, (_, i) => {
      const sat = levels[(i * 7) % 5]
      const extra: Record<string, unknown> = { q1: ['a', 'b', 'c'][i % 3], q4: i % 4 === 0 ? 'no' : 'yes', q5: i % 5 === 0 ? ['c'] : i % 2 ? ['a', 'b'] : ['b'] }
      if (i % 6 === 0) extra.q6 = `建议${i}`
      const answers = answersFor(sat, extra)
      if (sat === 's1' || sat === 's2') answers.q3 = i % 2 ? ['a', 'c'] : ['b']
      if (i % 9 === 4) return cloud.as('demo-staff').call('survey', 'assist', { surveyId: s.id, answers, districtId: districts[i % 3], personKey: `1380000${String(1000 + i)}` })
      return cloud.as(`o-tally-${i}`).call('survey', 'submit', { surveyId: s.id, answers, elapsedMs: i % 10 === 3 ? 2_000 : 120_000, districtId: districts[i % 3] })
    })
    const outcomes = await Promise.all(jobs)
    expect(outcomes.filter((o) => !o.ok)).toEqual([])

    const responses = await allDocs<ResponseDoc>(COLLECTIONS.surveyResponses, { surveyId: s.id })
    expect(responses).toHaveLength(36)
    const tallies = await allDocs<TallyDoc>(COLLECTIONS.surveyTallies, { surveyId: s.id })
    const recompute = (rs: ResponseDoc[]) =>
      tallyResponses(s.definition.questions, rs.map((r) => ({ answers: r.answers, visible: r.visible, channel: r.channel, flagged: r.bucket === 'f' })))
    const strip = (c: ReturnType<typeof countsOf>) => JSON.parse(JSON.stringify(c))
    expect(strip(countsOf(tallies.find((t) => t.districtId === null)))).toEqual(strip(recompute(responses)))
    for (const d of districts) {
      expect(strip(countsOf(tallies.find((t) => t.districtId === d)))).toEqual(strip(recompute(responses.filter((r) => r.districtId === d))))
    }
    // The districts add up to the whole.
    expect(strip(sumCounts(tallies.filter((t) => t.districtId).map((t) => countsOf(t))))).toEqual(strip(countsOf(tallies.find((t) => t.districtId === null))))
    expect(responses.filter((r) => r.flags.includes('too_fast')).length).toBeGreaterThan(0)

    // The results the staff see are those counts: 知晓率 over the counted responses.
    const results = await cloud.as('demo-staff').ok('survey', 'results', { id: s.id })
    const counted = responses.filter((r) => r.bucket === 'm')
    const aware = counted.filter((r) => r.answers.q1 === 'a' || r.answers.q1 === 'b').length
    expect(results.metrics.find((m) => m.metric === 'awareness')).toMatchObject({ positive: aware, answers: counted.length, n: counted.length })
    const participation = counted.filter((r) => (r.answers.q5 as string[]).some((o) => o === 'a' || o === 'b')).length
    expect(results.metrics.find((m) => m.metric === 'participation')).toMatchObject({ positive: participation, answers: counted.length })
    expect(results.districts.map((d) => d.name)).toEqual(['文华区', '滨河区', '高新区'])
    expect(results.districts.reduce((n, d) => n + d.responses, 0)).toBe(counted.length)
    const q3 = results.questions.find((q) => q.id === 'q3')!
    expect(q3.conditional).toBe(true)
    expect(q3.shown).toBe(counted.filter((r) => r.visible.includes('q3')).length)
  })

  it('results read a small, fixed number of documents however many responses there are', async () => {
    const s = await publishedSurvey(cloud)
    const submitMany = (from: number, count: number) =>
      Promise.all(
        Array.from({ length: count }, (_, k) =>
          cloud.as(`o-scale-${s.id}-${from + k}`).ok('survey', 'submit', { surveyId: s.id, answers: answersFor('s4'), elapsedMs: 60_000, districtId: ['d-wenhua', 'd-binhe', 'd-gaoxin'][k % 3] }),
        ),
      )
    await submitMany(0, 6)
    const few = await cloud.rt.invokeWithStats('survey', { action: 'results', payload: { id: s.id } }, { openid: 'demo-staff' })
    await submitMany(6, 60)
    const many = await cloud.rt.invokeWithStats('survey', { action: 'results', payload: { id: s.id } }, { openid: 'demo-staff' })
    expect((many.result as { ok: boolean }).ok).toBe(true)
    const examined = (st: typeof few.stats) => (st as unknown as { docsExamined: number }).docsExamined
    expect(examined(many.stats)).toBe(examined(few.stats))
    expect(examined(many.stats)).toBeLessThanOrEqual(20)
    expect(many.stats.ops.map((o) => o.collection)).not.toContain(COLLECTIONS.surveyResponses)
  })
})

describe('export', () => {
  let surveyId: string
  beforeAll(async () => {
    const s = await publishedSurvey(cloud, { anonymous: false, title: '导出测试问卷' })
    surveyId = s.id
    await cloud.as('demo-resident').ok('survey', 'submit', { surveyId, answers: answersFor('s5', { q6: '=HYPERLINK("http://x","点我")' }), elapsedMs: 60_000, districtId: 'd-wenhua' })
    await cloud.as('demo-resident-2').ok('survey', 'submit', { surveyId, answers: answersFor('s1', { q6: '路灯不亮, 晚上"很黑"\n希望尽快修' }), elapsedMs: 60_000, districtId: 'd-binhe' })
    await cloud.as('demo-staff').ok('survey', 'assist', { surveyId, answers: answersFor('s3'), districtId: 'd-gaoxin', personKey: '13612345678', paperNo: 'P-7' })
    await cloud.as('o-export-fast').ok('survey', 'submit', { surveyId, answers: answersFor('s4'), elapsedMs: 1_000, districtId: 'd-wenhua' })
  })

  it('writes a CSV Excel opens (BOM, CRLF, quoted), one row per response, without personal data', async () => {
    const out = await cloud.as('demo-staff').ok('survey', 'export', { id: surveyId, format: 'csv' })
    expect(out.rows).toBe(4)
    expect(out.fileName).toMatch(/^导出测试问卷-第1轮-答卷-\d{8}\.csv$/)
    const buf = await download(out.url)
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = buf.toString('utf8').slice(1)
    expect(text.endsWith('\r\n')).toBe(true)
    const lines = text.split('\r\n')
    expect(lines[0]).toBe('受访者编号,提交时间,辖区,填写方式,数据质量,1. 您知道创文吗？,2. 您对社区环境满意吗？,3. 哪些方面不满意？,4. 您支持创文吗？,5. 您参加过哪些活动？,6. 您的建议')
    expect(lines[1]).toMatch(/^1,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,文华区,线上填写,正常,知道,很满意,,是,志愿服务,"'=HYPERLINK\(""http:\/\/x"",""点我""\)"$/)
    expect(text).toContain('2,')
    expect(text).toContain('"路灯不亮, 晚上""很黑""\n希望尽快修"')
    expect(text).toContain(',高新区,工作人员代录,正常,')
    expect(text).toContain(',疑似敷衍：用时过短,')
    // A named survey stores who answered, but the export never carries it.
    for (const personal of ['demo-resident', 'demo-staff', 'o-export-fast', '市民小李', '幸福里王阿姨', '13612345678', 'P-7']) expect(text).not.toContain(personal)
  })

  it('writes an .xlsx that unzips (CRC-checked) into well-formed SpreadsheetML with the same rows', async () => {
    const out = await cloud.as('demo-admin').ok('survey', 'export', { id: surveyId, format: 'xlsx' })
    expect(out.fileName.endsWith('.xlsx')).toBe(true)
    const files = unzip(await download(out.url))
    expect([...files.keys()].sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'])
    for (const xml of files.values()) expectBalancedXml(xml)
    const sheet = files.get('xl/worksheets/sheet1.xml')!
    expect(files.get('xl/workbook.xml')).toContain('<sheet name="答卷"')
    expect(sheet.match(/<row /g)).toHaveLength(5)
    expect(sheet).toContain('<c r="A2"><v>1</v></c>')
    expect(sheet).toContain('<t xml:space="preserve">=HYPERLINK(&quot;http://x&quot;,&quot;点我&quot;)</t>')
    expect(sheet).toContain('工作人员代录')
    for (const personal of ['demo-resident', 'o-export-fast', '市民小李', '13612345678']) expect(sheet).not.toContain(personal)
  })
})
