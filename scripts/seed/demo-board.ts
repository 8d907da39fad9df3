/**
 * 曝光台 and 红黑榜 demo content for 示范市: six published 红黑榜 issues (weekly, 第1–6期, the last one two
 * weeks back so "last week" is still to be drafted) with 红榜 and 黑榜 entries, corrections and follow-ups;
 * and 曝光台 entries — made from the demo 随手拍 reports (overdue, being fixed, fixed with the unit's
 * after-photos) and written directly (one fixed with staff-recorded photos), plus one draft whose photos
 * still await masking.
 *
 * Photos are what the app would have produced: the masked copy and its thumbnail of each original, with
 * faces and licence plates pixelated by the same maths the app runs (src/domain/board/mosaic.ts). Originals
 * of report-based entries are the report's own photos, regenerated from the report seed's scene list so the
 * masked copy really is the original with blocks over it. Dates are relative to `now`; ids are fixed, so a
 * second run changes nothing.
 */
import { inflateSync } from 'node:zlib'
import type { Database } from 'wx-server-sdk'
import { COLLECTIONS } from '../../src/domain/collections'
import { findByIds, insertMissing } from '../../cloudfunctions/kernel/db'
import { maskKey } from '../../cloudfunctions/board/keys'
import {
  dayEnd,
  dayNumberOf,
  dayStart,
  downscale,
  exposureStatus,
  fixedAtOf,
  lastCompletePeriod,
  periodContaining,
  pixelateAll,
  periodClaimId,
  SETTINGS_ID,
  thumbSize,
  type BlackEntry,
  type BoardPhoto,
  type BoardSettingsDoc,
  type ExposureDoc,
  type Figures,
  type IssueDoc,
  type NoteDoc,
  type Rect,
  type RedEntry,
  type StaffRef,
} from '../../src/domain/board'
import { chinaDayNumber, cloudPathOfFileId, type ReportDoc } from '../../src/domain/report'
import type { DemoCity } from './demo-city'
import { demoReportPhotos, sdkUpload, type Upload } from './demo-reports'
import { encodePng, scenePng, type SceneKind } from './png'

const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS
const STAFF: StaffRef = { id: 'demo-staff', name: '创城办小张' }
const ADMIN: StaffRef = { id: 'demo-admin', name: '系统管理员' }
export const SERIES = '示范市创城红黑榜'

export const BOARD_COLLECTIONS = [
  COLLECTIONS.exposures,
  COLLECTIONS.exposureFollows,
  COLLECTIONS.exposureViews,
  COLLECTIONS.boardIssues,
  COLLECTIONS.boardNotes,
  COLLECTIONS.boardMasks,
  COLLECTIONS.boardSettings,
] as const
type BoardCollection = (typeof BOARD_COLLECTIONS)[number]

// -------------------------------------------------------------------------------------------------------
// Pictures: decode our own PNGs (8-bit RGB, filter 0 — what png.ts writes), draw a team, mask, encode.

interface Raster {
  width: number
  height: number
  /** RGBA. */
  data: Uint8ClampedArray
}

export function decodeDemoPng(png: Buffer): Raster {
  let pos = 8
  let width = 0
  let height = 0
  const idat: Buffer[] = []
  while (pos < png.length) {
    const len = png.readUInt32BE(pos)
    const type = png.toString('ascii', pos + 4, pos + 8)
    const body = png.subarray(pos + 8, pos + 8 + len)
    if (type === 'IHDR') {
      width = body.readUInt32BE(0)
      height = body.readUInt32BE(4)
      if (body[8] !== 8 || body[9] !== 2) throw new Error('demo PNGs are 8-bit RGB')
    } else if (type === 'IDAT') idat.push(body)
    pos += 12 + len
  }
  const raw = inflateSync(Buffer.concat(idat))
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    if (raw[row] !== 0) throw new Error('demo PNGs use filter 0 only')
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4
      data[o] = raw[row + 1 + x * 3]
      data[o + 1] = raw[row + 2 + x * 3]
      data[o + 2] = raw[row + 3 + x * 3]
      data[o + 3] = 255
    }
  }
  return { width, height, data }
}

const toPng = (r: Raster): Buffer =>
  encodePng(r.width, r.height, (x, y) => {
    const o = (y * r.width + x) * 4
    return [r.data[o], r.data[o + 1], r.data[o + 2]]
  })

type RGB = [number, number, number]
const inEllipse = (x: number, y: number, cx: number, cy: number, rx: number, ry: number) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1

/** Volunteers in red vests in front of a tidy street: five people, whose faces the mask covers. */
const TEAM_PEOPLE = [40, 85, 130, 175, 215]
function teamPng(): Buffer {
  const base = decodeDemoPng(scenePng('clean', 77))
  return encodePng(base.width, base.height, (x, y) => {
    for (const [i, cx] of TEAM_PEOPLE.entries()) {
      const top = 70 + (i % 2) * 6
      if (inEllipse(x, y, cx, top, 9, 11)) return y < top - 6 ? [40, 30, 25] : [236, 196, 164] // hair, face
      if (x >= cx - 14 && x < cx + 14 && y >= top + 11 && y < top + 55) return (x - cx + 14) % 28 < 4 || (x - cx + 14) % 28 > 23 ? [60, 70, 90] : [210, 40, 40] // red vest, sleeves
      if (x >= cx - 10 && x < cx + 10 && y >= top + 55 && y < top + 90) return (x - cx + 10) % 20 < 9 ? [50, 55, 70] : [45, 50, 64]
    }
    if (y >= 40 && y < 58 && x >= 60 && x < 180) return [200, 30, 30] // banner
    const o = (y * base.width + x) * 4
    return [base.data[o], base.data[o + 1], base.data[o + 2]] as RGB
  })
}
const TEAM_FACES: Rect[] = TEAM_PEOPLE.map((cx, i) => ({ x: cx - 11, y: 70 + (i % 2) * 6 - 13, w: 22, h: 26 }))

/** Licence plate of the car in png.ts's `car` scene. */
const CAR_PLATE: Rect[] = [{ x: 100, y: 128, w: 40, h: 14 }]

interface DemoImage {
  /** Where the original lives (a report photo's path, or the seed's own). */
  original: string
  bytes: () => Buffer
  regions: Rect[]
  name: string
}

const SEED_FOLDER = 'board/demo-staff/seed'
const seedPath = (name: string) => `${SEED_FOLDER}/${name}`

/** Masked copy and thumbnail of an original, uploaded; returns the BoardPhoto and its mask record. */
async function maskedPhoto(upload: Upload, originalFileId: string, img: DemoImage, at: string): Promise<BoardPhoto> {
  const raster = decodeDemoPng(img.bytes())
  pixelateAll(raster.data, raster.width, raster.height, img.regions)
  const size = thumbSize(raster, 160)
  const thumb: Raster = { ...size, data: downscale(raster.data, raster.width, raster.height, size) }
  const [masked, thumbId] = await Promise.all([upload(seedPath(`${img.name}-masked.png`), toPng(raster)), upload(seedPath(`${img.name}-thumb.png`), toPng(thumb))])
  return { original: originalFileId, masked, thumb: thumbId, regions: img.regions.length, maskedBy: STAFF, maskedAt: at }
}

// -------------------------------------------------------------------------------------------------------
// Content

interface ExposureSeed {
  id: string
  reportId: string | null
  title: string
  categoryId: string
  location: ExposureDoc['location']
  unit?: { id: string; name: string }
  requirement: string
  /** Days after `now` (direct entries; report-based ones take the report's deadline). */
  deadlineDays?: number
  photos: { scene: SceneKind; regions?: Rect[] }[]
  fix?: { note: string; scene: SceneKind; hoursAgo: number }
  replies?: { text: string; hoursAgo: number }[]
  views: number
  followers: string[]
  publishedHoursAgo: number | null
}

const EXPOSURES: ExposureSeed[] = [
  {
    id: 'e-r-demo-pile',
    reportId: 'r-demo-pile',
    title: '解放路与建设路交叉口建筑材料乱堆乱放，督办后仍未清理',
    categoryId: 'city-pile',
    location: { districtId: 'd-wenhua', streetId: 's-jiefang', label: '解放路与建设路交叉口东南角' },
    requirement: '请文华城管立即清运堆放的建筑材料和沙土，查明堆放单位依法处理，并设置围挡防止再次堆放。',
    photos: [{ scene: 'pile' }, { scene: 'pile' }],
    replies: [{ text: '已联系施工单位，安排渣土车两日内清运完毕，并对乱堆乱放行为立案调查。', hoursAgo: 20 }],
    views: 426,
    followers: ['demo-resident', 'demo-resident-2', 'demo-resident-3'],
    publishedHoursAgo: 30,
  },
  {
    id: 'e-r-demo-car',
    reportId: 'r-demo-car',
    title: '朝阳小区南门机动车长期占用人行道停放',
    categoryId: 'traffic-car-parking',
    location: { districtId: 'd-wenhua', streetId: 's-chaoyang', label: '朝阳小区南门' },
    requirement: '请交警支队对占道违停车辆依法处理，并在小区门口设置隔离设施，保障行人通行。',
    photos: [{ scene: 'car', regions: CAR_PLATE }],
    views: 318,
    followers: ['demo-resident-4'],
    // Exposed while it was still being handled (the report was closed about five days ago).
    publishedHoursAgo: 6 * 24,
  },
  {
    id: 'e-r-demo-litter',
    reportId: 'r-demo-litter',
    title: '滨江花园北门绿化带垃圾多日无人清理',
    categoryId: 'sanitation-exposed',
    location: { districtId: 'd-binhe', streetId: 's-binjiang', label: '滨江花园北门绿化带' },
    requirement: '请环卫中心立即清理绿化带垃圾，并将该点位纳入每日保洁巡查。',
    photos: [{ scene: 'litter' }],
    views: 205,
    followers: [],
    publishedHoursAgo: 15 * 24 - 2,
  },
  {
    id: 'e-r-demo-bikes',
    reportId: 'r-demo-bikes',
    title: '人民路幸福里公交站前共享单车乱停占用盲道',
    categoryId: 'traffic-parking',
    location: { districtId: 'd-wenhua', streetId: 's-renmin', label: '人民路公交站（幸福里站）' },
    requirement: '请文华城管协调共享单车运营企业清理站台车辆，施划停放区并安排专人巡查。',
    photos: [{ scene: 'bikes' }],
    views: 97,
    followers: ['demo-resident'],
    publishedHoursAgo: 12,
  },
  {
    id: 'e-fx-binjiang-stall',
    reportId: null,
    title: '滨江大道夜市占道经营、露天烧烤油烟扰民',
    categoryId: 'city-bbq',
    location: { districtId: 'd-binhe', streetId: 's-binjiang', label: '滨江大道沿河步道' },
    unit: { id: 'u-cg-binhe', name: '示范市城市管理综合执法局滨河分局' },
    requirement: '请滨河城管依法取缔占道烧烤摊点，引导摊贩进入规划的夜市疏导点经营，每晚安排巡查。',
    deadlineDays: 5,
    photos: [{ scene: 'stall' }],
    views: 512,
    followers: ['demo-resident-2'],
    publishedHoursAgo: 2 * 24,
  },
  {
    id: 'e-fx-xinhua-market',
    reportId: null,
    title: '新华街道农贸市场周边摊贩出摊占道',
    categoryId: 'market-order',
    location: { districtId: 'd-binhe', streetId: 's-xinhua', label: '新华农贸市场东侧路口' },
    unit: { id: 'u-scjg', name: '示范市市场监督管理局' },
    requirement: '请市场监管局督促市场开办方规范经营秩序，出店摊位一律退回场内。',
    deadlineDays: -6,
    photos: [{ scene: 'stall' }],
    fix: { note: '市场开办方已将出店摊位全部退回场内，并划定了临时卸货区，安排专人值守。', scene: 'clean', hoursAgo: 5 * 24 },
    views: 733,
    followers: [],
    publishedHoursAgo: 11 * 24,
  },
  {
    id: 'e-r-demo-manhole',
    reportId: 'r-demo-manhole',
    title: '人民路中段非机动车道井盖移位',
    categoryId: 'facility-manhole',
    location: { districtId: 'd-wenhua', streetId: 's-renmin', label: '人民路中段非机动车道' },
    requirement: '请市政中心立即更换井盖并加装防坠网，设置警示标志。',
    photos: [{ scene: 'manhole' }],
    views: 0,
    followers: [],
    publishedHoursAgo: null,
  },
]

interface RedSeed {
  subjectType: RedEntry['subjectType']
  name: string
  reason: string
  basis?: Figures
  photo?: 'team' | SceneKind
}
interface BlackSeed {
  subjectType: BlackEntry['subjectType']
  name: string
  problem: string
  requirement: string
  /** Days after the period's end. */
  deadlineDays: number
  reportIds?: string[]
  basis?: Figures
  photo?: SceneKind
}
interface IssueSeed {
  red: RedSeed[]
  black: BlackSeed[]
  notes?: { kind: NoteDoc['kind']; black?: number; text: string; fixed?: boolean; daysAfter: number }[]
}

const onTime = (n: number, d: number): Figures => ({
  metric: 'on_time',
  numerator: n,
  denominator: d,
  rate: n / d,
  summary: `按时整改 ${n}/${d}（${Number(((n / d) * 100).toFixed(1))}%）`,
})
const recurring = (n: number, d: number): Figures => ({
  metric: 'recurring',
  numerator: n,
  denominator: d,
  rate: n / d,
  summary: `反复出现 ${n} 次 / 共 ${d} 件（${Number(((n / d) * 100).toFixed(1))}%）`,
})
const hours = (minutes: number, services: number): Figures => ({
  metric: 'service_hours',
  numerator: minutes,
  denominator: services,
  rate: null,
  summary: `志愿服务 ${services} 人次，累计 ${Math.round((minutes / 60) * 10) / 10} 小时`,
})

/** Oldest first: 第1期 … 第6期. */
const ISSUES: IssueSeed[] = [
  {
    red: [
      { subjectType: 'team', name: '市文明办“文明先锋”志愿服务队', reason: '组织机关干部开展“文明交通劝导”和政策宣讲活动，深入社区宣传《示范市文明行为促进条例》。', basis: hours(1860, 62), photo: 'team' },
      { subjectType: 'unit', name: '示范市环境卫生管理中心', reason: '交办的暴露垃圾、垃圾满溢问题均在1日时限内清理到位，主次干道保洁质量明显提升。', basis: onTime(9, 9) },
    ],
    black: [
      { subjectType: 'place', name: '新华街道农贸市场周边', problem: '市场东侧路口摊贩出店经营、占道卸货，垃圾随意堆放，经多次劝导仍反复出现。', requirement: '市场开办方落实主体责任，出店摊位一律退回场内；新华街道加强巡查，3日内整改到位。', deadlineDays: 3 },
    ],
    notes: [{ kind: 'followup', black: 0, text: '经现场复查，市场出店摊位已全部退回场内，东侧路口通行秩序恢复正常，予以销号。', fixed: true, daysAfter: 5 }],
  },
  {
    red: [
      { subjectType: 'unit', name: '文华区人民路街道办事处', reason: '网格员每日巡查发现问题即时处置，辖区随手拍问题按时整改率居全市前列。', basis: onTime(11, 12) },
      { subjectType: 'person', name: '幸福里社区楼栋长刘秀英', reason: '主动劝导楼道堆物和飞线充电，带领居民清理楼道杂物二十余处。' },
    ],
    black: [
      { subjectType: 'unit', name: '示范市高新区城市管理局', problem: '创业大道沿线违规广告牌和牛皮癣小广告交办后超期未清理，按时整改率偏低。', requirement: '立即对超期问题逐项整改，建立沿线巡查台账，整改情况报市创城办。', deadlineDays: 3, basis: onTime(2, 5) },
    ],
    notes: [{ kind: 'followup', black: 0, text: '高新城管已完成创业大道沿线小广告清理，复查合格。', fixed: true, daysAfter: 4 }],
  },
  {
    red: [
      { subjectType: 'unit', name: '示范市安居物业服务有限公司', reason: '对所服务小区的楼道杂物、消防通道堵塞问题快速响应，交办问题全部按时整改。', basis: onTime(6, 6) },
      { subjectType: 'team', name: '滨江花园“爱心车队”志愿服务队', reason: '为独居老人代办事宜、接送就医，本周服务时长全市第一。', basis: hours(1320, 24) },
    ],
    black: [
      { subjectType: 'place', name: '朝阳街道建设路农贸市场周边', problem: '市场周边流动摊贩占道经营，地面油污、垃圾清理不及时，市民多次反映。', requirement: '朝阳街道牵头，市场监管、城管联合整治，7日内恢复市场周边秩序。', deadlineDays: 7, photo: 'stall' },
    ],
  },
  {
    red: [
      { subjectType: 'unit', name: '滨江街道滨江花园社区居民委员会', reason: '推行垃圾分类“桶边督导”，小区暴露垃圾问题清零，问题整改后未出现反复。', basis: recurring(0, 4) },
      { subjectType: 'team', name: '文明交通志愿服务队', reason: '早晚高峰在人民路、解放路等重点路口开展文明交通劝导，劝导不文明行为三百余人次。', basis: hours(2040, 85), photo: 'team' },
    ],
    black: [
      { subjectType: 'unit', name: '示范市城市管理综合执法局滨河分局', problem: '滨江大道夜市周边占道经营、露天烧烤问题反复出现，群众反映强烈。', requirement: '依法取缔占道烧烤摊点，引导进入夜市疏导点经营，每晚安排巡查。', deadlineDays: 5, basis: onTime(3, 7) },
    ],
    notes: [
      { kind: 'correction', text: '本期红榜第2条中“劝导不文明行为三百余人次”更正为“劝导不文明行为二百八十余人次”。特此更正。', daysAfter: 1 },
      { kind: 'followup', black: 0, text: '滨河城管已在滨江大道设置夜市疏导点，占道烧烤摊点全部入点经营，经复查整改到位。', fixed: true, daysAfter: 6 },
    ],
  },
  {
    red: [
      { subjectType: 'unit', name: '示范市环境卫生管理中心', reason: '滨江花园北门绿化带垃圾问题当日清理，并将该点位纳入每日保洁巡查，市民评价满意。', basis: onTime(8, 8), photo: 'clean' },
      { subjectType: 'team', name: '幸福里社区志愿服务队', reason: '坚持每周五开展环境整治，本周清理楼道杂物、卫生死角十余处。', basis: hours(1530, 46) },
    ],
    black: [
      { subjectType: 'unit', name: '示范市公安局交通警察支队', problem: '朝阳小区南门机动车长期占用人行道停放，交办后接单迟缓，整改超出时限。', requirement: '依法处理占道违停，在小区门口设置隔离设施，3日内整改到位。', deadlineDays: 3, reportIds: ['r-demo-car'], basis: onTime(4, 7), photo: 'car' },
    ],
    notes: [{ kind: 'followup', black: 0, text: '交警支队已在朝阳小区南门安装隔离桩，人行道恢复畅通，经核验已销号。', daysAfter: 3 }],
  },
  {
    red: [
      { subjectType: 'unit', name: '示范市市政设施管理中心', reason: '井盖破损、路灯损坏等安全隐患问题当日受理、当日处置，本周交办问题全部按时整改到位。', basis: onTime(5, 5) },
      { subjectType: 'team', name: '幸福里社区志愿服务队', reason: '周五环境整治日组织志愿者清理楼道杂物、卫生死角，劝导文明养犬，服务时长全市第一。', basis: hours(1680, 52), photo: 'team' },
      { subjectType: 'person', name: '出租车司机陈师傅', reason: '通过随手拍反映占道经营、井盖移位等问题，经核实均属实，为城市安全出行作出贡献。' },
    ],
    black: [
      {
        subjectType: 'unit',
        name: '示范市城市管理综合执法局文华分局',
        problem: '解放路与建设路交叉口建筑材料乱堆乱放，经督办仍未清理；人民路公交站共享单车乱停占用盲道。',
        requirement: '立即清运堆放物料、规范共享单车停放，举一反三开展沿街排查，整改情况报市创城办。',
        deadlineDays: 10,
        reportIds: ['r-demo-pile', 'r-demo-bikes'],
        basis: onTime(1, 4),
        photo: 'pile',
      },
      {
        subjectType: 'place',
        name: '幸福里社区第一网格',
        problem: '幸福里小区楼道杂物堆放问题清理后又反复出现，存在消防安全隐患。',
        requirement: '包保单位和网格员加密巡查，物业落实日常管理，建立长效机制杜绝反弹。',
        deadlineDays: 10,
        reportIds: ['r-demo-corridor'],
        basis: recurring(2, 5),
      },
    ],
  },
]

// -------------------------------------------------------------------------------------------------------
// Building the documents

export interface SeedBoardResult {
  inserted: Record<BoardCollection, number>
  total: Record<BoardCollection, number>
}

const iso = (t: number) => new Date(t).toISOString()

export async function seedDemoBoard(db: Database, city: DemoCity, opts: { now: Date; upload?: Upload }): Promise<SeedBoardResult> {
  const upload = opts.upload ?? sdkUpload
  const now = opts.now.getTime()
  const at = iso(now)
  const reportPhotoScenes = new Map(demoReportPhotos(city).map((p) => [p.cloudPath, p]))
  const reportIds = [...EXPOSURES.flatMap((e) => (e.reportId ? [e.reportId] : [])), ...ISSUES.flatMap((i) => i.black.flatMap((b) => b.reportIds ?? []))]
  const reports = await findByIds<ReportDoc & { _id: string }>(db, COLLECTIONS.reports, reportIds)
  const unitNames = new Map(city.units.map((u) => [u._id, u.name]))
  const masks: { _id: string; original: string; masked: string; thumb: string; regions: number; by: StaffRef; at: string }[] = []

  /** An own original (uploaded under the seed folder) and, unless `unmasked`, its masked copy. */
  const ownPhoto = async (name: string, bytes: () => Buffer, regions: Rect[] = [], unmasked = false): Promise<BoardPhoto> => {
    const original = await upload(seedPath(`${name}.png`), bytes())
    return unmasked ? bare(original) : remember(await maskedPhoto(upload, original, { original, bytes, regions, name }, at))
  }
  const bare = (original: string): BoardPhoto => ({ original, masked: null, thumb: null, regions: 0, maskedBy: null, maskedAt: null })
  const remember = (p: BoardPhoto): BoardPhoto => {
    if (p.masked && p.thumb) masks.push({ _id: maskKey(p.original), original: p.original, masked: p.masked, thumb: p.thumb, regions: p.regions, by: STAFF, at })
    return p
  }
  const sceneBytes = (scene: SceneKind | 'team', seed: number) => () => (scene === 'team' ? teamPng() : scenePng(scene, seed))

  // ---- 曝光台
  const exposures: ExposureDoc[] = []
  const follows: { _id: string; entryId: string; userId: string; at: string }[] = []
  for (const [n, s] of EXPOSURES.entries()) {
    const report = s.reportId ? reports.get(s.reportId) : undefined
    if (s.reportId && (!report || !report.dispatch)) continue // the report seed changed: leave it out
    const draft = s.publishedHoursAgo === null
    const photos: BoardPhoto[] = []
    if (report) {
      const originals = report.photos.filter((p) => p.checked === 'pass').map((p) => p.fileId)
      for (const [i, original] of originals.entries()) {
        const scene = reportPhotoScenes.get(cloudPathOfFileId(original) ?? '')
        const img: DemoImage = { original, bytes: sceneBytes(scene?.scene ?? s.photos[i]?.scene ?? 'clean', scene?.seed ?? 1), regions: s.photos[i]?.regions ?? [], name: `${s.id}-${i + 1}` }
        photos.push(draft ? bare(original) : remember(await maskedPhoto(upload, original, img, at)))
      }
    } else {
      for (const [i, p] of s.photos.entries()) photos.push(await ownPhoto(`${s.id}-${i + 1}`, sceneBytes(p.scene, 40 + n * 7 + i), p.regions ?? [], draft))
    }
    const publishedAt = s.publishedHoursAgo === null ? null : iso(now - s.publishedHoursAgo * HOUR_MS)
    const fix = s.fix
      ? { note: s.fix.note, at: iso(now - s.fix.hoursAgo * HOUR_MS), photos: [await ownPhoto(`${s.id}-after`, sceneBytes(s.fix.scene, 90 + n))], by: STAFF }
      : null
    const unit = report?.dispatch ? { id: report.dispatch.unitId, name: report.dispatch.unitName } : (s.unit ?? { id: 'u-wmb', name: unitNames.get('u-wmb') ?? '市文明办' })
    const deadline = report?.dispatch ? report.dispatch.deadline : dayEnd(chinaDayNumber(new Date(now)) + (s.deadlineDays ?? 3)).toISOString()
    const base = { reportId: s.reportId, fix, deadline }
    const status = exposureStatus(base, report ?? null, new Date(now))
    const createdAt = publishedAt ? iso(Date.parse(publishedAt) - 2 * HOUR_MS) : iso(now - 3 * HOUR_MS)
    exposures.push({
      _id: s.id,
      state: draft ? 'draft' : 'published',
      title: s.title,
      categoryId: s.categoryId,
      location: s.location,
      unit,
      photos,
      requirement: s.requirement,
      deadline,
      reportId: s.reportId,
      fix,
      publicStatus: status,
      fixedAt: fixedAtOf(base, report ?? null),
      fixNotified: true,
      replies: (s.replies ?? []).map((r) => ({ unitId: unit.id, unitName: unit.name, text: r.text, at: iso(now - r.hoursAgo * HOUR_MS) })),
      views: s.views,
      followers: s.followers.length,
      createdBy: STAFF,
      createdAt,
      updatedAt: publishedAt ?? createdAt,
      publishedAt,
      publishedBy: publishedAt ? STAFF : null,
      withdrawn: null,
      version: publishedAt ? 2 : 0,
    })
    for (const [i, userId] of s.followers.entries()) follows.push({ _id: `${s.id}_${userId}`, entryId: s.id, userId, at: iso(now - (s.publishedHoursAgo ?? 0) * HOUR_MS + (i + 1) * HOUR_MS) })
  }

  // ---- 红黑榜: weekly, 第1–6期, ending the week before last (last week is left to draft).
  const last = lastCompletePeriod('weekly', new Date(now))
  const lastMonday = dayNumberOf(last.startDay)!
  const issues: IssueDoc[] = []
  const claims: { _id: string; issueId: string; no: number; at: string }[] = []
  const notes: NoteDoc[] = []
  const years: Record<string, number> = {}
  for (const [i, s] of ISSUES.entries()) {
    const no = i + 1
    const monday = lastMonday - 7 * (ISSUES.length - i)
    const period = periodContaining('weekly', monday)
    const publishedAt = iso(dayStart(monday + 7).getTime() + 10 * HOUR_MS)
    const year = new Date(Date.parse(publishedAt) + 8 * HOUR_MS).getUTCFullYear()
    years[String(year)] = (years[String(year)] ?? 0) + 1
    const id = `i-demo-${String(no).padStart(3, '0')}`
    const red: RedEntry[] = []
    for (const [k, r] of s.red.entries()) {
      const photo = r.photo ? await ownPhoto(`${id}-r${k + 1}`, sceneBytes(r.photo, 200 + no * 10 + k), r.photo === 'team' ? TEAM_FACES : []) : null
      red.push({ key: `${id.slice(-3)}r${k + 1}`, subjectType: r.subjectType, name: r.name, reason: r.reason, photo, basis: r.basis ?? null, proposalKey: null })
    }
    const black: BlackEntry[] = []
    for (const [k, b] of s.black.entries()) {
      const photo = b.photo ? await ownPhoto(`${id}-b${k + 1}`, sceneBytes(b.photo, 300 + no * 10 + k), b.photo === 'car' ? CAR_PLATE : []) : null
      black.push({
        key: `${id.slice(-3)}b${k + 1}`,
        subjectType: b.subjectType,
        name: b.name,
        problem: b.problem,
        requirement: b.requirement,
        deadline: dayEnd(monday + 6 + b.deadlineDays).toISOString(),
        reportIds: (b.reportIds ?? []).filter((r) => reports.has(r)),
        photo,
        basis: b.basis ?? null,
        proposalKey: null,
      })
    }
    const createdAt = iso(Date.parse(publishedAt) - 20 * HOUR_MS)
    issues.push({
      _id: id,
      state: 'published',
      no,
      year,
      series: SERIES,
      cadence: 'weekly',
      period,
      intro: `现将${period.label}全市创建文明城市工作红黑榜予以公布。红榜单位和个人要再接再厉、发挥示范作用；黑榜单位要立行立改，按要求限期整改到位，整改情况将在下期跟进通报。`,
      red,
      black,
      proposals: [],
      proposalNotes: [],
      author: STAFF,
      editors: [STAFF.id],
      submittedBy: STAFF,
      submittedAt: iso(Date.parse(publishedAt) - 4 * HOUR_MS),
      returned: null,
      approvedBy: ADMIN,
      publishedAt,
      createdAt,
      updatedAt: publishedAt,
      version: 3,
    })
    for (const [k, n] of (s.notes ?? []).entries()) {
      const noteAt = Math.min(now - HOUR_MS, Date.parse(publishedAt) + n.daysAfter * DAY_MS)
      notes.push({
        _id: `${id}-n${k + 1}`,
        issueId: id,
        kind: n.kind,
        entryKey: n.black !== undefined ? black[n.black].key : null,
        text: n.text,
        fixed: !!n.fixed,
        at: iso(noteAt),
        byRole: 'staff',
      })
    }
  }
  const settings: BoardSettingsDoc = { _id: SETTINGS_ID, series: SERIES, cadence: 'weekly', anchor: '2024-01-01', lastNo: ISSUES.length, years, updatedAt: at }

  // Period claims follow the issues as stored (a later run with another `now` must not claim other weeks).
  const stored = await findByIds<IssueDoc>(db, COLLECTIONS.boardIssues, issues.map((i) => i._id))
  for (const i of issues) {
    const s = stored.get(i._id) ?? i
    claims.push({ _id: periodClaimId(s.cadence, s.period.startDay), issueId: s._id, no: s.no ?? 0, at: s.publishedAt ?? at })
  }
  const docs: Record<BoardCollection, { _id: string }[]> = {
    exposures,
    exposure_follows: follows,
    exposure_views: [],
    board_issues: issues,
    board_notes: notes,
    board_masks: masks,
    board_settings: [settings, ...claims],
  }
  const counts = await Promise.all(BOARD_COLLECTIONS.map((name) => insertMissing(db, name, docs[name], { concurrency: 10 })))
  const inserted = {} as Record<BoardCollection, number>
  const total = {} as Record<BoardCollection, number>
  BOARD_COLLECTIONS.forEach((name, i) => {
    inserted[name] = counts[i].length
    total[name] = docs[name].length
  })
  return { inserted, total }
}
