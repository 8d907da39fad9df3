/**
 * 志愿服务 demo data for 示范市: four 志愿服务队, the approved demo volunteer 老王 with four months of history
 * (every-Friday 环境整治, Saturday-morning 文明交通劝导, Wednesday visits to elderly residents, two big
 * 文明实践 days, a 点单 service) that makes him a 一星志愿者, a student volunteer, a pending registration for
 * staff to review, a weekly 周五环境整治 series with its posts and the next two Fridays open for sign-up,
 * a full 文明交通劝导 with a waitlist, a draft, 爱心超市 goods and partner-shop discounts, and service
 * requests in each stage.
 *
 * Everything that the cloud function keeps consistent is computed, not typed: balances and ledger
 * entries go through the domain's `creditMinutes`, rankings through `rankingBumps`, headcounts from the
 * sign-ups. Ids do not depend on `now` (events are named by how many weeks back or ahead they are), so a
 * second seed run inserts nothing; all dates are relative to `now`.
 */
import type { Database } from 'wx-server-sdk'
import { COLLECTIONS } from '../../src/domain/collections'
import { insertMissing } from '../../cloudfunctions/kernel/db'
import { idNumberHash } from '../../cloudfunctions/volunteer/secrets'
import { offsetPoint, type Point } from '../../src/domain/city/geo'
import {
  atChinaTime,
  balancesOf,
  buildPosts,
  chinaDayNumber,
  creditMinutes,
  defaultDeadline,
  ledgerIds,
  maskIdNumber,
  MINUTE_MS,
  newVolunteer,
  postInputSchema,
  rankingBumps,
  recordedMinutes,
  signupId,
  signupOpensAt,
  type Availability,
  type EventDoc,
  type GoodsDoc,
  type LedgerDoc,
  type PostInput,
  type RankingDoc,
  type RedemptionDoc,
  type RequestDoc,
  type SeriesDoc,
  type ServiceType,
  type SignupDoc,
  type Skill,
  type TeamDoc,
  type VolunteerDoc,
} from '../../src/domain/volunteer'
import type { DemoCity } from './demo-city'
import { idCheckDigit } from '../../src/domain/shared/id-number'

export const VOLUNTEER_COLLECTIONS = [
  COLLECTIONS.volunteerTeams,
  COLLECTIONS.volunteers,
  COLLECTIONS.volunteerSeries,
  COLLECTIONS.volunteerEvents,
  COLLECTIONS.volunteerSignups,
  COLLECTIONS.volunteerLedger,
  COLLECTIONS.volunteerRankings,
  COLLECTIONS.volunteerGoods,
  COLLECTIONS.volunteerRedemptions,
  COLLECTIONS.volunteerRequests,
] as const
export type VolunteerCollection = (typeof VOLUNTEER_COLLECTIONS)[number]
export type DemoVolunteer = Record<VolunteerCollection, { _id: string }[]>

const DAY_MS = 24 * 60 * 60 * 1000
const iso = (d: Date) => d.toISOString()

/** The check digit of a 17-digit ID prefix (GB 11643), so demo ID numbers are valid ones. */
function withCheckDigit(first17: string): string {
  return first17 + idCheckDigit(first17)
}

// ------------------------------------------------------------------------------------------------ teams

type TeamSeed = [id: string, name: string, districtId: string | null, intro: string, services: ServiceType[], leader: string]
const TEAM_SEEDS: TeamSeed[] = [
  ['t-xingfuli', '幸福里社区志愿服务队', 'd-wenhua', '由社区党员、楼栋长和热心居民组成，每周五下午开展环境整治，常态化走访独居老人。', ['environment', 'elderly', 'civility'], '林巧云'],
  ['t-jiaotong', '文明交通志愿服务队', null, '早晚高峰在重点路口劝导行人闯红灯、电动车不戴头盔和机动车不礼让斑马线。', ['traffic', 'civility'], '王海涛'],
  ['t-xianfeng', '市文明办“文明先锋”志愿服务队', null, '市直机关干部职工组成，参加文明实践、政策宣讲和重大活动服务保障。', ['practice', 'publicity'], '杨文明'],
  ['t-aixin', '滨江花园“爱心车队”志愿服务队', 'd-binhe', '为独居、孤寡老人和残疾人代办事宜、接送就医、购买生活必需品。', ['elderly', 'care', 'repair'], '许丽华'],
]

// ------------------------------------------------------------------------------------------- volunteers

interface VolSeed {
  openid: string
  name: string
  mobile: string
  id17: string | null
  gender: 'male' | 'female'
  team: string
  skills: Skill[]
  services: ServiceType[]
  availability: Availability[]
  district: string
  street: string | null
  daysAgo: number
  status: 'approved' | 'pending'
}

const VOL_SEEDS: VolSeed[] = [
  { openid: 'demo-volunteer', name: '王建国', mobile: '13900001001', id17: '41030219650315123', gender: 'male', team: 't-xingfuli', skills: ['repair', 'driving'], services: ['environment', 'traffic', 'elderly'], availability: ['weekday_afternoon', 'weekend_morning'], district: 'd-wenhua', street: 's-renmin', daysAgo: 118, status: 'approved' },
  { openid: 'demo-resident-4', name: '赵子涵', mobile: '13900001002', id17: '41030220040812202', gender: 'female', team: 't-jiaotong', skills: ['photography', 'foreign_language'], services: ['traffic', 'practice'], availability: ['weekend_morning', 'weekend_afternoon'], district: 'd-gaoxin', street: null, daysAgo: 10, status: 'approved' },
  { openid: 'demo-resident-2', name: '王秀兰', mobile: '13900001003', id17: null, gender: 'female', team: 't-xingfuli', skills: [], services: ['environment', 'elderly'], availability: ['weekday_morning', 'weekday_afternoon'], district: 'd-wenhua', street: 's-renmin', daysAgo: 1, status: 'pending' },
  // Volunteers who are not demo accounts: the rankings and rosters need company.
  { openid: 'demo-vol-liu', name: '刘秀英', mobile: '13900001011', id17: '41030219580207304', gender: 'female', team: 't-xingfuli', skills: ['medical'], services: ['environment', 'elderly'], availability: ['weekday_afternoon'], district: 'd-wenhua', street: 's-renmin', daysAgo: 200, status: 'approved' },
  { openid: 'demo-vol-chen', name: '陈志明', mobile: '13900001012', id17: '41030219790921101', gender: 'male', team: 't-xingfuli', skills: ['legal'], services: ['environment', 'publicity'], availability: ['weekday_afternoon', 'weekend_afternoon'], district: 'd-wenhua', street: 's-jiefang', daysAgo: 180, status: 'approved' },
  { openid: 'demo-vol-zhang', name: '张丽华', mobile: '13900001013', id17: '41030219850530402', gender: 'female', team: 't-jiaotong', skills: ['first_aid'], services: ['traffic', 'civility'], availability: ['weekend_morning'], district: 'd-wenhua', street: 's-chaoyang', daysAgo: 160, status: 'approved' },
  { openid: 'demo-vol-zhao', name: '赵德胜', mobile: '13900001014', id17: '41030219620114151', gender: 'male', team: 't-jiaotong', skills: ['driving'], services: ['traffic'], availability: ['weekend_morning', 'weekday_morning'], district: 'd-binhe', street: null, daysAgo: 150, status: 'approved' },
  { openid: 'demo-vol-sun', name: '孙婷婷', mobile: '13900001015', id17: '41030219980703242', gender: 'female', team: 't-xianfeng', skills: ['publicity', 'computer'], services: ['practice', 'publicity'], availability: ['weekend_afternoon'], district: 'd-gaoxin', street: 's-chuangye', daysAgo: 140, status: 'approved' },
  { openid: 'demo-vol-zhou', name: '周海军', mobile: '13900001016', id17: '41030219720419231', gender: 'male', team: 't-aixin', skills: ['driving', 'repair'], services: ['elderly', 'care', 'repair'], availability: ['weekday_morning', 'weekend_morning'], district: 'd-binhe', street: 's-binjiang', daysAgo: 130, status: 'approved' },
]

// ------------------------------------------------------------------------------------------------ goods

type GoodsSeed = [id: string, name: string, kind: 'goods' | 'discount', shop: [string, string] | null, description: string, price: number, stock: number, limit: number | null]
const GOODS_SEEDS: GoodsSeed[] = [
  ['g-rice', '东北大米 5kg', 'goods', null, '社区爱心超市领取（幸福里社区综合楼一层，周一至周五 9:00–17:00）。', 40, 20, 2],
  ['g-oil', '花生油 1.8L', 'goods', null, '社区爱心超市领取。', 30, 20, 2],
  ['g-detergent', '洗衣液 2kg', 'goods', null, '社区爱心超市领取。', 20, 30, null],
  ['g-cup', '“文明同行”保温杯', 'goods', null, '定制纪念保温杯，500ml。', 50, 10, 1],
  ['g-towel', '毛巾两条装', 'goods', null, '社区爱心超市领取。', 10, 50, null],
  ['g-haircut', '免费理发一次', 'discount', ['老街坊理发店', '文华区幸福里小区东门'], '凭核销码到店免费理发一次（限男士短发、女士修剪）。', 10, 50, 2],
  ['g-noodle', '面馆 8 折优惠', 'discount', ['张记牛肉面', '滨河区滨河夜市 12 号'], '堂食 8 折，凭核销码使用一次。', 5, 100, null],
  ['g-movie', '电影票一张', 'discount', ['示范影城', '高新区创业大道 8 号'], '2D 影片任选一场。', 60, 5, 1],
]

// -------------------------------------------------------------------------------------------- the build

interface Participation {
  event: EventDoc
  openid: string
  /** Minutes after the start the volunteer checked in (negative: early) and out (relative to the end). */
  inOffset: number
  outOffset: number | null
  manual?: { minutes: number; reason: string }
  postId?: string | null
}

const FRIDAY_POSTS: PostInput[] = [
  { name: '幸福里小区1-3号楼', kind: 'compound', task: 'cleanup', needed: 4 },
  { name: '文庙街南段沿街商户', kind: 'street', task: 'cleanup', needed: 3 },
  { name: '人民路与解放路交叉口', kind: 'intersection', task: 'persuasion', needed: 2 },
  { name: '幸福里农贸市场周边', kind: 'market', task: 'order', needed: 3 },
]

export function buildDemoVolunteer(city: DemoCity, now: Date): DemoVolunteer {
  const grid = (id: string) => city.grids.find((g) => g._id === id)!
  const xingfuli = grid('g-renmin-1')
  const place = (p: Point, address: string) => ({ address, lat: p.lat, lng: p.lng })
  const staff = 'demo-staff'
  const today = chinaDayNumber(now)
  const dayAt = (day: number, hhmm: string) => atChinaTime(day, hhmm)
  /** The Beijing day `weeks` weeks from the last (or next) ISO weekday `dow`. */
  const weekday = (dow: number, weeks: number) => {
    const todayDow = ((today + 3) % 7) + 1
    const back = (todayDow - dow + 7) % 7 || 7
    return weeks < 0 ? today - back + (weeks + 1) * 7 : today + (7 - back || 7) + (weeks - 1) * 7
  }

  // Teams
  const teams: TeamDoc[] = TEAM_SEEDS.map(([id, name, districtId, intro, services, leaderName], i) => ({
    _id: id,
    name,
    districtId,
    intro,
    services,
    leaderName,
    memberCount: 0,
    active: true,
    order: i + 1,
    createdAt: iso(new Date(now.getTime() - 300 * DAY_MS)),
    updatedAt: iso(new Date(now.getTime() - 300 * DAY_MS)),
  }))
  const teamRef = (id: string) => {
    const t = teams.find((x) => x._id === id)!
    return { id: t._id, name: t.name }
  }

  // Volunteers
  const districtName = new Map(city.districts.map((d) => [d._id, d.name]))
  const streetName = new Map(city.streets.map((s) => [s._id, s.name]))
  const volunteers = new Map<string, VolunteerDoc>()
  for (const s of VOL_SEEDS) {
    const applied = new Date(now.getTime() - s.daysAgo * DAY_MS)
    const id = s.id17 ? withCheckDigit(s.id17) : null
    const v = newVolunteer(
      s.openid,
      {
        name: s.name,
        mobile: s.mobile,
        gender: s.gender,
        skills: s.skills,
        services: s.services,
        availability: s.availability,
        idNumberMasked: id ? maskIdNumber(id) : null,
        idHash: id ? idNumberHash(id) : null,
        area: { districtId: s.district, streetId: s.street, label: [districtName.get(s.district), s.street ? streetName.get(s.street) : null].filter(Boolean).join(' ') },
        team: teamRef(s.team),
      },
      applied,
    )
    if (s.status === 'approved') {
      v.status = 'approved'
      v.reviewedAt = iso(new Date(applied.getTime() + 2 * DAY_MS))
      v.reviewedBy = staff
      teams.find((t) => t._id === s.team)!.memberCount++
    }
    volunteers.set(v._id, v)
  }
  const vol = (openid: string) => volunteers.get(openid)!

  // Events
  const events: EventDoc[] = []
  const newEvent = (e: {
    id: string
    title: string
    type: ServiceType
    place: EventDoc['place']
    meetingPoint: string
    start: Date
    minutes: number
    capacity: number
    team: string | null
    notes: string
    posts?: PostInput[]
    seriesId?: string | null
    status?: EventDoc['status']
    organiser?: string
  }): EventDoc => {
    const startAt = iso(e.start)
    const endAt = iso(new Date(e.start.getTime() + e.minutes * MINUTE_MS))
    const ended = Date.parse(endAt) <= now.getTime()
    const status = e.status ?? (ended ? 'finished' : 'published')
    const doc: EventDoc = {
      _id: e.id,
      title: e.title,
      type: e.type,
      place: e.place,
      meetingPoint: e.meetingPoint,
      startAt,
      endAt,
      capacity: e.capacity,
      signupOpensAt: signupOpensAt(startAt),
      signupDeadline: defaultDeadline(startAt),
      organiser: { name: e.organiser ?? '示范市文明办', openid: staff },
      team: e.team ? teamRef(e.team) : null,
      notes: e.notes,
      posts: buildPosts((e.posts ?? []).map((p) => postInputSchema.parse(p))),
      status,
      seriesId: e.seriesId ?? null,
      confirmedCount: 0,
      waitlist: [],
      signupSeq: 0,
      cancelReason: null,
      cancelledAt: null,
      publishedAt: status === 'draft' ? null : iso(new Date(e.start.getTime() - 10 * DAY_MS)),
      startedAt: ended ? startAt : null,
      finishedAt: ended ? endAt : null,
      noShowsMarkedAt: ended ? endAt : null,
      createdBy: staff,
      createdAt: iso(new Date(e.start.getTime() - 12 * DAY_MS)),
      updatedAt: iso(new Date(e.start.getTime() - 10 * DAY_MS)),
    }
    events.push(doc)
    return doc
  }

  const seriesId = 's-friday-xingfuli'
  const fridayPlace = place(xingfuli.center, '文华区幸福里社区综合楼前广场')
  const fridayTemplate = {
    title: '周五环境整治·幸福里社区',
    type: 'environment' as const,
    place: fridayPlace,
    meetingPoint: '幸福里社区综合楼前广场（领取工具和马甲）',
    capacity: 12,
    organiserName: '人民路街道幸福里社区',
    teamId: undefined,
    notes: '清理楼道杂物、卫生死角和小广告，劝导农贸市场周边占道经营。请穿运动鞋，社区提供手套、夹子和垃圾袋。',
    posts: FRIDAY_POSTS.map((p) => postInputSchema.parse(p)),
  }
  const series: SeriesDoc = {
    _id: seriesId,
    template: fridayTemplate,
    weekday: 5,
    startTime: '15:00',
    durationMinutes: 120,
    deadlineMinutes: 120,
    publish: true,
    active: true,
    createdBy: staff,
    createdAt: iso(new Date(now.getTime() - 130 * DAY_MS)),
    updatedAt: iso(new Date(now.getTime() - 130 * DAY_MS)),
  }
  const friday = (weeks: number) =>
    newEvent({
      id: `e-friday-${weeks < 0 ? `m${-weeks}` : `p${weeks}`}`,
      title: fridayTemplate.title,
      type: 'environment',
      place: fridayPlace,
      meetingPoint: fridayTemplate.meetingPoint,
      start: dayAt(weekday(5, weeks), '15:00'),
      minutes: 120,
      capacity: 12,
      team: null,
      notes: fridayTemplate.notes,
      posts: FRIDAY_POSTS,
      seriesId,
      organiser: fridayTemplate.organiserName,
    })

  const crossing = offsetPoint(xingfuli.center, 300, -250)
  const traffic = (weeks: number, capacity = 8) =>
    newEvent({
      id: `e-traffic-${weeks < 0 ? `m${-weeks}` : `p${weeks}`}`,
      title: '文明交通劝导·人民路与解放路口',
      type: 'traffic',
      place: place(crossing, '文华区人民路与解放路交叉口'),
      meetingPoint: '路口东北角交警岗亭',
      start: dayAt(weekday(6, weeks), '07:30'),
      minutes: 120,
      capacity,
      team: 't-jiaotong',
      notes: '早高峰劝导行人闯红灯、电动车不戴头盔，配合交警维护斑马线秩序。请穿志愿者马甲、戴帽子。',
      posts: [
        { name: '东北角斑马线', kind: 'intersection', task: 'persuasion', needed: 2 },
        { name: '西南角斑马线', kind: 'intersection', task: 'persuasion', needed: 2 },
        { name: '非机动车道', kind: 'street', task: 'order', needed: 2 },
      ],
      organiser: '文明交通志愿服务队',
    })
  const elderly = (weeks: number) =>
    newEvent({
      id: `e-elderly-m${-weeks}`,
      title: '走访独居老人·幸福里社区',
      type: 'elderly',
      place: place(offsetPoint(xingfuli.center, -120, 80), '文华区幸福里小区'),
      meetingPoint: '幸福里社区居委会',
      start: dayAt(weekday(3, weeks), '14:30'),
      minutes: 180,
      capacity: 6,
      team: 't-xingfuli',
      notes: '两人一组入户走访，测血压、打扫卫生、陪老人聊天，记录需求反馈社区。',
      organiser: '幸福里社区志愿服务队',
    })
  const practice = (weeks: number, title: string) =>
    newEvent({
      id: `e-practice-m${-weeks}`,
      title,
      type: 'practice',
      place: place(offsetPoint(xingfuli.center, 600, 400), '文华区新时代文明实践中心'),
      meetingPoint: '文明实践中心一楼大厅',
      start: dayAt(weekday(6, weeks), '10:00'),
      minutes: 480,
      capacity: 30,
      team: null,
      notes: '全天活动，中午提供工作餐。',
      organiser: '示范市新时代文明实践中心',
    })

  // History: four months back, and only after each volunteer joined.
  const participations: Participation[] = []
  const joined = (openid: string) => Date.parse(vol(openid).reviewedAt ?? vol(openid).appliedAt)
  const take = (e: EventDoc, openid: string, p: Omit<Participation, 'event' | 'openid'>) => {
    if (Date.parse(e.startAt) < joined(openid)) return
    participations.push({ event: e, openid, ...p })
  }
  for (let w = 1; w <= 16; w++) {
    const f = friday(-w)
    take(f, 'demo-volunteer', w === 7 ? { inOffset: -10, outOffset: null, manual: { minutes: 120, reason: '忘记签退，经现场负责人核实全程参加' } } : { inOffset: -10, outOffset: 5, postId: 'p1' })
    take(f, 'demo-vol-liu', { inOffset: -5, outOffset: 0, postId: 'p1' })
    if (w % 2 === 0) take(f, 'demo-vol-chen', { inOffset: 0, outOffset: -20, postId: 'p2' })
    if (w % 3 === 0) take(f, 'demo-vol-zhou', { inOffset: 5, outOffset: 0, postId: 'p4' })
  }
  for (let w = 1; w <= 12; w++) {
    const t = traffic(-w)
    take(t, 'demo-volunteer', { inOffset: -15, outOffset: 0, postId: 'p1' })
    take(t, 'demo-vol-zhang', { inOffset: -5, outOffset: 0, postId: 'p2' })
    if (w % 2 === 1) take(t, 'demo-vol-zhao', { inOffset: 0, outOffset: 0, postId: 'p3' })
    if (w === 1) take(t, 'demo-resident-4', { inOffset: -5, outOffset: 0, postId: 'p2' })
  }
  for (let w = 1; w <= 10; w++) {
    const e = elderly(-w)
    take(e, 'demo-volunteer', { inOffset: 0, outOffset: 0 })
    take(e, 'demo-vol-liu', { inOffset: 0, outOffset: 0 })
  }
  const p1 = practice(-3, '文明实践日·“我为群众办实事”志愿服务集市')
  const p2 = practice(-9, '文明实践日·“文明新风进万家”宣讲')
  for (const p of [p1, p2]) {
    take(p, 'demo-volunteer', { inOffset: -20, outOffset: 0 })
    take(p, 'demo-vol-sun', { inOffset: -10, outOffset: 0 })
    take(p, 'demo-vol-chen', { inOffset: 0, outOffset: -60 })
  }

  // Upcoming: the next two Fridays (老王 on the first, at the 1-3号楼 post), a full 文明交通劝导 with a
  // waitlist, a draft for staff.
  const next1 = friday(1)
  const next2 = friday(2)
  const full = traffic(1, 3)
  newEvent({
    id: 'e-practice-draft',
    title: '文明实践·垃圾分类宣传进社区',
    type: 'practice',
    place: place(offsetPoint(xingfuli.center, 200, 150), '文华区文庙社区文化广场'),
    meetingPoint: '文化广场舞台',
    start: dayAt(weekday(6, 2), '09:30'),
    minutes: 150,
    capacity: 15,
    team: 't-xianfeng',
    notes: '设置宣传展板和互动游戏，发放垃圾分类指南。',
    status: 'draft',
  })

  // Sign-ups: history (confirmed, attended) and upcoming places.
  const signups: SignupDoc[] = []
  const signupFor = (e: EventDoc, openid: string, status: 'confirmed' | 'waitlisted', postId: string | null): SignupDoc => {
    e.signupSeq++
    if (status === 'confirmed') {
      e.confirmedCount++
      if (postId) e.posts = e.posts.map((p) => (p.id === postId ? { ...p, assigned: p.assigned + 1 } : p))
    } else e.waitlist.push(openid)
    const signedUpAt = iso(new Date(Math.min(Math.max(Date.parse(e.signupOpensAt), joined(openid)) + (e.signupSeq % 48) * 3600_000, Date.parse(e.startAt) - 3600_000, now.getTime() - 60_000)))
    const s: SignupDoc = {
      _id: signupId(e._id, openid),
      eventId: e._id,
      openid,
      name: vol(openid).name,
      teamId: vol(openid).team?.id ?? null,
      status,
      seq: e.signupSeq,
      postId: status === 'confirmed' ? postId : null,
      signedUpAt,
      confirmedAt: status === 'confirmed' ? signedUpAt : null,
      promotedAt: null,
      cancelledAt: null,
      eventTitle: e.title,
      eventType: e.type,
      eventStartAt: e.startAt,
      eventEndAt: e.endAt,
      checkIn: null,
      checkOut: null,
      noShow: false,
      addedByOrganiser: false,
      hours: null,
      updatedAt: signedUpAt,
    }
    signups.push(s)
    return s
  }
  const credits: { at: string; openid: string; event: EventDoc; s: SignupDoc }[] = []
  for (const p of participations) {
    const e = p.event
    const s = signupFor(e, p.openid, 'confirmed', p.postId ?? null)
    const start = Date.parse(e.startAt)
    const end = Date.parse(e.endAt)
    const inAt = iso(new Date(start + p.inOffset * MINUTE_MS))
    s.checkIn = { at: inAt, method: 'scan', by: p.openid, distanceM: 20 + (s.seq * 37) % 180 }
    const confirmedAt = iso(new Date(end + DAY_MS))
    if (p.outOffset !== null) {
      const outAt = iso(new Date(end + p.outOffset * MINUTE_MS))
      s.checkOut = { at: outAt, method: 'scan', by: p.openid, distanceM: 20 + (s.seq * 53) % 180 }
      s.hours = { minutes: recordedMinutes(inAt, outAt, e), source: 'recorded', status: 'confirmed', reason: null, setBy: p.openid, setAt: outAt, confirmedBy: staff, confirmedAt }
    } else if (p.manual) {
      s.hours = { minutes: p.manual.minutes, source: 'manual', status: 'confirmed', reason: p.manual.reason, setBy: staff, setAt: iso(new Date(end + 3600_000)), confirmedBy: staff, confirmedAt }
    }
    s.updatedAt = confirmedAt
    credits.push({ at: confirmedAt, openid: p.openid, event: e, s })
  }
  signupFor(next1, 'demo-volunteer', 'confirmed', 'p1')
  signupFor(next1, 'demo-vol-liu', 'confirmed', 'p1')
  signupFor(next1, 'demo-vol-chen', 'confirmed', 'p2')
  signupFor(next2, 'demo-vol-liu', 'confirmed', null)
  signupFor(full, 'demo-vol-zhang', 'confirmed', 'p1')
  signupFor(full, 'demo-vol-zhao', 'confirmed', 'p3')
  signupFor(full, 'demo-volunteer', 'confirmed', 'p1')
  signupFor(full, 'demo-resident-4', 'waitlisted', null)
  for (const s of signups) {
    const e = events.find((x) => x._id === s.eventId)!
    if (Date.parse(e.endAt) > now.getTime()) vol(s.openid).slots.push({ eventId: e._id, startAt: e.startAt, endAt: e.endAt })
  }

  // A 点单 request 老王 served and the resident rated, a dispatched one his team can take, a new one.
  const requests: RequestDoc[] = []
  const resident = city.users.find((u) => u._id === 'demo-resident')!
  const reqBase = (id: string, daysAgo: number, category: ServiceType, description: string, p: Point, address: string, residentId: string, contact: [string, string]): RequestDoc => {
    const at = iso(new Date(now.getTime() - daysAgo * DAY_MS))
    return {
      _id: id,
      residentId,
      category,
      place: place(p, address),
      expectedAt: iso(new Date(now.getTime() - daysAgo * DAY_MS + 2 * DAY_MS)),
      description,
      contact: { name: contact[0], mobile: contact[1] },
      status: 'submitted',
      team: null,
      dispatchedAt: null,
      dispatchedBy: null,
      volunteer: null,
      takenAt: null,
      doneAt: null,
      minutes: null,
      doneNote: null,
      rating: null,
      creditedAt: null,
      closedReason: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    }
  }
  const served = reqBase('q-demo-lock', 20, 'repair', '家里防盗门锁坏了，老人独居不会修，想请志愿者帮忙看看。', offsetPoint(xingfuli.center, -150, 120), '幸福里小区2号楼3单元501', resident._id, ['李淑芬', '13900002001'])
  const doneAt = iso(new Date(now.getTime() - 18 * DAY_MS))
  Object.assign(served, {
    status: 'rated',
    team: teamRef('t-xingfuli'),
    dispatchedAt: iso(new Date(now.getTime() - 19.9 * DAY_MS)),
    dispatchedBy: staff,
    volunteer: { openid: 'demo-volunteer', name: vol('demo-volunteer').name },
    takenAt: iso(new Date(now.getTime() - 19.5 * DAY_MS)),
    doneAt,
    minutes: 90,
    doneNote: '更换了锁芯，教老人使用。',
    rating: { score: 5, comment: '王师傅手艺好，很耐心！', at: iso(new Date(now.getTime() - 17.5 * DAY_MS)), auto: false },
    creditedAt: iso(new Date(now.getTime() - 17.5 * DAY_MS)),
    updatedAt: iso(new Date(now.getTime() - 17.5 * DAY_MS)),
    version: 5,
  })
  const dispatched = reqBase('q-demo-corridor', 2, 'environment', '3号楼楼道堆了很多纸箱和旧家具，老人上下楼不方便，希望志愿者帮忙清理。', offsetPoint(xingfuli.center, -170, 160), '幸福里小区3号楼1单元', resident._id, ['李明', '13900002002'])
  Object.assign(dispatched, { status: 'dispatched', team: teamRef('t-xingfuli'), dispatchedAt: iso(new Date(now.getTime() - 1.5 * DAY_MS)), dispatchedBy: staff, updatedAt: iso(new Date(now.getTime() - 1.5 * DAY_MS)), version: 2 })
  const fresh = reqBase('q-demo-medicine', 0.2, 'elderly', '我母亲腿脚不便，每周需要去社区医院取降压药，希望有志愿者代取。', offsetPoint(xingfuli.center, 100, -90), '幸福里小区7号楼2单元302', 'demo-resident-2', ['王秀兰', '13900001003'])
  requests.push(served, dispatched, fresh)

  // 爱心超市
  const goods: GoodsDoc[] = GOODS_SEEDS.map(([id, name, kind, shop, description, pointsPrice, stock, limitPerPerson], i) => ({
    _id: id,
    name,
    kind,
    shop: shop ? { name: shop[0], address: shop[1] } : null,
    description,
    pointsPrice,
    stock,
    limitPerPerson,
    image: null,
    active: true,
    order: i + 1,
    redeemedCount: 0,
    createdAt: iso(new Date(now.getTime() - 100 * DAY_MS)),
    updatedAt: iso(new Date(now.getTime() - 100 * DAY_MS)),
  }))
  const redemptions: RedemptionDoc[] = []
  const ledger: LedgerDoc[] = []
  const wang = vol('demo-volunteer')
  const redeemSeed = (id: string, goodsId: string, code: string, daysAgo: number, verified: boolean) => {
    const g = goods.find((x) => x._id === goodsId)!
    const at = iso(new Date(now.getTime() - daysAgo * DAY_MS))
    g.stock--
    g.redeemedCount++
    wang.points -= g.pointsPrice
    wang.pointsSpent += g.pointsPrice
    wang.redeemed[goodsId] = (wang.redeemed[goodsId] ?? 0) + 1
    redemptions.push({ _id: id, openid: wang._id, volunteerName: wang.name, goodsId, goodsName: g.name, kind: g.kind, shopName: g.shop?.name ?? null, points: g.pointsPrice, code, status: verified ? 'verified' : 'issued', createdAt: at, verifiedAt: verified ? iso(new Date(Date.parse(at) + 3 * 3600_000)) : null, verifiedBy: verified ? staff : null, cancelledAt: null, clientId: null })
    ledger.push({ _id: ledgerIds.redeem(id), openid: wang._id, at, kind: 'redeem', minutes: 0, points: -g.pointsPrice, balanceMinutes: wang.totalMinutes, balancePoints: wang.points, ref: { type: 'redemption', id, title: g.name }, serviceAt: null, source: null, serviceType: null, subject: null, period: null, teamId: wang.team?.id ?? null, by: wang._id, note: null })
  }
  // The ledger: every confirmed participation (and the redemptions) in time order, through the domain's rules.
  const rankings = new Map<string, RankingDoc>()
  const credit = (openid: string, at: string, minutes: number, ref: LedgerDoc['ref'], serviceAt: string, period: LedgerDoc['period'], source: LedgerDoc['source'], serviceType: ServiceType, subject: LedgerDoc['subject'], id: string, note: string | null) => {
    const v = vol(openid)
    const { balances, points } = creditMinutes(balancesOf(v), minutes, { serviceAt, countsAsService: true })
    Object.assign(v, balances, { updatedAt: at })
    ledger.push({ _id: id, openid, at, kind: 'service', minutes, points, balanceMinutes: balances.totalMinutes, balancePoints: balances.points, ref, serviceAt, source, serviceType, subject, period, teamId: v.team?.id ?? null, by: staff, note })
    for (const b of rankingBumps({ serviceAt, openid, name: v.name, team: v.team, minutes, services: 1 })) {
      const cur = rankings.get(b.id) ?? { _id: b.id, month: b.month, kind: b.kind, subjectId: b.subjectId, name: b.name, minutes: 0, services: 0, updatedAt: at }
      rankings.set(b.id, { ...cur, minutes: cur.minutes + b.minutes, services: cur.services + b.services, updatedAt: at })
    }
  }
  const entries = [
    ...credits.map((c) => ({ at: c.at, run: () => credit(c.openid, c.at, c.s.hours!.minutes, { type: 'event', id: c.event._id, title: c.event.title }, c.event.startAt, { startAt: c.s.checkIn!.at, endAt: c.s.checkOut?.at ?? c.event.endAt }, c.s.hours!.source, c.event.type, { type: 'event', id: c.event._id }, ledgerIds.eventService(c.event._id, c.openid), c.s.hours!.reason) })),
    {
      at: served.creditedAt!,
      run: () =>
        credit('demo-volunteer', served.creditedAt!, 90, { type: 'request', id: served._id, title: '点单服务：帮独居老人修门锁' }, doneAt, { startAt: iso(new Date(Date.parse(doneAt) - 90 * MINUTE_MS)), endAt: doneAt }, 'request', 'repair', { type: 'request', id: served._id }, ledgerIds.requestService(served._id), '市民评分 5'),
    },
    // 老王 redeemed a haircut (already used at the shop) and a bag of rice (its code shows in 我的兑换).
    { at: iso(new Date(now.getTime() - 15 * DAY_MS)), run: () => redeemSeed('r-demo-haircut', 'g-haircut', 'WANG2345HJ', 15, true) },
    { at: iso(new Date(now.getTime() - 2 * DAY_MS)), run: () => redeemSeed('r-demo-rice', 'g-rice', 'WANG6789KM', 2, false) },
  ].sort((a, b) => a.at.localeCompare(b.at))
  for (const e of entries) e.run()

  return {
    volunteer_teams: teams,
    volunteers: [...volunteers.values()],
    volunteer_series: [series],
    volunteer_events: events,
    volunteer_signups: signups,
    volunteer_ledger: ledger,
    volunteer_rankings: [...rankings.values()],
    volunteer_goods: goods,
    volunteer_redemptions: redemptions,
    volunteer_requests: requests,
  }
}

/** Monthly ranking counters for service ledger entries, as crediting them one by one would have bumped them. */
export function rankingsFor(entries: readonly LedgerDoc[], volunteers: readonly VolunteerDoc[]): RankingDoc[] {
  const byId = new Map(volunteers.map((v) => [v._id, v]))
  const out = new Map<string, RankingDoc>()
  for (const e of entries) {
    const v = byId.get(e.openid)
    if (!v || (e.kind !== 'service' && e.kind !== 'adjustment') || !e.serviceAt) continue
    for (const b of rankingBumps({ serviceAt: e.serviceAt, openid: v._id, name: v.name, team: v.team, minutes: e.minutes, services: e.kind === 'service' ? 1 : 0 })) {
      const cur = out.get(b.id) ?? { _id: b.id, month: b.month, kind: b.kind, subjectId: b.subjectId, name: b.name, minutes: 0, services: 0, updatedAt: e.at }
      out.set(b.id, { ...cur, minutes: cur.minutes + b.minutes, services: cur.services + b.services, updatedAt: e.at > cur.updatedAt ? e.at : cur.updatedAt })
    }
  }
  return [...out.values()]
}

/**
 * Writes what is missing. Ranking counters are keyed by month, so they are derived from the ledger entries
 * this run inserted (a second run, at another date, inserts no entries and so no counters).
 */
export async function seedDemoVolunteer(
  db: Database,
  city: DemoCity,
  opts: { now: Date },
): Promise<{ inserted: Record<VolunteerCollection, number>; total: Record<VolunteerCollection, number> }> {
  const data = buildDemoVolunteer(city, opts.now)
  const names = VOLUNTEER_COLLECTIONS.filter((n) => n !== COLLECTIONS.volunteerRankings)
  const counts = await Promise.all(names.map((name) => insertMissing(db, name, data[name], { concurrency: 10 })))
  const inserted = {} as Record<VolunteerCollection, number>
  const total = {} as Record<VolunteerCollection, number>
  names.forEach((name, i) => {
    inserted[name] = counts[i].length
    total[name] = data[name].length
  })
  const newLedger = new Set(counts[names.indexOf(COLLECTIONS.volunteerLedger)])
  const rankings = rankingsFor(
    (data.volunteer_ledger as LedgerDoc[]).filter((e) => newLedger.has(e._id)),
    data.volunteers as VolunteerDoc[],
  )
  inserted.volunteer_rankings = (await insertMissing(db, COLLECTIONS.volunteerRankings, rankings, { concurrency: 10 })).length
  total.volunteer_rankings = rankings.length
  return { inserted, total }
}
