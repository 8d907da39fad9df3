/**
 * 统计结果 (staff): 知晓率 / 支持率 / 满意度 / 参与率 with sample size and 95% interval — overall, per district
 * and across waves — a chart for every choice question, the free-text answers (paged, searchable), the
 * careless-looking answers apart (with review), and the actions: export CSV / Excel, 代录, edit wording,
 * preview, close early, duplicate as the next wave.
 *
 * Test hooks: #page-survey-results, #results-title, #results-totals (data-responses, data-online,
 * data-assisted, data-flagged), #results-metrics .sq-rate, #results-districts .sq-table__row (data-district),
 * #results-waves, #results-question-<qid>, #texts-<qid> (-search, -go, -more, .sq-text-item),
 * #results-flagged (.flagged-item, data-id; -accept), #results-export-csv, #results-export-xlsx,
 * #results-export (data-url, data-rows), #results-assist, #results-edit, #results-preview, #results-close,
 * #results-duplicate.
 */
import { useEffect, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { callAction } from '@/services'
import { AUDIENCE_LABELS, CARELESS_LABELS, CHANNEL_LABELS, METRICS, METRIC_LABELS, PHASE_LABELS, isChoiceKind } from '@/domain/survey/constants'
import { formatInterval, formatPercent } from '@/domain/survey/stats'
import type { QuestionResult, ResponseItem, SurveyResults } from '@/domain/survey/schema'
import { OptionBars, RateCard, WaveRows } from '../../components/Charts'
import { useCall } from '../../components/useCall'
import { PHASE_TONE, SURVEY_ROUTES, deliverExport, formatDateTime, go, routeParam, toast } from '../../components/util'
import '../../components/survey.scss'

function TextAnswers({ surveyId, question }: { surveyId: string; question: QuestionResult }) {
  const [query, setQuery] = useState('')
  const [applied, setApplied] = useState('')
  const [items, setItems] = useState<{ no: number; text: string; districtName: string; flagged: boolean; submittedAt: string }[]>([])
  const [next, setNext] = useState<number | null>(0)
  const [loading, setLoading] = useState(false)
  const [scanned, setScanned] = useState(0)

  async function load(search: string, offset: number, append: boolean) {
    setLoading(true)
    const res = await callAction('survey', 'listTexts', { id: surveyId, questionId: question.id, search: search || undefined, offset, limit: 10 })
    setLoading(false)
    if (!res.ok) {
      toast(res.message)
      return
    }
    setItems((prev) => (append ? [...prev, ...res.data.items] : res.data.items))
    setNext(res.data.nextOffset)
    setScanned((s) => (append ? s + res.data.scanned : res.data.scanned))
  }

  useEffect(() => {
    load('', 0, false)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [surveyId, question.id])

  const search = () => {
    setApplied(query.trim())
    load(query.trim(), 0, false)
  }

  return (
    <View id={`texts-${question.id}`} className='sq-texts'>
      <View className='sq-texts__search'>
        <Input
          id={`texts-${question.id}-search`}
          className='sq-texts__input'
          value={query}
          placeholder='搜索关键词，如“垃圾”“停车”'
          confirmType='search'
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={search}
        />
        <Text id={`texts-${question.id}-go`} className='sq-btn is-small is-ghost' onClick={search}>
          搜索
        </Text>
      </View>
      {applied ? (
        <Text className='sq-note' style={{ marginBottom: '6px' }}>
          “{applied}”：在最近 {scanned} 条回答中找到 {items.length} 条{next !== null ? '，可继续搜索更早的回答' : ''}
        </Text>
      ) : null}
      {items.length === 0 && !loading ? <Text className='sq-note'>{applied ? '没有找到包含该关键词的回答' : '还没有人填写'}</Text> : null}
      {items.map((t) => (
        <View key={t.no} className='sq-text-item' data-no={t.no}>
          <Text className='sq-text-item__text'>{t.text}</Text>
          <Text className='sq-text-item__meta'>
            #{t.no} · {t.districtName} · {formatDateTime(t.submittedAt)}
            {t.flagged ? ' · 疑似敷衍答卷' : ''}
          </Text>
        </View>
      ))}
      {next !== null && (items.length > 0 || applied) ? (
        <Text id={`texts-${question.id}-more`} className='sq-btn is-small' style={{ marginTop: '8px' }} onClick={() => !loading && load(applied, next, true)}>
          {loading ? '加载中…' : applied ? '继续搜索更早的回答' : '加载更多'}
        </Text>
      ) : null}
    </View>
  )
}

function FlaggedList({ surveyId, onChanged }: { surveyId: string; onChanged: () => void }) {
  const list = useCall(() => callAction('survey', 'listResponses', { id: surveyId, flagged: true, limit: 50 }), [surveyId])
  const [busy, setBusy] = useState<string | null>(null)
  async function accept(r: ResponseItem) {
    if (busy) return
    setBusy(r.id)
    const res = await callAction('survey', 'acceptResponse', { responseId: r.id })
    setBusy(null)
    if (!res.ok) {
      toast(res.message)
      return
    }
    toast('已计入统计', 'success')
    list.reload()
    onChanged()
  }
  if (list.loading && !list.data) return <Loading compact />
  const items = list.data?.items ?? []
  if (!items.length) return <Text className='sq-note'>没有疑似敷衍的答卷。</Text>
  return (
    <View>
      {items.map((r) => (
        <View key={r.id} className='sq-flagged-item flagged-item' data-id={r.id} data-counted={r.counted ? '1' : '0'}>
          <View style={{ flex: 1, minWidth: 0 }}>
            <Text className='sq-flagged-item__text'>
              #{r.no} · {r.flags.map((f) => CARELESS_LABELS[f]).join('、')}
            </Text>
            <Text className='sq-flagged-item__meta'>
              {r.districtName} · {CHANNEL_LABELS[r.channel]}
              {r.elapsedMs !== null ? ` · 用时 ${Math.round(r.elapsedMs / 1000)} 秒` : ''} · {formatDateTime(r.submittedAt)}
            </Text>
          </View>
          {r.counted ? (
            <Text className='sq-tag tone-green'>已复核计入</Text>
          ) : (
            <Text id={`${r.id}-accept`} className={`sq-btn is-small is-ghost${busy === r.id ? ' is-disabled' : ''}`} onClick={() => accept(r)}>
              复核后计入
            </Text>
          )}
        </View>
      ))}
    </View>
  )
}

export default function SurveyResultsPage() {
  const id = routeParam('id')
  const results = useCall(() => callAction('survey', 'results', { id }), [id])
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | null>(null)
  const [exported, setExported] = useState<{ url: string; fileName: string; rows: number; format: 'csv' | 'xlsx' } | null>(null)
  const [acting, setActing] = useState(false)

  useDidShow(() => results.reload())
  usePullDownRefresh(() => results.reload())
  useEffect(() => {
    if (!results.loading) Taro.stopPullDownRefresh()
  }, [results.loading])

  const r: SurveyResults | undefined = results.data
  if (results.loading && !r) {
    return (
      <PageShell desk id='page-survey-results'>
        <Loading text='正在统计…' />
      </PageShell>
    )
  }
  if (!r) {
    return (
      <PageShell desk id='page-survey-results'>
        <ErrorState error={results.error} onRetry={results.reload} />
      </PageShell>
    )
  }

  const s = r.survey
  async function exportAs(format: 'csv' | 'xlsx') {
    if (exporting) return
    setExporting(format)
    const res = await callAction('survey', 'export', { id, format })
    setExporting(null)
    if (!res.ok) {
      toast(res.message)
      return
    }
    setExported({ ...res.data, format })
    await deliverExport(res.data.url, res.data.fileName, format)
  }

  async function closeEarly() {
    if (acting) return
    const ok = await Taro.showModal({ title: '提前结束问卷', content: '结束后市民将不能再填写，也不能再修改问卷。确定结束吗？', confirmColor: '#C8161D' })
    if (!ok.confirm) return
    setActing(true)
    const res = await callAction('survey', 'close', { id })
    setActing(false)
    if (!res.ok) return toast(res.message)
    toast('问卷已结束', 'success')
    results.reload()
  }

  async function duplicate() {
    if (acting) return
    setActing(true)
    const res = await callAction('survey', 'duplicate', { id })
    setActing(false)
    if (!res.ok) return toast(res.message)
    toast(`已创建第 ${res.data.wave} 轮草稿`, 'success')
    go(SURVEY_ROUTES.edit(res.data.id))
  }

  const metricsInSurvey = METRICS.filter((m) => r.metrics.some((x) => x.metric === m))
  const choiceQuestions = r.questions

  return (
    <PageShell desk id='page-survey-results' padded={false}>
      <View className='sq-page-head'>
        <View className='sq-page-head__meta' style={{ marginTop: 0, marginBottom: '8px' }}>
          <Text className={`sq-tag tone-${PHASE_TONE[s.phase]}`}>{PHASE_LABELS[s.phase]}</Text>
          <Text className='sq-chip'>第 {s.wave} 轮</Text>
          <Text className='sq-chip'>{s.audience === 'district' ? `${s.districtName ?? ''}居民` : AUDIENCE_LABELS[s.audience]}</Text>
        </View>
        <Text id='results-title' className='sq-page-head__title'>
          {s.title}
        </Text>
        <Text className='sq-page-head__sub'>
          {formatDateTime(s.opensAt)} — {formatDateTime(s.closesAt)}
        </Text>
      </View>

      <View className='page-shell__body'>
        <View
          id='results-totals'
          className='sq-card-plain'
          style={{ marginTop: '16px' }}
          data-responses={r.totals.responses}
          data-online={r.totals.online}
          data-assisted={r.totals.assisted}
          data-flagged={r.totals.flagged}
        >
          <View className='sq-stats'>
            <View className='sq-stat'>
              <Text className='sq-stat__num'>{r.totals.responses}</Text>
              <Text className='sq-stat__label'>有效答卷</Text>
            </View>
            <View className='sq-stat'>
              <Text className='sq-stat__num'>{r.totals.online}</Text>
              <Text className='sq-stat__label'>线上填写</Text>
            </View>
            <View className='sq-stat'>
              <Text className='sq-stat__num'>{r.totals.assisted}</Text>
              <Text className='sq-stat__label'>工作人员代录</Text>
            </View>
            <View className='sq-stat'>
              <Text className={`sq-stat__num${r.totals.flagged ? ' is-warn' : ''}`}>{r.totals.flagged}</Text>
              <Text className='sq-stat__label'>待复核</Text>
            </View>
          </View>
          <View className='sq-actions' style={{ marginTop: '14px' }}>
            <Text id='results-export-csv' className={`sq-btn is-small is-primary${exporting ? ' is-disabled' : ''}`} onClick={() => exportAs('csv')}>
              {exporting === 'csv' ? '导出中…' : '导出 CSV'}
            </Text>
            <Text id='results-export-xlsx' className={`sq-btn is-small is-primary${exporting ? ' is-disabled' : ''}`} onClick={() => exportAs('xlsx')}>
              {exporting === 'xlsx' ? '导出中…' : '导出 Excel'}
            </Text>
            {s.allowAssisted && s.phase === 'open' ? (
              <Text id='results-assist' className='sq-btn is-small is-ghost' onClick={() => go(SURVEY_ROUTES.assist(id))}>
                代录问卷
              </Text>
            ) : null}
            {s.status !== 'closed' ? (
              <Text id='results-edit' className='sq-btn is-small' onClick={() => go(SURVEY_ROUTES.edit(id))}>
                修改文字
              </Text>
            ) : null}
            <Text id='results-preview' className='sq-btn is-small' onClick={() => go(SURVEY_ROUTES.preview(id))}>
              预览
            </Text>
            {s.status === 'published' ? (
              <Text id='results-close' className={`sq-btn is-small is-danger${acting ? ' is-disabled' : ''}`} onClick={closeEarly}>
                {s.phase === 'closed' ? '标记为已结束' : '提前结束'}
              </Text>
            ) : null}
            <Text id='results-duplicate' className={`sq-btn is-small${acting ? ' is-disabled' : ''}`} onClick={duplicate}>
              复制为下一轮
            </Text>
          </View>
          {exported ? (
            <View id='results-export' className='sq-export' data-url={exported.url} data-rows={exported.rows} data-format={exported.format}>
              <Text>
                已导出 {exported.rows} 份答卷（不含个人信息）：{exported.fileName}
              </Text>
            </View>
          ) : null}
        </View>

        {/* ---------------------------------------------------------------- metrics */}
        <View className='sq-section-title'>
          <Text className='sq-section-title__text'>核心指标</Text>
          <Text className='sq-section-title__extra'>95% 置信区间</Text>
        </View>
        {r.metrics.length ? (
          <View id='results-metrics' className='sq-rates'>
            {r.metrics.map((m) => (
              <RateCard key={m.metric} metric={m} />
            ))}
          </View>
        ) : (
          <View className='sq-card-plain'>
            <Text className='sq-note'>本问卷没有题目计入知晓率、支持率、满意度或参与率。可在编辑问卷时为选择题设置统计指标。</Text>
          </View>
        )}
        <Text className='sq-note' style={{ marginTop: '8px' }}>
          比率 = 选择正向答案的人次 ÷ 作答人次；区间为 Wilson 95% 置信区间，n 为样本量。疑似敷衍的答卷不计入，见页面底部。
        </Text>

        {/* -------------------------------------------------------------- districts */}
        {r.districts.length && metricsInSurvey.length ? (
          <>
            <View className='sq-section-title'>
              <Text className='sq-section-title__text'>分辖区</Text>
            </View>
            <View id='results-districts' className='sq-table'>
              <View className='sq-table__row is-head'>
                <Text className='sq-table__cell is-first'>辖区</Text>
                {metricsInSurvey.map((m) => (
                  <Text key={m} className='sq-table__cell'>
                    {METRIC_LABELS[m]}
                  </Text>
                ))}
              </View>
              {r.districts.map((d) => (
                <View key={d.districtId} className='sq-table__row' data-district={d.districtId} data-responses={d.responses}>
                  <View className='sq-table__cell is-first'>
                    <Text style={{ display: 'block' }}>{d.name}</Text>
                    <Text className='sq-table__ci'>{d.responses} 份</Text>
                  </View>
                  {metricsInSurvey.map((m) => {
                    const x = d.metrics.find((y) => y.metric === m)
                    return (
                      <View key={m} className='sq-table__cell' data-metric={m} data-rate={x?.rate ?? ''}>
                        <Text className='sq-table__rate'>{formatPercent(x?.rate)}</Text>
                        <Text className='sq-table__ci'>{x && x.low !== null ? formatInterval(x) : '—'}</Text>
                      </View>
                    )
                  })}
                </View>
              ))}
            </View>
          </>
        ) : null}

        {/* ------------------------------------------------------------------ waves */}
        {r.waves.length > 1 ? (
          <>
            <View className='sq-section-title'>
              <Text className='sq-section-title__text'>历轮对比</Text>
              <Text className='sq-section-title__extra'>共 {r.waves.length} 轮</Text>
            </View>
            <View id='results-waves' className='sq-card-plain'>
              {metricsInSurvey.map((m, i) => (
                <View key={m} style={{ marginTop: i ? '14px' : 0 }}>
                  <Text className='sq-field-label'>{METRIC_LABELS[m]}</Text>
                  <WaveRows
                    rows={r.waves.map((w) => ({
                      key: String(w.wave),
                      label: `第${w.wave}轮`,
                      metric: w.metrics.find((x) => x.metric === m),
                      current: w.surveyId === id,
                    }))}
                  />
                </View>
              ))}
            </View>
          </>
        ) : null}

        {/* -------------------------------------------------------------- questions */}
        <View className='sq-section-title'>
          <Text className='sq-section-title__text'>各题统计</Text>
        </View>
        {choiceQuestions.map((q, i) => (
          <View key={q.id} id={`results-question-${q.id}`} className='sq-card-plain'>
            <View className='sq-head'>
              <Text className='sq-num'>{i + 1}</Text>
              <View className='sq-head__text'>
                <Text className='sq-title'>{q.title}</Text>
                <View className='sq-qitem__tags'>
                  {q.metric ? <Text className='sq-tag tone-blue'>{METRIC_LABELS[q.metric]}</Text> : null}
                  {q.conditional ? <Text className='sq-tag tone-gold'>条件显示</Text> : null}
                  <Text className='sq-tag tone-grey'>
                    {q.answered} 人作答{q.conditional ? ` / ${q.shown} 人看到` : ''}
                  </Text>
                  {q.rate && q.rate.rate !== null ? (
                    <Text className='sq-tag tone-red'>
                      正向 {formatPercent(q.rate.rate)}（{formatInterval(q.rate)}）
                    </Text>
                  ) : null}
                </View>
              </View>
            </View>
            {isChoiceKind(q.kind) ? <OptionBars question={q} /> : <TextAnswers surveyId={id} question={q} />}
          </View>
        ))}

        {/* ---------------------------------------------------------------- flagged */}
        <View className='sq-section-title'>
          <Text className='sq-section-title__text'>疑似敷衍答卷</Text>
          <Text className='sq-section-title__extra'>{r.flagged.responses} 份，未计入以上统计</Text>
        </View>
        <View id='results-flagged' className='sq-card-plain'>
          <Text className='sq-note' style={{ marginBottom: '8px' }}>
            用时过短（平均每题不足 2 秒）或 5 道以上满意度题全部选同一项的答卷单独列出，不会被删除。复核确认后可计入统计。
          </Text>
          {r.flagged.metrics.length && r.flagged.responses ? (
            <View className='sq-rates' style={{ marginBottom: '10px' }}>
              {r.flagged.metrics.map((m) => (
                <RateCard key={m.metric} metric={m} compact />
              ))}
            </View>
          ) : null}
          <FlaggedList surveyId={id} onChanged={results.reload} />
        </View>
        <View style={{ height: '24px' }} />
      </View>
    </PageShell>
  )
}
