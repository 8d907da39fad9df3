/**
 * Shared pieces of the survey function tests: a devcloud with the survey function registered next to the
 * others, a small survey definition with a show-if branch, and answer builders.
 */
import { sourceFunctions, startCloud, type StartOptions, type TestCloud } from '../support/runtime'
import type { SurveyDefinition, SurveyQuestion } from '../../src/domain/survey/constants'
import { normalizeQuestion } from '../../src/domain/survey/definition'

export function surveyFunctions(): Record<string, unknown> {
  return { ...sourceFunctions(), survey: require('../../cloudfunctions/survey/index') }
}

export function startSurveyCloud(opts: StartOptions = {}): Promise<TestCloud> {
  return startCloud({ functions: surveyFunctions(), ...opts })
}

const q = (p: Partial<SurveyQuestion> & Pick<SurveyQuestion, 'id' | 'kind' | 'title'>): SurveyQuestion =>
  normalizeQuestion({ description: '', required: true, options: [], minChoices: null, maxChoices: null, showIf: null, metric: null, positive: [], ...p })

/**
 * q1 awareness (single), q2 satisfaction scale, q3 shown only when q2 is 不满意/很不满意 (multi 1–2),
 * q4 support yes/no, q5 participation (multi), q6 optional long text.
 */
export function smallDefinition(now: number, over: Partial<SurveyDefinition> = {}): SurveyDefinition {
  return {
    title: '社区环境满意度小调查',
    intro: '了解您对社区环境的看法。',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 7 * 24 * 3600_000).toISOString(),
    audience: 'all',
    districtId: null,
    anonymous: true,
    showResults: true,
    allowAssisted: true,
    questions: [
      q({ id: 'q1', kind: 'single', title: '您知道创文吗？', options: [{ id: 'a', label: '知道' }, { id: 'b', label: '听说过' }, { id: 'c', label: '不知道' }], metric: 'awareness', positive: ['a', 'b'] }),
      q({ id: 'q2', kind: 'scale', title: '您对社区环境满意吗？', metric: 'satisfaction' }),
      q({
        id: 'q3',
        kind: 'multi',
        title: '哪些方面不满意？',
        options: [{ id: 'a', label: '垃圾' }, { id: 'b', label: '停车' }, { id: 'c', label: '噪音' }],
        minChoices: 1,
        maxChoices: 2,
        showIf: { questionId: 'q2', anyOf: ['s2', 's1'] },
      }),
      q({ id: 'q4', kind: 'yesno', title: '您支持创文吗？', metric: 'support' }),
      q({
        id: 'q5',
        kind: 'multi',
        title: '您参加过哪些活动？',
        options: [{ id: 'a', label: '志愿服务' }, { id: 'b', label: '随手拍' }, { id: 'c', label: '都没有' }],
        metric: 'participation',
        positive: ['a', 'b'],
      }),
      q({ id: 'q6', kind: 'textarea', title: '您的建议', required: false }),
    ],
    ...over,
  }
}

/** Answers for the small survey; `sat` picks q2, a dissatisfied answer includes q3. */
export function answersFor(sat: 's5' | 's4' | 's3' | 's2' | 's1', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    q1: 'a',
    q2: sat,
    ...(sat === 's2' || sat === 's1' ? { q3: ['b'] } : {}),
    q4: 'yes',
    q5: ['a'],
    ...extra,
  }
}

/** A created and published survey's id and its detail. */
export async function publishedSurvey(cloud: TestCloud, over: Partial<SurveyDefinition> = {}, staff = 'demo-staff') {
  const created = await cloud.as(staff).ok('survey', 'create', { definition: smallDefinition(cloud.rt.clock.now(), over) })
  const published = await cloud.as(staff).ok('survey', 'publish', { id: created.id, revision: created.revision })
  return published
}
