import { useEffect, useMemo, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import type { LedgerFormat, LedgerKind } from '@/domain/ledger/filters'
import type { ExportJobView } from '@/domain/ledger/job'
import { Empty, ErrorState, Loading, PageShell, Section } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { Field } from '@/components/volunteer/Field'
import { Notice, ToneTag } from '@/components/volunteer/Notice'
import { callAction, useAction, useDevUserId, type ClientFail, type InputOf, type OutputOf } from '@/services'
import { RolesOnly } from '../../guard'
import {
  FORMAT_OPTIONS,
  JOB_STATUS_LABELS,
  KIND_FILTERS,
  KIND_OPTIONS,
  PERIOD_FIELD,
  PERIOD_PRESETS,
  dayEndIso,
  dayStartIso,
  formatTime,
  presetRange,
  type PeriodPreset,
} from '../../constants'
import '../../ledger.scss'

type Filters = InputOf<'ledger', 'preview'>
type Option = { value: string; label: string }

/** A picker over names with 全部 first; `value` null is 全部. */
function NamePicker({ id, label, options, value, onChange, loading }: { id: string; label: string; options: Option[]; value: string | null; onChange: (v: string | null) => void; loading?: boolean }) {
  const range = ['全部', ...options.map((o) => o.label)]
  const index = value ? options.findIndex((o) => o.value === value) + 1 : 0
  return (
    <Field label={label}>
      <Picker mode='selector' range={range} value={Math.max(0, index)} onChange={(e) => onChange(Number(e.detail.value) === 0 ? null : options[Number(e.detail.value) - 1].value)}>
        <View id={id} className='ledger-picker' data-value={value ?? ''}>
          <Text>{loading ? '加载中…' : range[Math.max(0, index)]}</Text>
          <Text className='ledger-picker__arrow'>▾</Text>
        </View>
      </Picker>
    </Field>
  )
}

function useOptions(kind: LedgerKind) {
  const districts = useAction('city', 'listDistricts', {})
  const units = useAction('city', 'listUnits', { limit: 100 })
  const categories = useAction('city', 'listCategories', {})
  const surveys = useAction('survey', 'list', { limit: 100 }, [kind === 'surveys'])
  return {
    districts: (districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name })),
    units: (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name })),
    categories: (categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
    surveys: (surveys.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.title}（第${s.wave}轮）` })),
    loading: districts.loading || units.loading || categories.loading,
  }
}

/**
 * The first rows of the ledger, exactly as the file will have them. `data-key` names the filters of the rows
 * shown (never stale rows under new filters). Test hooks: #ledger-preview[data-key][data-total], .ledger-row[data-index], .ledger-cell.
 */
function Preview({ filters, ready }: { filters: Filters | null; ready: string | null }) {
  const key = filters ? JSON.stringify(filters) : ''
  const identity = useDevUserId()
  const [nonce, setNonce] = useState(0)
  const [state, setState] = useState<{ key: string; data?: OutputOf<'ledger', 'preview'>; error?: ClientFail }>({ key: '' })
  useEffect(() => {
    if (!filters) return
    let alive = true
    callAction('ledger', 'preview', filters).then((res) => alive && setState(res.ok ? { key, data: res.data } : { key, error: res }))
    return () => {
      alive = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the filters
  }, [key, identity, nonce])
  if (!filters) return <Notice tone='orange'>{ready}</Notice>
  if (state.key !== key) return <Loading text='正在生成预览…' />
  if (state.error) return <ErrorState compact error={state.error} onRetry={() => setNonce((n) => n + 1)} />
  const data = state.data
  if (!data) return null
  return (
    <View id='ledger-preview' data-key={key} data-total={data.total} data-rows={data.rows.length}>
      <Text className='ledger-muted' id='ledger-preview-total'>
        共 {data.total} 行{data.total > data.rows.length ? `，预览前 ${data.rows.length} 行` : ''}
      </Text>
      {data.rows.length === 0 ? (
        <Empty icon='📭' title='所选范围内没有记录' description='换一个时间范围或筛选条件试试' />
      ) : (
        <View className='ledger-table-wrap'>
          <View className='ledger-table'>
            <View className='ledger-tr ledger-tr--head'>
              {data.header.map((h) => (
                <Text key={h} className='ledger-th'>
                  {h}
                </Text>
              ))}
            </View>
            {data.rows.map((row, i) => (
              <View key={i} className='ledger-tr ledger-row' data-index={i}>
                {row.map((cell, c) => (
                  <Text key={c} className={`ledger-cell${data.header[c] === '处理过程' ? ' ledger-cell--long' : ''}`}>
                    {cell}
                  </Text>
                ))}
              </View>
            ))}
          </View>
        </View>
      )}
    </View>
  )
}

function download(job: ExportJobView) {
  if (!job.url) return
  if (process.env.TARO_ENV === 'h5') {
    window.open(job.url, '_blank')
    return
  }
  // WeChat opens Office files in its document viewer, but not CSV: staff take the link to a computer.
  if (job.format === 'csv') {
    Taro.setClipboardData({ data: job.url }).then(() => Taro.showToast({ title: '下载链接已复制，请在电脑浏览器中打开（1 小时内有效）', icon: 'none' }))
    return
  }
  Taro.downloadFile({ url: job.url })
    .then((res) => Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true }))
    .catch(() => Taro.showToast({ title: '下载失败，请重试', icon: 'none' }))
}

/** One export job with its progress bar and download. Test hooks: #ledger-job[data-status][data-percent][data-url][data-rows], #ledger-job-download. */
function JobCard({ job }: { job: ExportJobView }) {
  return (
    <View id='ledger-job' className='card ledger-job' data-id={job.id} data-status={job.status} data-percent={job.percent} data-rows={job.rows} data-format={job.format} data-url={job.url ?? ''}>
      <View className='ledger-job__head'>
        <Text className='ledger-job__title'>{job.title}</Text>
        <ToneTag tone={job.status === 'done' ? 'green' : job.status === 'failed' ? 'red' : job.status === 'expired' ? 'grey' : 'orange'}>{JOB_STATUS_LABELS[job.status]}</ToneTag>
      </View>
      <View className='ledger-progress' aria-valuenow={job.percent}>
        <View className='ledger-progress__bar' style={{ width: `${job.percent}%` }} />
      </View>
      <Text className='ledger-muted'>
        {job.status === 'done' ? `共 ${job.rows} 行 · ${job.fileName ?? ''}` : `已生成 ${job.rows} / 约 ${job.total} 行（${job.percent}%）`}
      </Text>
      {job.error ? <Notice tone='red'>{job.error}</Notice> : null}
      {job.status === 'done' && job.url ? (
        <Button id='ledger-job-download' type='primary' size='small' onClick={() => download(job)}>
          下载文件
        </Button>
      ) : null}
    </View>
  )
}

function LedgerExport() {
  const [kind, setKind] = useState<LedgerKind>('reports')
  const [preset, setPreset] = useState<PeriodPreset | null>('30d')
  const [period, setPeriod] = useState(() => presetRange('30d', Date.now()))
  const [districtId, setDistrictId] = useState<string | null>(null)
  const [unitId, setUnitId] = useState<string | null>(null)
  const [categoryId, setCategoryId] = useState<string | null>(null)
  const [surveyId, setSurveyId] = useState<string | null>(null)
  const [format, setFormat] = useState<LedgerFormat>('csv')
  const [job, setJob] = useState<ExportJobView | null>(null)
  const [startError, setStartError] = useState<ClientFail | null>(null)
  const [starting, setStarting] = useState(false)
  const options = useOptions(kind)
  const allowed = KIND_FILTERS[kind]

  const pickPreset = (p: PeriodPreset | null) => {
    if (!p) return
    setPreset(p)
    setPeriod(presetRange(p, Date.now()))
  }
  const pickDay = (side: 'from' | 'to', day: string) => {
    setPreset(null)
    setPeriod((cur) => ({ ...cur, [side]: day }))
  }

  const { filters, problem } = useMemo(() => {
    if (period.from > period.to) return { filters: null, problem: '起始日期不能晚于截止日期' }
    if (kind === 'surveys' && !surveyId) return { filters: null, problem: '请先选择要导出的问卷' }
    const f: Filters = { kind, from: dayStartIso(period.from), to: dayEndIso(period.to) }
    if (districtId && allowed.includes('districtId')) f.districtId = districtId
    if (unitId && allowed.includes('unitId')) f.unitId = unitId
    if (categoryId && allowed.includes('categoryId')) f.categoryId = categoryId
    if (surveyId && allowed.includes('surveyId')) f.surveyId = surveyId
    return { filters: f, problem: null }
  }, [kind, period, districtId, unitId, categoryId, surveyId, allowed])

  // Poll a running job: each poll also moves it on by a step on the server.
  const polling = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => {
    if (!job || job.status !== 'running') return
    polling.current = setTimeout(async () => {
      const res = await callAction('ledger', 'exportStatus', { id: job.id })
      if (res.ok) setJob(res.data)
      else setStartError(res)
    }, 700)
    return () => {
      if (polling.current) clearTimeout(polling.current)
    }
  }, [job])

  const start = async () => {
    if (!filters) return
    setStarting(true)
    setStartError(null)
    const res = await callAction('ledger', 'startExport', { filters, format })
    setStarting(false)
    if (res.ok) setJob(res.data)
    else setStartError(res)
  }

  return (
    <View className='ledger-page desk-wide'>
      <View className='desk-columns'>
        <View className='desk-col ledger-form card'>
          <Field label='台账类型' required>
            <ChoiceChips idPrefix='ledger-kind' options={KIND_OPTIONS} value={kind} onChange={(v) => v && setKind(v)} />
          </Field>
          <Field label={`时间范围（${PERIOD_FIELD[kind]}）`} required>
            <ChoiceChips idPrefix='ledger-period' options={PERIOD_PRESETS} value={preset} onChange={pickPreset} />
            <View className='ledger-days'>
              <Picker mode='date' value={period.from} onChange={(e) => pickDay('from', String(e.detail.value))}>
                <View id='ledger-from' className='ledger-picker' data-value={period.from}>
                  <Text>{period.from}</Text>
                </View>
              </Picker>
              <Text className='ledger-muted'>至</Text>
              <Picker mode='date' value={period.to} onChange={(e) => pickDay('to', String(e.detail.value))}>
                <View id='ledger-to' className='ledger-picker' data-value={period.to}>
                  <Text>{period.to}</Text>
                </View>
              </Picker>
            </View>
          </Field>
          {allowed.includes('surveyId') ? <NamePicker id='ledger-survey' label='问卷' options={options.surveys} value={surveyId} onChange={setSurveyId} /> : null}
          {allowed.includes('districtId') ? (
            <Field label='辖区'>
              <ChoiceChips idPrefix='ledger-district' options={[{ value: 'all', label: '全部' }, ...options.districts]} value={districtId ?? 'all'} onChange={(v) => setDistrictId(v === 'all' ? null : v)} />
            </Field>
          ) : null}
          {allowed.includes('unitId') ? <NamePicker id='ledger-unit' label='责任单位' options={options.units} value={unitId} onChange={setUnitId} loading={options.loading} /> : null}
          {allowed.includes('categoryId') ? <NamePicker id='ledger-category' label='问题类型' options={options.categories} value={categoryId} onChange={setCategoryId} loading={options.loading} /> : null}
          <Field label='文件格式' required hint={kind === 'reports' ? 'Excel 另有“处理过程”工作表，每个环节一行' : undefined}>
            <ChoiceChips idPrefix='ledger-format' options={FORMAT_OPTIONS} value={format} onChange={(v) => v && setFormat(v)} />
          </Field>
          <Button id='ledger-export-start' block type='primary' loading={starting} disabled={!filters || starting || job?.status === 'running'} onClick={start}>
            导出台账
          </Button>
          {startError ? (
            <Notice id='ledger-export-error' tone='red' code={startError.code}>
              {startError.message}
            </Notice>
          ) : null}
          {job ? <JobCard job={job} /> : null}
          <Text className='ledger-muted ledger-note'>导出文件不含举报人身份、身份证号；志愿者手机号已隐去中间四位。文件保留 7 天，每次导出都会记入操作日志。</Text>
        </View>
        <View className='desk-col'>
          <Section title='台账预览'>
            <Preview filters={filters} ready={problem} />
          </Section>
          <RecentExports latest={job} />
        </View>
      </View>
    </View>
  )
}

/** My recent exports (their links are fresh for an hour). Test hooks: #ledger-recent .ledger-recent__item[data-id]. */
function RecentExports({ latest }: { latest: ExportJobView | null }) {
  const list = useAction('ledger', 'listExports', {}, [latest?.id, latest?.status])
  const items = list.data?.items ?? []
  return (
    <Section title='最近导出' id='ledger-recent'>
      {list.loading && !list.data ? (
        <Loading compact />
      ) : list.error ? (
        <ErrorState compact error={list.error} onRetry={list.reload} />
      ) : items.length === 0 ? (
        <Empty icon='🗂️' title='还没有导出过台账' />
      ) : (
        items.map((j) => (
          <View key={j.id} className='ledger-recent__item card' data-id={j.id} data-status={j.status}>
            <Text className='ledger-recent__title'>{j.title}</Text>
            <Text className='ledger-muted'>
              {formatTime(j.createdAt)} · {j.format === 'csv' ? 'CSV' : 'Excel'} · {JOB_STATUS_LABELS[j.status]} · {j.rows} 行
            </Text>
            {j.status === 'done' && j.url ? (
              <Text className='ledger-link' onClick={() => download(j)}>
                下载
              </Text>
            ) : null}
          </View>
        ))
      )}
    </Section>
  )
}

/** 台账导出. Test hooks: #page-ledger-export, #ledger-kind-<kind>, #ledger-period-<preset>, #ledger-district-<id|all>, #ledger-unit/category/survey (pickers), #ledger-format-<fmt>, #ledger-export-start, #ledger-job, #ledger-preview. */
export default function LedgerExportPage() {
  return (
    <PageShell desk id='page-ledger-export'>
      <RolesOnly roles={['staff', 'admin']} what='台账导出仅向创城办工作人员和管理员开放。'>
        <LedgerExport />
      </RolesOnly>
    </PageShell>
  )
}
