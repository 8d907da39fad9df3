/**
 * Stored survey → what each audience sees, and the lifecycle rules (draft → published → closed).
 * Server-side (uses `toIso`, whose module imports zod); the client receives these views ready-made.
 */
import { toIso } from '../shared/time'
import type { SurveyDefinition, SurveyPhase } from './constants'
import type { AnswerSurvey, SurveyDetail, SurveyDoc, SurveySummary } from './schema'

const iso = (v: unknown): string => toIso(v) ?? new Date(0).toISOString()
const ms = (v: unknown): number => Date.parse(iso(v))

/** Draft; published before / within / after its window; closed early or by staff. */
export function phaseOf(doc: Pick<SurveyDoc, 'status' | 'opensAt' | 'closesAt'>, now: Date): SurveyPhase {
  if (doc.status === 'draft') return 'draft'
  if (doc.status === 'closed') return 'closed'
  const t = now.getTime()
  if (t < ms(doc.opensAt)) return 'scheduled'
  if (t >= ms(doc.closesAt)) return 'closed'
  return 'open'
}

export function definitionOf(doc: SurveyDoc): SurveyDefinition {
  return {
    title: doc.title,
    intro: doc.intro,
    opensAt: iso(doc.opensAt),
    closesAt: iso(doc.closesAt),
    audience: doc.audience,
    districtId: doc.districtId,
    anonymous: doc.anonymous,
    showResults: doc.showResults,
    allowAssisted: doc.allowAssisted,
    questions: doc.questions,
  }
}

export function toSummary(doc: SurveyDoc, now: Date): SurveySummary {
  return {
    id: doc._id,
    title: doc.title,
    status: doc.status,
    phase: phaseOf(doc, now),
    opensAt: iso(doc.opensAt),
    closesAt: iso(doc.closesAt),
    audience: doc.audience,
    districtId: doc.districtId,
    districtName: doc.districtName,
    anonymous: doc.anonymous,
    showResults: doc.showResults,
    allowAssisted: doc.allowAssisted,
    seriesId: doc.seriesId,
    wave: doc.wave,
    questionCount: doc.questions.length,
    updatedAt: iso(doc.updatedAt),
  }
}

export function toDetail(doc: SurveyDoc, now: Date, responses: number): SurveyDetail {
  return {
    ...toSummary(doc, now),
    revision: doc.revision,
    definition: definitionOf(doc),
    responses,
    locked: responses > 0,
    publishedAt: toIso(doc.publishedAt),
    closedAt: toIso(doc.closedAt),
  }
}

/** The questionnaire as respondents get it: without metric tags and positive answers (staff's business). */
export function toAnswerSurvey(doc: SurveyDoc, now: Date): AnswerSurvey {
  const questions = doc.questions.map(({ metric: _metric, positive: _positive, ...q }) => q)
  return { ...toSummary(doc, now), intro: doc.intro, questions }
}

/** Who the survey is for, in words: 全体市民 / 文华区居民 / 注册志愿者. */
export function audienceText(doc: Pick<SurveyDoc, 'audience' | 'districtName'>): string {
  if (doc.audience === 'district') return `${doc.districtName ?? '指定辖区'}居民`
  if (doc.audience === 'volunteers') return '注册志愿者'
  return '全体市民'
}
