import { ActionError } from '../core/envelope'
import type { ReportDoc } from './report'
import { isWithUnit } from './status'

/**
 * Time rules of a report: 整改时限, overdue, 督办 cadence, the rating and 回访 windows, the resident's day.
 *
 * Days are China calendar days (UTC+8; China has no daylight saving, so the offset is a constant and no
 * time-zone database is needed — the same arithmetic runs in a cloud function and in the mini-program).
 */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
export const DAY_MS = 24 * 60 * 60 * 1000

/** Days since 1970-01-01 on the China calendar. */
export const chinaDayNumber = (t: Date): number => Math.floor((t.getTime() + CHINA_OFFSET_MS) / DAY_MS)
const startOfChinaDay = (day: number): Date => new Date(day * DAY_MS - CHINA_OFFSET_MS)
const endOfChinaDay = (day: number): Date => new Date((day + 1) * DAY_MS - CHINA_OFFSET_MS - 1)

/**
 * 整改时限: the end (23:59:59.999 Beijing time) of the `days`-th calendar day after the dispatch day.
 *
 * - The dispatch day itself is not counted, as with statutory periods (民法典 第二百零一条: 开始的当日不计入),
 *   so a unit dispatched at 17:50 still gets three full days, and a deadline is always "by the end of a day",
 *   which is how staff, units and residents say it ("5月9日前整改到位").
 * - Calendar, not working days: 创城 problems (rubbish, 占道经营, 乱停车) are on the street every day and the
 *   测评 inspectors come on weekends too; cities write "3天" and mean it ("问题整改不过夜", 动态清零). Working
 *   days would also need the State Council's yearly 调休 calendar, which a pure rule cannot know in advance —
 *   a wrong guess would raise false 督办. A long holiday is handled by staff choosing more days when dispatching.
 */
export function deadlineFrom(dispatchedAt: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`deadline days must be a positive integer, got ${days}`)
  return endOfChinaDay(chinaDayNumber(dispatchedAt) + days)
}

/** The unit still owes the 整改 and its deadline has passed. Only 待整改/整改中 can be overdue. */
export function isOverdue(report: Pick<ReportDoc, 'status' | 'dispatch'>, now: Date): boolean {
  return isWithUnit(report.status) && report.dispatch !== null && now.getTime() > Date.parse(report.dispatch.deadline)
}

/** Whole calendar days past the deadline day (1 = the day after the deadline); 0 when not overdue. */
export function overdueDays(report: Pick<ReportDoc, 'status' | 'dispatch'>, now: Date): number {
  if (!isOverdue(report, now) || !report.dispatch) return 0
  return chinaDayNumber(now) - chinaDayNumber(new Date(report.dispatch.deadline))
}

export const DUE_SOON_MS = DAY_MS
export type DeadlineState = 'none' | 'ok' | 'due_soon' | 'overdue'

/** For colouring a unit's task list: no deadline in force, fine, due within 24 h, or overdue. */
export function deadlineState(report: Pick<ReportDoc, 'status' | 'dispatch'>, now: Date): DeadlineState {
  if (!isWithUnit(report.status) || !report.dispatch) return 'none'
  const left = Date.parse(report.dispatch.deadline) - now.getTime()
  if (left < 0) return 'overdue'
  return left <= DUE_SOON_MS ? 'due_soon' : 'ok'
}

/**
 * The timer 督办s an overdue report at most once per China calendar day (not "every 24 h": a daily timer
 * that fires a few milliseconds early would otherwise skip a day).
 */
export function dueForEscalation(report: Pick<ReportDoc, 'status' | 'dispatch' | 'flags'>, now: Date): boolean {
  if (!isOverdue(report, now)) return false
  const last = report.flags.lastEscalatedAt
  return last === null || chinaDayNumber(new Date(last)) < chinaDayNumber(now)
}

/** 回访 a few days after 销号: long enough to see whether the problem comes back (a stall, parked cars). */
export const REVISIT_DELAY_DAYS = 3
/** How long the reporter may answer a 回访 once it is due, before it lapses unanswered. */
export const REVISIT_WINDOW_DAYS = 7
/** How long after 销号 the reporter may rate (评单); afterwards a complaint is a new report. */
export const RATE_WINDOW_DAYS = 7

export const revisitDueAt = (closedAt: Date): Date => new Date(closedAt.getTime() + REVISIT_DELAY_DAYS * DAY_MS)

export function revisitOpen(report: Pick<ReportDoc, 'status' | 'revisit'>, now: Date): boolean {
  const r = report.revisit
  if (report.status !== 'closed' || !r || r.answer !== null) return false
  const due = Date.parse(r.dueAt)
  return now.getTime() >= due && now.getTime() <= due + REVISIT_WINDOW_DAYS * DAY_MS
}

export function ratingOpen(report: Pick<ReportDoc, 'status' | 'rating' | 'closedAt'>, now: Date): boolean {
  if (report.status !== 'closed' || report.rating !== null || !report.closedAt) return false
  return now.getTime() <= Date.parse(report.closedAt) + RATE_WINDOW_DAYS * DAY_MS
}

// ---------------------------------------------------------------------------------------------------------
// The resident's day and the daily limit

/** A resident may submit this many reports per China calendar day: generous for a zealous volunteer, a brake on floods. */
export const DAILY_REPORT_LIMIT = 10

/** [start, end) of the China calendar day containing `now`, as ISO strings for a range count. */
export function chinaDayBounds(now: Date): { start: string; end: string } {
  const day = chinaDayNumber(now)
  return { start: startOfChinaDay(day).toISOString(), end: startOfChinaDay(day + 1).toISOString() }
}

/** Throws RATE_LIMITED when the resident already submitted `submittedToday` reports today. */
export function assertUnderDailyLimit(submittedToday: number, limit = DAILY_REPORT_LIMIT): void {
  if (submittedToday >= limit) throw new ActionError('RATE_LIMITED', `每人每天最多提交 ${limit} 条随手拍，请明天再来`)
}

// ---------------------------------------------------------------------------------------------------------
// Display

function chinaParts(isoString: string): { y: number; m: number; d: number; hh: number; mm: number } {
  const t = new Date(Date.parse(isoString) + CHINA_OFFSET_MS)
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), hh: t.getUTCHours(), mm: t.getUTCMinutes() }
}

/** `5月9日` (Beijing time), or `2024年5月9日` with `withYear`. */
export function formatChinaDate(isoString: string, withYear = false): string {
  const p = chinaParts(isoString)
  return `${withYear ? `${p.y}年` : ''}${p.m}月${p.d}日`
}

/** `5月9日 08:05` (Beijing time). */
export function formatChinaDateTime(isoString: string): string {
  const p = chinaParts(isoString)
  return `${formatChinaDate(isoString)} ${String(p.hh).padStart(2, '0')}:${String(p.mm).padStart(2, '0')}`
}
