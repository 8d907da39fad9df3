/**
 * 责任单位 · 整改任务: the unit's tasks, nearest deadline first (overdue ones first and marked red).
 * Test hooks: #page-unit-tasks, #unit-name, #unit-tab-<all|dispatched|in_progress|rectified|closed|returned>,
 * #unit-task-list, .report-card (data-id, data-status; `is-overdue`), #unit-tasks-more, #unit-tasks-empty,
 * #unit-tasks-error, #unit-subscribe (WeChat only).
 */
import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { DeadlineBadge, Flag, ListFooter, ReportCard } from '@/components/report'
import { SUBSCRIBE_FOR_UNIT } from '@/domain/report/subscribe'
import { useCategoryIndex } from '@/services/catalog'
import { callAction } from '@/services/cloud'
import { useNow, usePaged, useShownAgain, useTempUrls } from '@/services/hooks'
import { getMe } from '@/services/me'
import { formatAgo, type ReportStatus } from '@/services/report'
import { ROUTES, openPage, toast } from '@/services/ui'
import '@/components/report/report.scss'
import './index.scss'

type Tab = 'all' | Extract<ReportStatus, 'dispatched' | 'in_progress' | 'rectified' | 'closed' | 'returned'>
const TABS: { value: Tab; label: string }[] = [
  { value: 'all', label: '待办' },
  { value: 'dispatched', label: '待签收' },
  { value: 'in_progress', label: '整改中' },
  { value: 'rectified', label: '待核验' },
  { value: 'closed', label: '已办结' },
  { value: 'returned', label: '已退回' },
]

function subscribe() {
  const ids = SUBSCRIBE_FOR_UNIT.filter((id) => !/PLACEHOLDER/.test(id))
  if (ids.length === 0) return toast('任务提醒模板尚未配置')
  Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)
    .then(() => toast('已开启任务提醒', 'success'))
    .catch(() => {})
}

export default function UnitTasksPage() {
  const now = useNow(60000)
  const cats = useCategoryIndex()
  const [tab, setTab] = useState<Tab>('all')
  const [unitName, setUnitName] = useState<string | null>(null)
  useEffect(() => {
    getMe().then((res) => res.ok && setUnitName(res.data.unit?.name ?? ''))
  }, [])
  const list = usePaged((cursor) => callAction('report', 'unitTasks', { status: tab === 'all' ? undefined : tab, cursor, limit: 10 }), [tab])
  const { urls } = useTempUrls(list.items.map((r) => r.photos[0]).filter(Boolean))

  usePullDownRefresh(() => list.reload())
  useEffect(() => {
    if (!list.loading && !list.refreshing) Taro.stopPullDownRefresh()
  }, [list.loading, list.refreshing])
  useReachBottom(() => list.loadMore())
  useShownAgain(() => list.reload())

  const overdue = list.items.filter((r) => r.deadlineState === 'overdue').length
  return (
    <PageShell id='page-unit-tasks' padded={false}>
      <View className='unit-hero'>
        <View className='desk-wide'>
          <Text className='unit-hero__label'>责任单位</Text>
          <Text id='unit-name' className='unit-hero__name'>
            {unitName ?? '…'}
          </Text>
          <Text className='unit-hero__sub'>
            {list.loading ? '正在加载任务…' : tab === 'all' ? `待办 ${list.items.length}${list.hasMore ? '+' : ''} 件${overdue ? `，其中超期 ${overdue} 件` : ''}` : '按整改时限排序，超期的在最前'}
          </Text>
          {process.env.TARO_ENV === 'weapp' ? (
            <Text id='unit-subscribe' className='unit-hero__subscribe' onClick={subscribe}>
              🔔 开启新任务和督办提醒
            </Text>
          ) : null}
        </View>
      </View>
      <View className='page-shell__body unit-body desk-wide'>
        <View className='rp-filters'>
          {TABS.map((t) => (
            <View key={t.value} id={`unit-tab-${t.value}`} className={`rp-filter${tab === t.value ? ' is-active' : ''}`} onClick={() => setTab(t.value)}>
              <Text>{t.label}</Text>
            </View>
          ))}
        </View>
        {list.loading ? (
          <View className='card'>
            <Loading text='正在加载整改任务…' />
          </View>
        ) : list.error ? (
          <View className='card'>
            <ErrorState id='unit-tasks-error' error={list.error} onRetry={list.reload} />
          </View>
        ) : list.items.length === 0 ? (
          <View className='card'>
            <Empty id='unit-tasks-empty' icon='🛠️' title={tab === 'all' ? '暂无待办任务' : '这里还没有任务'} description='创城办派单后，任务会出现在这里，请在整改时限内完成整改并上传照片。' />
          </View>
        ) : (
          <View id='unit-task-list' className='desk-grid'>
            {list.items.map((r) => (
              <ReportCard
                key={r.id}
                id={r.id}
                status={r.status}
                className={r.deadlineState === 'overdue' ? 'is-overdue' : ''}
                category={cats.byId[r.categoryId]}
                description={r.description}
                thumbUrl={r.photos[0] ? urls[r.photos[0]] : undefined}
                meta={[r.location.address, r.dispatch ? `派单于 ${formatAgo(r.dispatch.dispatchedAt, now)}${r.dispatch.round > 1 ? ` · 第 ${r.dispatch.round} 次` : ''}` : '']}
                flags={
                  <>
                    {r.dispatch && (r.status === 'dispatched' || r.status === 'in_progress') ? (
                      <DeadlineBadge compact deadline={r.dispatch.deadline} overdue={r.deadlineState === 'overdue'} overdueDays={r.overdueDays} escalations={r.escalations} />
                    ) : null}
                    {r.ratingScore === 'unsatisfied' ? (
                      <Flag tone='red' flag='unsatisfied'>
                        市民不满意
                      </Flag>
                    ) : null}
                    {r.cosignCount > 0 ? <Flag tone='blue' flag='cosign'>{`${r.cosignCount} 人附议`}</Flag> : null}
                  </>
                }
                onClick={() => openPage(ROUTES.unitDetail(r.id))}
              />
            ))}
          </View>
        )}
        {!list.loading && !list.error ? (
          <ListFooter id='unit-tasks-more' hasMore={list.hasMore} loadingMore={list.loadingMore} failed={!!list.moreError} onMore={list.loadMore} count={list.items.length} />
        ) : null}
      </View>
    </PageShell>
  )
}
