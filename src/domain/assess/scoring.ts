/**
 * How a `data` item scores itself from a unit's figures. Pure and zod-free (the app shows the same
 * explanation the server stored). Two rules cover the seed cities' 考评细则:
 *
 *   linear  — a rate: at or below `zeroAt` scores 0, at or above `fullAt` full points, straight line between
 *             (e.g. 按时整改率 60 % → 0, 95 % → 15 points).
 *   deduct  — a count of bad events: `per` points off each one beyond the first `free`, never below 0
 *             (e.g. 超期督办: 1 point per 督办).
 *
 * No figure at all (no report dispatched, nobody signed up, no answers in the area) scores by `noData`:
 * `full` when silence means nothing went wrong (no overdue cases), `zero` when the unit had to show up.
 * Scores are rounded to 0.1 and never exceed the item's points.
 */
import { DATA_METRIC_LABELS, SURVEY_METRIC_LABELS, formatScore, isRateMetric, type DataMetric, type SurveyMetric } from './labels'

export type Scoring = { type: 'linear'; zeroAt: number; fullAt: number } | { type: 'deduct'; per: number; free: number }

export interface DataRule {
  metric: DataMetric
  scoring: Scoring
  noData: 'full' | 'zero'
  /** survey_rate only: which survey (wave) and which of its rates. */
  surveyId: string | null
  surveyMetric: SurveyMetric | null
}

/** One unit's figure for a metric: a rate (numerator / denominator) or a count; `value` null = no data. */
export interface Figure {
  value: number | null
  numerator: number | null
  denominator: number | null
  /** What was counted, in words (shown to the unit so it can see why it got its score). */
  detail: string
}

export const rateFigure = (numerator: number, denominator: number, detail: string): Figure => ({
  value: denominator > 0 ? numerator / denominator : null,
  numerator,
  denominator,
  detail,
})
export const countFigure = (count: number, detail: string): Figure => ({ value: count, numerator: null, denominator: null, detail })

export const roundScore = (x: number): number => Math.round((x + 1e-9) * 10) / 10
const clamp = (x: number, max: number) => Math.min(max, Math.max(0, x))

/** The score of `points` for `figure` under `rule`. */
export function scoreFigure(rule: Pick<DataRule, 'scoring' | 'noData'>, points: number, figure: Pick<Figure, 'value'>): number {
  if (figure.value === null) return rule.noData === 'full' ? points : 0
  const s = rule.scoring
  if (s.type === 'linear') {
    if (figure.value <= s.zeroAt) return 0
    if (figure.value >= s.fullAt) return points
    return clamp(roundScore((points * (figure.value - s.zeroAt)) / (s.fullAt - s.zeroAt)), points)
  }
  return clamp(roundScore(points - s.per * Math.max(0, figure.value - s.free)), points)
}

export const pct = (r: number): string => `${Number((r * 100).toFixed(1))}%`

/** The rule in words: `60%及以下得0分，95%及以上得满分，其间按比例计分` / `每次扣1分，扣完为止`. */
export function describeRule(rule: Pick<DataRule, 'metric' | 'scoring' | 'noData' | 'surveyMetric'>): string {
  const s = rule.scoring
  const name = metricName(rule)
  const main =
    s.type === 'linear'
      ? `${name}${pct(s.zeroAt)}及以下得0分，${pct(s.fullAt)}及以上得满分，其间按比例计分`
      : `${name}${s.free > 0 ? `超过${s.free}次的部分` : ''}每次扣${formatScore(s.per)}分，扣完为止`
  return `${main}；无数据时${rule.noData === 'full' ? '得满分' : '不得分'}`
}

export function metricName(rule: Pick<DataRule, 'metric' | 'surveyMetric'>): string {
  if (rule.metric === 'survey_rate' && rule.surveyMetric) return `问卷${SURVEY_METRIC_LABELS[rule.surveyMetric]}`
  return DATA_METRIC_LABELS[rule.metric]
}

/** `按时整改率 85%（17/20）` / `超期督办次数 3` / `按时整改率 无数据`. */
export function describeFigure(rule: Pick<DataRule, 'metric' | 'surveyMetric'>, figure: Figure): string {
  const name = metricName(rule)
  if (figure.value === null) return `${name} 无数据`
  if (isRateMetric(rule.metric)) {
    const frac = figure.numerator !== null && figure.denominator !== null ? `（${formatScore(figure.numerator)}/${formatScore(figure.denominator)}）` : ''
    return `${name} ${pct(figure.value)}${frac}`
  }
  return `${name} ${figure.value}`
}

/** Problems with a rule as staff wrote it, or null. */
export function ruleProblem(rule: DataRule): string | null {
  const rate = isRateMetric(rule.metric)
  if (rate && rule.scoring.type !== 'linear') return `${DATA_METRIC_LABELS[rule.metric]}按比例计分，请设置得0分和得满分的比例`
  if (!rate && rule.scoring.type !== 'deduct') return `${DATA_METRIC_LABELS[rule.metric]}按次扣分，请设置每次扣分`
  if (rule.scoring.type === 'linear' && rule.scoring.fullAt <= rule.scoring.zeroAt) return '得满分的比例应高于得0分的比例'
  if (rule.metric === 'survey_rate' && !rule.surveyMetric) return '请选择问卷测评的指标（知晓率、满意度等）'
  return null
}
