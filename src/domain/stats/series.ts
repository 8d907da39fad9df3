import { dayNumberOf, dayString, mondayOf } from '../board/period'

/**
 * Time buckets for the charts. Days are China calendar days (`YYYY-MM-DD`); a week starts on Monday; a
 * month is a calendar month. Buckets are clipped to the period, and every bucket of the period is present
 * (zeros included) so a quiet week shows as a gap in the chart, not as a missing bar.
 */
export const BUCKETS = ['day', 'week', 'month'] as const
export type Bucket = (typeof BUCKETS)[number]
export const BUCKET_LABELS: Record<Bucket, string> = { day: '按日', week: '按周', month: '按月' }

/** Longest period per bucket, in days (so a chart never has more bars than it can show). */
export const MAX_PERIOD_DAYS: Record<Bucket, number> = { day: 92, week: 371, month: 731 }

export interface BucketSpan {
  /** The bucket's first day in the period (its key). */
  key: string
  /** Short label: `5/9`, `5/6周`, `2024-05`. */
  label: string
  days: string[]
}

const monthOf = (day: string) => day.slice(0, 7)

function labelOf(bucket: Bucket, first: string): string {
  const [, m, d] = first.split('-').map(Number)
  if (bucket === 'month') return monthOf(first)
  return bucket === 'week' ? `${m}/${d}周` : `${m}/${d}`
}

/** Every day of [from, to] (inclusive, `YYYY-MM-DD`), in order. */
export function daysOf(from: string, to: string): string[] {
  const a = dayNumberOf(from)
  const b = dayNumberOf(to)
  if (a === null || b === null || b < a) return []
  const out: string[] = []
  for (let d = a; d <= b; d++) out.push(dayString(d))
  return out
}

/** The days of the period grouped into buckets, in order. */
export function bucketsOf(from: string, to: string, bucket: Bucket): BucketSpan[] {
  const out: BucketSpan[] = []
  let cur: BucketSpan | null = null
  for (const day of daysOf(from, to)) {
    const n = dayNumberOf(day)!
    const key = bucket === 'day' ? day : bucket === 'week' ? dayString(Math.max(mondayOf(n), dayNumberOf(from)!)) : monthOf(day) === monthOf(from) ? from : `${monthOf(day)}-01`
    if (!cur || cur.key !== key) {
      cur = { key, label: labelOf(bucket, bucket === 'week' ? dayString(mondayOf(n)) : key), days: [] }
      out.push(cur)
    }
    cur.days.push(day)
  }
  return out
}

/** Sums a per-day value over each bucket. */
export function seriesOf<T, V>(spans: readonly BucketSpan[], perDay: (day: string) => V | undefined, add: (acc: T, v: V | undefined) => T, empty: () => T): { key: string; label: string; value: T }[] {
  return spans.map((s) => ({ key: s.key, label: s.label, value: s.days.reduce((acc, d) => add(acc, perDay(d)), empty()) }))
}
