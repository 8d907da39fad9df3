/**
 * 我的随手拍: the resident's reports, newest first, paged by cursor; tabs 全部 / 处理中 / 已完结.
 * Test hooks: #page-my-reports, #my-reports-tab-<all|open|done>, #my-reports-list, .report-card (data-id,
 * data-status), #my-reports-more (加载更多), #my-reports-empty, #my-reports-error, #my-reports-new.
 */
import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Flag, ListFooter, ReportCard } from '@/components/report'
import { callAction } from '@/services/cloud'
import { useCategoryIndex } from '@/services/catalog'
import { useNow, usePaged, useShownAgain, useTempUrls } from '@/services/hooks'
import { deadlineInfo, formatAgo, type ReportOwnView } from '@/services/report'
import { ROUTES, openPage, switchToTab } from '@/services/ui'
import '@/components/report/report.scss'
import './index.scss'

type Scope = 'all' | 'open' | 'done'
const TABS: { value: Scope; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'open', label: '处理中' },
  { value: 'done', label: '已完结' },
]

function flagsOf(r: ReportOwnView, now: number) {
  const flags = []
  if (r.canRate) flags.push(<Flag key='rate' tone='gold' flag='rate'>待评价</Flag>)
  if (r.canRevisit) flags.push(<Flag key='revisit' tone='gold' flag='revisit'>待回访</Flag>)
  if (r.dispatch && (r.status === 'dispatched' || r.status === 'in_progress')) {
    const d = deadlineInfo(r.dispatch.deadline, now, r.overdue)
    flags.push(
      <Flag key='deadline' tone={d.tone === 'overdue' ? 'red' : d.tone === 'due_soon' ? 'orange' : 'blue'} flag={d.tone === 'overdue' ? 'overdue' : 'deadline'}>
        {d.tone === 'overdue' ? '已超期' : `整改${d.text}`}
      </Flag>,
    )
  }
  if (r.escalations > 0) flags.push(<Flag key='esc' tone='red' flag='escalated'>{`督办 ${r.escalations} 次`}</Flag>)
  if (r.cosignCount > 0) flags.push(<Flag key='cosign' tone='blue' flag='cosign'>{`${r.cosignCount} 人附议`}</Flag>)
  return flags
}

export default function MyReportsPage() {
  const [scope, setScope] = useState<Scope>('all')
  const now = useNow(60000)
  const cats = useCategoryIndex()
  const list = usePaged((cursor) => callAction('report', 'myList', { scope, cursor, limit: 10 }), [scope])
  const { urls } = useTempUrls(list.items.map((r) => r.photos[0]?.fileId).filter(Boolean) as string[])

  usePullDownRefresh(() => list.reload())
  useEffect(() => {
    if (!list.loading && !list.refreshing) Taro.stopPullDownRefresh()
  }, [list.loading, list.refreshing])
  useReachBottom(() => list.loadMore())
  useShownAgain(() => list.reload())

  return (
    <PageShell id='page-my-reports' className='my-reports-page'>
      <View className='my-tabs'>
        {TABS.map((t) => (
          <View
            key={t.value}
            id={`my-reports-tab-${t.value}`}
            className={`my-tab${scope === t.value ? ' is-active' : ''}`}
            onClick={() => setScope(t.value)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      {list.loading ? (
        <View className='card'>
          <Loading text='正在加载我的随手拍…' />
        </View>
      ) : list.error ? (
        <View className='card'>
          <ErrorState id='my-reports-error' error={list.error} onRetry={list.reload} />
        </View>
      ) : list.items.length === 0 ? (
        <View className='card'>
          <Empty
            id='my-reports-empty'
            icon='📷'
            title={scope === 'done' ? '还没有已完结的随手拍' : scope === 'open' ? '没有正在处理的随手拍' : '还没有随手拍'}
            description='发现乱停乱放、占道经营、垃圾堆积等问题，拍一拍就能上报，创城办受理后限时整改。'
            actionText='去随手拍'
            onAction={() => switchToTab('report')}
          />
        </View>
      ) : (
        <View id='my-reports-list' className='desk-grid'>
          {list.refreshing ? <Text className='my-refreshing'>正在刷新…</Text> : null}
          {list.items.map((r) => (
            <ReportCard
              key={r.id}
              id={r.id}
              status={r.status}
              category={cats.byId[r.categoryId]}
              description={r.description}
              thumbUrl={r.photos[0] ? urls[r.photos[0].fileId] : undefined}
              meta={[r.location.address, `提交于 ${formatAgo(r.createdAt, now)}${r.dispatch ? ` · ${r.dispatch.unitName}` : ''}`]}
              flags={flagsOf(r, now)}
              onClick={() => openPage(ROUTES.reportDetail(r.id))}
            />
          ))}
        </View>
      )}
      {!list.loading && !list.error ? (
        <ListFooter id='my-reports-more' hasMore={list.hasMore} loadingMore={list.loadingMore} failed={!!list.moreError} onMore={list.loadMore} count={list.items.length} />
      ) : null}
      {!list.loading && list.items.length > 0 ? (
        <View id='my-reports-new' className='my-new' onClick={() => switchToTab('report')}>
          <Text>📷 再拍一条</Text>
        </View>
      ) : null}
    </PageShell>
  )
}
