/**
 * 志愿服务 copy, constants and small pure helpers for the UI. `src/domain/volunteer/*` holds the same labels
 * and rules but imports zod at runtime, so the client keeps its own copy: label maps are checked against
 * the domain's types (`satisfies Record<…>`), and every limit is typed with the domain constant's literal
 * type, so a change there fails the build here. `test/services/volunteer-copies.test.ts` checks the helpers
 * (hours, masks, ID check) give the domain's answers.
 */
import Taro from '@tarojs/taro'
import type * as Checkin from '@/domain/volunteer/checkin'
import type * as Ev from '@/domain/volunteer/event'
import type * as Reqs from '@/domain/volunteer/requests'
import type * as Mall from '@/domain/volunteer/mall'
import type * as Hours from '@/domain/volunteer/hours'
import type { Availability, PostKind, PostTask, ServiceType, Skill } from '@/domain/volunteer/fields'
import type { EventStatus, SignupWindow } from '@/domain/volunteer/event'
import type { HoursSource, SignupStatus } from '@/domain/volunteer/signup'
import type { LedgerKind } from '@/domain/volunteer/ledger'
import type { GoodsKind, RedemptionStatus } from '@/domain/volunteer/mall'
import type { RequestStatus } from '@/domain/volunteer/requests'
import type { RegistrationStatus } from '@/domain/volunteer/volunteer'
import type { CorrectionStatus } from '@/domain/volunteer/corrections'
import type { Level } from '@/domain/volunteer/levels'
import type { VOLUNTEER_TEMPLATES as Templates } from '@/domain/volunteer/subscribe'

export type { Availability, PostKind, PostTask, ServiceType, Skill, EventStatus, SignupWindow, HoursSource, SignupStatus }
export type { LedgerKind, GoodsKind, RedemptionStatus, RequestStatus, RegistrationStatus, CorrectionStatus, Level }
export type { EventSummary, EventDetail, PostView, MySignupState } from '@/domain/volunteer/event'
export type { MySignupView, RosterRow, HoursView, AttendanceMark } from '@/domain/volunteer/signup'
export type { VolunteerOwnView, VolunteerStaffView, TeamRef } from '@/domain/volunteer/volunteer'
export type { LedgerEntryView, RankingItem } from '@/domain/volunteer/ledger'
export type { GoodsView, RedemptionView, RedemptionCheck } from '@/domain/volunteer/mall'
export type { RequestView } from '@/domain/volunteer/requests'
export type { Certificate } from '@/domain/volunteer/certificate'
export type { TeamView } from '@/domain/volunteer/teams'
export type { CorrectionView } from '@/domain/volunteer/corrections'

// ---------------------------------------------------------------------------------------------------------
// Limits and timings (literal types of the domain's constants)

export const SIGNUP_OPENS_DAYS: typeof Ev.SIGNUP_OPENS_DAYS = 7
export const DEFAULT_DEADLINE_MINUTES: typeof Ev.DEFAULT_DEADLINE_MINUTES = 120
export const CAPACITY_MAX: typeof Ev.CAPACITY_MAX = 500
export const POSTS_MAX: typeof Ev.POSTS_MAX = 50
export const EVENT_MAX_HOURS: typeof Ev.EVENT_MAX_HOURS = 12
export const TOKEN_STEP_MS: typeof Checkin.TOKEN_STEP_MS = 10_000
export const TOKEN_REFRESH_MS: typeof Checkin.TOKEN_REFRESH_MS = TOKEN_STEP_MS
export const CHECKIN_RADIUS_M: typeof Checkin.CHECKIN_RADIUS_M = 500
export const REQUEST_MAX_MINUTES: typeof Reqs.REQUEST_MAX_MINUTES = 8 * 60
export const CODE_LENGTH: typeof Mall.CODE_LENGTH = 10
export const POINTS_PER_HOUR: typeof Hours.POINTS_PER_HOUR = 1

/** 订阅消息 template ids (placeholders until set in 小程序后台; see src/domain/volunteer/subscribe.ts). */
export const VOLUNTEER_TEMPLATES: typeof Templates = {
  signup: 'TPL-VOLUNTEER-SIGNUP-PLACEHOLDER',
  cancelled: 'TPL-VOLUNTEER-CANCELLED-PLACEHOLDER',
  review: 'TPL-VOLUNTEER-REVIEW-PLACEHOLDER',
  hours: 'TPL-VOLUNTEER-HOURS-PLACEHOLDER',
  request: 'TPL-VOLUNTEER-REQUEST-PLACEHOLDER',
}
export const SUBSCRIBE_ON_SIGNUP: string[] = [VOLUNTEER_TEMPLATES.signup, VOLUNTEER_TEMPLATES.cancelled, VOLUNTEER_TEMPLATES.hours]
export const SUBSCRIBE_ON_REGISTER: string[] = [VOLUNTEER_TEMPLATES.review]
export const SUBSCRIBE_ON_REQUEST: string[] = [VOLUNTEER_TEMPLATES.request]

/**
 * Ask for 订阅消息 (WeChat only; needs a tap, so call it from a click handler before the action). Placeholder
 * ids are skipped: WeChat rejects unknown ids, and asking would only show an error.
 */
export async function askSubscribe(tmplIds: readonly string[]): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return
  const real = tmplIds.filter((id) => !id.includes('PLACEHOLDER'))
  if (real.length === 0) return
  await Taro.requestSubscribeMessage({ tmplIds: real, entityIds: [] } as never).catch(() => null)
}

// ---------------------------------------------------------------------------------------------------------
// Vocabularies

export const SERVICE_TYPE_LABELS = {
  environment: '周五环境整治',
  traffic: '文明交通劝导',
  practice: '文明实践',
  civility: '文明劝导',
  elderly: '助老助残',
  publicity: '政策宣讲',
  legal: '法律咨询',
  repair: '便民维修',
  care: '关爱陪伴',
  other: '其他服务',
} as const satisfies Record<ServiceType, string>
export const SERVICE_TYPES = Object.keys(SERVICE_TYPE_LABELS) as ServiceType[]

/** Short labels for filter chips. */
export const SERVICE_TYPE_SHORT = {
  environment: '环境整治',
  traffic: '交通劝导',
  practice: '文明实践',
  civility: '文明劝导',
  elderly: '助老助残',
  publicity: '政策宣讲',
  legal: '法律咨询',
  repair: '便民维修',
  care: '关爱陪伴',
  other: '其他',
} as const satisfies Record<ServiceType, string>

export const SERVICE_TYPE_GLYPHS = {
  environment: '🧹',
  traffic: '🚦',
  practice: '🏮',
  civility: '🤝',
  elderly: '🧓',
  publicity: '📣',
  legal: '⚖️',
  repair: '🔧',
  care: '💗',
  other: '✨',
} as const satisfies Record<ServiceType, string>

export const SKILL_LABELS = {
  first_aid: '急救',
  driving: '驾驶',
  photography: '摄影摄像',
  legal: '法律',
  medical: '医疗护理',
  repair: '维修',
  teaching: '教育辅导',
  sign_language: '手语',
  foreign_language: '外语',
  publicity: '宣讲',
  psychology: '心理咨询',
  computer: '电脑网络',
} as const satisfies Record<Skill, string>
export const SKILLS = Object.keys(SKILL_LABELS) as Skill[]

export const AVAILABILITY_LABELS = {
  weekday_morning: '工作日上午',
  weekday_afternoon: '工作日下午',
  weekday_evening: '工作日晚上',
  weekend_morning: '周末上午',
  weekend_afternoon: '周末下午',
  weekend_evening: '周末晚上',
} as const satisfies Record<Availability, string>
export const AVAILABILITY = Object.keys(AVAILABILITY_LABELS) as Availability[]

export const POST_TASK_LABELS = { cleanup: '环境整治', order: '秩序维护', persuasion: '文明劝导' } as const satisfies Record<PostTask, string>
export const POST_TASKS = Object.keys(POST_TASK_LABELS) as PostTask[]

export const POST_KIND_LABELS = {
  street: '街道',
  compound: '小区',
  intersection: '路口',
  market: '市场',
  square: '广场',
  other: '其他',
} as const satisfies Record<PostKind, string>
export const POST_KINDS = Object.keys(POST_KIND_LABELS) as PostKind[]

export const EVENT_STATUS_LABELS = {
  draft: '草稿',
  published: '报名中',
  ongoing: '进行中',
  finished: '已结束',
  cancelled: '已取消',
} as const satisfies Record<EventStatus, string>

export const SIGNUP_WINDOW_LABELS = {
  not_published: '未发布',
  not_open: '未开放报名',
  open: '报名中',
  closed: '报名已截止',
  cancelled: '已取消',
} as const satisfies Record<SignupWindow, string>

export const SIGNUP_STATUS_LABELS = { confirmed: '已报名', waitlisted: '候补中', cancelled: '已取消' } as const satisfies Record<SignupStatus, string>
export const HOURS_SOURCE_LABELS = { recorded: '签到记录', manual: '组织者补录' } as const satisfies Record<HoursSource, string>
export const REGISTRATION_STATUS_LABELS = { pending: '待审核', approved: '已通过', rejected: '未通过' } as const satisfies Record<RegistrationStatus, string>
export const CORRECTION_STATUS_LABELS = { pending: '待处理', approved: '已通过', rejected: '已驳回' } as const satisfies Record<CorrectionStatus, string>
export const LEDGER_KIND_LABELS = { service: '志愿服务', adjustment: '时长更正', redeem: '积分兑换', refund: '兑换退回' } as const satisfies Record<LedgerKind, string>
export const GOODS_KIND_LABELS = { goods: '爱心超市', discount: '特惠商户' } as const satisfies Record<GoodsKind, string>
export const REDEMPTION_STATUS_LABELS = { issued: '待核销', verified: '已核销', cancelled: '已取消' } as const satisfies Record<RedemptionStatus, string>
export const REQUEST_STATUS_LABELS = {
  submitted: '待派单',
  dispatched: '待接单',
  taken: '服务中',
  done: '待评价',
  rated: '已评价',
  cancelled: '已取消',
  rejected: '未受理',
} as const satisfies Record<RequestStatus, string>

export type Tone = 'red' | 'orange' | 'green' | 'blue' | 'grey' | 'gold' | 'purple'

export const EVENT_STATUS_TONES = {
  draft: 'grey',
  published: 'green',
  ongoing: 'orange',
  finished: 'grey',
  cancelled: 'grey',
} as const satisfies Record<EventStatus, Tone>

export const REQUEST_STATUS_TONES = {
  submitted: 'blue',
  dispatched: 'orange',
  taken: 'purple',
  done: 'gold',
  rated: 'green',
  cancelled: 'grey',
  rejected: 'grey',
} as const satisfies Record<RequestStatus, Tone>

// ---------------------------------------------------------------------------------------------------------
// Levels (星级志愿者)

export const LEVELS = [
  { level: 1, name: '一星志愿者', minHours: 100 },
  { level: 2, name: '二星志愿者', minHours: 300 },
  { level: 3, name: '三星志愿者', minHours: 600 },
  { level: 4, name: '四星志愿者', minHours: 1000 },
  { level: 5, name: '五星志愿者', minHours: 1500 },
] as const satisfies readonly Level[]

/** `★★☆☆☆` for a level. */
export const levelStars = (level: number): string => '★'.repeat(level) + '☆'.repeat(Math.max(0, 5 - level))

/** Progress (0–1) from the current level's threshold to the next's. */
export function levelRatio(totalMinutes: number, current: Level, next: Level | null): number {
  if (!next) return 1
  const from = current.minHours * 60
  const to = next.minHours * 60
  return Math.max(0, Math.min(1, (totalMinutes - from) / Math.max(1, to - from)))
}

// ---------------------------------------------------------------------------------------------------------
// Hours, masks, codes (same answers as the domain's helpers)

/** `2.5` — hours with at most one decimal (domain `formatHours`). */
export function formatHours(minutes: number): string {
  const tenths = Math.round((minutes * 10) / 60)
  const sign = tenths < 0 ? '-' : ''
  const a = Math.abs(tenths)
  return `${sign}${Math.floor(a / 10)}${a % 10 ? `.${a % 10}` : ''}`
}

/** `1101**********123X` (domain `maskIdNumber`). */
export const maskIdNumber = (id: string): string => `${id.slice(0, 4)}${'*'.repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`

/** `ABCD EFGH JK` (domain `formatCode`). */
export const formatCode = (code: string): string => code.replace(/(.{4})(.{4})(.{2})/, '$1 $2 $3')

/** 居民身份证号码 check, the domain's own (zod-free) implementation. */
export { isValidIdNumber } from '../domain/shared/id-number'

export const REAL_NAME_RE = /^[\u4e00-\u9fa5·A-Za-z][\u4e00-\u9fa5·A-Za-z ]{0,28}[\u4e00-\u9fa5A-Za-z]$/
export const MOBILE_RE = /^1[3-9]\d{9}$/

/** A fresh client id for idempotent calls (`clientIdSchema`: 8–64 of [A-Za-z0-9_-]). */
export function newClientId(): string {
  let out = Date.now().toString(36)
  while (out.length < 24) out += Math.random().toString(36).slice(2)
  return out.slice(0, 24)
}

// ---------------------------------------------------------------------------------------------------------
// Time (Beijing, a constant offset)

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
export const MINUTE_MS = 60 * 1000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']
const pad = (n: number) => String(n).padStart(2, '0')

function parts(iso: string | number) {
  const t = new Date((typeof iso === 'number' ? iso : Date.parse(iso)) + CHINA_OFFSET_MS)
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), hh: t.getUTCHours(), mm: t.getUTCMinutes(), wd: t.getUTCDay() }
}

/** `11月28日 周五`. */
export function formatDay(iso: string): string {
  const p = parts(iso)
  return `${p.m}月${p.d}日 周${WEEKDAYS[p.wd]}`
}

/** `2026年11月28日`. */
export function formatDateLong(iso: string): string {
  const p = parts(iso)
  return `${p.y}年${p.m}月${p.d}日`
}

/** `15:00`. */
export function formatClock(iso: string): string {
  const p = parts(iso)
  return `${pad(p.hh)}:${pad(p.mm)}`
}

/** `11月28日 15:00`. */
export function formatDateTime(iso: string): string {
  const p = parts(iso)
  return `${p.m}月${p.d}日 ${pad(p.hh)}:${pad(p.mm)}`
}

/** `11月28日 周五 15:00–17:00` (or across days `11月28日 22:00 – 11月29日 02:00`). */
export function formatRange(startIso: string, endIso: string): string {
  const a = parts(startIso)
  const b = parts(endIso)
  if (a.y === b.y && a.m === b.m && a.d === b.d) return `${formatDay(startIso)} ${formatClock(startIso)}–${formatClock(endIso)}`
  return `${formatDateTime(startIso)} – ${formatDateTime(endIso)}`
}

/** `2026-11` → `2026年11月`. */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-')
  return `${y}年${Number(m)}月`
}

/** The Beijing month `YYYY-MM` of an instant. */
export function monthOf(t: number): string {
  const p = parts(t)
  return `${p.y}-${pad(p.m)}`
}

/** `YYYY-MM` shifted by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number)
  const idx = y * 12 + (m - 1) + delta
  return `${Math.floor(idx / 12)}-${pad((idx % 12) + 1)}`
}

/** Beijing `YYYY-MM-DD` and `HH:mm` (form fields) → ISO instant. */
export function chinaLocalToIso(date: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const t = /^(\d{2}):(\d{2})$/.exec(time)
  if (!d || !t) return null
  const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2])) - CHINA_OFFSET_MS
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null
}

/** ISO instant → Beijing `YYYY-MM-DD`. */
export function isoToChinaDate(iso: string | number): string {
  const p = parts(iso)
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`
}

/** ISO instant → Beijing `HH:mm`. */
export function isoToChinaTime(iso: string | number): string {
  const p = parts(iso)
  return `${pad(p.hh)}:${pad(p.mm)}`
}

/** `3 天后`, `5 小时后`, `20 分钟后`. */
export function formatUntil(iso: string, now: number): string {
  const ms = Date.parse(iso) - now
  if (ms <= 0) return '已开始'
  if (ms >= DAY_MS) return `${Math.floor(ms / DAY_MS)} 天后`
  if (ms >= HOUR_MS) return `${Math.floor(ms / HOUR_MS)} 小时后`
  return `${Math.max(1, Math.floor(ms / MINUTE_MS))} 分钟后`
}

// ---------------------------------------------------------------------------------------------------------
// Navigation

export const VOLUNTEER_PAGES = {
  register: '/packages/volunteer/pages/register/index',
  event: '/packages/volunteer/pages/event/index',
  scan: '/packages/volunteer/pages/scan/index',
  record: '/packages/volunteer/pages/record/index',
  certificate: '/packages/volunteer/pages/certificate/index',
  mall: '/packages/volunteer/pages/mall/index',
  requests: '/packages/volunteer/pages/requests/index',
  mySignups: '/packages/volunteer/pages/signups/index',
  admin: '/packages/volunteer-admin/pages/index/index',
  adminEvent: '/packages/volunteer-admin/pages/event/index',
  adminEventEdit: '/packages/volunteer-admin/pages/event-edit/index',
  adminRegistrations: '/packages/volunteer-admin/pages/registrations/index',
  adminMall: '/packages/volunteer-admin/pages/mall/index',
  adminRequests: '/packages/volunteer-admin/pages/requests/index',
  adminCorrections: '/packages/volunteer-admin/pages/corrections/index',
} as const
export type VolunteerPage = keyof typeof VOLUNTEER_PAGES

export function pageUrl(page: VolunteerPage, query: Record<string, string | number | undefined> = {}): string {
  const q = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')
  return q ? `${VOLUNTEER_PAGES[page]}?${q}` : VOLUNTEER_PAGES[page]
}

/** Open a 志愿 screen (a subpackage page). */
export function openVolunteerPage(page: VolunteerPage, query?: Record<string, string | number | undefined>): void {
  const url = pageUrl(page, query)
  Taro.navigateTo({ url }).catch(() => Taro.redirectTo({ url }))
}

/** A short message: a toast in WeChat is cut at 7 characters with an icon, so long ones go without. */
export function say(title: string, icon: 'success' | 'none' = 'none'): void {
  Taro.showToast({ title, icon: title.length > 7 ? 'none' : icon, duration: icon === 'success' ? 1500 : 2400 })
}

/** Ask before an action; resolves true on 确定. */
export async function confirmDialog(title: string, content: string, confirmText = '确定', danger = false): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText, cancelText: '取消', confirmColor: danger ? '#C8161D' : '#2E8B57' })
    return !!res.confirm
  } catch {
    return false
  }
}
