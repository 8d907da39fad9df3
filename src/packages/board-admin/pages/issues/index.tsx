/**
 * 红黑榜 issues for staff and admins: drafts, those awaiting approval, published ones; a new draft is
 * proposed from a period's data (the last complete period, or the current one in progress). Admins set
 * the series name and cadence here.
 *
 * Test hooks: #page-board-admin-issues, #issues-tab-<draft|pending|published|all>, #issues-create,
 * #issues-create-sheet (#issues-period-last, #issues-period-current, #issues-create-sheet-confirm),
 * #issues-settings, .adm-issue-card (data-id, data-state), #issues-more.
 */
import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Chips, Field, ListFooter, Sheet, TextBox } from '@/components/report'
import { pressable } from '@/components/keyboard'
import { BOARD_ROUTES, CADENCE_LABELS, ISSUE_STATE_LABELS, formatDay, periodStartOf, type Cadence, type IssueState } from '@/services/board'
import { callAction } from '@/services/cloud'
import { usePaged, useShownAgain } from '@/services/hooks'
import { openPage, toast } from '@/services/ui'
import { useAction } from '@/services/useAction'
import '@/components/report/report.scss'
import '../../components/admin.scss'

const TABS: ('' | IssueState)[] = ['draft', 'pending', 'published', '']

export default function AdminIssuesPage() {
  const [state, setState] = useState<'' | IssueState>('draft')
  const [sheet, setSheet] = useState<'create' | 'settings' | null>(null)
  const [period, setPeriod] = useState<'last' | 'current'>('last')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const me = useAction('user', 'me', {})
  const settings = useAction('board', 'boardSettings', {})
  const [series, setSeries] = useState('')
  const [cadence, setCadence] = useState<Cadence>('weekly')
  const isAdmin = !!me.data?.roles.includes('admin')
  const list = usePaged((cursor) => callAction('board', 'issueStaffList', { state: state || undefined, cursor, limit: 10 }), [state])
  usePullDownRefresh(() => list.reload())
  useEffect(() => {
    if (!list.loading && !list.refreshing) Taro.stopPullDownRefresh()
  }, [list.loading, list.refreshing])
  useReachBottom(() => list.loadMore())
  useShownAgain(() => list.reload())
  useEffect(() => {
    if (settings.data) {
      setSeries(settings.data.series)
      setCadence(settings.data.cadence)
    }
  }, [settings.data])

  const create = async () => {
    const s = settings.data
    setBusy(true)
    setError(null)
    const res = await callAction('board', 'issueCreateDraft', period === 'current' && s ? { periodStart: periodStartOf(s.cadence, Date.now(), s.anchor) } : {})
    setBusy(false)
    if (!res.ok) return setError(res.message)
    setSheet(null)
    openPage(BOARD_ROUTES.issueEdit(res.data.id))
  }

  const saveSettings = async () => {
    if (!settings.data) return
    setBusy(true)
    const res = await callAction('board', 'updateBoardSettings', { series: series.trim(), cadence, anchor: settings.data.anchor })
    setBusy(false)
    if (!res.ok) return toast(res.message)
    settings.reload()
    setSheet(null)
    toast('已保存', 'success')
  }

  return (
    <PageShell desk id='page-board-admin-issues'>
      <View className='adm-actions'>
        <Text id='issues-create' className='adm-action' onClick={() => (setError(null), setSheet('create'))}>
          📊 按数据生成草稿
        </Text>
        {isAdmin ? (
          <Text id='issues-settings' className='adm-action is-ghost' onClick={() => setSheet('settings')}>
            ⚙️ 榜单设置
          </Text>
        ) : null}
      </View>
      {settings.data ? (
        <Text className='adm-hint'>
          {settings.data.series} · {CADENCE_LABELS[settings.data.cadence]}发布 · 已发布 {settings.data.lastNo} 期。草稿由创城办起草，须另一名管理员审核后发布。
        </Text>
      ) : null}
      <View className='adm-tabs'>
        {TABS.map((t) => (
          <Text key={t || 'all'} id={`issues-tab-${t || 'all'}`} className={`adm-tab${state === t ? ' is-active' : ''}`} onClick={() => setState(t)}>
            {t ? ISSUE_STATE_LABELS[t] : '全部'}
          </Text>
        ))}
      </View>
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <View className='card'>
          <Empty icon='🏆' title={state === 'pending' ? '没有待审核的红黑榜' : state === 'draft' ? '暂无草稿' : state === 'published' ? '暂无已发布的红黑榜' : '暂无红黑榜'} description={state === 'draft' ? '点击“按数据生成草稿”，系统会根据本期随手拍办理数据提出建议。' : undefined} />
        </View>
      ) : (
        list.items.map((i) => (
          <View key={i.id} className='card adm-card adm-issue-card desk-row' data-id={i.id} data-state={i.state} onClick={() => openPage(BOARD_ROUTES.issueEdit(i.id))} {...pressable(() => openPage(BOARD_ROUTES.issueEdit(i.id)))}>
            <View className='adm-card__head'>
              <Text className='adm-card__title'>{i.title}</Text>
              <Text className={`adm-state is-${i.state}`}>{ISSUE_STATE_LABELS[i.state]}</Text>
            </View>
            <Text className='adm-card__line'>周期：{i.periodLabel}</Text>
            <Text className='adm-card__line'>
              红榜 {i.redCount} · 黑榜 {i.blackCount} · {i.author.name}起草 · {i.publishedAt ? `${formatDay(i.publishedAt)}发布` : `${formatDay(i.updatedAt)}更新`}
            </Text>
          </View>
        ))
      )}
      <ListFooter id='issues-more' hasMore={list.hasMore} loadingMore={list.loadingMore} failed={!!list.moreError} onMore={list.loadMore} count={list.items.length} />

      <Sheet id='issues-create-sheet' visible={sheet === 'create'} title='生成红黑榜草稿' onClose={() => setSheet(null)} confirmText='生成草稿' onConfirm={create} busy={busy}>
        <Field label='统计周期'>
          <Chips
            idPrefix='issues-period'
            value={period}
            onChange={setPeriod}
            options={[
              { value: 'last', label: '上一个完整周期' },
              { value: 'current', label: '本周期（进行中）' },
            ]}
          />
        </Field>
        <Text className='adm-hint'>系统将统计周期内的随手拍办理数据，提出按时整改率最高/最低的责任单位、问题反复最少/最多的网格和最活跃的志愿服务队，并注明数据依据；草稿可任意修改。</Text>
        {error ? <View className='adm-error'>{error}</View> : null}
      </Sheet>
      <Sheet id='issues-settings-sheet' visible={sheet === 'settings'} title='榜单设置' onClose={() => setSheet(null)} confirmText='保存' onConfirm={saveSettings} busy={busy} disabled={series.trim().length < 2}>
        <Field label='榜单名称'>
          <TextBox single value={series} onChange={setSeries} max={30} min={2} />
        </Field>
        <Field label='发布周期'>
          <Chips idPrefix='issues-cadence' value={cadence} onChange={setCadence} options={(Object.keys(CADENCE_LABELS) as Cadence[]).map((c) => ({ value: c, label: CADENCE_LABELS[c] }))} />
        </Field>
        <Text className='adm-hint'>期号按发布顺序连续编号，修改周期不影响已发布的各期。</Text>
      </Sheet>
    </PageShell>
  )
}
