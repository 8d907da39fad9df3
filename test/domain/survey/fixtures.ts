import type { SurveyQuestion } from '@/domain/survey/constants'
import { normalizeQuestion } from '@/domain/survey/definition'

export const question = (p: Partial<SurveyQuestion> & Pick<SurveyQuestion, 'id' | 'kind'>): SurveyQuestion =>
  normalizeQuestion({ title: `题目${p.id}`, description: '', required: true, options: [], minChoices: null, maxChoices: null, showIf: null, metric: null, positive: [], ...p })

const abc = [
  { id: 'a', label: '甲' },
  { id: 'b', label: '乙' },
  { id: 'c', label: '丙' },
]

/**
 * q1 single → q2 (shown if q1 = a) scale → q3 (shown if q2 ∈ {s2, s1}) multi 1–2 → q4 yes/no →
 * q5 (shown if q4 = yes) short text, optional → q6 long text, optional.
 */
export const BRANCHY: SurveyQuestion[] = [
  question({ id: 'q1', kind: 'single', options: abc }),
  question({ id: 'q2', kind: 'scale', showIf: { questionId: 'q1', anyOf: ['a'] } }),
  question({ id: 'q3', kind: 'multi', options: abc, minChoices: 1, maxChoices: 2, showIf: { questionId: 'q2', anyOf: ['s2', 's1'] } }),
  question({ id: 'q4', kind: 'yesno' }),
  question({ id: 'q5', kind: 'text', required: false, showIf: { questionId: 'q4', anyOf: ['yes'] } }),
  question({ id: 'q6', kind: 'textarea', required: false }),
]
