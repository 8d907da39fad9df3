import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Empty, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { Sheet } from '@/components/Sheet'
import { Field, TextInput } from '@/components/volunteer/Field'
import { Notice, Tabs, ToneTag } from '@/components/volunteer/Notice'
import { callAction } from '@/services/cloud'
import { usePaged, useShownAgain } from '@/services/hooks'
import { useAction } from '@/services/useAction'
import { openPage } from '@/services/ui'
import { useBusy } from '@/services/volunteerHooks'
import { ROUTES_ASSESS, SCHEME_KIND_LABELS, SCHEME_STATUS_LABELS, formatDay, formatScore, type SchemeKind, type SchemeOptions, type SchemeStatus } from '@/services/assess'
import { RoleGate } from '../../guard'
import { PagedList, usePageGestures } from '../../PagedList'
import '../../assess.scss'

type Tab = 'all' | SchemeStatus
const KINDS: SchemeKind[] = ['city', 'unit', 'village']

/** `YYYY-MM-DD` (a China calendar day) → the ISO instant it starts; null when not a date. */
function dayStart(day: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(day.trim())
  if (!m) return null
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - 8 * 3600e3
  return Number.isNaN(t) ? null : new Date(t).toISOString()
}

function CreateSheet({ visible, onClose, options }: { visible: boolean; onClose: () => void; options: SchemeOptions | undefined }) {
  const [kind, setKind] = useState<SchemeKind>('city')
  const [label, setLabel] = useState('')
  const [start, setStart] = useState('')
  const [end, setEnd] = useState('')
  const [surveyId, setSurveyId] = useState<string | null>(null)
  /** Unit types in scope; null = the template's. */
  const [types, setTypes] = useState<string[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, run] = useBusy()
  const template = options?.templates.find((t) => t.kind === kind)
  const needsSurvey = !!template?.items.some((i) => i.rule?.metric === 'survey_rate')
  const scopeTypes = types ?? template?.unitTypes ?? []
  // The unit types the city has, with how many active units each (the scope picker).
  const typeCounts = new Map<string, number>()
  for (const u of options?.units ?? []) typeCounts.set(u.type, (typeCounts.get(u.type) ?? 0) + 1)
  const toggleType = (t: string) => setTypes(scopeTypes.includes(t) ? scopeTypes.filter((x) => x !== t) : [...scopeTypes, t])
  const inScope = (options?.units ?? []).filter((u) => scopeTypes.includes(u.type)).length

  const create = () =>
    run(async () => {
      if (!template) return
      const from = dayStart(start)
      const to = dayStart(end)
      if (label.trim().length < 2) return setError('请填写考评周期，如“2026年第四季度”')
      if (!from || !to) return setError('请按 2026-10-01 的格式填写开始和结束日期')
      if (!scopeTypes.length) return setError('请选择参加考评的单位类型')
      const items = template.items.map((i) => ({
        id: i.id,
        group: i.group,
        title: i.title,
        guide: i.guide,
        points: i.points,
        kind: i.kind,
        rule: i.rule ? { ...i.rule, surveyId: i.rule.metric === 'survey_rate' ? surveyId : i.rule.surveyId } : null,
      }))
      const res = await callAction('assess', 'schemeSave', {
        title: `${label.trim()}${template.title}`.slice(0, 60),
        kind,
        period: { label: label.trim(), start: from, end: new Date(Date.parse(to) + 24 * 3600e3).toISOString() },
        scope: { unitTypes: scopeTypes as never[], unitIds: [] },
        items,
      })
      if (!res.ok) return setError(res.message)
      onClose()
      openPage(ROUTES_ASSESS.scheme(res.data.id))
    })

  return (
    <Sheet id='scheme-create' visible={visible} title='新建考评方案' onClose={onClose} confirmText='按模板新建' busy={busy} onConfirm={create}>
      <Field label='考评类型' required>
        <View className='as-row'>
          {KINDS.map((k) => (
            <Button key={k} id={`scheme-kind-${k}`} size='small' type={k === kind ? 'primary' : 'default'} fill={k === kind ? 'solid' : 'outline'} onClick={() => (setKind(k), setTypes(null))}>
              {SCHEME_KIND_LABELS[k]}
            </Button>
          ))}
        </View>
      </Field>
      {template ? (
        <Text className='as-muted'>
          模板：{template.title}，{template.items.length} 个考评项，共 {formatScore(template.totalPoints)} 分。新建后可在草稿中调整考评项和分值。
        </Text>
      ) : null}
      <Field label={`参评单位类型（${inScope} 个单位）`} required>
        <View className='as-row' style={{ flexWrap: 'wrap' }} id='scheme-types'>
          {Array.from(typeCounts, ([t, n]) => (
            <Button key={t} className='scheme-type' data-type={t} size='small' type={scopeTypes.includes(t) ? 'primary' : 'default'} fill={scopeTypes.includes(t) ? 'solid' : 'outline'} onClick={() => toggleType(t)}>
              {t}（{n}）
            </Button>
          ))}
        </View>
      </Field>
      <Field label='考评周期' required>
        <TextInput id='scheme-label' value={label} onChange={setLabel} placeholder='如 2026年第四季度' maxlength={30} />
      </Field>
      <Field label='开始日期' required>
        <TextInput id='scheme-start' value={start} onChange={setStart} placeholder='如 2026-10-01' maxlength={10} />
      </Field>
      <Field label='结束日期（含）' required>
        <TextInput id='scheme-end' value={end} onChange={setEnd} placeholder='如 2026-12-31' maxlength={10} />
      </Field>
      {needsSurvey ? (
        <Field label='群众满意度所用问卷' hint='按参评单位所在辖区的问卷满意度计分；启动前必须选择'>
          <View className='as-row' style={{ flexWrap: 'wrap' }}>
            {(options?.surveys ?? []).map((s) => (
              <Button key={s.id} size='small' type={s.id === surveyId ? 'primary' : 'default'} fill={s.id === surveyId ? 'solid' : 'outline'} onClick={() => setSurveyId(s.id)}>
                {s.name}
              </Button>
            ))}
          </View>
        </Field>
      ) : null}
      {error ? (
        <Notice id='scheme-create-error' tone='red'>
          {error}
        </Notice>
      ) : null}
    </Sheet>
  )
}

function Schemes() {
  const [tab, setTab] = useState<Tab>('all')
  const [creating, setCreating] = useState(false)
  const options = useAction('assess', 'schemeOptions', {})
  const list = usePaged((cursor) => callAction('assess', 'schemeList', { ...(tab === 'all' ? {} : { status: tab }), cursor, limit: 20 }), [tab])
  usePageGestures(list)
  useShownAgain(list.reload)

  return (
    <>
      <View className='as-title as-row'>
        <View>
          <Text className='as-title__text'>考评管理</Text>
          <Text className='as-title__sub'>材料审核 · 实地考察 · 数据评分 · 排名通报</Text>
        </View>
        <View className='as-spacer' />
        <Button size='small' fill='outline' type='default' id='open-bulletins' onClick={() => openPage(ROUTES_ASSESS.bulletins)}>
          考评通报
        </Button>
        <Button size='small' type='primary' id='scheme-new' disabled={!options.data} onClick={() => setCreating(true)}>
          新建方案
        </Button>
      </View>
      <Tabs
        idPrefix='scheme-tab'
        tabs={[
          { key: 'all', label: '全部' },
          { key: 'draft', label: '草稿' },
          { key: 'open', label: '考评中' },
          { key: 'published', label: '已通报' },
        ]}
        value={tab}
        onChange={setTab}
      />
      <PagedList id='scheme-list' list={list} empty={<Empty icon='📊' title='暂无考评方案' description='点击“新建方案”，从文明城市、文明单位或文明村镇模板开始' />}>
        {(s) => (
          <View key={s.id} className='as-card scheme-row' data-id={s.id} data-status={s.status} onClick={() => openPage(ROUTES_ASSESS.scheme(s.id))}>
            <View className='as-row'>
              <Text className='as-name'>{s.title}</Text>
              <View className='as-spacer' />
              <ToneTag tone={s.status === 'open' ? 'orange' : s.status === 'published' ? 'green' : 'grey'}>{SCHEME_STATUS_LABELS[s.status]}</ToneTag>
            </View>
            <Text className='as-body'>
              {SCHEME_KIND_LABELS[s.kind]} · {s.period.label}（{formatDay(s.period.start)} 至 {formatDay(new Date(Date.parse(s.period.end) - 1).toISOString())}）
            </Text>
            <Text className='as-muted'>
              {s.itemCount} 个考评项 · 满分 {formatScore(s.totalPoints)} 分{s.unitCount ? ` · ${s.unitCount} 个单位参评` : ''}
            </Text>
          </View>
        )}
      </PagedList>
      <CreateSheet visible={creating} onClose={() => setCreating(false)} options={options.data} />
    </>
  )
}

/** 考评方案 list (staff). Test hooks: #page-assess-schemes, #scheme-new, #scheme-create (#scheme-kind-<kind>, #scheme-label, #scheme-start, #scheme-end), #scheme-list .scheme-row[data-id][data-status], #open-bulletins. */
export default function SchemesPage() {
  return (
    <PageShell desk id='page-assess-schemes'>
      <RoleGate roles={['staff', 'admin']} what='考评管理'>
        {() => <Schemes />}
      </RoleGate>
    </PageShell>
  )
}
