/**
 * 填写问卷: a progress bar, the questions (show-if rules evaluated live with the server's own function), the
 * resident's district at their first answer, an optional mobile number where staff also enter paper forms,
 * answers kept on the device while they are away, and one submission (the server refuses a second).
 * With `preview=1` staff see a draft exactly as residents will, without submitting.
 *
 * Test hooks: #page-survey-answer, #survey-title, #survey-progress (data-answered, data-total),
 * #survey-district .sq-choice (data-id), #survey-mobile, #survey-submit, #survey-submit-error,
 * #survey-answered, #survey-blocked, #survey-restored, #survey-preview-banner; questions via QuestionField.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { callAction, useAction, useDevUserId, type ClientEnvelope } from '@/services'
import type { AnswerValue, Answers, SurveyQuestion } from '@/domain/survey/constants'
import { progress, pruneHidden, sanitizeDraft, validateAnswers, visibleQuestions } from '@/domain/survey/logic'
import { normalizeMobile } from '@/domain/survey/person'
import type { AnswerSurvey, ProfileView } from '@/domain/survey/schema'
import QuestionField from '../../components/QuestionField'
import { useCall } from '../../components/useCall'
import { SURVEY_ROUTES, clearDraft, formatDateTime, go, loadDraft, replaceWith, routeParam, saveDraft, toast } from '../../components/util'
import '../../components/survey.scss'

interface Loaded {
  survey: Pick<AnswerSurvey, 'id' | 'title' | 'intro' | 'closesAt' | 'anonymous' | 'allowAssisted' | 'showResults' | 'phase'>
  questions: SurveyQuestion[]
  answered: boolean
  blockedReason: string | null
  profile: ProfileView | null
}

/** "第3题为必答题" → "此题为必答题": on screen the message sits under its question. */
const local = (message: string) => message.replace(/^第\d+题/, '此题')

/** Staff preview reads the draft through the staff action; residents use getForAnswer. */
function useLoaded(id: string, preview: boolean) {
  return useCall<Loaded>(async (): Promise<ClientEnvelope<Loaded>> => {
    if (preview) {
      const res = await callAction('survey', 'get', { id })
      if (!res.ok) return res
      const d = res.data
      return { ok: true, data: { survey: { ...d, intro: d.definition.intro }, questions: d.definition.questions, answered: false, blockedReason: null, profile: null } }
    }
    const res = await callAction('survey', 'getForAnswer', { id })
    if (!res.ok) return res
    const r = res.data
    return {
      ok: true,
      data: {
        survey: r.survey,
        questions: r.survey.questions.map((q) => ({ ...q, metric: null, positive: [] })),
        answered: r.answered,
        blockedReason: r.blockedReason,
        profile: r.profile,
      },
    }
  }, [id, preview])
}

export default function SurveyAnswerPage() {
  const id = routeParam('id')
  const preview = routeParam('preview') === '1'
  const user = useDevUserId()
  const loaded = useLoaded(id, preview)
  const districts = useAction('city', 'listDistricts', {})

  const [answers, setAnswers] = useState<Answers>({})
  const [startedAt, setStartedAt] = useState(() => Date.now())
  const [districtId, setDistrictId] = useState<string | undefined>(undefined)
  const [mobile, setMobile] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [submitError, setSubmitError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [restored, setRestored] = useState(false)
  const ready = useRef(false)

  const data = loaded.data
  const questions = data?.questions
  const canAnswer = !!data && !data.answered && !data.blockedReason

  // Resume what this device kept for the survey (and this user), once the definition is known.
  useEffect(() => {
    if (!questions || ready.current) return
    ready.current = true
    if (preview) return
    const draft = loadDraft(id, user)
    if (draft) {
      const kept = sanitizeDraft(questions, draft.answers)
      setAnswers(kept)
      setStartedAt(draft.startedAt)
      if (draft.districtId) setDistrictId(draft.districtId)
      if (Object.keys(kept).length) setRestored(true)
    }
  }, [questions, id, user, preview])

  useEffect(() => {
    if (!ready.current || preview || !canAnswer) return
    saveDraft(id, user, { answers, startedAt, districtId })
  }, [answers, districtId, startedAt, id, user, preview, canAnswer])

  const shown = useMemo(() => (questions ? visibleQuestions(questions, answers) : []), [questions, answers])
  const prog = useMemo(() => (questions ? progress(questions, answers) : { answered: 0, total: 0, requiredLeft: 0 }), [questions, answers])
  const needDistrict = !preview && !!data && !data.profile?.districtId
  const offerMobile = !preview && !!data?.survey.allowAssisted && !data?.profile?.hasMobile

  const setAnswer = (qid: string, value: AnswerValue) => {
    setAnswers((a) => ({ ...a, [qid]: value }))
    setErrors((e) => {
      if (!e[qid]) return e
      const next = { ...e }
      delete next[qid]
      return next
    })
    setSubmitError(null)
  }

  const scrollTo = (selector: string) => {
    Taro.pageScrollTo({ selector, duration: 250, offsetTop: -70 }).catch(() => undefined)
  }

  async function submit() {
    if (!questions || !data || submitting) return
    const payload = pruneHidden(questions, answers)
    const checked = validateAnswers(questions, payload)
    const nextErrors: Record<string, string> = {}
    if (!checked.ok) for (const i of checked.issues) nextErrors[i.path.replace(/^answers\./, '')] = local(i.message)
    if (needDistrict && !districtId) nextErrors.__district = '请选择您所在的辖区'
    const mobileCheck = mobile.trim() ? normalizeMobile(mobile) : null
    if (mobileCheck && !mobileCheck.ok) nextErrors.__mobile = mobileCheck.message
    setErrors(nextErrors)
    const first = Object.keys(nextErrors)[0]
    if (first) {
      toast(`还有 ${Object.keys(nextErrors).length} 处需要完善`)
      scrollTo(first === '__district' ? '#survey-district' : first === '__mobile' ? '#survey-mobile-card' : `#q-${first}`)
      return
    }
    if (preview) {
      toast('预览：答卷有效（预览不会提交）', 'none')
      return
    }
    setSubmitting(true)
    const res = await callAction('survey', 'submit', {
      surveyId: id,
      answers: payload,
      elapsedMs: Math.max(0, Date.now() - startedAt),
      ...(needDistrict && districtId ? { districtId } : {}),
      ...(mobileCheck?.ok ? { mobile: mobileCheck.value } : {}),
    })
    setSubmitting(false)
    if (res.ok) {
      clearDraft(id, user)
      replaceWith(SURVEY_ROUTES.thanks(id))
      return
    }
    if (res.code === 'INVALID_INPUT' && 'issues' in res && res.issues?.length) {
      const serverErrors: Record<string, string> = {}
      for (const i of res.issues) {
        if (i.path.startsWith('answers.')) serverErrors[i.path.slice(8)] = local(i.message)
        else if (i.path === 'districtId') serverErrors.__district = i.message
        else if (i.path === 'mobile') serverErrors.__mobile = i.message
      }
      setErrors(serverErrors)
    }
    setSubmitError(res.message)
    if (res.code === 'CONFLICT') clearDraft(id, user)
    scrollTo('#survey-submit-error')
  }

  if (!id) return <PageShell id='page-survey-answer'><ErrorState message='缺少问卷编号' /></PageShell>
  if (loaded.loading && !data) {
    return (
      <PageShell id='page-survey-answer'>
        <Loading text='正在打开问卷…' />
      </PageShell>
    )
  }
  if (loaded.error || !data) {
    return (
      <PageShell id='page-survey-answer'>
        <ErrorState error={loaded.error} onRetry={loaded.reload} />
      </PageShell>
    )
  }

  const pct = prog.total ? Math.round((prog.answered / prog.total) * 100) : 0

  return (
    <PageShell id='page-survey-answer' padded={false}>
      <View className='sq-page-head'>
        <Text id='survey-title' className='sq-page-head__title'>
          {data.survey.title}
        </Text>
        {data.survey.intro ? <Text className='sq-page-head__sub'>{data.survey.intro}</Text> : null}
        <View className='sq-page-head__meta'>
          <Text className='sq-chip'>共 {questions?.length ?? 0} 题</Text>
          <Text className='sq-chip'>截止 {formatDateTime(data.survey.closesAt)}</Text>
          {data.survey.anonymous ? <Text className='sq-chip'>匿名填写</Text> : null}
        </View>
      </View>

      {canAnswer ? (
        <View id='survey-progress' className='sq-progress' data-answered={prog.answered} data-total={prog.total}>
          <View className='sq-progress__row'>
            <Text>
              已答 {prog.answered} / {prog.total} 题
            </Text>
            <Text>{prog.requiredLeft ? `还有 ${prog.requiredLeft} 道必答题` : '必答题已完成'}</Text>
          </View>
          <View className='sq-progress__track'>
            <View className='sq-progress__fill' style={{ width: `${pct}%` }} />
          </View>
        </View>
      ) : null}

      <View className='page-shell__body'>
        {preview ? (
          <View id='survey-preview-banner' className='sq-banner tone-blue'>
            <Text className='sq-banner__icon'>👁️</Text>
            <Text>预览模式：这是市民看到的样子，可以试填和检验显示条件，不会提交答卷。</Text>
          </View>
        ) : null}

        {data.answered ? (
          <View id='survey-answered' className='sq-card-plain'>
            <View className='sq-thanks'>
              <View className='sq-thanks__badge'>
                <Text>✓</Text>
              </View>
              <Text className='sq-thanks__title'>您已经提交过这份问卷了</Text>
              <Text className='sq-thanks__text'>每人只能提交一次，感谢您的参与！</Text>
              {data.survey.showResults ? (
                <View style={{ marginTop: '18px' }}>
                  <Text className='sq-btn is-primary' onClick={() => replaceWith(SURVEY_ROUTES.thanks(id))}>
                    查看当前结果
                  </Text>
                </View>
              ) : null}
            </View>
          </View>
        ) : data.blockedReason ? (
          <View id='survey-blocked' className='sq-card-plain'>
            <ErrorState title='暂时无法填写' message={data.blockedReason} />
          </View>
        ) : (
          <>
            {restored ? (
              <View id='survey-restored' className='sq-banner tone-green'>
                <Text className='sq-banner__icon'>💾</Text>
                <Text>已为您恢复上次未提交的答案，可以接着填写。</Text>
              </View>
            ) : null}

            {needDistrict ? (
              <View id='survey-district' className={`sq-card${errors.__district ? ' has-error' : ''}`}>
                <Text className='sq-field-label'>
                  您所在的辖区<Text className='sq-required'> *</Text>
                </Text>
                <Text className='sq-note'>首次参与问卷时选择一次，用于分辖区统计。</Text>
                <View className='sq-choices' style={{ marginTop: '10px' }}>
                  {(districts.data?.items ?? []).map((d) => (
                    <View
                      key={d.id}
                      data-id={d.id}
                      className={`sq-choice${districtId === d.id ? ' is-selected' : ''}`}
                      onClick={() => {
                        setDistrictId(d.id)
                        setErrors((e) => ({ ...e, __district: '' }))
                      }}
                    >
                      <Text>{d.name}</Text>
                    </View>
                  ))}
                </View>
                {errors.__district ? <Text className='sq-error'>{errors.__district}</Text> : null}
              </View>
            ) : null}

            {shown.map((q, i) => (
              <QuestionField
                key={q.id}
                question={q}
                number={i + 1}
                value={answers[q.id]}
                onChange={(v) => setAnswer(q.id, v)}
                error={errors[q.id]}
                branch={!!q.showIf}
              />
            ))}

            {offerMobile ? (
              <View id='survey-mobile-card' className={`sq-card${errors.__mobile ? ' has-error' : ''}`}>
                <Text className='sq-field-label'>手机号（选填）</Text>
                <Text className='sq-note'>
                  工作人员也会入户或发放纸质问卷。留下手机号可避免同一个人被重复统计；号码只以不可还原的加密摘要保存，不会显示给任何人。
                </Text>
                <Input
                  id='survey-mobile'
                  className='sq-input'
                  style={{ marginTop: '10px' }}
                  type='number'
                  maxlength={11}
                  value={mobile}
                  placeholder='11 位手机号'
                  onInput={(e) => setMobile(e.detail.value)}
                />
                {errors.__mobile ? <Text className='sq-error'>{errors.__mobile}</Text> : null}
              </View>
            ) : null}

            {submitError ? (
              <View id='survey-submit-error' className='sq-banner tone-red'>
                <Text className='sq-banner__icon'>⚠️</Text>
                <Text>{submitError}</Text>
              </View>
            ) : null}

            <View className='sq-footer-space' />
            <View className='sq-footer'>
              {preview ? (
                <View className='sq-footer__btn is-secondary' onClick={() => go(SURVEY_ROUTES.edit(id))}>
                  <Text>返回编辑</Text>
                </View>
              ) : null}
              <View id='survey-submit' className={`sq-footer__btn${submitting ? ' is-busy' : ''}`} onClick={submit}>
                <Text>{submitting ? '正在提交…' : preview ? '检查答卷（预览）' : '提交问卷'}</Text>
              </View>
            </View>
          </>
        )}
      </View>
    </PageShell>
  )
}
