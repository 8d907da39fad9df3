/**
 * One question as respondents (and staff entering a paper form) answer it. Choice questions are big tap
 * targets (radio rows, a five-step satisfaction scale, a yes/no pair, checkbox rows); text is an input or a
 * text area with a counter.
 * Test hooks: `#q-<id>` (data-kind, data-answered), options `#q-<id>-opt-<optionId>` (`.sq-option`,
 * `.is-selected`), text `#q-<id>-input`, the error `#q-<id>-error`.
 */
import { Input, Text, Textarea, View } from '@tarojs/components'
import { LIMITS, type AnswerValue, type SurveyQuestion } from '@/domain/survey/constants'
import { toast } from './util'

export type FieldQuestion = Pick<SurveyQuestion, 'id' | 'kind' | 'title' | 'description' | 'required' | 'options' | 'minChoices' | 'maxChoices' | 'showIf'>

export interface QuestionFieldProps {
  question: FieldQuestion
  /** Number shown (1-based, counting only the questions on screen). */
  number: number
  value: AnswerValue | undefined
  onChange: (value: AnswerValue) => void
  error?: string | null
  /** Shown after a show-if question appeared, so the change is noticed. */
  branch?: boolean
}

function hint(q: FieldQuestion): string {
  if (q.kind !== 'multi') return ''
  const min = q.minChoices ?? 0
  const max = q.maxChoices
  if (max && min > 1) return `（多选，选 ${min}–${max} 项）`
  if (max) return `（多选，最多 ${max} 项）`
  if (min > 1) return `（多选，至少 ${min} 项）`
  return '（多选）'
}

export function QuestionField({ question: q, number, value, onChange, error, branch }: QuestionFieldProps) {
  const picked = Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : []
  const answered = q.kind === 'text' || q.kind === 'textarea' ? typeof value === 'string' && value.trim() !== '' : picked.length > 0

  const toggle = (id: string) => {
    if (q.kind === 'multi') {
      const next = picked.includes(id) ? picked.filter((x) => x !== id) : [...picked, id]
      if (q.maxChoices && next.length > q.maxChoices) {
        toast(`此题最多选择 ${q.maxChoices} 项`)
        return
      }
      onChange(q.options.map((o) => o.id).filter((o) => next.includes(o)))
    } else {
      onChange(id)
    }
  }

  return (
    <View
      id={`q-${q.id}`}
      className={`sq-card${error ? ' has-error' : ''}${branch ? ' is-branch' : ''}`}
      data-kind={q.kind}
      data-answered={answered ? '1' : '0'}
    >
      <View className='sq-head'>
        <Text className='sq-num'>{number}</Text>
        <View className='sq-head__text'>
          <Text className='sq-title'>
            {q.title}
            {q.required ? <Text className='sq-required'> *</Text> : <Text className='sq-optional'>（选填）</Text>}
            <Text className='sq-hint'>{hint(q)}</Text>
          </Text>
          {q.description ? <Text className='sq-desc'>{q.description}</Text> : null}
        </View>
      </View>

      {q.kind === 'scale' ? (
        <View className='sq-scale'>
          {q.options.map((o, i) => (
            <View
              key={o.id}
              id={`q-${q.id}-opt-${o.id}`}
              className={`sq-option sq-scale__step tone-${i}${picked.includes(o.id) ? ' is-selected' : ''}`}
              onClick={() => toggle(o.id)}
            >
              <Text className='sq-scale__face'>{['😄', '🙂', '😐', '🙁', '😣'][i] ?? '•'}</Text>
              <Text className='sq-scale__label'>{o.label}</Text>
            </View>
          ))}
        </View>
      ) : q.kind === 'yesno' ? (
        <View className='sq-yesno'>
          {q.options.map((o) => (
            <View key={o.id} id={`q-${q.id}-opt-${o.id}`} className={`sq-option sq-yesno__btn${picked.includes(o.id) ? ' is-selected' : ''}`} onClick={() => toggle(o.id)}>
              <Text>{o.label}</Text>
            </View>
          ))}
        </View>
      ) : q.kind === 'single' || q.kind === 'multi' ? (
        <View className='sq-options'>
          {q.options.map((o) => (
            <View key={o.id} id={`q-${q.id}-opt-${o.id}`} className={`sq-option sq-row${picked.includes(o.id) ? ' is-selected' : ''}`} onClick={() => toggle(o.id)}>
              <View className={`sq-mark ${q.kind === 'multi' ? 'sq-mark--box' : 'sq-mark--dot'}`}>
                {picked.includes(o.id) ? <Text className='sq-mark__tick'>{q.kind === 'multi' ? '✓' : ''}</Text> : null}
              </View>
              <Text className='sq-row__label'>{o.label}</Text>
            </View>
          ))}
        </View>
      ) : q.kind === 'text' ? (
        <View className='sq-text'>
          <Input
            id={`q-${q.id}-input`}
            className='sq-input'
            value={typeof value === 'string' ? value : ''}
            maxlength={LIMITS.text}
            placeholder='请输入'
            onInput={(e) => onChange(e.detail.value)}
          />
        </View>
      ) : (
        <View className='sq-text'>
          <Textarea
            id={`q-${q.id}-input`}
            className='sq-textarea'
            value={typeof value === 'string' ? value : ''}
            maxlength={LIMITS.textarea}
            placeholder='请写下您的意见和建议'
            autoHeight
            onInput={(e) => onChange(e.detail.value)}
          />
          <Text className='sq-counter'>
            {typeof value === 'string' ? value.length : 0}/{LIMITS.textarea}
          </Text>
        </View>
      )}

      {error ? (
        <Text id={`q-${q.id}-error`} className='sq-error'>
          {error}
        </Text>
      ) : null}
    </View>
  )
}

export default QuestionField
