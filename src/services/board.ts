/**
 * 曝光台 / 红黑榜 copy and constants for the UI. `src/domain/board/*` holds the same labels and limits but
 * imports zod at runtime, so the client keeps its own copy: keys are checked against the domain's types
 * and limits are typed with the domain constants' literal types, so a change there fails the build here.
 * (The 打码 maths, `src/domain/board/mosaic.ts`, imports nothing and is used directly.)
 */
import type * as Ex from '@/domain/board/exposure'
import type * as Iss from '@/domain/board/issue'
import type { Cadence } from '@/domain/board/period'
import type { ProposalKind, SubjectType } from '@/domain/board/proposals'
import type { BOARD_PHOTO_ROOT as Root } from '@/domain/board/photo'
import type { BOARD_TEMPLATES as Templates } from '@/domain/board/subscribe'
import type { OutputOf } from './cloud'

export type { ExposureStatus, ExposureState, ExposureCard, ExposurePublicDetail, ExposureStaffView, ExposureCandidate } from '@/domain/board/exposure'
export type { IssueCard, IssuePublic, IssueStaff, IssueStaffCard, IssueState, BlackStatus, NoteKind, RedPublic, BlackPublic, NotePublic } from '@/domain/board/issue'
export type { Proposal, Figures, SubjectType } from '@/domain/board/proposals'
export type { BoardPhoto, PublicPhoto } from '@/domain/board/photo'
export type { Cadence } from '@/domain/board/period'

export type ExposureDetailView = OutputOf<'board', 'exposureDetail'>

// ---------------------------------------------------------------------------------------------------------
// Limits

export const TITLE_MAX: typeof Ex.TITLE_MAX = 40
export const PLACE_MAX: typeof Ex.PLACE_MAX = 40
export const REQUIREMENT_MAX: typeof Ex.REQUIREMENT_MAX = 300
export const REPLY_MAX: typeof Ex.REPLY_MAX = 300
export const EXPOSURE_PHOTOS_MAX: typeof Ex.EXPOSURE_PHOTOS_MAX = 6
export const FIX_NOTE_MAX: typeof Ex.FIX_NOTE_MAX = 300
export const ENTRIES_MAX: typeof Iss.ENTRIES_MAX = 10
export const ENTRY_TEXT_MAX: typeof Iss.ENTRY_TEXT_MAX = 300
export const NAME_MAX: typeof Iss.NAME_MAX = 40
export const INTRO_MAX: typeof Iss.INTRO_MAX = 500
export const NOTE_TEXT_MAX: typeof Iss.NOTE_TEXT_MAX = 300

// ---------------------------------------------------------------------------------------------------------
// Labels

export const EXPOSURE_STATUS_LABELS = {
  rectifying: '整改中',
  overdue: '逾期未整改',
  verifying: '整改待核验',
  fixed: '已整改',
  closed: '已关闭',
} as const satisfies Record<Ex.ExposureStatus, string>
export const EXPOSURE_STATUSES = Object.keys(EXPOSURE_STATUS_LABELS) as Ex.ExposureStatus[]

export type Tone = 'red' | 'orange' | 'purple' | 'green' | 'grey' | 'blue'
export const EXPOSURE_STATUS_TONES = {
  rectifying: 'orange',
  overdue: 'red',
  verifying: 'purple',
  fixed: 'green',
  closed: 'grey',
} as const satisfies Record<Ex.ExposureStatus, Tone>

export const EXPOSURE_STATE_LABELS = { draft: '草稿', published: '已发布', withdrawn: '已撤回' } as const satisfies Record<Ex.ExposureState, string>

export const BLACK_STATUS_LABELS = { rectifying: '整改中', overdue: '逾期未整改', fixed: '已整改' } as const satisfies Record<Iss.BlackStatus, string>
export const BLACK_STATUS_TONES = { rectifying: 'orange', overdue: 'red', fixed: 'green' } as const satisfies Record<Iss.BlackStatus, Tone>

export const ISSUE_STATE_LABELS = { draft: '草稿', pending: '待审核', published: '已发布' } as const satisfies Record<Iss.IssueState, string>
export const NOTE_KIND_LABELS = { correction: '更正', followup: '跟进' } as const satisfies Record<Iss.NoteKind, string>
export const SUBJECT_TYPE_LABELS = { unit: '单位', place: '地点', team: '团队', person: '个人' } as const satisfies Record<SubjectType, string>
export const CADENCE_LABELS = { daily: '每日', weekly: '每周', biweekly: '双周', monthly: '每月' } as const satisfies Record<Cadence, string>
export const PROPOSAL_KIND_LABELS = {
  unit_best: '按时整改率最高的责任单位',
  unit_worst: '按时整改率最低的责任单位',
  grid_fewest: '问题反复最少的网格',
  grid_most: '问题反复最多的网格',
  team_active: '最活跃的志愿服务队',
} as const satisfies Record<ProposalKind, string>

// ---------------------------------------------------------------------------------------------------------
// Where staff upload (a copy of boardPhotoCloudPath: board/<openid>/<yyyymmdd>/<name>)

export const BOARD_PHOTO_ROOT: typeof Root = 'board'
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

export function boardPhotoCloudPath(openid: string, at: Date, name: string): string {
  const t = new Date(at.getTime() + CHINA_OFFSET_MS)
  const day = `${t.getUTCFullYear()}${String(t.getUTCMonth() + 1).padStart(2, '0')}${String(t.getUTCDate()).padStart(2, '0')}`
  return `${BOARD_PHOTO_ROOT}/${openid}/${day}/${name}`
}

/** 订阅消息 asked for when following an entry (the template id of `BOARD_TEMPLATES.exposureFixed`). */
export const EXPOSURE_FIXED_TEMPLATE: (typeof Templates)['exposureFixed'] = 'TPL-EXPOSURE-FIXED-PLACEHOLDER'

// ---------------------------------------------------------------------------------------------------------
// Routes (subpackages)

export const BOARD_ROUTES = {
  exposure: (id: string) => `/packages/board/pages/exposure/index?id=${encodeURIComponent(id)}`,
  honor: (id?: string) => `/packages/board/pages/honor/index${id ? `?id=${encodeURIComponent(id)}` : ''}`,
  archive: '/packages/board/pages/archive/index',
  adminExposures: '/packages/board-admin/pages/exposures/index',
  adminCandidates: '/packages/board-admin/pages/candidates/index',
  exposureEdit: (q: { id?: string; reportId?: string }) =>
    `/packages/board-admin/pages/exposure-edit/index${q.id ? `?id=${encodeURIComponent(q.id)}` : q.reportId ? `?reportId=${encodeURIComponent(q.reportId)}` : ''}`,
  mask: (original: string) => `/packages/board-admin/pages/mask/index?original=${encodeURIComponent(original)}`,
  adminIssues: '/packages/board-admin/pages/issues/index',
  issueEdit: (id: string) => `/packages/board-admin/pages/issue-edit/index?id=${encodeURIComponent(id)}`,
} as const

// ---------------------------------------------------------------------------------------------------------
// Dates (Beijing time)

function parts(isoString: string) {
  const t = new Date(Date.parse(isoString) + CHINA_OFFSET_MS)
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() }
}

/** `5月9日` / `2024年5月9日`. */
export function formatDay(isoString: string, withYear = false): string {
  const p = parts(isoString)
  return `${withYear ? `${p.y}年` : ''}${p.m}月${p.d}日`
}

/** `YYYY-MM-DD` of an instant (the date pickers' value). */
export function dayValue(isoString: string): string {
  return new Date(Date.parse(isoString) + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** `YYYY-MM-DD` `days` after today (Beijing). */
export function dayFromToday(days: number, now = Date.now()): string {
  return new Date(now + CHINA_OFFSET_MS + days * 86400000).toISOString().slice(0, 10)
}

/** Whole days a deadline is past (0 when not). */
export function daysPast(deadlineIso: string, now = Date.now()): number {
  const dayOf = (t: number) => Math.floor((t + CHINA_OFFSET_MS) / 86400000)
  return Math.max(0, dayOf(now) - dayOf(Date.parse(deadlineIso)))
}

/** `1.2万` for big counts. */
export const formatCount = (n: number): string => (n >= 10000 ? `${(n / 10000).toFixed(1).replace(/\.0$/, '')}万` : String(n))

/** A short random key for entries added by hand (the server checks `^[a-z0-9]{4,16}$`). */
export function newEntryKey(): string {
  const a = 'abcdefghijklmnopqrstuvwxyz0123456789'
  let s = 'h'
  for (let i = 0; i < 9; i++) s += a[Math.floor(Math.random() * a.length)]
  return s
}

// ---------------------------------------------------------------------------------------------------------
// Periods (a zod-free copy of the domain's period starts, for the "this period" choice; a test compares them)

const DAY = 86400000
const dayNo = (ymd: string): number => Math.round(Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10))) / DAY)
const ymdOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10)

/** `YYYY-MM-DD` the period of `cadence` containing `now` starts on (weeks start on Monday; 双周 from `anchor`). */
export function periodStartOf(cadence: Cadence, now: number, anchor = '2024-01-01'): string {
  const day = Math.floor((now + CHINA_OFFSET_MS) / DAY)
  const monday = (d: number) => d - ((d + 3) % 7)
  switch (cadence) {
    case 'daily':
      return ymdOf(day)
    case 'weekly':
      return ymdOf(monday(day))
    case 'biweekly': {
      const a = monday(dayNo(anchor))
      return ymdOf(a + 14 * Math.floor((day - a) / 14))
    }
    case 'monthly':
      return `${ymdOf(day).slice(0, 8)}01`
  }
}
