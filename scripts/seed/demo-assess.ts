/**
 * 考评 demo data: the current three months' 创建全国文明城市工作考评 (考评中) for six units — 文华城管 (demo-unit) with
 * material approved, waiting for review and returned for 补充, others at various stages — and last
 * three months' 考评, published as 通报〔year〕第1号. Data items are left for staff to 重新计算 (so the demo
 * shows the figures appear). Pure `buildDemoAssess(now, fileId)` plus `seedDemoAssess`, idempotent.
 */
import type { Database } from 'wx-server-sdk'
import { COLLECTIONS } from '../../src/domain/collections'
import { insertMissing } from '../../cloudfunctions/kernel/db'
import { chinaYear } from '../../src/domain/board/period'
import {
  buildBulletin,
  materialCloudPath,
  newCard,
  templateOf,
  totalPoints,
  type BulletinDoc,
  type CardDoc,
  type CardItem,
  type SchemeDoc,
  type StaffRef,
} from '../../src/domain/assess'
import { DAY_MS } from '../../src/domain/shared/time'
import { DEMO_SURVEY_IDS } from './demo-surveys'
import type { DemoCity } from './demo-city'
import { scenePng, type SceneKind } from './png'
import { sdkUpload, type Upload } from './demo-reports'

export const ASSESS_COLLECTIONS = [COLLECTIONS.assessSchemes, COLLECTIONS.assessCards, COLLECTIONS.assessBulletins, COLLECTIONS.assessCounters] as const
type AssessCollection = (typeof ASSESS_COLLECTIONS)[number]

export const DEMO_ASSESS_IDS = { current: 'as-demo-city-now', previous: 'as-demo-city-prev' } as const

const STAFF: StaffRef = { id: 'demo-staff', name: '创城办小张' }
/** Units assessed, with their 志愿服务队 for the 周五环境整治 turnout. */
const UNITS: [unitId: string, teamId: string | null][] = [
  ['u-cg-wenhua', null],
  ['u-sz', null],
  ['u-wy-anju', null],
  ['u-sq-xingfuli', 't-xingfuli'],
  ['u-jd-renmin', 't-xingfuli'],
  ['u-bb-czj', null],
]

interface DemoMaterial {
  unitId: string
  itemId: string
  state: 'submitted' | 'approved' | 'returned'
  score?: number
  note: string
  comment?: string
  scene: SceneKind
  daysAgo: number
}

const MATERIALS: DemoMaterial[] = [
  { unitId: 'u-cg-wenhua', itemId: 'i2', state: 'approved', score: 7, note: '解放路、人民路沿线设置社会主义核心价值观公益广告 36 处，执法车辆张贴文明标语。', comment: '材料齐全，公益广告覆盖主要街路。', scene: 'poster', daysAgo: 20 },
  { unitId: 'u-cg-wenhua', itemId: 'i6', state: 'submitted', note: '背街小巷占道经营集中整治前后对比照片 4 组，清理流动摊点 52 处。', scene: 'clean', daysAgo: 2 },
  { unitId: 'u-cg-wenhua', itemId: 'i7', state: 'returned', note: '创城工作方案和责任分工表。', comment: '请补充本季度创城例会记录和工作台账。', scene: 'poster', daysAgo: 9 },
  { unitId: 'u-sz', itemId: 'i6', state: 'approved', score: 7.5, note: '更换破损井盖 41 个，修复路灯 63 盏，维修前后对比照片。', comment: '整改及时，前后对比清楚。', scene: 'manhole', daysAgo: 15 },
  { unitId: 'u-sz', itemId: 'i2', state: 'submitted', note: '公交站亭核心价值观公益广告更新照片。', scene: 'poster', daysAgo: 1 },
  { unitId: 'u-sq-xingfuli', itemId: 'i3', state: 'approved', score: 6, note: '社区“好人榜”更新，道德讲堂开讲 6 期，评选“十星级文明户”12 户。', comment: '活动扎实。', scene: 'poster', daysAgo: 25 },
  { unitId: 'u-sq-xingfuli', itemId: 'i6', state: 'approved', score: 7, note: '楼道杂物清理、飞线充电整治前后对比。', comment: '整治效果明显。', scene: 'corridor', daysAgo: 18 },
  { unitId: 'u-wy-anju', itemId: 'i6', state: 'returned', note: '小区楼道清理照片。', comment: '照片看不出整治前后对比，请补充消防通道清理情况。', scene: 'corridor', daysAgo: 6 },
  { unitId: 'u-jd-renmin', itemId: 'i7', state: 'approved', score: 5.5, note: '街道创城工作方案、网格包保责任清单和周例会记录。', comment: '机制健全。', scene: 'poster', daysAgo: 12 },
  { unitId: 'u-bb-czj', itemId: 'i1', state: 'approved', score: 6.5, note: '局机关理论学习中心组学习记录、“学习强国”积分排名。', comment: '材料规范。', scene: 'poster', daysAgo: 22 },
]

/** Field scores already entered by the 督查组. */
const FIELD: [unitId: string, itemId: string, score: number, comment: string][] = [
  ['u-cg-wenhua', 'i12', 4, '包保网格内解放路88号院有一处卫生死角未清理。'],
  ['u-sq-xingfuli', 'i12', 5, '楼道整洁，无小广告。'],
  ['u-jd-renmin', 'i12', 4.5, '网格环境整体良好。'],
  ['u-sq-xingfuli', 'i13', 3, '“爱心敲门”走访独居老人活动有特色。'],
]

/**
 * The demo 考评 period: the three China calendar months ending with the month of `t` (so the seeded history
 * of the last two months is always inside it, whatever day the demo starts), labelled as staff would.
 */
function periodEnding(t: Date): { label: string; start: string; end: string } {
  const china = new Date(t.getTime() + 8 * 3600e3)
  const y = china.getUTCFullYear()
  const m = china.getUTCMonth()
  const at = (month: number) => new Date(Date.UTC(y, month, 1) - 8 * 3600e3).toISOString()
  const first = new Date(Date.UTC(y, m - 2, 1))
  const from = `${first.getUTCFullYear()}年${first.getUTCMonth() + 1}月`
  const to = `${first.getUTCFullYear() === y ? '' : `${y}年`}${m + 1}月`
  return { label: `${from}—${to}`, start: at(m - 2), end: at(m + 1) }
}

export const demoMaterialPath = (schemeId: string, m: Pick<DemoMaterial, 'unitId' | 'itemId'>, k: number): string => materialCloudPath(schemeId, m.unitId, m.itemId, `demo-${k + 1}.png`)

export function buildDemoAssess(city: DemoCity, now: Date, fileId: (cloudPath: string) => string): Record<AssessCollection, { _id: string }[]> {
  const iso = (d: number) => new Date(now.getTime() - d * DAY_MS).toISOString()
  const template = templateOf('city')
  const items = template.items.map((i) => (i.rule?.metric === 'survey_rate' ? { ...i, rule: { ...i.rule, surveyId: DEMO_SURVEY_IDS.wave1 } } : i))
  const units = UNITS.map(([id]) => city.units.find((u) => u._id === id)!)
  const teams = UNITS.filter(([, t]) => t).map(([unitId, teamId]) => ({ unitId, teamId: teamId! }))
  const cardUnit = (u: (typeof units)[number]) => ({ id: u._id, name: u.name, shortName: u.shortName, type: u.type, districtId: u.districtId, order: u.order })

  const scheme = (id: string, period: { label: string; start: string; end: string }, status: SchemeDoc['status'], daysAgo: number): SchemeDoc => ({
    _id: id,
    title: `${period.label}创建全国文明城市工作考评`,
    kind: 'city',
    period,
    scope: { unitTypes: [], unitIds: units.map((u) => u._id) },
    teams,
    items,
    totalPoints: totalPoints(items),
    status,
    unitCount: units.length,
    computedAt: status === 'published' ? iso(daysAgo) : null,
    bulletinId: status === 'published' ? id : null,
    createdBy: STAFF,
    createdAt: iso(daysAgo + 10),
    updatedAt: iso(daysAgo),
    openedAt: iso(daysAgo + 8),
    publishedAt: status === 'published' ? iso(daysAgo) : null,
    version: status === 'published' ? 2 : 1,
  })

  // The current period: 考评中.
  const current = scheme(DEMO_ASSESS_IDS.current, periodEnding(now), 'open', 1)
  const cards = new Map<string, CardDoc>(units.map((u) => [u._id, newCard(current, cardUnit(u), iso(30))]))
  const put = (unitId: string, itemId: string, item: Omit<CardItem, 'rev'>, at: string) => {
    const card = cards.get(unitId)!
    card.items[itemId] = { ...item, rev: item.state === 'returned' ? 2 : 1 }
    card.total += item.score ?? 0
    if (item.state === 'submitted') card.pending++
    if (at > card.updatedAt) card.updatedAt = at
  }
  for (const m of MATERIALS) {
    const at = iso(m.daysAgo)
    const files = [0, 1].map((k) => fileId(demoMaterialPath(current._id, m, k)))
    const handler = { id: `demo-handler-${m.unitId}`, name: city.units.find((u) => u._id === m.unitId)!.contact.name }
    const reviewed = m.state !== 'submitted' ? { verdict: m.state, score: m.score ?? null, comment: m.comment ?? '', by: STAFF, at: iso(m.daysAgo - 1) } : null
    put(m.unitId, m.itemId, { state: m.state, score: m.state === 'approved' ? m.score! : null, material: { files, note: m.note, at, round: 1, by: handler }, review: reviewed, figure: null }, at)
  }
  for (const [unitId, itemId, score, comment] of FIELD) {
    put(unitId, itemId, { state: 'scored', score, material: null, review: { verdict: 'scored', score, comment, by: STAFF, at: iso(3) }, figure: null }, iso(3))
  }

  // The period before: published, every item scored.
  const prevPeriod = periodEnding(new Date(Date.parse(current.period.start) - DAY_MS))
  const previous = scheme(DEMO_ASSESS_IDS.previous, prevPeriod, 'published', Math.max(0.1, (now.getTime() - Date.parse(current.period.start)) / DAY_MS - 3))
  const prevCards = units.map((u, n) => {
    const card = newCard(previous, cardUnit(u), previous.publishedAt!)
    items.forEach((it, k) => {
      // A fixed spread of shares per unit and item (no randomness: same numbers on every run).
      const share = [0.92, 0.85, 0.78, 0.88, 0.7, 0.81][n] - ((k * 7 + n * 3) % 5) * 0.03
      const score = Math.round(it.points * share * 2) / 2
      card.items[it.id] = { state: it.kind === 'material' ? 'approved' : 'scored', score, rev: 1, material: null, review: null, figure: null }
      card.total += score
    })
    return card
  })
  const publishedAt = previous.publishedAt!
  const bulletin: BulletinDoc = buildBulletin(previous, prevCards, {
    year: chinaYear(publishedAt),
    no: 1,
    summary: `${prevPeriod.label}考评结果已经创城指挥部审定，现予通报。得分靠后的单位要对照扣分项逐项整改，整改情况纳入下季度考评。`,
    by: STAFF,
    at: publishedAt,
  })
  const out = {} as Record<AssessCollection, { _id: string }[]>
  out[COLLECTIONS.assessSchemes] = [current, previous]
  out[COLLECTIONS.assessCards] = [...cards.values(), ...prevCards]
  out[COLLECTIONS.assessBulletins] = [bulletin]
  out[COLLECTIONS.assessCounters] = [{ _id: `bulletin-${bulletin.year}`, last: 1 } as { _id: string }]
  return out
}

export async function seedDemoAssess(
  db: Database,
  city: DemoCity,
  opts: { now: Date; upload?: Upload },
): Promise<{ inserted: Record<AssessCollection, number>; total: Record<AssessCollection, number> }> {
  const upload = opts.upload ?? sdkUpload
  const fileIds = new Map<string, string>()
  await Promise.all(
    MATERIALS.flatMap((m, n) =>
      [0, 1].map(async (k) => {
        const path = demoMaterialPath(DEMO_ASSESS_IDS.current, m, k)
        fileIds.set(path, await upload(path, scenePng(m.scene, 700 + n * 2 + k)))
      }),
    ),
  )
  const docs = buildDemoAssess(city, opts.now, (p) => fileIds.get(p)!)
  const counts = await Promise.all(ASSESS_COLLECTIONS.map((name) => insertMissing(db, name, docs[name], { concurrency: 10 })))
  const inserted = {} as Record<AssessCollection, number>
  const total = {} as Record<AssessCollection, number>
  ASSESS_COLLECTIONS.forEach((name, i) => {
    inserted[name] = counts[i].length
    total[name] = docs[name].length
  })
  return { inserted, total }
}
