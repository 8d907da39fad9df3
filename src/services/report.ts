/**
 * 随手拍 copy and constants for the UI. `src/domain/report/*` holds the same labels and limits but imports
 * zod at runtime, so the client keeps its own copy: keys are checked against the domain's types, and every
 * limit is typed with the domain constant's literal type, so a change there fails the build here.
 */
import type * as Fields from '@/domain/report/fields'
import type * as Time from '@/domain/report/time'
import type * as Dup from '@/domain/report/duplicates'
import type { NEARBY_MAX_ITEMS as NearbyMax } from '@/domain/contracts/report'
import type { RejectionReason } from '@/domain/report/reasons'
import type { ActorRole, EventType, TimelineEvent } from '@/domain/report/report'
import type { ReplyKind } from '@/domain/report/replies'
import type { RatingScore, ReportStatus, RevisitAnswer } from '@/domain/report/status'

export type { ReportStatus, RatingScore, RevisitAnswer, RejectionReason, EventType, TimelineEvent, ReplyKind }
export type {
  ReportOwnView,
  ReportOwnDetail,
  ReportPublicView,
  NearbyItem,
  ReportStaffView,
  ReportStaffDetail,
  ReportUnitView,
  ReportUnitDetail,
  DuplicateSuggestion,
} from '@/domain/report/views'

// ---------------------------------------------------------------------------------------------------------
// Limits (literal types of the domain's constants)

export const DESCRIPTION_MIN: typeof Fields.DESCRIPTION_MIN = 5
export const DESCRIPTION_MAX: typeof Fields.DESCRIPTION_MAX = 500
export const ADDRESS_MAX: typeof Fields.ADDRESS_MAX = 100
export const NOTE_MAX: typeof Fields.NOTE_MAX = 500
export const REASON_MIN: typeof Fields.REASON_MIN = 2
export const REASON_MAX: typeof Fields.REASON_MAX = 200
export const COMMENT_MAX: typeof Fields.COMMENT_MAX = 200
export const PHOTOS_MIN: typeof Fields.PHOTOS_MIN = 1
export const PHOTOS_MAX: typeof Fields.PHOTOS_MAX = 6
export const DAILY_REPORT_LIMIT: typeof Time.DAILY_REPORT_LIMIT = 10
export const RATE_WINDOW_DAYS: typeof Time.RATE_WINDOW_DAYS = 7
export const DUPLICATE_RADIUS_M: typeof Dup.DUPLICATE_RADIUS_M = 100
export const DUPLICATE_WINDOW_DAYS: typeof Dup.DUPLICATE_WINDOW_DAYS = 7
export const NEARBY_MAX_ITEMS: typeof NearbyMax = 20
/** A negative rating or 回访 must say why (`commentGivenWhenNegative`). */
export const NEGATIVE_COMMENT_MIN = 2
/** 整改时限 a staff member may choose (deadlineDaysSchema). */
export const DEADLINE_DAYS_MIN = 1
export const DEADLINE_DAYS_MAX = 60

// ---------------------------------------------------------------------------------------------------------
// Statuses

export const STATUS_LABELS = {
  submitted: '待审核',
  dispatched: '待整改',
  in_progress: '整改中',
  rectified: '待核验',
  closed: '已办结',
  returned: '退回待派',
  reopened: '重新处理',
  rejected: '不予受理',
  duplicate: '重复',
  out_of_scope: '不属于本市职责',
} as const satisfies Record<ReportStatus, string>

export const STATUS_DESCRIPTIONS = {
  submitted: '已提交，等待创城办审核',
  dispatched: '已派单至责任单位，等待整改',
  in_progress: '责任单位已接单，正在整改',
  rectified: '责任单位已整改，等待创城办核验',
  closed: '已核验整改到位，予以销号',
  returned: '责任单位反馈不属于本单位职责，等待重新派单',
  reopened: '整改结果未获认可，正在重新处理',
  rejected: '经审核不予受理',
  duplicate: '已有市民反映同一问题，已合并处理',
  out_of_scope: '经核实不属于本市职责范围',
} as const satisfies Record<ReportStatus, string>

export type StatusTone = 'blue' | 'orange' | 'purple' | 'green' | 'red' | 'grey'

export const STATUS_TONES = {
  submitted: 'blue',
  dispatched: 'orange',
  in_progress: 'orange',
  rectified: 'purple',
  closed: 'green',
  returned: 'red',
  reopened: 'red',
  rejected: 'grey',
  duplicate: 'grey',
  out_of_scope: 'grey',
} as const satisfies Record<ReportStatus, StatusTone>

export const OPEN_STATUSES = ['submitted', 'dispatched', 'in_progress', 'rectified', 'returned', 'reopened'] as const satisfies readonly ReportStatus[]
export const WITH_UNIT_STATUSES = ['dispatched', 'in_progress'] as const satisfies readonly ReportStatus[]
export const isOpenStatus = (s: ReportStatus): boolean => (OPEN_STATUSES as readonly ReportStatus[]).includes(s)
export const isWithUnit = (s: ReportStatus): boolean => (WITH_UNIT_STATUSES as readonly ReportStatus[]).includes(s)

/** The progress bar a resident sees: where an open report is on the usual road. */
export const PROGRESS_STEPS = ['提交', '审核', '整改', '核验', '办结'] as const
export function progressIndex(status: ReportStatus): number {
  switch (status) {
    case 'submitted':
      return 1
    case 'dispatched':
    case 'in_progress':
    case 'returned':
    case 'reopened':
      return 2
    case 'rectified':
      return 3
    default:
      return 4
  }
}

// ---------------------------------------------------------------------------------------------------------
// Timeline

export const EVENT_LABELS = {
  submit: '提交随手拍',
  acceptDispatch: '受理并派单',
  reject: '不予受理',
  merge: '合并为重复问题',
  outOfScope: '不属于本市职责',
  acknowledge: '责任单位接单',
  rectify: '提交整改结果',
  returnToStaff: '责任单位退回',
  verifyClose: '核验销号',
  sendBack: '核验未通过，退回重新整改',
  redispatch: '重新派单',
  rate: '市民评价',
  revisit: '回访',
  escalate: '超期督办',
} as const satisfies Record<EventType, string>

export const ACTOR_LABELS = {
  resident: '市民',
  volunteer: '志愿者',
  staff: '创城办',
  unit: '责任单位',
  admin: '管理员',
  system: '系统',
} as const satisfies Record<ActorRole, string>

/** `创城办`, `责任单位 · 文华城管`, `系统`. */
export function actorText(actor: TimelineEvent['actor']): string {
  return actor.role === 'unit' && actor.unitName ? actor.unitName : ACTOR_LABELS[actor.role]
}

// ---------------------------------------------------------------------------------------------------------
// Reasons, ratings, 回访

export const REJECTION_REASON_LABELS = {
  unclear: '照片或描述无法辨认问题',
  location_unknown: '位置不明，无法核实',
  not_found: '现场核实未发现问题',
  already_fixed: '问题已消除',
  not_civic: '不属于文明创建问题',
  false_report: '内容不实',
  inappropriate: '含有不当内容',
  other: '其他',
} as const satisfies Record<RejectionReason, string>
export const REJECTION_REASONS = Object.keys(REJECTION_REASON_LABELS) as RejectionReason[]

export const RATING_LABELS = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' } as const satisfies Record<RatingScore, string>
export const RATING_SCORES = Object.keys(RATING_LABELS) as RatingScore[]
export const RATING_GLYPHS = { satisfied: '😊', basically_satisfied: '🙂', unsatisfied: '🙁' } as const satisfies Record<RatingScore, string>

export const REVISIT_ANSWER_LABELS = { fixed: '已解决', not_fixed: '未解决' } as const satisfies Record<RevisitAnswer, string>

// ---------------------------------------------------------------------------------------------------------
// Time (Beijing time, as the domain formats it: China has no DST, so the offset is a constant)

export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
export const HOUR_MS = 60 * 60 * 1000
export const DAY_MS = 24 * HOUR_MS

function chinaParts(isoString: string) {
  const t = new Date(Date.parse(isoString) + CHINA_OFFSET_MS)
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), hh: t.getUTCHours(), mm: t.getUTCMinutes() }
}
const pad = (n: number) => String(n).padStart(2, '0')

/** `5月9日`, or `2024年5月9日`. */
export function formatDate(isoString: string, withYear = false): string {
  const p = chinaParts(isoString)
  return `${withYear ? `${p.y}年` : ''}${p.m}月${p.d}日`
}

/** `5月9日 08:05`. */
export function formatDateTime(isoString: string): string {
  const p = chinaParts(isoString)
  return `${p.m}月${p.d}日 ${pad(p.hh)}:${pad(p.mm)}`
}

/** A deadline is the last millisecond of a day: say `5月9日 24:00 前`, as people do. */
export function formatDeadline(isoString: string): string {
  const p = chinaParts(isoString)
  if (p.hh === 23 && p.mm === 59) return `${p.m}月${p.d}日 24:00 前`
  return `${p.m}月${p.d}日 ${pad(p.hh)}:${pad(p.mm)} 前`
}

/** `2 天 5 小时`, `3 小时 10 分`, `8 分钟`. */
export function formatSpan(ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60000))
  const days = Math.floor(m / 1440)
  const hours = Math.floor((m % 1440) / 60)
  const minutes = m % 60
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`
  if (hours > 0) return minutes > 0 ? `${hours} 小时 ${minutes} 分` : `${hours} 小时`
  return `${Math.max(1, minutes)} 分钟`
}

/** `刚刚`, `12 分钟前`, `3 小时前`, `2 天前`, then the date. */
export function formatAgo(isoString: string, now: number): string {
  const ms = now - Date.parse(isoString)
  if (ms < 60000) return '刚刚'
  if (ms < HOUR_MS) return `${Math.floor(ms / 60000)} 分钟前`
  if (ms < DAY_MS) return `${Math.floor(ms / HOUR_MS)} 小时前`
  if (ms < 30 * DAY_MS) return `${Math.floor(ms / DAY_MS)} 天前`
  return formatDate(isoString, true)
}

export type DeadlineTone = 'ok' | 'due_soon' | 'overdue'
export interface DeadlineInfo {
  tone: DeadlineTone
  /** `剩余 2 天 5 小时` / `已超期 1 天 3 小时`. */
  text: string
}

/**
 * The countdown for a deadline in force. `overdue` from the server wins (its clock is the one that
 * counts); otherwise the device's clock gives the time left.
 */
export function deadlineInfo(deadlineIso: string, now: number, serverOverdue?: boolean): DeadlineInfo {
  const left = Date.parse(deadlineIso) - now
  if (serverOverdue || left < 0) return { tone: 'overdue', text: left < 0 ? `已超期 ${formatSpan(-left)}` : '已超期' }
  return { tone: left <= DAY_MS ? 'due_soon' : 'ok', text: `剩余 ${formatSpan(left)}` }
}

/** A report number people can read out on the phone: the last 8 characters, upper case. */
export const shortId = (id: string): string => id.slice(-8).toUpperCase()

// ---------------------------------------------------------------------------------------------------------
// Reply templates: the server fills what it knows; the form fills the rest from what staff chose.

export function fillTemplate(text: string, vars: Record<string, string | number | undefined>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name]
    return v === undefined || v === '' ? whole : String(v)
  })
}

/**
 * 整改时限 as the server computes it (`deadlineFrom` in the domain): the end of the `days`-th China calendar
 * day after the dispatch day — for previews in the dispatch form.
 */
export function deadlineFrom(dispatchedAt: number, days: number): string {
  const day = Math.floor((dispatchedAt + CHINA_OFFSET_MS) / DAY_MS) + days
  return new Date((day + 1) * DAY_MS - CHINA_OFFSET_MS - 1).toISOString()
}
