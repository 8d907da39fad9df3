/**
 * Survey definitions: normalisation and the cross-field rules zod's shape checks cannot express (ids unique,
 * show-if pointing backwards at a choice question, choice bounds within the options, positive answers that
 * exist …). Pure and zod-free, so the builder screen shows the same problems the server would refuse.
 */
import {
  DEFAULT_POSITIVE,
  KEY_PATTERN,
  KIND_LABELS,
  LIMITS,
  SCALE_OPTIONS,
  YESNO_OPTIONS,
  isChoiceKind,
  isTextKind,
  type Issue,
  type QuestionKind,
  type SurveyDefinition,
  type SurveyOption,
  type SurveyQuestion,
} from './constants'

/** Fixed options of the kinds that have them. */
export function fixedOptions(kind: QuestionKind): SurveyOption[] | null {
  if (kind === 'scale') return SCALE_OPTIONS.map((o) => ({ ...o }))
  if (kind === 'yesno') return YESNO_OPTIONS.map((o) => ({ ...o }))
  if (isTextKind(kind)) return []
  return null
}

/**
 * The canonical form of a question: fixed options for scale and yes/no (their labels cannot drift between
 * waves), no options for text, choice bounds only on multiple choice, positive answers only with a metric
 * and only among the options (a metric without any gets the kind's default).
 */
export function normalizeQuestion(q: SurveyQuestion): SurveyQuestion {
  const options = fixedOptions(q.kind) ?? q.options.map((o) => ({ id: o.id, label: o.label.trim() }))
  const optionIds = new Set(options.map((o) => o.id))
  const metric = isTextKind(q.kind) ? null : q.metric
  let positive = metric ? Array.from(new Set(q.positive)).filter((id) => optionIds.has(id)) : []
  if (metric && positive.length === 0) positive = [...(DEFAULT_POSITIVE[q.kind] ?? [])]
  // Positive ids in option order, so equal sets compare equal.
  positive = options.map((o) => o.id).filter((id) => positive.includes(id))
  return {
    id: q.id,
    kind: q.kind,
    title: q.title.trim(),
    description: (q.description ?? '').trim(),
    required: q.required,
    options,
    minChoices: q.kind === 'multi' ? q.minChoices : null,
    maxChoices: q.kind === 'multi' ? q.maxChoices : null,
    showIf: q.showIf ? { questionId: q.showIf.questionId, anyOf: Array.from(new Set(q.showIf.anyOf)) } : null,
    metric,
    positive,
  }
}

export function normalizeDefinition(def: SurveyDefinition): SurveyDefinition {
  return {
    ...def,
    title: def.title.trim(),
    intro: def.intro.trim(),
    districtId: def.audience === 'district' ? def.districtId : null,
    questions: def.questions.map(normalizeQuestion),
  }
}

const qLabel = (i: number) => `第${i + 1}题`

/**
 * Problems of a (normalised) definition. `publishing` adds what a live survey needs: at least one question
 * and a closing time still ahead.
 */
export function checkDefinition(def: SurveyDefinition, opts: { publishing?: boolean; now?: Date } = {}): Issue[] {
  const issues: Issue[] = []
  const add = (path: string, message: string) => issues.push({ path, message })

  if (!def.title.trim()) add('title', '请填写问卷标题')
  const opens = Date.parse(def.opensAt)
  const closes = Date.parse(def.closesAt)
  if (Number.isNaN(opens)) add('opensAt', '开始时间不正确')
  if (Number.isNaN(closes)) add('closesAt', '截止时间不正确')
  if (!Number.isNaN(opens) && !Number.isNaN(closes) && closes <= opens) add('closesAt', '截止时间应晚于开始时间')
  if (def.audience === 'district' && !def.districtId) add('districtId', '面向指定辖区时请选择辖区')
  if (def.questions.length > LIMITS.questions) add('questions', `最多 ${LIMITS.questions} 道题`)
  if (opts.publishing) {
    if (def.questions.length === 0) add('questions', '请至少添加一道题')
    if (opts.now && !Number.isNaN(closes) && closes <= opts.now.getTime()) add('closesAt', '截止时间已过，请重新设置')
  }

  const seen = new Map<string, { q: SurveyQuestion; i: number }>()
  def.questions.forEach((q, i) => {
    const path = `questions.${i}`
    const name = qLabel(i)
    if (!KEY_PATTERN.test(q.id)) add(`${path}.id`, `${name}的编号格式不正确`)
    if (seen.has(q.id)) add(`${path}.id`, `${name}的编号与${qLabel(seen.get(q.id)!.i)}重复`)
    if (!q.title.trim()) add(`${path}.title`, `${name}未填写题目`)

    if (q.kind === 'single' || q.kind === 'multi') {
      if (q.options.length < 2) add(`${path}.options`, `${name}至少需要 2 个选项`)
      if (q.options.length > LIMITS.options) add(`${path}.options`, `${name}最多 ${LIMITS.options} 个选项`)
      const ids = new Set<string>()
      const labels = new Set<string>()
      q.options.forEach((o, j) => {
        if (!KEY_PATTERN.test(o.id)) add(`${path}.options.${j}.id`, `${name}选项编号格式不正确`)
        if (ids.has(o.id)) add(`${path}.options.${j}.id`, `${name}的选项编号重复`)
        ids.add(o.id)
        if (!o.label.trim()) add(`${path}.options.${j}.label`, `${name}有空白选项`)
        else if (labels.has(o.label.trim())) add(`${path}.options.${j}.label`, `${name}有重复的选项“${o.label.trim()}”`)
        labels.add(o.label.trim())
      })
    }
    if (q.kind === 'multi') {
      const min = q.minChoices ?? 0
      const max = q.maxChoices ?? q.options.length
      if (min < 0 || max < 1 || min > max) add(`${path}.minChoices`, `${name}的最少/最多选择项数不合理`)
      else if (max > q.options.length) add(`${path}.maxChoices`, `${name}最多可选项数超过了选项数`)
      else if (q.required && min === 0 && q.minChoices !== null) add(`${path}.minChoices`, `${name}为必答题，最少应选 1 项`)
    }

    if (q.showIf) {
      const src = seen.get(q.showIf.questionId)
      if (!src) {
        const later = def.questions.some((o) => o.id === q.showIf!.questionId)
        add(`${path}.showIf`, later ? `${name}的显示条件只能依据它前面的题目` : `${name}的显示条件引用了不存在的题目`)
      } else if (!isChoiceKind(src.q.kind)) {
        add(`${path}.showIf`, `${name}的显示条件只能依据选择类题目`)
      } else if (q.showIf.anyOf.length === 0) {
        add(`${path}.showIf`, `${name}的显示条件请至少选择一个选项`)
      } else if (q.showIf.anyOf.some((id) => !src.q.options.some((o) => o.id === id))) {
        add(`${path}.showIf`, `${name}的显示条件引用了不存在的选项`)
      }
    }

    if (q.metric) {
      if (!isChoiceKind(q.kind)) add(`${path}.metric`, `${KIND_LABELS[q.kind]}不能计入指标`)
      else if (q.positive.length === 0) add(`${path}.positive`, `${name}请选择哪些答案计为正向`)
      else if (q.positive.some((id) => !q.options.some((o) => o.id === id))) add(`${path}.positive`, `${name}的正向答案不是它的选项`)
    }
    if (!seen.has(q.id)) seen.set(q.id, { q, i })
  })
  return issues
}

/** Next free question id (`q1`, `q2` …) and option id (`a` … `z`, then `o27` …) for the builder. */
export function nextQuestionId(questions: readonly Pick<SurveyQuestion, 'id'>[]): string {
  const used = new Set(questions.map((q) => q.id))
  for (let n = questions.length + 1; ; n++) if (!used.has(`q${n}`)) return `q${n}`
}

export function nextOptionId(options: readonly SurveyOption[]): string {
  const used = new Set(options.map((o) => o.id))
  for (let i = 0; i < 26; i++) {
    const id = String.fromCharCode(97 + i)
    if (!used.has(id)) return id
  }
  for (let n = 27; ; n++) if (!used.has(`o${n}`)) return `o${n}`
}

/** A blank question of a kind, as the builder adds it. */
export function blankQuestion(kind: QuestionKind, id: string): SurveyQuestion {
  return normalizeQuestion({
    id,
    kind,
    title: '',
    description: '',
    required: true,
    options: kind === 'single' || kind === 'multi' ? [{ id: 'a', label: '' }, { id: 'b', label: '' }] : [],
    minChoices: null,
    maxChoices: null,
    showIf: null,
    metric: null,
    positive: [],
  })
}
