import { z } from 'zod'
import { CHINA_OFFSET_MS, DAY_MS, chinaDayNumber } from '../report/time'

/**
 * 红黑榜 cadence and periods. A city publishes its 红黑榜 on one cadence — "一红一黑"日日晒 (daily), weekly,
 * 双周 (biweekly) or monthly — and each issue (期) covers one period of the China calendar (UTC+8, no DST,
 * so the arithmetic is exact everywhere). Weeks start on Monday; 双周 periods are aligned on an anchor Monday
 * the city chooses (the first issue's week), months are calendar months.
 *
 * The 期 number is NOT derived from the period: it is a counter incremented when an issue is published
 * (see the `board` function), so a skipped week leaves no hole in the numbering ("第85期" = the 85th issue).
 */
export const CADENCES = ['daily', 'weekly', 'biweekly', 'monthly'] as const
export const cadenceSchema = z.enum(CADENCES)
export type Cadence = z.infer<typeof cadenceSchema>
export const CADENCE_LABELS: Record<Cadence, string> = { daily: '每日', weekly: '每周', biweekly: '双周', monthly: '每月' }

/** `YYYY-MM-DD` on the China calendar. */
export const dayStringSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => dayNumberOf(s) !== null, '日期无效')

/** Days since 1970-01-01 of a `YYYY-MM-DD`, or null when it is not a real date. */
export function dayNumberOf(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = Date.UTC(y, mo - 1, d)
  const back = new Date(t)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null
  return Math.round(t / DAY_MS)
}

/** `YYYY-MM-DD` of a day number. */
export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** The instant a China calendar day starts. */
export const dayStart = (day: number): Date => new Date(day * DAY_MS - CHINA_OFFSET_MS)
/** The last millisecond of a China calendar day (how deadlines are stored: "5月9日前" = by 23:59:59.999). */
export const dayEnd = (day: number): Date => new Date((day + 1) * DAY_MS - CHINA_OFFSET_MS - 1)
/** China calendar day of an ISO instant. */
export const dayOfIso = (isoString: string): number => chinaDayNumber(new Date(isoString))

/** Day number of the Monday of the week containing `day` (1970-01-01, day 0, was a Thursday). */
export const mondayOf = (day: number): number => day - ((day + 3) % 7)

/** 2024-01-01, a Monday: the default 双周 anchor. */
export const DEFAULT_ANCHOR = '2024-01-01'

export const periodSchema = z.object({
  /** First day and last day (inclusive), `YYYY-MM-DD`. */
  startDay: z.string(),
  endDay: z.string(),
  /** [start, end) as instants, for range queries on ISO timestamps. */
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  label: z.string(),
})
export type Period = z.infer<typeof periodSchema>

function ymd(day: number): { y: number; m: number; d: number } {
  const t = new Date(day * DAY_MS)
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() }
}

/** `2024年5月9日`; `2024年5月6日—12日`; `2024年5月27日—6月9日`; `2024年12月30日—2025年1月5日`; `2024年5月`. */
export function periodLabel(cadence: Cadence, firstDay: number, lastDay: number): string {
  const a = ymd(firstDay)
  const b = ymd(lastDay)
  if (cadence === 'monthly') return `${a.y}年${a.m}月`
  if (firstDay === lastDay) return `${a.y}年${a.m}月${a.d}日`
  const head = `${a.y}年${a.m}月${a.d}日`
  if (a.y !== b.y) return `${head}—${b.y}年${b.m}月${b.d}日`
  if (a.m !== b.m) return `${head}—${b.m}月${b.d}日`
  return `${head}—${b.d}日`
}

function makePeriod(cadence: Cadence, firstDay: number, lastDay: number): Period {
  return {
    startDay: dayString(firstDay),
    endDay: dayString(lastDay),
    start: dayStart(firstDay).toISOString(),
    end: dayStart(lastDay + 1).toISOString(),
    label: periodLabel(cadence, firstDay, lastDay),
  }
}

/** The period of `cadence` containing China calendar day `day`. `anchor` (a Monday) aligns 双周 periods. */
export function periodContaining(cadence: Cadence, day: number, anchor: string = DEFAULT_ANCHOR): Period {
  switch (cadence) {
    case 'daily':
      return makePeriod(cadence, day, day)
    case 'weekly': {
      const mon = mondayOf(day)
      return makePeriod(cadence, mon, mon + 6)
    }
    case 'biweekly': {
      const a = mondayOf(dayNumberOf(anchor) ?? dayNumberOf(DEFAULT_ANCHOR)!)
      const start = a + 14 * Math.floor((day - a) / 14)
      return makePeriod(cadence, start, start + 13)
    }
    case 'monthly': {
      const { y, m } = ymd(day)
      const first = Math.round(Date.UTC(y, m - 1, 1) / DAY_MS)
      const next = Math.round(Date.UTC(y, m, 1) / DAY_MS)
      return makePeriod(cadence, first, next - 1)
    }
  }
}

/** The last complete period before the one `now` is in: what a new draft covers by default. */
export function lastCompletePeriod(cadence: Cadence, now: Date, anchor?: string): Period {
  const current = periodContaining(cadence, chinaDayNumber(now), anchor)
  return periodContaining(cadence, dayNumberOf(current.startDay)! - 1, anchor)
}

/** The period starting on `startDay` must be a real period start of the cadence (a Monday for weekly …). */
export function periodStartingOn(cadence: Cadence, startDay: string, anchor?: string): Period | null {
  const day = dayNumberOf(startDay)
  if (day === null) return null
  const p = periodContaining(cadence, day, anchor)
  return p.startDay === startDay ? p : null
}

/** The year on the China calendar of an instant (archive grouping). */
export const chinaYear = (isoString: string): number => new Date(Date.parse(isoString) + CHINA_OFFSET_MS).getUTCFullYear()

/** `示范市创城红黑榜 第12期`. */
export const issueTitle = (seriesTitle: string, no: number): string => `${seriesTitle} 第${no}期`
