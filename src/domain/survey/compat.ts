/**
 * What may change in a survey that already has answers. Answers are stored and tallied by question and
 * option id, and the show-if branches decide which questions each respondent saw; so once anyone has
 * answered, only wording may change (titles, descriptions, option labels, the introduction), plus the
 * interpretation of single-answer questions (metric tags and positive answers are read from per-option
 * counts at results time) and the closing time. Anything structural — adding, removing or reordering
 * questions or options, changing a kind, a required flag, choice bounds, a show-if rule, the audience or
 * anonymity — would make earlier answers mean something else: that is a new wave (`duplicate`).
 *
 * Multiple choice is the exception to re-tagging: "picked at least one positive option" cannot be derived
 * from per-option counts (choices overlap), so it is tallied at submit time and its metric / positive
 * answers are fixed once answers exist.
 */
import type { Issue, SurveyDefinition } from './constants'

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
const qLabel = (i: number) => `第${i + 1}题`

export const NEW_WAVE_HINT = '已有答卷的问卷只能修改文字；如需调整题目结构，请“复制为下一轮”后修改'

/** Why `next` cannot replace `prev` on a survey with answers ([] = compatible). Both normalised. */
export function incompatibleChanges(prev: SurveyDefinition, next: SurveyDefinition): Issue[] {
  const issues: Issue[] = []
  const add = (path: string, message: string) => issues.push({ path, message })

  if (prev.audience !== next.audience || prev.districtId !== next.districtId) add('audience', '不能修改调查对象')
  if (prev.anonymous !== next.anonymous) add('anonymous', '不能修改是否匿名（已作答的市民是按原设置作答的）')
  if (prev.opensAt !== next.opensAt && Date.parse(prev.opensAt) !== Date.parse(next.opensAt)) add('opensAt', '不能修改开始时间')

  const prevIds = prev.questions.map((q) => q.id)
  const nextIds = next.questions.map((q) => q.id)
  const removed = prev.questions.filter((q) => !nextIds.includes(q.id))
  const added = next.questions.filter((q) => !prevIds.includes(q.id))
  if (removed.length) add('questions', `不能删除题目（${removed.map((q) => `“${q.title}”`).join('、')}）`)
  if (added.length) add('questions', '不能新增题目')
  if (!removed.length && !added.length && !same(prevIds, nextIds)) add('questions', '不能调整题目顺序')

  next.questions.forEach((q, i) => {
    const old = prev.questions.find((p) => p.id === q.id)
    if (!old) return
    const path = `questions.${i}`
    const name = qLabel(prevIds.indexOf(q.id))
    if (old.kind !== q.kind) add(`${path}.kind`, `${name}不能修改题型`)
    if (old.required !== q.required) add(`${path}.required`, `${name}不能修改是否必答`)
    if (!same(old.options.map((o) => o.id), q.options.map((o) => o.id))) add(`${path}.options`, `${name}不能增删或调整选项，只能修改选项文字`)
    if (old.minChoices !== q.minChoices || old.maxChoices !== q.maxChoices) add(`${path}.minChoices`, `${name}不能修改可选项数`)
    if (!same(old.showIf, q.showIf)) add(`${path}.showIf`, `${name}不能修改显示条件`)
    if (q.kind === 'multi' && (old.metric !== q.metric || !same(old.positive, q.positive))) {
      add(`${path}.metric`, `${name}（多选题）不能修改指标和正向答案`)
    }
  })
  return issues
}
