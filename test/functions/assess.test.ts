/**
 * 考评 through devcloud: a scheme with a material, a field and two data items over a period with no demo
 * data; a unit uploads material (own folder only), staff return it and approve the 补充, enter field
 * scores; three units' reports (on time, overdue and escalated, none) are scored by `recompute`; the
 * ranking and the numbered, frozen 通报; who may see what.
 */
import { COLLECTIONS } from '../../src/domain/collections'
import { materialCloudPath, type SchemeItemInput } from '../../src/domain/assess'
import { startCloud, type TestCloud } from '../support/runtime'
import { makeUnitHandler, submitReport, uploadAfterPhoto } from '../support/report'

let cloud: TestCloud
const STAFF = 'demo-staff'
const GAOXIN = 'o-assess-gaoxin' // 高新城管
const JJ = 'o-assess-jj' // 交警支队
const SZ = 'demo-unit-2' // 市政中心 (seeded handler)
const HOUR = 3600e3
const DAY = 24 * HOUR
let t0 = 0
let schemeId = ''

const ITEMS: SchemeItemInput[] = [
  { id: 'i1', group: '思想道德基础', title: '社会主义核心价值观建设', points: 10, kind: 'material', guide: '上传宣传栏图片' },
  { id: 'i2', group: '周五环境整治情况', title: '包保网格环境督查', points: 5, kind: 'field' },
  { id: 'i3', group: '督办单任务', title: '按时整改率', points: 15, kind: 'data', rule: { metric: 'on_time_rate', scoring: { type: 'linear', zeroAt: 0.6, fullAt: 0.95 }, noData: 'full' } },
  { id: 'i4', group: '督办单任务', title: '超期督办', points: 5, kind: 'data', rule: { metric: 'escalations', scoring: { type: 'deduct', per: 1, free: 0 }, noData: 'full' } },
]

async function upload(openid: string, unitId: string, itemId: string, name: string, scheme = schemeId): Promise<string> {
  const { fileID } = await cloud.rt.storageApi.uploadFile({ cloudPath: materialCloudPath(scheme, unitId, itemId, name), fileContent: Buffer.from(`material ${name}`) }, { uploader: openid })
  return fileID
}

const itemOf = (card: { items: { id: string; state: string; score: number | null; rev: number; figure: unknown }[] }, id: string) => card.items.find((i) => i.id === id)!

beforeAll(async () => {
  cloud = await startCloud()
  await makeUnitHandler(cloud, GAOXIN, 'u-cg-gaoxin')
  await makeUnitHandler(cloud, JJ, 'u-jj')
  t0 = Math.ceil((cloud.rt.clock.now() + 70 * DAY) / DAY) * DAY + 2 * HOUR // 10:00 Beijing, far from the demo data
  cloud.rt.clock.set(t0)
}, 120_000)

afterAll(async () => {
  await cloud?.close()
})

test('staff create a draft, edit it, and open it for the units in scope', async () => {
  const period = { label: '2026年第四季度', start: new Date(t0 - DAY).toISOString(), end: new Date(t0 + 30 * DAY).toISOString() }
  const draft = await cloud.as(STAFF).ok('assess', 'schemeSave', { title: '城管交警市政创城考评', kind: 'city', period, scope: { unitIds: ['u-cg-gaoxin', 'u-jj'] }, items: ITEMS.slice(0, 2) })
  expect(draft).toMatchObject({ status: 'draft', totalPoints: 15, version: 0 })
  schemeId = draft.id

  // A units cannot run schemes; a data item needs a rule that fits its metric.
  expect((await cloud.as(GAOXIN).fail('assess', 'schemeList', {})).code).toBe('FORBIDDEN')
  const bad = await cloud.as(STAFF).fail('assess', 'schemeSave', { title: draft.title, kind: 'city', period, scope: { unitIds: ['u-jj'] }, id: schemeId, version: 0, items: [{ ...ITEMS[2], rule: { ...ITEMS[2].rule!, scoring: { type: 'deduct', per: 1 } } }] })
  expect(bad.code).toBe('INVALID_INPUT')
  expect(bad.message).toContain('按比例计分')

  const input = { title: '城管交警市政创城考评', kind: 'city' as const, period, scope: { unitTypes: [], unitIds: ['u-cg-gaoxin', 'u-jj', 'u-sz'] }, items: ITEMS }
  const edited = await cloud.as(STAFF).ok('assess', 'schemeSave', { ...input, id: schemeId, version: 0 })
  expect(edited).toMatchObject({ version: 1, totalPoints: 35 })
  expect(edited.items[2].ruleText).toBe('按时整改率60%及以下得0分，95%及以上得满分，其间按比例计分；无数据时得满分')
  expect((await cloud.as(STAFF).fail('assess', 'schemeSave', { ...input, id: schemeId, version: 0 })).code).toBe('CONFLICT')

  const opened = await cloud.as(STAFF).ok('assess', 'schemeOpen', { schemeId, version: 1 })
  expect(opened).toMatchObject({ status: 'open', unitCount: 3 })
  expect((await cloud.as(STAFF).fail('assess', 'schemeSave', { ...input, id: schemeId, version: 2 })).message).toContain('不能再修改')
  const list = await cloud.as(STAFF).ok('assess', 'schemeList', { status: 'open' })
  expect(list.items.map((s) => s.id)).toContain(schemeId)
})

test('a unit submits material from its own folder; staff return it, then approve the 补充 with a score', async () => {
  let card = (await cloud.as(GAOXIN).ok('assess', 'cardDetail', { schemeId })).card
  expect(card.unit.id).toBe('u-cg-gaoxin')
  expect(itemOf(card, 'i1')).toMatchObject({ state: 'todo', rev: 0 })

  // Another unit's file, or a file of another item, is refused; so is a file that was never uploaded.
  const foreign = await upload(SZ, 'u-sz', 'i1', 'sz.jpg')
  const otherItem = await upload(GAOXIN, 'u-cg-gaoxin', 'i2', 'x.jpg')
  for (const f of [foreign, otherItem]) {
    expect((await cloud.as(GAOXIN).fail('assess', 'submitMaterial', { schemeId, itemId: 'i1', rev: 0, files: [f], note: '宣传栏图片' })).code).toBe('FORBIDDEN')
  }
  const ghost = foreign.replace('u-sz/i1/sz.jpg', 'u-cg-gaoxin/i1/ghost.jpg')
  expect((await cloud.as(GAOXIN).fail('assess', 'submitMaterial', { schemeId, itemId: 'i1', rev: 0, files: [ghost], note: '宣传栏图片' })).code).toBe('INVALID_INPUT')
  // Material goes only to material items.
  expect((await cloud.as(GAOXIN).fail('assess', 'submitMaterial', { schemeId, itemId: 'i2', rev: 0, files: [otherItem], note: '说明文字' })).code).toBe('CONFLICT')

  const f1 = await upload(GAOXIN, 'u-cg-gaoxin', 'i1', 'a1.jpg')
  card = await cloud.as(GAOXIN).ok('assess', 'submitMaterial', { schemeId, itemId: 'i1', rev: 0, files: [f1], note: '创业大道沿线核心价值观宣传栏 12 处。' })
  expect(itemOf(card, 'i1')).toMatchObject({ state: 'submitted', rev: 1 })
  expect(card.pending).toBe(1)

  // Units see only their own card.
  expect((await cloud.as(SZ).fail('assess', 'cardDetail', { schemeId, unitId: 'u-cg-gaoxin' })).code).toBe('FORBIDDEN')
  expect((await cloud.as('demo-resident').fail('assess', 'cardDetail', { schemeId })).code).toBe('FORBIDDEN')

  const queue = await cloud.as(STAFF).ok('assess', 'reviewQueue', { schemeId })
  expect(queue.items).toEqual([expect.objectContaining({ unit: { id: 'u-cg-gaoxin', name: '示范市高新区城市管理局' }, pending: 1 })])

  // 退回补充 needs a comment; a stale rev is refused.
  expect((await cloud.as(STAFF).fail('assess', 'review', { schemeId, unitId: 'u-cg-gaoxin', itemId: 'i1', rev: 1, verdict: 'returned' })).code).toBe('INVALID_INPUT')
  expect((await cloud.as(STAFF).fail('assess', 'review', { schemeId, unitId: 'u-cg-gaoxin', itemId: 'i1', rev: 0, verdict: 'returned', comment: '请补充图片' })).code).toBe('CONFLICT')
  await cloud.as(STAFF).ok('assess', 'review', { schemeId, unitId: 'u-cg-gaoxin', itemId: 'i1', rev: 1, verdict: 'returned', comment: '请补充社区宣传栏的近景图片' })
  card = (await cloud.as(GAOXIN).ok('assess', 'cardDetail', { schemeId })).card
  expect(itemOf(card, 'i1')).toMatchObject({ state: 'returned', rev: 2, score: null })
  expect(card.items[0].review).toMatchObject({ verdict: 'returned', comment: '请补充社区宣传栏的近景图片' })
  expect(card.pending).toBe(0)

  const f2 = await upload(GAOXIN, 'u-cg-gaoxin', 'i1', 'a2.jpg')
  card = await cloud.as(GAOXIN).ok('assess', 'submitMaterial', { schemeId, itemId: 'i1', rev: 2, files: [f1, f2], note: '补充近景图片 2 张。' })
  expect(card.items[0].material).toMatchObject({ round: 2, files: [f1, f2] })

  // The score cannot exceed the item's points.
  expect((await cloud.as(STAFF).fail('assess', 'review', { schemeId, unitId: 'u-cg-gaoxin', itemId: 'i1', rev: 3, verdict: 'approved', score: 10.5 })).code).toBe('INVALID_INPUT')
  card = await cloud.as(STAFF).ok('assess', 'review', { schemeId, unitId: 'u-cg-gaoxin', itemId: 'i1', rev: 3, verdict: 'approved', score: 8, comment: '材料齐全' })
  expect(itemOf(card, 'i1')).toMatchObject({ state: 'approved', score: 8 })
  expect(card.total).toBe(8)
  expect((await cloud.as(GAOXIN).fail('assess', 'submitMaterial', { schemeId, itemId: 'i1', rev: 4, files: [f1], note: '再改一次材料' })).message).toContain('已审核通过')

  // The change is in the 操作日志 with before and after.
  const log = await cloud.db.collection(COLLECTIONS.auditLog).where({ fn: 'assess', action: 'review' }).get()
  const approved = (log.data as { changes: { before: unknown; after: unknown }[] }[]).find((e) => (e.changes[0]?.after as { score?: number })?.score === 8)
  expect(approved?.changes[0]).toMatchObject({ before: { state: 'submitted', score: null }, after: { state: 'approved', score: 8 } })

  // The unit's 志愿服务队 (for 周五环境整治 turnout) is set by staff only, to a team that exists.
  expect((await cloud.as(JJ).fail('assess', 'setTeam', { schemeId, unitId: 'u-jj', teamId: 't-jiaotong' })).code).toBe('FORBIDDEN')
  expect((await cloud.as(STAFF).fail('assess', 'setTeam', { schemeId, unitId: 'u-jj', teamId: 't-nope' })).code).toBe('NOT_FOUND')
  expect((await cloud.as(STAFF).ok('assess', 'setTeam', { schemeId, unitId: 'u-jj', teamId: 't-jiaotong' })).teamId).toBe('t-jiaotong')

  card = await cloud.as(STAFF).ok('assess', 'fieldScore', { schemeId, unitId: 'u-cg-gaoxin', itemId: 'i2', rev: 0, score: 4, comment: '网格内有两处卫生死角' })
  expect(card.total).toBe(12)
  await cloud.as(STAFF).ok('assess', 'fieldScore', { schemeId, unitId: 'u-jj', itemId: 'i2', rev: 0, score: 5 })
  expect((await cloud.as(STAFF).fail('assess', 'fieldScore', { schemeId, unitId: 'u-jj', itemId: 'i1', rev: 0, score: 5 })).code).toBe('CONFLICT')
})

test('recompute scores the data items from the period’s reports and shows the figures', async () => {
  // 高新城管: three reports fixed and 销号 in time → 3/3. 交警支队: two with a 1-day deadline, 督办 when
  // overdue, then fixed late and 销号 → 0/2 and 2 督办.
  for (let i = 0; i < 3; i++) {
    const { report } = await submitReport(cloud, `o-assess-r${i}`)
    await cloud.rt.settle()
    await cloud.as(STAFF).ok('report', 'acceptDispatch', { id: report.id, unitId: 'u-cg-gaoxin' })
    await cloud.as(GAOXIN).ok('report', 'rectify', { id: report.id, photos: [await uploadAfterPhoto(cloud, GAOXIN, report.id)], note: '已清理占道摊点。' })
    await cloud.as(STAFF).ok('report', 'verifyClose', { id: report.id })
  }
  const late: string[] = []
  for (let i = 0; i < 2; i++) {
    const { report } = await submitReport(cloud, `o-assess-s${i}`)
    await cloud.as(STAFF).ok('report', 'acceptDispatch', { id: report.id, unitId: 'u-jj', deadlineDays: 1 })
    late.push(report.id)
  }
  cloud.rt.clock.set(t0 + 3 * DAY)
  await cloud.rt.runTrigger('report', 'overdue')
  for (const id of late) {
    await cloud.as(JJ).ok('report', 'rectify', { id, photos: [await uploadAfterPhoto(cloud, JJ, id)], note: '已清理占道摊点。' })
    await cloud.as(STAFF).ok('report', 'verifyClose', { id })
  }
  // The 数据看板's counters (which 考评 reads) are rolled up from the timeline by the stats timer, a minute
  // behind (events still being written are left for the next run).
  cloud.rt.clock.set(t0 + 3 * DAY + 5 * 60e3)
  await cloud.rt.runTrigger('stats', 'rollup')

  const res = await cloud.as(STAFF).ok('assess', 'recompute', { schemeId })
  expect(res).toMatchObject({ units: 3, items: 2, changed: 3 })

  const gaoxin = (await cloud.as(GAOXIN).ok('assess', 'cardDetail', { schemeId })).card
  expect(itemOf(gaoxin, 'i3')).toMatchObject({ state: 'scored', score: 15 })
  expect(gaoxin.items[2].figure).toMatchObject({ value: 1, numerator: 3, denominator: 3, text: '按时整改率 100%（3/3）' })
  expect(gaoxin.items[2].figure!.detail).toContain('始终在整改时限内完成的 3 件')
  expect(itemOf(gaoxin, 'i4')).toMatchObject({ score: 5 })
  expect(gaoxin.total).toBe(32)

  const jj = (await cloud.as(JJ).ok('assess', 'cardDetail', { schemeId })).card
  expect(itemOf(jj, 'i3')).toMatchObject({ score: 0 })
  expect(jj.items[2].figure).toMatchObject({ value: 0, numerator: 0, denominator: 2 })
  expect(itemOf(jj, 'i4')).toMatchObject({ score: 3 })
  expect(jj.items[3].figure).toMatchObject({ value: 2, text: '超期督办次数 2' })
  expect(jj.total).toBe(8)
  expect(jj).toMatchObject({ rank: 3, of: 3 })

  // 市政中心 had no reports: both data items score full by their `noData`.
  const sz = (await cloud.as(SZ).ok('assess', 'cardDetail', { schemeId })).card
  expect(sz.total).toBe(20)
  expect(sz.items[2].figure).toMatchObject({ value: null, text: '按时整改率 无数据' })

  // A second run changes nothing.
  expect((await cloud.as(STAFF).ok('assess', 'recompute', { schemeId })).changed).toBe(0)

  const detail = await cloud.as(STAFF).ok('assess', 'schemeDetail', { schemeId })
  expect(detail.ranking.map((r) => [r.rank, r.unit.id, r.total])).toEqual([
    [1, 'u-cg-gaoxin', 32],
    [2, 'u-sz', 20],
    [3, 'u-jj', 8],
  ])
  expect(detail.ranking[0].groups).toEqual([
    { group: '思想道德基础', score: 8 },
    { group: '周五环境整治情况', score: 4 },
    { group: '督办单任务', score: 20 },
  ])
  expect(detail.scheme.computedAt).not.toBeNull()
})

test('the 通报 is published once, numbered, frozen, and read by staff and units only', async () => {
  // Not while material waits for review.
  const f = await upload(SZ, 'u-sz', 'i1', 'sz2.jpg')
  await cloud.as(SZ).ok('assess', 'submitMaterial', { schemeId, itemId: 'i1', rev: 0, files: [f], note: '宣传栏图片 3 张。' })
  const scheme = (await cloud.as(STAFF).ok('assess', 'schemeDetail', { schemeId })).scheme
  expect((await cloud.as(STAFF).fail('assess', 'publish', { schemeId, version: scheme.version })).message).toContain('待审核')
  await cloud.as(STAFF).ok('assess', 'review', { schemeId, unitId: 'u-sz', itemId: 'i1', rev: 1, verdict: 'approved', score: 6 })

  const bulletin = await cloud.as(STAFF).ok('assess', 'publish', { schemeId, version: scheme.version, summary: '高新城管按时整改率全部达标，交警支队两件问题超期被督办，限期整改。' })
  expect(bulletin.rows.map((r) => [r.rank, r.unit.shortName, r.total])).toEqual([
    [1, '高新城管', 32],
    [2, '市政中心', 26],
    [3, '交警支队', 8],
  ])
  expect(bulletin.number).toBe(`〔${bulletin.year}〕第${bulletin.no}号`)
  expect((await cloud.as(STAFF).fail('assess', 'publish', { schemeId, version: scheme.version })).code).toBe('CONFLICT')
  expect((await cloud.as(STAFF).fail('assess', 'fieldScore', { schemeId, unitId: 'u-sz', itemId: 'i2', rev: 0, score: 5 })).message).toContain('已发布通报')
  expect((await cloud.as(STAFF).fail('assess', 'recompute', { schemeId })).code).toBe('CONFLICT')

  // Units read it (and their own position); residents do not.
  const read = await cloud.as(JJ).ok('assess', 'bulletinDetail', { id: bulletin.id })
  expect(read.rows).toHaveLength(3)
  expect((await cloud.as(JJ).ok('assess', 'bulletinList', {})).items[0]).toMatchObject({ id: bulletin.id, unitCount: 3 })
  expect((await cloud.as('demo-resident').fail('assess', 'bulletinList', {})).code).toBe('FORBIDDEN')
  const mine = await cloud.as(JJ).ok('assess', 'myCards', {})
  expect(mine.items.find((c) => c.scheme.id === schemeId)).toMatchObject({ total: 8, rank: 3, of: 3, scheme: { status: 'published' } })

  // The next 通报 takes the next number.
  const next = await cloud.as(STAFF).ok('assess', 'schemeSave', {
    title: '交警支队专项考评',
    kind: 'city',
    period: { label: '2026年12月', start: new Date(t0).toISOString(), end: new Date(t0 + 20 * DAY).toISOString() },
    scope: { unitIds: ['u-jj'] },
    items: [ITEMS[1]],
  })
  await cloud.as(STAFF).ok('assess', 'schemeOpen', { schemeId: next.id, version: 0 })
  const second = await cloud.as(STAFF).ok('assess', 'publish', { schemeId: next.id, version: 1 })
  expect(second.no).toBe(bulletin.no + 1)
})

test('通报 published at the same moment get distinct, consecutive numbers', async () => {
  const ids: string[] = []
  for (const unitId of ['u-sz', 'u-cg-gaoxin', 'u-jj']) {
    const s = await cloud.as(STAFF).ok('assess', 'schemeSave', {
      title: `专项考评 ${unitId}`,
      kind: 'city',
      period: { label: '2026年12月', start: new Date(t0).toISOString(), end: new Date(t0 + 20 * DAY).toISOString() },
      scope: { unitIds: [unitId] },
      items: [ITEMS[1]],
    })
    await cloud.as(STAFF).ok('assess', 'schemeOpen', { schemeId: s.id, version: 0 })
    ids.push(s.id)
  }
  const before = (await cloud.as(STAFF).ok('assess', 'bulletinList', {})).items.length
  const published = await Promise.all(ids.map((schemeId) => cloud.as(STAFF).ok('assess', 'publish', { schemeId, version: 1 })))
  const numbers = published.map((b) => b.no).sort((a, b) => a - b)
  expect(new Set(numbers).size).toBe(3)
  expect(numbers[2] - numbers[0]).toBe(2)
  expect((await cloud.as(STAFF).ok('assess', 'bulletinList', {})).items.length).toBe(before + 3)
})
