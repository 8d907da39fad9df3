/**
 * 编辑问卷 (staff): title, introduction, open/close times, audience, anonymity, results visibility, 代录;
 * questions of six kinds with required flags, choice bounds, show-if rules, metric tags and positive answers;
 * reorder, preview, publish. The same `checkDefinition` the server runs lists what is left to fix. Once a
 * survey has answers only wording can change (structural controls are disabled, see `compat.ts`).
 *
 * Test hooks: #page-survey-edit, #survey-edit-title, #survey-edit-intro, #survey-duration-<days>,
 * #survey-audience-<all|district|volunteers>, #survey-district-<id>, #survey-anonymous, #survey-show-results,
 * #survey-allow-assisted, #survey-add-<kind>, #qi-<qid> (+ -edit/-up/-down/-delete), editor fields
 * #qe-<qid>-title, -desc, -kind-<kind>, -required, -opt-<optionId>, -add-option, -remove-<optionId>,
 * -min-<n>, -max-<n>, -showif-none, -showif-<sourceId>, -when-<optionId>, -metric-<none|metric>, -pos-<optionId>;
 * #survey-problems, #survey-edit-error, #survey-locked, #survey-save, #survey-preview, #survey-publish,
 * #survey-discard.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { callAction, useAction } from '@/services'
import {
  AUDIENCE_LABELS,
  KIND_LABELS,
  LIMITS,
  METRICS,
  METRIC_LABELS,
  QUESTION_KINDS,
  isChoiceKind,
  type Metric,
  type QuestionKind,
  type SurveyDefinition,
  type SurveyQuestion,
} from '@/domain/survey/constants'
import { blankQuestion, checkDefinition, nextOptionId, nextQuestionId, normalizeDefinition, normalizeQuestion } from '@/domain/survey/definition'
import { NEW_WAVE_HINT } from '@/domain/survey/compat'
import type { SurveyDetail } from '@/domain/survey/schema'
import { useCall } from '../../components/useCall'
import { SURVEY_ROUTES, fromPicker, go, pickerValues, replaceWith, routeParam, toast } from '../../components/util'
import '../../components/survey.scss'

const DAY_MS = 86400_000

function Toggle({ id, on, disabled, onChange }: { id: string; on: boolean; disabled?: boolean; onChange: (v: boolean) => void }) {
  return (
    <View
      id={id}
      className={`sq-toggle${on ? ' is-on' : ''}${disabled ? ' is-disabled' : ''}`}
      data-on={on ? '1' : '0'}
      onClick={() => !disabled && onChange(!on)}
    >
      <View className='sq-toggle__knob' />
    </View>
  )
}

function Chip({ id, selected, disabled, onClick, children }: { id?: string; selected?: boolean; disabled?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <View id={id} className={`sq-choice${selected ? ' is-selected' : ''}${disabled ? ' is-disabled' : ''}`} onClick={() => !disabled && onClick()}>
      <Text>{children}</Text>
    </View>
  )
}

/** Converts a question to another kind, keeping what carries over (title, description, required). */
function changeKind(q: SurveyQuestion, kind: QuestionKind): SurveyQuestion {
  const fresh = blankQuestion(kind, q.id)
  const keepOptions = (kind === 'single' || kind === 'multi') && (q.kind === 'single' || q.kind === 'multi')
  return normalizeQuestion({
    ...fresh,
    title: q.title,
    description: q.description,
    required: q.required,
    options: keepOptions ? q.options : fresh.options,
    showIf: q.showIf,
    metric: isChoiceKind(kind) ? q.metric : null,
    positive: [],
  })
}

export default function SurveyEditPage() {
  const id = routeParam('id')
  const loaded = useCall(() => callAction('survey', 'get', { id }), [id])
  const districts = useAction('city', 'listDistricts', {})
  const [detail, setDetail] = useState<SurveyDetail | null>(null)
  const [def, setDef] = useState<SurveyDefinition | null>(null)
  const [dirty, setDirty] = useState(false)
  const [openQ, setOpenQ] = useState<string | null>(null)
  const [busy, setBusy] = useState<'save' | 'publish' | 'preview' | 'discard' | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (loaded.data) {
      setDetail(loaded.data)
      setDef(loaded.data.definition)
      setDirty(false)
    }
  }, [loaded.data])

  const problems = useMemo(() => (def ? checkDefinition(normalizeDefinition(def), { publishing: true, now: new Date() }) : []), [def])

  if (loaded.loading && !detail) {
    return (
      <PageShell desk id='page-survey-edit'>
        <Loading text='正在打开问卷…' />
      </PageShell>
    )
  }
  if (!detail || !def) {
    return (
      <PageShell desk id='page-survey-edit'>
        <ErrorState error={loaded.error} onRetry={loaded.reload} />
      </PageShell>
    )
  }

  const locked = detail.locked
  const closed = detail.status === 'closed'
  const structural = !locked && !closed
  const change = (next: Partial<SurveyDefinition>) => {
    setDef((d) => (d ? { ...d, ...next } : d))
    setDirty(true)
    setError(null)
  }
  const changeQ = (qid: string, fn: (q: SurveyQuestion) => SurveyQuestion) => {
    change({ questions: def.questions.map((q) => (q.id === qid ? fn(q) : q)) })
  }

  const addQuestion = (kind: QuestionKind) => {
    const qid = nextQuestionId(def.questions)
    change({ questions: [...def.questions, blankQuestion(kind, qid)] })
    setOpenQ(qid)
    setTimeout(() => Taro.pageScrollTo({ selector: `#qi-${qid}`, duration: 200, offsetTop: -20 }).catch(() => undefined), 50)
  }
  const move = (index: number, by: -1 | 1) => {
    const to = index + by
    if (to < 0 || to >= def.questions.length) return
    const qs = [...def.questions]
    ;[qs[index], qs[to]] = [qs[to], qs[index]]
    change({ questions: qs })
  }
  const remove = (qid: string) => {
    const dependents = def.questions.filter((q) => q.showIf?.questionId === qid).length
    change({ questions: def.questions.filter((q) => q.id !== qid).map((q) => (q.showIf?.questionId === qid ? { ...q, showIf: null } : q)) })
    if (dependents) toast(`已同时取消 ${dependents} 道题的显示条件`)
  }

  async function save(): Promise<SurveyDetail | null> {
    if (!detail || !def) return null
    const res = await callAction('survey', 'update', { id, revision: detail.revision, definition: normalizeDefinition(def) })
    if (!res.ok) {
      setError(res.message)
      return null
    }
    setDetail(res.data)
    setDef(res.data.definition)
    setDirty(false)
    return res.data
  }

  async function onSave() {
    if (busy) return
    setBusy('save')
    const saved = await save()
    setBusy(null)
    if (saved) toast('已保存', 'success')
  }

  async function onPreview() {
    if (busy) return
    setBusy('preview')
    const ok = dirty ? await save() : detail
    setBusy(null)
    if (ok) go(SURVEY_ROUTES.preview(id))
  }

  async function onPublish() {
    if (busy || !detail) return
    if (problems.length) {
      setError(`发布前还需完善 ${problems.length} 处：${problems[0].message}`)
      Taro.pageScrollTo({ selector: '#survey-problems', duration: 200 }).catch(() => undefined)
      return
    }
    setBusy('publish')
    const current = dirty ? await save() : detail
    if (!current) {
      setBusy(null)
      return
    }
    const res = await callAction('survey', 'publish', { id, revision: current.revision })
    setBusy(null)
    if (!res.ok) {
      setError(res.message)
      return
    }
    toast('问卷已发布', 'success')
    replaceWith(SURVEY_ROUTES.results(id))
  }

  async function onDiscard() {
    if (busy) return
    const confirm = await Taro.showModal({ title: '删除草稿', content: '删除后无法恢复，确定删除这份草稿吗？', confirmColor: '#C8161D' })
    if (!confirm.confirm) return
    setBusy('discard')
    const res = await callAction('survey', 'discard', { id })
    setBusy(null)
    if (!res.ok) {
      setError(res.message)
      return
    }
    toast('草稿已删除')
    replaceWith(SURVEY_ROUTES.manage)
  }

  const opens = pickerValues(def.opensAt)
  const closes = pickerValues(def.closesAt)
  const days = Math.round((Date.parse(def.closesAt) - Date.parse(def.opensAt)) / DAY_MS)
  const numberOf = (qid: string) => def.questions.findIndex((q) => q.id === qid) + 1

  return (
    <PageShell desk id='page-survey-edit' padded={false}>
      <View className='sq-page-head'>
        <Text className='sq-page-head__title'>{detail.status === 'draft' ? '编辑问卷' : '修改问卷'}</Text>
        <Text className='sq-page-head__sub'>{def.title.trim() || '未命名问卷'}</Text>
        <View className='sq-page-head__meta'>
          <Text className='sq-chip'>第 {detail.wave} 轮</Text>
          <Text className='sq-chip'>{detail.status === 'draft' ? '草稿' : detail.status === 'published' ? '已发布' : '已结束'}</Text>
          {detail.responses ? <Text className='sq-chip'>{detail.responses} 份答卷</Text> : null}
          {dirty ? <Text className='sq-chip'>有未保存的修改</Text> : null}
        </View>
      </View>
      <View className='page-shell__body'>
        {closed ? (
          <View className='sq-banner tone-gold' id='survey-locked'>
            <Text className='sq-banner__icon'>🔒</Text>
            <Text>问卷已结束，不能再修改。如需再次调查，请在统计结果页“复制为下一轮”。</Text>
          </View>
        ) : locked ? (
          <View className='sq-banner tone-gold' id='survey-locked'>
            <Text className='sq-banner__icon'>🔒</Text>
            <Text>
              已有 {detail.responses} 份答卷。{NEW_WAVE_HINT}。
            </Text>
          </View>
        ) : detail.status === 'published' ? (
          <View className='sq-banner tone-blue'>
            <Text className='sq-banner__icon'>ℹ️</Text>
            <Text>问卷已发布但还没有答卷，现在修改题目结构不会影响任何人。</Text>
          </View>
        ) : null}

        {/* ------------------------------------------------------------------ basics */}
        <View className='sq-section-title'>
          <Text className='sq-section-title__text'>基本信息</Text>
        </View>
        <View className='sq-card-plain'>
          <View className='sq-form-row'>
            <Text className='sq-form-label'>问卷标题</Text>
            <Input
              id='survey-edit-title'
              className='sq-form-input'
              value={def.title}
              maxlength={LIMITS.title}
              disabled={closed}
              placeholder='例如：全国文明城市创建市民满意度调查'
              onInput={(e) => change({ title: e.detail.value })}
            />
          </View>
          <View className='sq-form-row'>
            <Text className='sq-form-label'>问卷说明</Text>
            <Textarea
              id='survey-edit-intro'
              className='sq-form-textarea'
              value={def.intro}
              maxlength={LIMITS.intro}
              disabled={closed}
              autoHeight
              placeholder='向市民说明调查目的、用时和隐私保护'
              onInput={(e) => change({ intro: e.detail.value })}
            />
          </View>
          <View className='sq-form-row'>
            <Text className='sq-form-label'>开始时间</Text>
            <View className='sq-when'>
              <Picker mode='date' value={opens.date} disabled={!structural} onChange={(e) => change({ opensAt: fromPicker(String(e.detail.value), opens.time) })}>
                <Text className='sq-picker'>{opens.date}</Text>
              </Picker>
              <Picker mode='time' value={opens.time} disabled={!structural} onChange={(e) => change({ opensAt: fromPicker(opens.date, String(e.detail.value)) })}>
                <Text className='sq-picker'>{opens.time}</Text>
              </Picker>
            </View>
          </View>
          <View className='sq-form-row'>
            <Text className='sq-form-label'>截止时间</Text>
            <View className='sq-when'>
              <Picker mode='date' value={closes.date} disabled={closed} onChange={(e) => change({ closesAt: fromPicker(String(e.detail.value), closes.time) })}>
                <Text className='sq-picker'>{closes.date}</Text>
              </Picker>
              <Picker mode='time' value={closes.time} disabled={closed} onChange={(e) => change({ closesAt: fromPicker(closes.date, String(e.detail.value)) })}>
                <Text className='sq-picker'>{closes.time}</Text>
              </Picker>
            </View>
            <View className='sq-choices' style={{ marginTop: '8px' }}>
              {[7, 14, 30].map((n) => (
                <Chip key={n} id={`survey-duration-${n}`} selected={days === n} disabled={closed} onClick={() => change({ closesAt: new Date(Date.parse(def.opensAt) + n * DAY_MS).toISOString() })}>
                  {n} 天
                </Chip>
              ))}
            </View>
          </View>
          <View className='sq-form-row'>
            <Text className='sq-form-label'>调查对象</Text>
            <View className='sq-choices'>
              {(['all', 'district', 'volunteers'] as const).map((a) => (
                <Chip
                  key={a}
                  id={`survey-audience-${a}`}
                  selected={def.audience === a}
                  disabled={!structural}
                  onClick={() => change({ audience: a, districtId: a === 'district' ? (def.districtId ?? districts.data?.items[0]?.id ?? null) : null })}
                >
                  {AUDIENCE_LABELS[a]}
                </Chip>
              ))}
            </View>
            {def.audience === 'district' ? (
              <View className='sq-choices' style={{ marginTop: '8px' }}>
                {(districts.data?.items ?? []).map((d) => (
                  <Chip key={d.id} id={`survey-district-${d.id}`} selected={def.districtId === d.id} disabled={!structural} onClick={() => change({ districtId: d.id })}>
                    {d.name}
                  </Chip>
                ))}
              </View>
            ) : null}
          </View>
          <View className='sq-form-row sq-form-row--inline'>
            <View>
              <Text className='sq-form-label'>匿名调查</Text>
              <Text className='sq-form-hint'>匿名时答卷不保存填写人身份</Text>
            </View>
            <Toggle id='survey-anonymous' on={def.anonymous} disabled={!structural} onChange={(v) => change({ anonymous: v })} />
          </View>
          <View className='sq-form-row sq-form-row--inline'>
            <View>
              <Text className='sq-form-label'>提交后向市民展示当前结果</Text>
              <Text className='sq-form-hint'>只展示选择题的统计，不展示填写的文字</Text>
            </View>
            <Toggle id='survey-show-results' on={def.showResults} disabled={closed} onChange={(v) => change({ showResults: v })} />
          </View>
          <View className='sq-form-row sq-form-row--inline'>
            <View>
              <Text className='sq-form-label'>允许工作人员代录</Text>
              <Text className='sq-form-hint'>入户、纸质问卷按手机号或身份证号去重</Text>
            </View>
            <Toggle id='survey-allow-assisted' on={def.allowAssisted} disabled={closed} onChange={(v) => change({ allowAssisted: v })} />
          </View>
        </View>

        {/* --------------------------------------------------------------- questions */}
        <View className='sq-section-title'>
          <Text className='sq-section-title__text'>题目</Text>
          <Text className='sq-section-title__extra'>共 {def.questions.length} 题</Text>
        </View>

        {def.questions.map((q, index) => {
          const open = openQ === q.id
          const sources = def.questions.slice(0, index).filter((s) => isChoiceKind(s.kind))
          const source = q.showIf ? def.questions.find((s) => s.id === q.showIf!.questionId) : undefined
          const metricLocked = !structural && q.kind === 'multi'
          return (
            <View key={q.id} id={`qi-${q.id}`} className={`sq-qitem${open ? ' is-open' : ''}`} data-kind={q.kind}>
              <View className='sq-qitem__summary' onClick={() => setOpenQ(open ? null : q.id)}>
                <Text className='sq-num'>{index + 1}</Text>
                <View className='sq-qitem__body'>
                  <Text className={`sq-qitem__title${q.title.trim() ? '' : ' is-empty'}`}>{q.title.trim() || '（未填写题目）'}</Text>
                  <View className='sq-qitem__tags'>
                    <Text className='sq-tag tone-grey'>{KIND_LABELS[q.kind]}</Text>
                    {q.required ? <Text className='sq-tag tone-red'>必答</Text> : <Text className='sq-tag tone-grey'>选填</Text>}
                    {q.showIf ? (
                      <Text className='sq-tag tone-gold'>
                        第{numberOf(q.showIf.questionId)}题选“{q.showIf.anyOf.map((o) => source?.options.find((x) => x.id === o)?.label ?? o).join('/')}”时显示
                      </Text>
                    ) : null}
                    {q.metric ? <Text className='sq-tag tone-blue'>{METRIC_LABELS[q.metric]}</Text> : null}
                  </View>
                </View>
              </View>

              {open ? (
                <View className='sq-editor'>
                  <View className='sq-form-row'>
                    <Text className='sq-form-label'>题型</Text>
                    <View className='sq-choices'>
                      {QUESTION_KINDS.map((k) => (
                        <Chip key={k} id={`qe-${q.id}-kind-${k}`} selected={q.kind === k} disabled={!structural} onClick={() => changeQ(q.id, (x) => changeKind(x, k))}>
                          {KIND_LABELS[k]}
                        </Chip>
                      ))}
                    </View>
                  </View>
                  <View className='sq-form-row'>
                    <Text className='sq-form-label'>题目</Text>
                    <Input
                      id={`qe-${q.id}-title`}
                      className='sq-form-input'
                      value={q.title}
                      maxlength={LIMITS.questionTitle}
                      disabled={closed}
                      placeholder='请输入题目'
                      onInput={(e) => changeQ(q.id, (x) => ({ ...x, title: e.detail.value }))}
                    />
                    <Input
                      id={`qe-${q.id}-desc`}
                      className='sq-form-input'
                      style={{ marginTop: '8px' }}
                      value={q.description}
                      maxlength={LIMITS.questionDescription}
                      disabled={closed}
                      placeholder='题目说明（选填）'
                      onInput={(e) => changeQ(q.id, (x) => ({ ...x, description: e.detail.value }))}
                    />
                  </View>
                  <View className='sq-form-row sq-form-row--inline'>
                    <Text className='sq-form-label'>必答</Text>
                    <Toggle id={`qe-${q.id}-required`} on={q.required} disabled={!structural} onChange={(v) => changeQ(q.id, (x) => ({ ...x, required: v }))} />
                  </View>

                  {q.kind === 'single' || q.kind === 'multi' ? (
                    <View className='sq-form-row'>
                      <Text className='sq-form-label'>选项</Text>
                      {q.options.map((o, oi) => (
                        <View key={o.id} className='sq-opt-edit'>
                          <Text className='sq-opt-edit__id'>{String.fromCharCode(65 + (oi % 26))}</Text>
                          <Input
                            id={`qe-${q.id}-opt-${o.id}`}
                            className='sq-opt-edit__input'
                            value={o.label}
                            maxlength={LIMITS.optionLabel}
                            disabled={closed}
                            placeholder={`选项 ${oi + 1}`}
                            onInput={(e) => changeQ(q.id, (x) => ({ ...x, options: x.options.map((y) => (y.id === o.id ? { ...y, label: e.detail.value } : y)) }))}
                          />
                          <Text
                            id={`qe-${q.id}-remove-${o.id}`}
                            className={`sq-tool is-danger${!structural || q.options.length <= 2 ? ' is-disabled' : ''}`}
                            onClick={() =>
                              structural &&
                              q.options.length > 2 &&
                              changeQ(q.id, (x) => normalizeQuestion({ ...x, options: x.options.filter((y) => y.id !== o.id), positive: x.positive.filter((p) => p !== o.id) }))
                            }
                          >
                            删除
                          </Text>
                        </View>
                      ))}
                      {structural && q.options.length < LIMITS.options ? (
                        <Text
                          id={`qe-${q.id}-add-option`}
                          className='sq-btn is-small is-ghost'
                          onClick={() => changeQ(q.id, (x) => ({ ...x, options: [...x.options, { id: nextOptionId(x.options), label: '' }] }))}
                        >
                          ＋ 添加选项
                        </Text>
                      ) : null}
                    </View>
                  ) : q.kind === 'scale' ? (
                    <View className='sq-form-row'>
                      <Text className='sq-form-hint'>五级量表：很满意 / 满意 / 基本满意 / 不满意 / 很不满意（各轮统一，不可修改文字）</Text>
                    </View>
                  ) : null}

                  {q.kind === 'multi' ? (
                    <View className='sq-form-row'>
                      <Text className='sq-form-label'>最少选择</Text>
                      <View className='sq-choices'>
                        {[null, ...Array.from({ length: q.options.length }, (_, i) => i + 1)].map((n) => (
                          <Chip key={String(n)} id={`qe-${q.id}-min-${n ?? 0}`} selected={q.minChoices === n} disabled={!structural} onClick={() => changeQ(q.id, (x) => ({ ...x, minChoices: n }))}>
                            {n === null ? '不限' : `${n} 项`}
                          </Chip>
                        ))}
                      </View>
                      <Text className='sq-form-label' style={{ marginTop: '10px' }}>
                        最多选择
                      </Text>
                      <View className='sq-choices'>
                        {[null, ...Array.from({ length: q.options.length }, (_, i) => i + 1)].map((n) => (
                          <Chip key={String(n)} id={`qe-${q.id}-max-${n ?? 0}`} selected={q.maxChoices === n} disabled={!structural} onClick={() => changeQ(q.id, (x) => ({ ...x, maxChoices: n }))}>
                            {n === null ? '不限' : `${n} 项`}
                          </Chip>
                        ))}
                      </View>
                    </View>
                  ) : null}

                  <View className='sq-form-row'>
                    <Text className='sq-form-label'>显示条件</Text>
                    {sources.length === 0 ? (
                      <Text className='sq-form-hint'>总是显示（前面没有可依据的选择题）</Text>
                    ) : (
                      <>
                        <View className='sq-choices'>
                          <Chip id={`qe-${q.id}-showif-none`} selected={!q.showIf} disabled={!structural} onClick={() => changeQ(q.id, (x) => ({ ...x, showIf: null }))}>
                            总是显示
                          </Chip>
                          {sources.map((s) => (
                            <Chip
                              key={s.id}
                              id={`qe-${q.id}-showif-${s.id}`}
                              selected={q.showIf?.questionId === s.id}
                              disabled={!structural}
                              onClick={() => changeQ(q.id, (x) => ({ ...x, showIf: { questionId: s.id, anyOf: [] } }))}
                            >
                              依据第{numberOf(s.id)}题
                            </Chip>
                          ))}
                        </View>
                        {q.showIf && source ? (
                          <>
                            <Text className='sq-form-hint' style={{ margin: '8px 0 6px' }}>
                              当第{numberOf(source.id)}题“{source.title || '未填写'}”选择以下任一项时显示：
                            </Text>
                            <View className='sq-choices'>
                              {source.options.map((o) => {
                                const on = q.showIf!.anyOf.includes(o.id)
                                return (
                                  <Chip
                                    key={o.id}
                                    id={`qe-${q.id}-when-${o.id}`}
                                    selected={on}
                                    disabled={!structural}
                                    onClick={() =>
                                      changeQ(q.id, (x) => ({
                                        ...x,
                                        showIf: { questionId: source.id, anyOf: on ? x.showIf!.anyOf.filter((a) => a !== o.id) : [...x.showIf!.anyOf, o.id] },
                                      }))
                                    }
                                  >
                                    {o.label || '（空白选项）'}
                                  </Chip>
                                )
                              })}
                            </View>
                          </>
                        ) : null}
                      </>
                    )}
                  </View>

                  {isChoiceKind(q.kind) ? (
                    <View className='sq-form-row'>
                      <Text className='sq-form-label'>统计指标</Text>
                      <View className='sq-choices'>
                        <Chip id={`qe-${q.id}-metric-none`} selected={!q.metric} disabled={metricLocked} onClick={() => changeQ(q.id, (x) => ({ ...x, metric: null, positive: [] }))}>
                          不计入
                        </Chip>
                        {METRICS.map((m: Metric) => (
                          <Chip key={m} id={`qe-${q.id}-metric-${m}`} selected={q.metric === m} disabled={metricLocked} onClick={() => changeQ(q.id, (x) => normalizeQuestion({ ...x, metric: m }))}>
                            {METRIC_LABELS[m]}
                          </Chip>
                        ))}
                      </View>
                      {q.metric ? (
                        <>
                          <Text className='sq-form-hint' style={{ margin: '8px 0 6px' }}>
                            计为正向的答案{q.kind === 'multi' ? '（选中其中任一项即计为正向）' : ''}：
                          </Text>
                          <View className='sq-choices'>
                            {q.options.map((o) => {
                              const on = q.positive.includes(o.id)
                              return (
                                <Chip
                                  key={o.id}
                                  id={`qe-${q.id}-pos-${o.id}`}
                                  selected={on}
                                  disabled={metricLocked}
                                  onClick={() => changeQ(q.id, (x) => ({ ...x, positive: on ? x.positive.filter((p) => p !== o.id) : [...x.positive, o.id] }))}
                                >
                                  {o.label || '（空白选项）'}
                                </Chip>
                              )
                            })}
                          </View>
                        </>
                      ) : null}
                    </View>
                  ) : null}
                </View>
              ) : null}

              <View className='sq-qitem__tools'>
                <Text id={`qi-${q.id}-edit`} className='sq-tool' onClick={() => setOpenQ(open ? null : q.id)}>
                  {open ? '收起' : '编辑'}
                </Text>
                <Text id={`qi-${q.id}-up`} className={`sq-tool${!structural || index === 0 ? ' is-disabled' : ''}`} onClick={() => structural && move(index, -1)}>
                  ↑ 上移
                </Text>
                <Text
                  id={`qi-${q.id}-down`}
                  className={`sq-tool${!structural || index === def.questions.length - 1 ? ' is-disabled' : ''}`}
                  onClick={() => structural && move(index, 1)}
                >
                  ↓ 下移
                </Text>
                <Text id={`qi-${q.id}-delete`} className={`sq-tool is-danger${!structural ? ' is-disabled' : ''}`} onClick={() => structural && remove(q.id)}>
                  删除
                </Text>
              </View>
            </View>
          )
        })}

        {structural ? (
          <View className='sq-card-plain'>
            <Text className='sq-field-label'>添加题目</Text>
            <View className='sq-add-kinds'>
              {QUESTION_KINDS.map((k) => (
                <Text key={k} id={`survey-add-${k}`} className='sq-add-kind' onClick={() => addQuestion(k)}>
                  ＋ {KIND_LABELS[k]}
                </Text>
              ))}
            </View>
          </View>
        ) : null}

        {problems.length && !closed ? (
          <View id='survey-problems' className='sq-problems'>
            <Text className='sq-problems__item' style={{ fontWeight: 600 }}>
              发布前还需完善：
            </Text>
            {problems.slice(0, 8).map((p, i) => (
              <Text key={`${p.path}-${i}`} className='sq-problems__item'>
                · {p.message}
              </Text>
            ))}
            {problems.length > 8 ? <Text className='sq-problems__item'>…… 等 {problems.length} 处</Text> : null}
          </View>
        ) : null}

        {error ? (
          <View id='survey-edit-error' className='sq-banner tone-red'>
            <Text className='sq-banner__icon'>⚠️</Text>
            <Text>{error}</Text>
          </View>
        ) : null}

        {detail.status === 'draft' ? (
          <View className='sq-actions' style={{ justifyContent: 'center', margin: '8px 0' }}>
            <Text id='survey-discard' className='sq-btn is-small is-danger' onClick={onDiscard}>
              删除草稿
            </Text>
          </View>
        ) : null}

        <View className='sq-footer-space' />
        {!closed ? (
          <View className='sq-footer'>
            <View id='survey-save' className={`sq-footer__btn is-secondary${busy === 'save' ? ' is-busy' : ''}`} onClick={onSave}>
              <Text>{busy === 'save' ? '保存中…' : dirty ? '保存' : '已保存'}</Text>
            </View>
            <View id='survey-preview' className={`sq-footer__btn is-secondary${busy === 'preview' ? ' is-busy' : ''}`} onClick={onPreview}>
              <Text>预览</Text>
            </View>
            {detail.status === 'draft' ? (
              <View id='survey-publish' className={`sq-footer__btn${busy === 'publish' ? ' is-busy' : ''}`} onClick={onPublish}>
                <Text>{busy === 'publish' ? '发布中…' : '发布问卷'}</Text>
              </View>
            ) : (
              <View id='survey-results' className='sq-footer__btn' onClick={() => replaceWith(SURVEY_ROUTES.results(id))}>
                <Text>统计结果</Text>
              </View>
            )}
          </View>
        ) : null}
      </View>
    </PageShell>
  )
}
