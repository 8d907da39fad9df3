/**
 * 台账: preview and streamed export against the real devcloud. A few hundred reports are cloned from a
 * seeded one so an export takes several steps; the file must hold every row exactly once, in the preview's
 * order, whoever polls and however often.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { COLLECTIONS } from '../../src/domain/collections'
import type { ReportRecord, EventRecord } from '../../cloudfunctions/report/records'
import type { ExportJobDoc } from '../../cloudfunctions/ledger/jobs'
import { REPORT_SHEETS } from '../../src/domain/ledger/reports'
import { startCloud, type TestCloud } from '../support/runtime'
import { parseCsv, undefuse, xlsxSheets } from '../support/office-files'
import { answersFor, publishedSurvey, surveyFunctions } from './survey-support'

let cloud: TestCloud
let now: number
const DAY = 86_400_000
const BULK = 430
/** The bulk reports live in their own window, far from the seeded ones. */
let window: { from: string; to: string }

type Storage = { get(p: string): Promise<{ content: Buffer } | null> }
const storage = () => (cloud.rt as unknown as { storage: Storage }).storage

async function download(url: string): Promise<Buffer> {
  const m = /\/api\/storage\/file\/([^?]+)/.exec(url)
  if (!m) throw new Error(`not a devcloud storage URL: ${url}`)
  const file = await storage().get(decodeURIComponent(m[1]))
  if (!file) throw new Error(`no file at ${m[1]}`)
  return file.content
}

const staff = () => cloud.as('demo-staff')

async function finish(id: string, parallel = 1) {
  for (let i = 0; i < 50; i++) {
    const views = await Promise.all(Array.from({ length: parallel }, () => staff().ok('ledger', 'exportStatus', { id })))
    const done = views.find((v) => v.status !== 'running')
    if (done) return done
  }
  throw new Error('export did not finish')
}

beforeAll(async () => {
  cloud = await startCloud({ seed: true, functions: surveyFunctions() })
  now = cloud.rt.clock.now()
  const base = now - 300 * DAY
  window = { from: new Date(base - DAY).toISOString(), to: new Date(base + 50 * DAY).toISOString() }
  const reports = cloud.db.collection(COLLECTIONS.reports)
  const events = cloud.db.collection(COLLECTIONS.reportEvents)
  const template = (await reports.where({ _id: 'r-demo-car' }).get()).data[0] as ReportRecord
  const templateEvents = (await events.where({ reportId: 'r-demo-car' }).get()).data as EventRecord[]
  expect(templateEvents.length).toBeGreaterThan(3)
  const docs: ReportRecord[] = []
  for (let i = 0; i < BULK; i++) {
    // Keyset ties: every fifth report shares its creation time with the one before, and ten share one
    // across the boundary of the first 50-row chunk.
    const slot = i >= 45 && i < 55 ? 45 : i - (i % 5 === 4 ? 1 : 0)
    const at = new Date(base + slot * 150 * 60_000).toISOString()
    docs.push({
      ...template,
      _id: `r-bulk-${String(i).padStart(4, '0')}`,
      clientId: `bulk-${i}`,
      createdAt: at,
      description: i === 7 ? '=HYPERLINK("http://x","点我") 路边摊占道' : `批量测试问题 ${i}，路面破损，"请尽快处理"`,
      location: { ...template.location, districtId: i % 2 ? 'd-binhe' : 'd-wenhua' },
      categoryId: i % 3 ? template.categoryId : 'city-stall',
    })
  }
  // Inserted newest first, so the index, not insertion order, decides the order.
  docs.reverse()
  for (let i = 0; i < docs.length; i += 25) {
    await Promise.all(docs.slice(i, i + 25).map((d) => reports.add({ data: d })))
  }
  const evs = docs.flatMap((d) => templateEvents.map((e) => ({ ...e, _id: e._id.replace('r-demo-car', d._id), reportId: d._id })))
  for (let i = 0; i < evs.length; i += 50) {
    await Promise.all(evs.slice(i, i + 50).map((e) => events.add({ data: e })))
  }
}, 120_000)

afterAll(async () => {
  await cloud?.close()
})

describe('ledger.preview', () => {
  it('lists the seeded reports with their timeline and never the reporter', async () => {
    const p = await staff().ok('ledger', 'preview', { kind: 'reports', from: new Date(now - 60 * DAY).toISOString(), to: new Date(now + DAY).toISOString() })
    expect(p.header).toEqual(REPORT_SHEETS[0].header)
    const seeded = (await cloud.db.collection(COLLECTIONS.reports).where({ _id: cloud.db.command.in(p.rows.map((r) => r[0])) }).get()).data as ReportRecord[]
    expect(p.total).toBe(seeded.length)
    expect(p.total).toBeGreaterThan(5)
    const car = p.rows.find((r) => r[0] === 'r-demo-car')!
    expect(car[7]).toBe('已办结')
    expect(car[8]).toBe('示范市公安局交通警察支队')
    const timeline = car[20].split('\n')
    expect(timeline[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d 提交随手拍（市民）$/)
    expect(timeline.some((l) => l.includes('受理并派单（创城办）：派至示范市公安局交通警察支队'))).toBe(true)
    expect(timeline.at(-1)).toContain('核验销号（创城办）')
    const text = JSON.stringify(p.rows)
    for (const r of seeded) expect(text).not.toContain(r.reporterId)
    // Ordered by submission time.
    const times = p.rows.map((r) => r[1])
    expect([...times].sort()).toEqual(times)
  })

  it('narrows by district, unit and category', async () => {
    const all = await staff().ok('ledger', 'preview', { kind: 'reports', ...window })
    expect(all.total).toBe(BULK)
    const binhe = await staff().ok('ledger', 'preview', { kind: 'reports', ...window, districtId: 'd-binhe' })
    expect(binhe.total).toBe(BULK / 2)
    expect(binhe.rows.every((r) => r[5] === '滨河区')).toBe(true)
    const stall = await staff().ok('ledger', 'preview', { kind: 'reports', ...window, categoryId: 'city-stall' })
    expect(stall.total).toBe(Math.ceil(BULK / 3))
    const unit = await staff().ok('ledger', 'preview', { kind: 'reports', ...window, unitId: 'u-jj' })
    expect(unit.total).toBe(BULK)
    const none = await staff().ok('ledger', 'preview', { kind: 'reports', ...window, unitId: 'u-hw' })
    expect(none).toMatchObject({ total: 0, rows: [] })
  })

  it('is for staff and admins, and refuses filters a ledger does not have', async () => {
    const f = { kind: 'reports', ...window }
    for (const who of ['demo-resident', 'demo-volunteer', 'demo-unit']) expect((await cloud.as(who).fail('ledger', 'preview', f)).code).toBe('FORBIDDEN')
    expect((await cloud.as('demo-admin').ok('ledger', 'preview', f)).total).toBe(BULK)
    const bad = await staff().fail('ledger', 'preview', { kind: 'hours', ...window, unitId: 'u-jj' })
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('不支持') })
    expect((await staff().fail('ledger', 'preview', { kind: 'surveys', ...window })).message).toContain('请选择问卷')
    expect((await staff().fail('ledger', 'preview', { kind: 'reports', from: window.to, to: window.from })).message).toContain('截止时间应晚于起始时间')
    expect((await staff().fail('ledger', 'preview', { kind: 'reports', ...window, unitId: 'u-nope' })).code).toBe('INVALID_INPUT')
  })
})

describe('ledger export', () => {
  it('streams a CSV in steps with progress, every row once, in the preview order', async () => {
    const preview = await staff().ok('ledger', 'preview', { kind: 'reports', ...window })
    const started = await staff().ok('ledger', 'startExport', { filters: { kind: 'reports', ...window }, format: 'csv' })
    expect(started).toMatchObject({ status: 'running', total: BULK, url: null })
    expect(started.rows).toBeGreaterThan(0)
    expect(started.rows).toBeLessThan(BULK)
    expect(started.percent).toBe(Math.floor((started.rows * 100) / BULK))
    // Three pollers at once: the steps they race for are written by one of them only.
    const done = await finish(started.id, 3)
    expect(done).toMatchObject({ status: 'done', rows: BULK, percent: 100, fileName: expect.stringMatching(/^随手拍办理台账-\d{8}-\d{8}\.csv$/) })

    const text = (await download(done.url!)).toString('utf8')
    expect(text.includes('\r\n')).toBe(true)
    const rows = parseCsv(text)
    expect(rows[0]).toEqual(REPORT_SHEETS[0].header)
    const body = rows.slice(1)
    expect(body).toHaveLength(BULK)
    expect(new Set(body.map((r) => r[0])).size).toBe(BULK)
    expect(body.slice(0, preview.rows.length).map((r) => r.map(undefuse))).toEqual(preview.rows)
    // A resident's text cannot become a formula on a staff computer.
    expect(body.find((r) => r[0] === 'r-bulk-0007')![3]).toBe(`'=HYPERLINK("http://x","点我") 路边摊占道`)

    const job = (await cloud.db.collection(COLLECTIONS.ledgerExports).where({ _id: started.id }).get()).data[0] as ExportJobDoc
    expect(job.step).toBeGreaterThanOrEqual(3)
    expect(job.parts).toHaveLength(job.step)
    // The parts are cleared once the file exists.
    for (const part of job.parts) expect(await storage().get(part.replace(/^cloud:\/\/[^/]+\//, ''))).toBeNull()
  })

  it('writes Excel with the ledger sheet and one row per timeline event', async () => {
    const started = await staff().ok('ledger', 'startExport', { filters: { kind: 'reports', ...window, districtId: 'd-wenhua' }, format: 'xlsx' })
    const done = await finish(started.id)
    expect(done.fileName).toMatch(/\.xlsx$/)
    const sheets = xlsxSheets(await download(done.url!))
    expect([...sheets.keys()]).toEqual(['随手拍台账', '处理过程'])
    const main = sheets.get('随手拍台账')!
    expect(main[0]).toEqual(REPORT_SHEETS[0].header)
    expect(main).toHaveLength(BULK / 2 + 1)
    expect(main.slice(1).every((r) => r[5] === '文华区')).toBe(true)
    const events = sheets.get('处理过程')!
    expect(events[0]).toEqual(REPORT_SHEETS[1].header)
    const perReport = main[1][20].split('\n').length
    expect(events).toHaveLength((BULK / 2) * perReport + 1)
    expect(events.filter((e) => e[0] === main[1][0]).map((e) => e[2])).toEqual(main[1][20].split('\n').map((l) => l.split(' ')[2].replace(/（.*$/, '')))
  })

  it('is logged once with filters and rows; polling is not', async () => {
    const before = await cloud.as('demo-admin').ok('audit', 'search', { fn: 'ledger' })
    const started = await staff().ok('ledger', 'startExport', { filters: { kind: 'reports', ...window, categoryId: 'city-stall' }, format: 'csv' })
    await finish(started.id)
    const after = await cloud.as('demo-admin').ok('audit', 'search', { fn: 'ledger' })
    const fresh = after.items.filter((e) => !before.items.some((b) => b.id === e.id))
    expect(fresh).toHaveLength(1)
    expect(fresh[0]).toMatchObject({ action: 'ledger.startExport', outcome: 'ok', targetId: started.id, actor: { openid: 'demo-staff' } })
    expect(fresh[0].changes[0]).toMatchObject({ targetType: 'ledgerExport', after: { rows: Math.ceil(BULK / 3), format: 'csv', filters: { categoryId: 'city-stall' } } })
  })

  it('only the owner sees a job; a job nobody polls is finished by the timer', async () => {
    const started = await staff().ok('ledger', 'startExport', { filters: { kind: 'reports', ...window }, format: 'csv' })
    expect((await cloud.as('demo-admin').fail('ledger', 'exportStatus', { id: started.id })).code).toBe('NOT_FOUND')
    cloud.rt.clock.advance(30_000)
    for (let i = 0; i < 5; i++) {
      await cloud.rt.runTrigger('ledger', 'drain')
      cloud.rt.clock.advance(30_000)
    }
    const job = (await cloud.db.collection(COLLECTIONS.ledgerExports).where({ _id: started.id }).get()).data[0] as ExportJobDoc
    expect(job.status).toBe('done')
    const list = await staff().ok('ledger', 'listExports', {})
    expect(list.items[0]).toMatchObject({ id: started.id, status: 'done', url: expect.any(String) })
  })

  it('deletes a file a week after the export', async () => {
    const done = await finish((await staff().ok('ledger', 'startExport', { filters: { kind: 'reports', ...window, districtId: 'd-binhe' }, format: 'csv' })).id)
    const job = (await cloud.db.collection(COLLECTIONS.ledgerExports).where({ _id: done.id }).get()).data[0] as ExportJobDoc
    const path = job.fileID!.replace(/^cloud:\/\/[^/]+\//, '')
    expect(await storage().get(path)).not.toBeNull()
    cloud.rt.clock.advance(6 * DAY)
    await cloud.rt.runTrigger('ledger', 'drain')
    expect(await storage().get(path)).not.toBeNull()
    cloud.rt.clock.advance(2 * DAY)
    await cloud.rt.runTrigger('ledger', 'drain')
    expect(await storage().get(path)).toBeNull()
    expect(await staff().ok('ledger', 'exportStatus', { id: done.id })).toMatchObject({ status: 'expired', url: null })
  })

  it('fails a job whose filter no longer exists, saying why, instead of retrying it for ever', async () => {
    const units = cloud.db.collection(COLLECTIONS.units)
    const started = await staff().ok('ledger', 'startExport', { filters: { kind: 'reports', ...window, unitId: 'u-jj' }, format: 'csv' })
    expect(started.status).toBe('running')
    const unit = (await units.where({ _id: 'u-jj' }).get()).data[0] as { _id: string }
    await units.doc('u-jj').remove()
    try {
      const failed = await staff().ok('ledger', 'exportStatus', { id: started.id })
      expect(failed).toMatchObject({ status: 'failed', url: null, error: '所选筛选条件不存在，请重新选择' })
      expect(await staff().ok('ledger', 'exportStatus', { id: started.id })).toMatchObject({ status: 'failed' })
    } finally {
      const { _id, ...rest } = unit
      await units.add({ data: { _id, ...rest } })
    }
  })

  it('a step costs a bounded number of round trips and documents, however far the cursor is', async () => {
    const started = await staff().ok('ledger', 'startExport', { filters: { kind: 'reports', ...window }, format: 'csv' })
    const { stats } = await cloud.rt.invokeWithStats('ledger', { action: 'exportStatus', payload: { id: started.id } }, { openid: 'demo-staff' })
    expect(stats.dbRoundTrips).toBeLessThan(60)
    // ≈ 3 steps × (200 reports + their events) plus names; a scan of the collection would be far more.
    expect(stats.docsExamined).toBeLessThan(3 * 200 * 8 + 500)
  })
})

describe('hours ledger', () => {
  it('lists confirmed hours with the mobile masked and no ID numbers', async () => {
    const p = await staff().ok('ledger', 'preview', { kind: 'hours', from: new Date(now - 120 * DAY).toISOString(), to: new Date(now + DAY).toISOString() })
    expect(p.total).toBeGreaterThan(5)
    for (const r of p.rows) {
      expect(r[2]).toMatch(/^\d{3}\*{4}\d{4}$/)
      expect(r[1].length).toBeGreaterThan(1)
    }
    expect(JSON.stringify(p.rows)).not.toMatch(/\d{6}(19|20)\d{2}/)
    const district = await staff().ok('ledger', 'preview', { kind: 'hours', from: new Date(now - 120 * DAY).toISOString(), to: new Date(now + DAY).toISOString(), districtId: 'd-gaoxin' })
    expect(district.total).toBeLessThan(p.total)
  })
})

describe('survey ledger', () => {
  it('lists one survey\'s responses by respondent number, without who answered, and exports the same rows', async () => {
    const survey = await publishedSurvey(cloud, { anonymous: false })
    const answers: [string, string][] = [['o-ledger-1', 'd-wenhua'], ['o-ledger-2', 'd-binhe'], ['o-ledger-3', 'd-wenhua']]
    for (const [who, districtId] of answers) await cloud.as(who).ok('survey', 'submit', { surveyId: survey.id, answers: answersFor('s4'), elapsedMs: 60_000, districtId })
    const t = cloud.rt.clock.now()
    const filters = { kind: 'surveys' as const, from: new Date(t - DAY).toISOString(), to: new Date(t + DAY).toISOString(), surveyId: survey.id }
    const p = await staff().ok('ledger', 'preview', filters)
    expect(p.total).toBe(3)
    expect(p.rows.map((r: string[]) => r[0])).toEqual(['1', '2', '3'])
    expect(p.header.slice(0, 3)).toEqual(['受访者编号', '提交时间', '辖区'])
    expect(JSON.stringify(p.rows)).not.toContain('o-ledger')
    const wenhua = await staff().ok('ledger', 'preview', { ...filters, districtId: 'd-wenhua' })
    expect(wenhua.rows.map((r: string[]) => r[0])).toEqual(['1', '3'])
    const done = await finish((await staff().ok('ledger', 'startExport', { filters, format: 'xlsx' })).id)
    const sheet = xlsxSheets(await download(done.url!)).get('答卷')!
    expect(sheet).toEqual([p.header, ...p.rows])
  })
})
