import { z } from 'zod'

/**
 * Where a 随手拍 report is in its life. Overdue is deliberately NOT a status: a report is overdue *while*
 * it is 待整改/整改中, so it is a flag (with a 督办 count) on top of the status — see `flags`.
 */
export const REPORT_STATUSES = [
  'submitted', // 待审核: the resident has sent it, the 创城办 has not looked yet
  'dispatched', // 已派单/待整改: accepted and sent to a 责任单位 with a 整改时限
  'in_progress', // 整改中: the unit has acknowledged (接单)
  'rectified', // 已整改待核验: the unit uploaded after-photos; the 创城办 must verify
  'closed', // 已办结: verified fixed and 销号 (can still reopen through rating or 回访)
  'returned', // 退回待派: the unit said 不属于本单位; back with the 创城办 for re-dispatch
  'reopened', // 重新处理: 不满意 rating or failed 回访; back with the 创城办
  'rejected', // 不予受理 (terminal)
  'duplicate', // 重复: merged into an original report (terminal)
  'out_of_scope', // 不属于本市职责 (terminal)
] as const
export const reportStatusSchema = z.enum(REPORT_STATUSES)
export type ReportStatus = z.infer<typeof reportStatusSchema>

/** Short labels for badges and filters. */
export const STATUS_LABELS: Record<ReportStatus, string> = {
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
}

/** One line telling a resident what the status means for them. */
export const STATUS_DESCRIPTIONS: Record<ReportStatus, string> = {
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
}

/** Still being worked on (anything that is neither 已办结 nor a terminal closure). */
export const OPEN_STATUSES = ['submitted', 'dispatched', 'in_progress', 'rectified', 'returned', 'reopened'] as const satisfies readonly ReportStatus[]

/** Closed without a fix. Kept apart from 已办结 so rates never count a rejection as a success. */
export const CLOSED_NOT_FIXED_STATUSES = ['rejected', 'duplicate', 'out_of_scope'] as const satisfies readonly ReportStatus[]

/** The 责任单位 owes work: these are the only states that can be overdue. */
export const WITH_UNIT_STATUSES = ['dispatched', 'in_progress'] as const satisfies readonly ReportStatus[]

/** Waiting for the 创城办 — the default staff queue. */
export const STAFF_INBOX_STATUSES = ['submitted', 'rectified', 'returned', 'reopened'] as const satisfies readonly ReportStatus[]

export const isOpenStatus = (s: ReportStatus): boolean => (OPEN_STATUSES as readonly ReportStatus[]).includes(s)
export const isClosedNotFixed = (s: ReportStatus): boolean => (CLOSED_NOT_FIXED_STATUSES as readonly ReportStatus[]).includes(s)
export const isWithUnit = (s: ReportStatus): boolean => (WITH_UNIT_STATUSES as readonly ReportStatus[]).includes(s)

/** How a report ended (or `fixed` once 销号). `null` on the report while it is open. */
export const RESOLUTION_KINDS = ['fixed', 'rejected', 'duplicate', 'out_of_scope'] as const
export const resolutionKindSchema = z.enum(RESOLUTION_KINDS)
export type ResolutionKind = z.infer<typeof resolutionKindSchema>

/** 评单: the reporter's rating after 销号. */
export const RATING_SCORES = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const
export const ratingScoreSchema = z.enum(RATING_SCORES)
export type RatingScore = z.infer<typeof ratingScoreSchema>
export const RATING_LABELS: Record<RatingScore, string> = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' }

/** 回访: a few days after 销号 the reporter is asked whether the problem stayed fixed. */
export const REVISIT_ANSWERS = ['fixed', 'not_fixed'] as const
export const revisitAnswerSchema = z.enum(REVISIT_ANSWERS)
export type RevisitAnswer = z.infer<typeof revisitAnswerSchema>
export const REVISIT_ANSWER_LABELS: Record<RevisitAnswer, string> = { fixed: '已解决', not_fixed: '未解决' }

/**
 * Photo content check (security.mediaCheckAsync). A photo is shown to anyone but its uploader/staff only once `pass`.
 * `purged`: the file was deleted under the retention rule (`retention.ts`); the entry stays so the report says so.
 */
export const PHOTO_CHECKS = ['pending', 'pass', 'risky', 'purged'] as const
export const photoCheckSchema = z.enum(PHOTO_CHECKS)
export type PhotoCheck = z.infer<typeof photoCheckSchema>
