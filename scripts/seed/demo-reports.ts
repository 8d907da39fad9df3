/**
 * 随手拍 demo reports for 示范市: a dozen reports in every stage of their life (待审核, 整改中, 超期督办,
 * 待核验, 已办结 with and without a rating, 不予受理, 重复, 退回待派, 重新处理), so every screen — the
 * resident's list, the 创城办 queue and board, a unit's tasks — has something to show.
 *
 * They are not written by hand: each is created and then driven through the real state machine
 * (`createReport` + `transition`), so documents and timelines are exactly what the cloud function would
 * have stored. Photos are small PNG street scenes drawn in code (png.ts) and uploaded to cloud storage
 * under their uploader's folder, as the app does. All dates are relative to the seed's `now`.
 */
import type { Database } from 'wx-server-sdk'
import { COLLECTIONS } from '../../src/domain/collections'
import { insertMissing } from '../../cloudfunctions/kernel/db'
import { applyToRecord, toEventRecord, toRecord, type EventRecord, type ReportRecord } from '../../cloudfunctions/report/records'
import { locateGrid, type GridDoc } from '../../src/domain/city/grid'
import { offsetPoint } from '../../src/domain/city/geo'
import {
  createReport,
  rectifyPhotoScope,
  reportPhotoCloudPath,
  reporterHistory,
  submitPhotoScope,
  SYSTEM_ACTOR,
  transition,
  type Actor,
  type ReportCommand,
  type TimelineEvent,
} from '../../src/domain/report'
import type { DemoCity } from './demo-city'
import { scenePng, type SceneKind } from './png'

const HOUR_MS = 60 * 60 * 1000

type By = 'staff' | 'reporter' | 'system' | `unit:${string}`
interface Step {
  /** Hours after the previous step (or the submission). */
  after: number
  by: By
  command: ReportCommand
}

interface ReportSeed {
  id: string
  reporter: string
  categoryId: string
  description: string
  /** Placed near this (micro-)grid's centre, `offset` metres east/north. */
  gridId: string
  offset: [number, number]
  address: string
  photos: SceneKind[]
  /** Submitted this many hours before `now`. */
  hoursAgo: number
  steps: Step[]
  /** Residents who 附议 it. */
  cosigners?: string[]
}

/** Demo unit handlers (see demo-city USER_SEEDS) by unit. */
const UNIT_HANDLER: Record<string, string> = { 'u-cg-wenhua': 'demo-unit', 'u-sz': 'demo-unit-2', 'u-wy-anju': 'demo-unit-3' }

const unitNames = (city: DemoCity) => new Map(city.units.map((u) => [u._id, u.name]))

const REPORT_SEEDS = (city: DemoCity): ReportSeed[] => {
  const name = unitNames(city)
  const unit = (id: string) => ({ id, name: name.get(id) ?? id })
  return [
    {
      id: 'r-demo-stall',
      reporter: 'demo-resident',
      categoryId: 'city-stall',
      description: '文庙街南段早市摊贩占用人行道摆摊，行人只能走到机动车道上，早高峰很危险。',
      gridId: 'g-renmin-2-a',
      offset: [10, -5],
      address: '文华区文庙街南段12号门前',
      photos: ['stall', 'stall'],
      hoursAgo: 3,
      steps: [],
      cosigners: ['demo-resident-4'],
    },
    {
      id: 'r-demo-stall-dup',
      reporter: 'demo-resident-3',
      categoryId: 'city-stall',
      description: '文庙街有人占道卖菜，堵住了人行道。',
      gridId: 'g-renmin-2-a',
      offset: [25, 5],
      address: '文华区文庙街南段',
      photos: ['stall'],
      hoursAgo: 2,
      steps: [{ after: 1, by: 'staff', command: { type: 'merge', original: { _id: 'r-demo-stall', status: 'submitted' }, note: '与市民此前反映的问题为同一处，合并处理。' } }],
    },
    {
      id: 'r-demo-corridor',
      reporter: 'demo-resident-2',
      categoryId: 'yard-corridor',
      description: '幸福里小区2号楼2单元楼道里堆满纸箱和旧家具，消防通道被堵，存在安全隐患。',
      gridId: 'g-renmin-1-a',
      offset: [-15, 10],
      address: '幸福里小区2号楼2单元',
      photos: ['corridor'],
      hoursAgo: 30,
      steps: [
        { after: 2, by: 'staff', command: { type: 'acceptDispatch', unit: unit('u-wy-anju'), deadlineDays: 3 } },
        { after: 3, by: 'unit:u-wy-anju', command: { type: 'acknowledge', note: '已安排保洁人员今天下午清理。' } },
      ],
    },
    {
      id: 'r-demo-pile',
      reporter: 'demo-resident',
      categoryId: 'city-pile',
      description: '解放路与建设路交叉口东南角长期堆放建筑材料和沙土，已经一个多星期了。',
      gridId: 'g-jiefang-1',
      offset: [120, -80],
      address: '文华区解放路与建设路交叉口东南角',
      photos: ['pile', 'pile'],
      hoursAgo: 6 * 24,
      steps: [
        { after: 2, by: 'staff', command: { type: 'acceptDispatch', unit: unit('u-cg-wenhua'), deadlineDays: 3 } },
        { after: 4 * 24 + 6, by: 'system', command: { type: 'escalate' } },
      ],
    },
    {
      id: 'r-demo-bikes',
      reporter: 'demo-volunteer',
      categoryId: 'traffic-parking',
      description: '人民路公交站台前共享单车乱停乱放，占用盲道，乘客上下车很不方便。',
      gridId: 'g-renmin-1',
      offset: [200, -250],
      address: '文华区人民路公交站（幸福里站）',
      photos: ['bikes'],
      hoursAgo: 20,
      steps: [{ after: 1, by: 'staff', command: { type: 'acceptDispatch', unit: unit('u-cg-wenhua'), deadlineDays: 3, note: '请协调共享单车企业一并清理。' } }],
      cosigners: ['demo-resident-2'],
    },
    {
      id: 'r-demo-manhole',
      reporter: 'demo-resident-3',
      categoryId: 'facility-manhole',
      description: '人民路中段非机动车道上一个井盖移位，晚上骑车很容易掉进去。',
      gridId: 'g-renmin-2',
      offset: [-200, 150],
      address: '文华区人民路中段非机动车道',
      photos: ['manhole'],
      hoursAgo: 28,
      steps: [
        { after: 1, by: 'staff', command: { type: 'acceptDispatch', unit: unit('u-sz'), deadlineDays: 1 } },
        { after: 1, by: 'unit:u-sz', command: { type: 'acknowledge' } },
        { after: 5, by: 'unit:u-sz', command: { type: 'rectify', photos: ['@after:clean'], note: '已更换新井盖并加装防坠网，设置警示标志。' } },
      ],
    },
    {
      id: 'r-demo-car',
      reporter: 'demo-resident',
      categoryId: 'traffic-car-parking',
      description: '朝阳小区门口机动车长期占用人行道停放，推婴儿车只能绕到马路上。',
      gridId: 'g-chaoyang-1-a',
      offset: [30, 20],
      address: '文华区朝阳小区A区南门',
      photos: ['car'],
      hoursAgo: 7 * 24,
      steps: [
        { after: 2, by: 'staff', command: { type: 'acceptDispatch', unit: unit('u-jj'), deadlineDays: 3 } },
        { after: 20, by: 'unit:u-jj', command: { type: 'acknowledge' } },
        { after: 24, by: 'unit:u-jj', command: { type: 'rectify', photos: ['@after:clean'], note: '已对违停车辆贴单处罚，并在门口设置隔离桩。' } },
        { after: 3, by: 'staff', command: { type: 'verifyClose', note: '经现场核验，隔离桩已安装，人行道已畅通，予以销号。' } },
      ],
    },
    {
      id: 'r-demo-litter',
      reporter: 'demo-resident-2',
      categoryId: 'sanitation-exposed',
      description: '滨江花园北门绿化带里有很多塑料袋和饮料瓶，好几天没人清理。',
      gridId: 'g-binjiang-1-a',
      offset: [0, 30],
      address: '滨河区滨江花园北门绿化带',
      photos: ['litter'],
      hoursAgo: 15 * 24,
      steps: [
        { after: 1, by: 'staff', command: { type: 'acceptDispatch', unit: unit('u-hw'), deadlineDays: 1 } },
        { after: 3, by: 'unit:u-hw', command: { type: 'rectify', photos: ['@after:clean'], note: '已清理绿化带垃圾，纳入每日保洁巡查。' } },
        { after: 2, by: 'staff', command: { type: 'verifyClose' } },
        { after: 30, by: 'reporter', command: { type: 'rate', score: 'satisfied', comment: '处理很及时，点赞！' } },
        { after: 3 * 24, by: 'reporter', command: { type: 'revisit', answer: 'fixed' } },
      ],
    },
    {
      id: 'r-demo-poster',
      reporter: 'demo-resident-4',
      categoryId: 'city-poster',
      description: '墙上有小广告。',
      gridId: 'g-chuangye-1',
      offset: [50, 50],
      address: '高新区创业大道',
      photos: ['poster'],
      hoursAgo: 50,
      steps: [{ after: 4, by: 'staff', command: { type: 'reject', reason: 'location_unknown', text: '您提交的位置信息不明确，工作人员无法前往核实，请在地图上标注准确位置后重新提交。' } }],
    },
    {
      id: 'r-demo-wires',
      reporter: 'demo-resident-4',
      categoryId: 'yard-flying-wire',
      description: '纺织厂家属院东院3号楼有住户从窗户拉电线下来给电动车充电，电线就搭在树上。',
      gridId: 'g-xinhua-2-a',
      offset: [-10, -10],
      address: '滨河区纺织厂家属院东院3号楼',
      photos: ['wires'],
      hoursAgo: 40,
      steps: [
        { after: 2, by: 'staff', command: { type: 'acceptDispatch', unit: unit('u-sq-xingfuli'), deadlineDays: 1 } },
        { after: 5, by: 'unit:u-sq-xingfuli', command: { type: 'returnToStaff', reason: '该小区属于滨江街道纺织厂社区，不在幸福里社区辖区，请改派。' } },
      ],
    },
    {
      id: 'r-demo-lamp',
      reporter: 'demo-resident',
      categoryId: 'facility-streetlight',
      description: '向阳花园1号楼旁边的路灯一直不亮，晚上小区门口一片漆黑。',
      gridId: 'g-chaoyang-2-b',
      offset: [15, 0],
      address: '文华区向阳花园1号楼东侧',
      photos: ['lamp'],
      hoursAgo: 9 * 24,
      steps: [
        { after: 3, by: 'staff', command: { type: 'acceptDispatch', unit: unit('u-sz'), deadlineDays: 3 } },
        { after: 24, by: 'unit:u-sz', command: { type: 'rectify', photos: ['@after:lamp'], note: '已更换灯泡，恢复照明。' } },
        { after: 4, by: 'staff', command: { type: 'verifyClose' } },
        { after: 48, by: 'reporter', command: { type: 'rate', score: 'unsatisfied', comment: '只亮了两天又不亮了，线路问题没解决。' } },
      ],
    },
  ]
}

/** `@after:<scene>` in a rectify command: an after-photo the unit's handler uploads. */
const AFTER = /^@after:(\w+)$/

export interface DemoPhoto {
  cloudPath: string
  scene: SceneKind
  seed: number
}

export interface DemoReports {
  reports: ReportRecord[]
  report_events: EventRecord[]
  report_cosigns: { _id: string; reportId: string; userId: string; kind: 'cosign' | 'merged'; at: string }[]
  report_reporters: { _id: string; accepted: number; rejected: number }[]
  report_media_checks: { _id: string }[]
}

/** Photos live in their uploader's folder for the submission or 整改 (the convention the server checks). */
const submitPhotoPath = (r: Pick<ReportSeed, 'id' | 'reporter'>, i: number) => reportPhotoCloudPath(r.reporter, submitPhotoScope(clientIdOf(r.id)), `${r.id}-${i + 1}.png`)
const afterPhotoPath = (handler: string, reportId: string, i: number) => reportPhotoCloudPath(handler, rectifyPhotoScope(reportId), `${reportId}-after-${i + 1}.png`)
const clientIdOf = (id: string) => `seed-${id}`

/** The demo photos to upload, with the cloudPath each goes to. */
export function demoReportPhotos(city: DemoCity): DemoPhoto[] {
  const photos: DemoPhoto[] = []
  let seed = 1
  for (const r of REPORT_SEEDS(city)) {
    r.photos.forEach((scene, i) => photos.push({ cloudPath: submitPhotoPath(r, i), scene, seed: seed++ }))
    for (const step of r.steps) {
      if (step.by.startsWith('unit:') && step.command.type === 'rectify') {
        const handler = UNIT_HANDLER[step.by.slice(5)] ?? `seed-${step.by.slice(5)}`
        step.command.photos.forEach((p, i) => {
          const m = AFTER.exec(p)
          if (m) photos.push({ cloudPath: afterPhotoPath(handler, r.id, i), scene: m[1] as SceneKind, seed: seed++ })
        })
      }
    }
  }
  return photos
}

/**
 * The demo reports and everything that goes with them, as documents. `fileIdOf` maps an uploaded photo's
 * cloudPath to its fileID.
 */
export function buildDemoReports(city: DemoCity, now: Date, fileIdOf: (cloudPath: string) => string): DemoReports {
  const names = unitNames(city)
  const gridById = new Map(city.grids.map((g) => [g._id, g]))
  const records = new Map<string, ReportRecord>()
  const events: EventRecord[] = []
  const cosigns: DemoReports['report_cosigns'] = []

  const actorFor = (by: By, reporter: string): Actor => {
    if (by === 'staff') return { role: 'staff', userId: 'demo-staff' }
    if (by === 'system') return SYSTEM_ACTOR
    if (by === 'reporter') return { role: 'resident', userId: reporter }
    const unitId = by.slice(5)
    return { role: 'unit', userId: UNIT_HANDLER[unitId] ?? `seed-${unitId}`, unitId, unitName: names.get(unitId) ?? unitId }
  }

  for (const seed of REPORT_SEEDS(city)) {
    const grid = gridById.get(seed.gridId) as GridDoc
    const point = offsetPoint(grid.center, seed.offset[0], seed.offset[1])
    const found = locateGrid(city.grids, point)
    const hit = found.micro ?? found.grid
    let at = new Date(now.getTime() - seed.hoursAgo * HOUR_MS)
    const { doc, event } = createReport(
      {
        clientId: clientIdOf(seed.id),
        categoryId: seed.categoryId,
        description: seed.description,
        photos: seed.photos.map((_, i) => fileIdOf(submitPhotoPath(seed, i))),
        location: { ...point, address: seed.address },
      },
      {
        id: seed.id,
        reporterId: seed.reporter,
        place: { districtId: hit?.districtId ?? null, streetId: hit?.streetId ?? null, gridId: found.grid?._id ?? null },
        now: at,
      },
    )
    // Seeded photos have been through the content check.
    let record: ReportRecord = { ...toRecord(doc, found.micro?._id ?? null), photos: doc.photos.map((p) => ({ ...p, checked: 'pass' as const })) }
    const timeline: TimelineEvent[] = [event]
    for (const step of seed.steps) {
      at = new Date(at.getTime() + step.after * HOUR_MS)
      if (at.getTime() > now.getTime()) throw new Error(`demo report ${seed.id}: a step lies in the future`)
      const actor = actorFor(step.by, seed.reporter)
      let command = step.command
      if (command.type === 'merge') command = { ...command, original: { _id: command.original._id, status: records.get(command.original._id)?.status ?? command.original.status } }
      if (command.type === 'rectify') {
        const handler = actor.userId!
        command = { ...command, photos: command.photos.map((p, i) => (AFTER.test(p) ? fileIdOf(afterPhotoPath(handler, seed.id, i)) : p)) }
      }
      const result = transition(record, command, actor, at)
      record = applyToRecord(record, result).after
      if (record.rectification) record.rectification = { ...record.rectification, photos: record.rectification.photos.map((p) => ({ ...p, checked: 'pass' as const })) }
      timeline.push(result.event)
      if (command.type === 'merge' && command.original._id !== seed.id) {
        cosigns.push({ _id: `${command.original._id}_${seed.reporter}`, reportId: command.original._id, userId: seed.reporter, kind: 'merged', at: result.event.at })
      }
    }
    timeline.forEach((e, version) => events.push(toEventRecord(seed.id, version, e)))
    for (const [i, userId] of (seed.cosigners ?? []).entries()) {
      const cosignedAt = new Date(now.getTime() - (seed.hoursAgo * HOUR_MS) / (i + 2))
      cosigns.push({ _id: `${seed.id}_${userId}`, reportId: seed.id, userId, kind: 'cosign', at: cosignedAt.toISOString() })
    }
    records.set(seed.id, record)
  }

  for (const c of cosigns) {
    const r = records.get(c.reportId)
    if (r) records.set(c.reportId, { ...r, cosignCount: r.cosignCount + 1 })
  }
  const byReporter = new Map<string, ReportRecord[]>()
  for (const r of records.values()) byReporter.set(r.reporterId, [...(byReporter.get(r.reporterId) ?? []), r])
  const report_reporters = Array.from(byReporter, ([id, rs]) => ({ _id: id, ...reporterHistory(rs) })).filter((h) => h.accepted || h.rejected)

  return { reports: [...records.values()], report_events: events, report_cosigns: cosigns, report_reporters, report_media_checks: [] }
}

export type Upload = (cloudPath: string, content: Buffer) => Promise<string>

/** Uploads through the SDK (`cloud.uploadFile`), as a cloud function would. */
export const sdkUpload: Upload = async (cloudPath, fileContent) => {
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk')
  return (await cloud.uploadFile({ cloudPath, fileContent })).fileID
}

export const REPORT_COLLECTIONS = [
  COLLECTIONS.reports,
  COLLECTIONS.reportEvents,
  COLLECTIONS.reportCosigns,
  COLLECTIONS.reportReporters,
  COLLECTIONS.reportMediaChecks,
] as const

/**
 * Uploads the demo photos (same paths, same bytes on every run) and inserts the documents that are not
 * there yet. Returns inserted and total counts per collection.
 */
export async function seedDemoReports(
  db: Database,
  city: DemoCity,
  opts: { now: Date; upload?: Upload },
): Promise<{ inserted: Record<(typeof REPORT_COLLECTIONS)[number], number>; total: Record<(typeof REPORT_COLLECTIONS)[number], number> }> {
  const upload = opts.upload ?? sdkUpload
  const photos = demoReportPhotos(city)
  const fileIds = new Map<string, string>()
  await Promise.all(photos.map(async (p) => fileIds.set(p.cloudPath, await upload(p.cloudPath, scenePng(p.scene, p.seed)))))
  const data = buildDemoReports(city, opts.now, (cloudPath) => {
    const id = fileIds.get(cloudPath)
    if (!id) throw new Error(`demo photo ${cloudPath} was not uploaded`)
    return id
  })
  const docs: Record<(typeof REPORT_COLLECTIONS)[number], { _id: string }[]> = {
    reports: data.reports,
    report_events: data.report_events,
    report_cosigns: data.report_cosigns,
    report_reporters: data.report_reporters,
    report_media_checks: data.report_media_checks,
  }
  const counts = await Promise.all(REPORT_COLLECTIONS.map((name) => insertMissing(db, name, docs[name], { concurrency: 10 })))
  const inserted = {} as Record<(typeof REPORT_COLLECTIONS)[number], number>
  const total = {} as Record<(typeof REPORT_COLLECTIONS)[number], number>
  REPORT_COLLECTIONS.forEach((name, i) => {
    inserted[name] = counts[i].length
    total[name] = docs[name].length
  })
  return { inserted, total }
}
