/**
 * Rates and their 95 % confidence intervals. Pure and zod-free (the results screen formats with it too).
 *
 * Interval: the Wilson score interval. Survey rates sit near 0 or 1 (满意度 of 95 %) and district samples are
 * small; there the textbook Wald interval p ± z·√(p(1−p)/n) breaks down — it collapses to zero width at
 * p = 0 or 1 and spills outside [0, 1] — while Wilson's stays inside [0, 1] and keeps close to its nominal
 * coverage for small n:
 *
 *   centre = (p + z²/2n) / (1 + z²/n)
 *   half   = z / (1 + z²/n) · √( p(1−p)/n + z²/4n² )
 *
 * A metric measured by several questions (满意度 over six named areas) is the pooled share of positive
 * answers over all its questions. The answers of one person to those questions are not independent, so its
 * interval does not use the number of answers as n: it uses the largest number of respondents who answered
 * any one of the questions — as if each person's answers were perfectly correlated. That is conservative
 * (the interval is at least as wide as the truth warrants) and exact when the metric has one question.
 */
import { METRICS, METRIC_LABELS, type Metric, type SurveyQuestion } from './constants'
import type { BucketTally, QuestionTally } from './tally'

/** The 97.5th percentile of the standard normal distribution. */
export const Z95 = 1.959963984540054

export interface Interval {
  low: number
  high: number
}

/** Wilson score interval for `positive` successes out of `n` (positive may be fractional, see above). */
export function wilson(positive: number, n: number, z: number = Z95): Interval | null {
  if (!(n > 0) || positive < 0 || positive > n) return null
  const p = positive / n
  const z2 = z * z
  const denom = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / denom
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  // Clamp rounding dust (p = 0 or 1 give exactly 0 / 1 mathematically).
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) }
}

export interface RateResult {
  /** Positive answers (for a pooled metric: positive answers over all its questions). */
  positive: number
  /** Answers the rate is over. */
  answers: number
  /** Sample size of the interval: respondents (see the header for pooled metrics). */
  n: number
  rate: number | null
  low: number | null
  high: number | null
}

export function rateOf(positive: number, answers: number, n: number = answers): RateResult {
  if (answers <= 0 || n <= 0) return { positive, answers, n: Math.max(0, n), rate: null, low: null, high: null }
  const rate = positive / answers
  const ci = wilson(rate * n, n)
  return { positive, answers, n, rate, low: ci?.low ?? null, high: ci?.high ?? null }
}

/**
 * Positive respondents of one question: the positive options' counts for single-answer kinds (so re-tagging
 * applies to answers already given), the submit-time count for multiple choice.
 */
export function questionPositive(q: SurveyQuestion, t: QuestionTally | undefined): number {
  if (!t) return 0
  if (q.kind === 'multi') return t.p ?? 0
  return q.positive.reduce((sum, id) => sum + (t.o?.[id] ?? 0), 0)
}

export function questionRate(q: SurveyQuestion, t: QuestionTally | undefined): RateResult | null {
  if (!q.metric) return null
  return rateOf(questionPositive(q, t), t?.a ?? 0)
}

export interface MetricResult extends RateResult {
  metric: Metric
  label: string
  /** Questions tagged with the metric. */
  questions: string[]
}

/** Each metric some question is tagged with, pooled over its questions, in the fixed metric order. */
export function metricRates(questions: readonly SurveyQuestion[], bucket: BucketTally): MetricResult[] {
  const out: MetricResult[] = []
  for (const metric of METRICS) {
    const tagged = questions.filter((q) => q.metric === metric && q.positive.length > 0)
    if (!tagged.length) continue
    let positive = 0
    let answers = 0
    let n = 0
    for (const q of tagged) {
      const t = bucket.q[q.id]
      positive += questionPositive(q, t)
      answers += t?.a ?? 0
      n = Math.max(n, t?.a ?? 0)
    }
    out.push({ metric, label: METRIC_LABELS[metric], questions: tagged.map((q) => q.id), ...rateOf(positive, answers, n) })
  }
  return out
}

/** `87.5%` (one decimal, trailing .0 dropped), or `—` when there is no rate. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—'
  return `${Number((rate * 100).toFixed(1))}%`
}

/** `95% CI 81.2%–93.0%`, or '' without an interval. */
export function formatInterval(r: Pick<RateResult, 'low' | 'high'>): string {
  if (r.low === null || r.high === null) return ''
  return `${formatPercent(r.low)}–${formatPercent(r.high)}`
}
