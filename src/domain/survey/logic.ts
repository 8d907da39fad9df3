/**
 * Answering a survey: show-if evaluation, answer validation and progress. Pure and zod-free — the server
 * validates every submission with `validateAnswers`, and the answer screen imports the same functions at
 * runtime to hide/show questions live and to point at what is missing before the resident submits.
 *
 * Hostile input is expected here (the payload is only JSON-checked before): answers are read with own-key
 * lookups into Maps, values of the wrong type are issues, never exceptions.
 */
import { LIMITS, isChoiceKind, isTextKind, type AnswerValue, type Answers, type Issue, type SurveyQuestion } from './constants'

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)

/** The answer of a question, if the answers object has one of its own (never from the prototype). */
export function answerOf(answers: Answers, questionId: string): AnswerValue | undefined {
  return hasOwn(answers, questionId) ? answers[questionId] : undefined
}

/** Option ids an answer picked (a choice answer as a list; anything else is empty). */
export function pickedOptions(value: AnswerValue | undefined): string[] {
  if (typeof value === 'string') return value ? [value] : []
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
  return []
}

/** Whether a value counts as an answer to the question (text trimmed; empty lists and strings do not). */
export function isAnswered(q: SurveyQuestion, value: AnswerValue | undefined): boolean {
  if (value === undefined || value === null) return false
  if (isTextKind(q.kind)) return typeof value === 'string' && value.trim().length > 0
  if (q.kind === 'multi') return Array.isArray(value) && value.length > 0
  return typeof value === 'string' && value.length > 0
}

/**
 * The questions shown for these answers, in order. A question with a show-if rule is shown when its source
 * question is itself shown and its answer picked one of `anyOf`; a rule pointing at a later, missing or
 * text question never shows (definitions forbid those, see `definition.ts`). Hidden questions chain: if A
 * is hidden, B depending on A is hidden too, whatever stale answer A still has in the draft.
 */
export function visibleQuestions(questions: readonly SurveyQuestion[], answers: Answers): SurveyQuestion[] {
  const shown = new Set<string>()
  const out: SurveyQuestion[] = []
  for (const q of questions) {
    if (isShown(q, answers, shown)) {
      shown.add(q.id)
      out.push(q)
    }
  }
  return out
}

function isShown(q: SurveyQuestion, answers: Answers, shownBefore: ReadonlySet<string>): boolean {
  const rule = q.showIf
  if (!rule) return true
  if (!shownBefore.has(rule.questionId)) return false
  const picked = pickedOptions(answerOf(answers, rule.questionId))
  return picked.some((id) => rule.anyOf.includes(id))
}

export function visibleIds(questions: readonly SurveyQuestion[], answers: Answers): Set<string> {
  return new Set(visibleQuestions(questions, answers).map((q) => q.id))
}

/** Answered / shown questions, for the progress bar (only what the resident can see counts). */
export function progress(questions: readonly SurveyQuestion[], answers: Answers): { answered: number; total: number; requiredLeft: number } {
  const shown = visibleQuestions(questions, answers)
  let answered = 0
  let requiredLeft = 0
  for (const q of shown) {
    if (isAnswered(q, answerOf(answers, q.id))) answered++
    else if (q.required) requiredLeft++
  }
  return { answered, total: shown.length, requiredLeft }
}

/**
 * Only the answers to questions still shown, with the unanswered ones dropped: what the answer screen
 * submits after the resident changed an earlier answer and a branch disappeared.
 */
export function pruneHidden(questions: readonly SurveyQuestion[], answers: Answers): Answers {
  const out: Answers = {}
  for (const q of visibleQuestions(questions, answers)) {
    const v = answerOf(answers, q.id)
    if (isAnswered(q, v)) out[q.id] = v as AnswerValue
  }
  return out
}

export type AnswerCheck = { ok: true; answers: Answers; visible: string[] } | { ok: false; issues: Issue[] }

const label = (_q: SurveyQuestion, index: number) => `第${index + 1}题`

/**
 * Checks answers against the survey's own definition, as the server must before counting them:
 * - a key that is not a question of this survey → issue;
 * - an answer to a question hidden by its show-if rule → issue (it would distort the branch's counts);
 * - a required shown question without an answer → issue;
 * - a choice that is not one of the question's options, a repeated choice, too few / too many choices,
 *   the wrong type, or text over the length limit → issue.
 * Returns the normalised answers (text trimmed, multiple choices in option order, empty optional
 * answers dropped) and the ids of the shown questions.
 */
export function validateAnswers(questions: readonly SurveyQuestion[], raw: unknown): AnswerCheck {
  const issues: Issue[] = []
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: [{ path: 'answers', message: '答案格式不正确' }] }
  }
  const input = raw as Record<string, unknown>
  const byId = new Map(questions.map((q, i) => [q.id, { q, i }]))
  for (const key of Object.keys(input)) {
    if (!byId.has(key)) issues.push({ path: `answers.${key}`, message: '问卷中没有这道题' })
  }
  if (issues.length) return { ok: false, issues }

  // Type check first, so show-if evaluation below only sees well-typed values.
  const typed: Answers = {}
  for (const [key, value] of Object.entries(input)) {
    const { q, i } = byId.get(key)!
    const path = `answers.${key}`
    if (q.kind === 'multi') {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
        issues.push({ path, message: `${label(q, i)}的答案应为选项列表` })
        continue
      }
    } else if (typeof value !== 'string') {
      issues.push({ path, message: `${label(q, i)}的答案格式不正确` })
      continue
    }
    typed[key] = value as AnswerValue
  }
  if (issues.length) return { ok: false, issues }

  const visible = visibleIds(questions, typed)
  const out: Answers = {}
  questions.forEach((q, i) => {
    const path = `answers.${q.id}`
    const value = answerOf(typed, q.id)
    const shown = visible.has(q.id)
    const answered = isAnswered(q, value)
    if (!shown) {
      if (answered) issues.push({ path, message: `${label(q, i)}在当前作答情况下不显示，不能作答` })
      return
    }
    if (!answered) {
      if (q.required) issues.push({ path, message: `${label(q, i)}为必答题` })
      return
    }
    if (isTextKind(q.kind)) {
      const text = (value as string).trim()
      const max = q.kind === 'text' ? LIMITS.text : LIMITS.textarea
      if (text.length > max) issues.push({ path, message: `${label(q, i)}最多 ${max} 个字` })
      else out[q.id] = text
      return
    }
    const ids = new Set(q.options.map((o) => o.id))
    if (q.kind === 'multi') {
      const picked = value as string[]
      if (new Set(picked).size !== picked.length) {
        issues.push({ path, message: `${label(q, i)}有重复的选项` })
        return
      }
      if (picked.some((id) => !ids.has(id))) {
        issues.push({ path, message: `${label(q, i)}的选项不存在` })
        return
      }
      if (q.minChoices !== null && picked.length < q.minChoices) {
        issues.push({ path, message: `${label(q, i)}至少选择 ${q.minChoices} 项` })
        return
      }
      if (q.maxChoices !== null && picked.length > q.maxChoices) {
        issues.push({ path, message: `${label(q, i)}最多选择 ${q.maxChoices} 项` })
        return
      }
      out[q.id] = q.options.map((o) => o.id).filter((id) => picked.includes(id))
      return
    }
    if (!isChoiceKind(q.kind) || !ids.has(value as string)) {
      issues.push({ path, message: `${label(q, i)}的选项不存在` })
      return
    }
    out[q.id] = value as string
  })
  if (issues.length) return { ok: false, issues }
  return { ok: true, answers: out, visible: questions.filter((q) => visible.has(q.id)).map((q) => q.id) }
}

/**
 * Keeps what still fits the current definition from answers saved on the device (the survey may have been
 * edited since: a renamed option keeps its id, a removed one is dropped). Never throws on junk storage.
 */
export function sanitizeDraft(questions: readonly SurveyQuestion[], stored: unknown): Answers {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {}
  const input = stored as Record<string, unknown>
  const out: Answers = {}
  for (const q of questions) {
    if (!hasOwn(input, q.id)) continue
    const v = input[q.id]
    const ids = new Set(q.options.map((o) => o.id))
    if (isTextKind(q.kind)) {
      if (typeof v === 'string') out[q.id] = v.slice(0, q.kind === 'text' ? LIMITS.text : LIMITS.textarea)
    } else if (q.kind === 'multi') {
      if (Array.isArray(v)) out[q.id] = Array.from(new Set(v.filter((id): id is string => typeof id === 'string' && ids.has(id))))
    } else if (typeof v === 'string' && ids.has(v)) {
      out[q.id] = v
    }
  }
  return out
}
