import { MINUTE_MS } from './time'

/**
 * Service hours. Stored and summed as integer minutes (no float drift: 0.1 + 0.2 hours never becomes
 * 0.30000000000000004), displayed as hours with one decimal.
 *
 * - Recorded hours: from check-in to check-out, to the nearest minute, capped by the event's length (arriving early
 *   or leaving late does not earn more than the event lasted).
 * - Manual hours (an organiser's entry for a missed check-out or a past event): need a reason, at most the
 *   event's length.
 * - Points: 1 hour = 1 point (石嘴山's 1 个工时计 1 分). Points are whole: a credit earns the whole hours it
 *   completes on the volunteer's running total, so 40 + 40 minutes earn 1 point, not 0 + 0, and the points
 *   ever earned always equal ⌊total minutes / 60⌋.
 */

export const POINTS_PER_HOUR = 1

/** Minutes an event lasts. */
export const eventMinutes = (e: { startAt: string; endAt: string }): number =>
  Math.max(0, Math.floor((Date.parse(e.endAt) - Date.parse(e.startAt)) / MINUTE_MS))

/**
 * Recorded minutes from check-in to check-out, to the nearest whole minute (a scan's seconds are noise, and
 * 89.99 minutes served are 90), never negative, capped by the event's length.
 */
export function recordedMinutes(checkInAt: string, checkOutAt: string, event: { startAt: string; endAt: string }): number {
  const raw = Math.round((Date.parse(checkOutAt) - Date.parse(checkInAt)) / MINUTE_MS)
  return Math.max(0, Math.min(raw, eventMinutes(event)))
}

/** Why manual minutes are not acceptable, or null. */
export function manualMinutesProblem(minutes: number, event: { startAt: string; endAt: string }): string | null {
  if (!Number.isInteger(minutes) || minutes < 1) return '服务时长应为正整数分钟'
  const max = eventMinutes(event)
  if (minutes > max) return `服务时长不能超过活动时长（${formatHours(max)} 小时）`
  return null
}

/** Points earned when `addMinutes` are credited on top of `prevTotalMinutes` (may be negative for a reduction). */
export function pointsForCredit(prevTotalMinutes: number, addMinutes: number): number {
  const after = Math.max(0, prevTotalMinutes + addMinutes)
  return (Math.floor(after / 60) - Math.floor(prevTotalMinutes / 60)) * POINTS_PER_HOUR
}

/** `2.5` — hours with at most one decimal, rounded half up on the minute count (90 → 1.5, 100 → 1.7). */
export function formatHours(minutes: number): string {
  const tenths = Math.round((minutes * 10) / 60)
  const sign = tenths < 0 ? '-' : ''
  const a = Math.abs(tenths)
  return `${sign}${Math.floor(a / 10)}${a % 10 ? `.${a % 10}` : ''}`
}

/** Hours as a number with two decimals, for exports that want a number column. */
export const hoursDecimal = (minutes: number): string => (Math.round((minutes * 100) / 60) / 100).toFixed(2)
