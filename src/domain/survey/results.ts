/**
 * Results from tallies (never from raw responses): overall, per district, per wave of the series, every
 * question's chart data and the flagged bucket apart. Pure; the server feeds it the few documents it read.
 */
import { isChoiceKind, isTextKind, type SurveyQuestion } from './constants'
import type { DistrictResult, QuestionResult, WaveResult } from './schema'
import { metricRates, questionRate, type MetricResult } from './stats'
import type { BucketTally } from './tally'

export function questionResults(questions: readonly SurveyQuestion[], bucket: BucketTally): QuestionResult[] {
  return questions.map((q) => {
    const t = bucket.q[q.id]
    const answered = t?.a ?? 0
    const options = isChoiceKind(q.kind)
      ? q.options.map((o) => {
          const count = t?.o?.[o.id] ?? 0
          return { id: o.id, label: o.label, count, share: answered ? count / answered : null, positive: !!q.metric && q.positive.includes(o.id) }
        })
      : []
    return {
      id: q.id,
      kind: q.kind,
      title: q.title,
      metric: isTextKind(q.kind) ? null : q.metric,
      conditional: q.showIf !== null,
      shown: t?.s ?? 0,
      answered,
      options,
      rate: questionRate(q, t),
    }
  })
}

export function districtResults(
  questions: readonly SurveyQuestion[],
  districts: readonly { districtId: string; name: string; counts: { m: BucketTally; f: BucketTally } }[],
): DistrictResult[] {
  return districts.map((d) => ({
    districtId: d.districtId,
    name: d.name,
    responses: d.counts.m.n,
    assisted: d.counts.m.as,
    flagged: d.counts.f.n,
    metrics: metricRates(questions, d.counts.m),
  }))
}

export function waveResult(
  wave: { surveyId: string; wave: number; title: string; phase: WaveResult['phase']; opensAt: string; questions: readonly SurveyQuestion[] },
  counted: BucketTally,
): WaveResult {
  return {
    surveyId: wave.surveyId,
    wave: wave.wave,
    title: wave.title,
    phase: wave.phase,
    opensAt: wave.opensAt,
    responses: counted.n,
    metrics: metricRates(wave.questions, counted),
  }
}

export type { MetricResult }
