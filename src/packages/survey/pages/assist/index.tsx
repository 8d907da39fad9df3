/**
 * 代录问卷 (staff): enter a paper or door-to-door questionnaire on a resident's behalf. The respondent's
 * mobile or ID number is required to keep one count per person (hashed on the server, never stored in
 * clear); the entry is marked 代录. After each entry the form clears for the next one (district kept).
 *
 * Test hooks: #page-survey-assist, #assist-person, #assist-district .sq-choice (data-id), #assist-paper,
 * #assist-submit, #assist-error, #assist-count (data-count), questions via QuestionField.
 */
import { useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { callAction, useAction } from '@/services'
import type { AnswerValue, Answers } from '@/domain/survey/constants'
import { progress, pruneHidden, validateAnswers, visibleQuestions } from '@/domain/survey/logic'
import { maskPersonKey, normalizePersonKey } from '@/domain/survey/person'
import QuestionField from '../../components/QuestionField'
import { useCall } from '../../components/useCall'
import { routeParam, toast } from '../../components/util'
import '../../components/survey.scss'

const local = (message: string) => message.replace(/^第\d+题/, '此题')

export default function SurveyAssistPage() {
  const id = routeParam('id')
  const survey = useCall(() => callAction('survey', 'get', { id }), [id])
  const districts = useAction('city', 'listDistricts', {})
  const [answers, setAnswers] = useState<Answers>({})
  const [person, setPerson] = useState('')
  const [paperNo, setPaperNo] = useState('')
  const [districtId, setDistrictId] = useState<string | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [entered, setEntered] = useState<{ no: number; who: string }[]>([])

  const questions = survey.data?.definition.questions
  const shown = useMemo(() => (questions ? visibleQuestions(questions, answers) : []), [questions, answers])
  const prog = useMemo(() => (questions ? progress(questions, answers) : null), [questions, answers])
  const districtLocked = survey.data?.audience === 'district' ? survey.data.districtId : null
  const district = districtLocked ?? districtId

  async function submit() {
    if (!questions || busy) return
    const payload = pruneHidden(questions, answers)
    const checked = validateAnswers(questions, payload)
    const next: Record<string, string> = {}
    if (!checked.ok) for (const i of checked.issues) next[i.path.replace(/^answers\./, '')] = local(i.message)
    const key = normalizePersonKey(person)
    if (!key.ok) next.__person = key.message
    if (!district) next.__district = '请选择受访者所在辖区'
    setErrors(next)
    if (Object.keys(next).length) {
      const first = Object.keys(next)[0]
      toast(`还有 ${Object.keys(next).length} 处需要完善`)
      Taro.pageScrollTo({ selector: first === '__person' ? '#assist-person-card' : first === '__district' ? '#assist-district' : `#q-${first}`, duration: 200, offsetTop: -20 }).catch(() => undefined)
      return
    }
    setBusy(true)
    const res = await callAction('survey', 'assist', { surveyId: id, answers: payload, districtId: district!, personKey: person, ...(paperNo.trim() ? { paperNo: paperNo.trim() } : {}) })
    setBusy(false)
    if (!res.ok) {
      setError(res.message)
      Taro.pageScrollTo({ selector: '#assist-error', duration: 200 }).catch(() => undefined)
      return
    }
    const who = key.ok ? maskPersonKey(key) : ''
    setEntered((e) => [{ no: res.data.no, who }, ...e])
    toast(`已录入，受访者编号 ${res.data.no}`, 'success')
    setAnswers({})
    setPerson('')
    setPaperNo('')
    setError(null)
    Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
  }

  if (survey.loading && !survey.data) {
    return (
      <PageShell desk id='page-survey-assist'>
        <Loading text='正在打开问卷…' />
      </PageShell>
    )
  }
  if (!survey.data || !questions) {
    return (
      <PageShell desk id='page-survey-assist'>
        <ErrorState error={survey.error} onRetry={survey.reload} />
      </PageShell>
    )
  }

  return (
    <PageShell desk id='page-survey-assist'>
      <View className='sq-banner tone-blue' style={{ marginTop: '12px' }}>
        <Text className='sq-banner__icon'>📋</Text>
        <Text>
          代录“{survey.data.title}”。请按纸质问卷或受访者口述如实录入；受访者的手机号或身份证号只用于防止重复统计，系统仅保存加密摘要。
        </Text>
      </View>

      <View id='assist-count' className='sq-card-plain' data-count={entered.length}>
        <Text className='sq-field-label'>本次已录入 {entered.length} 份</Text>
        {entered.length ? (
          <Text className='sq-note'>
            {entered
              .slice(0, 5)
              .map((e) => `#${e.no}（${e.who}）`)
              .join('、')}
            {entered.length > 5 ? ' 等' : ''}
          </Text>
        ) : (
          <Text className='sq-note'>录入后表单自动清空，可继续录入下一份。</Text>
        )}
      </View>

      <View id='assist-person-card' className={`sq-card${errors.__person ? ' has-error' : ''}`}>
        <Text className='sq-field-label'>
          受访者手机号或身份证号<Text className='sq-required'> *</Text>
        </Text>
        <Input
          id='assist-person'
          className='sq-input'
          value={person}
          maxlength={22}
          placeholder='11 位手机号或 18 位身份证号'
          onInput={(e) => {
            setPerson(e.detail.value)
            setError(null)
          }}
        />
        {errors.__person ? <Text className='sq-error'>{errors.__person}</Text> : null}
        <Text className='sq-field-label' style={{ marginTop: '14px' }}>
          纸质问卷编号（选填）
        </Text>
        <Input id='assist-paper' className='sq-input' value={paperNo} maxlength={20} placeholder='如 RH-0012' onInput={(e) => setPaperNo(e.detail.value)} />
      </View>

      <View id='assist-district' className={`sq-card${errors.__district ? ' has-error' : ''}`}>
        <Text className='sq-field-label'>
          受访者所在辖区<Text className='sq-required'> *</Text>
        </Text>
        <View className='sq-choices'>
          {(districts.data?.items ?? []).map((d) => (
            <View
              key={d.id}
              data-id={d.id}
              className={`sq-choice${district === d.id ? ' is-selected' : ''}${districtLocked && districtLocked !== d.id ? ' is-disabled' : ''}`}
              onClick={() => !districtLocked && setDistrictId(d.id)}
            >
              <Text>{d.name}</Text>
            </View>
          ))}
        </View>
        {errors.__district ? <Text className='sq-error'>{errors.__district}</Text> : null}
      </View>

      {prog ? (
        <Text className='sq-note' style={{ margin: '4px 0 8px' }}>
          已答 {prog.answered} / {prog.total} 题
        </Text>
      ) : null}

      {shown.map((q, i) => (
        <QuestionField
          key={q.id}
          question={q}
          number={i + 1}
          value={answers[q.id]}
          onChange={(v: AnswerValue) => {
            setAnswers((a) => ({ ...a, [q.id]: v }))
            setErrors((e) => ({ ...e, [q.id]: '' }))
            setError(null)
          }}
          error={errors[q.id]}
          branch={!!q.showIf}
        />
      ))}

      {error ? (
        <View id='assist-error' className='sq-banner tone-red'>
          <Text className='sq-banner__icon'>⚠️</Text>
          <Text>{error}</Text>
        </View>
      ) : null}

      <View className='sq-footer-space' />
      <View className='sq-footer'>
        <View id='assist-submit' className={`sq-footer__btn${busy ? ' is-busy' : ''}`} onClick={submit}>
          <Text>{busy ? '正在录入…' : '录入这份问卷'}</Text>
        </View>
      </View>
    </PageShell>
  )
}
