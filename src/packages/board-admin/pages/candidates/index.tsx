/**
 * Reports staff may expose: overdue first (the usual reason to expose), then those with a unit, then
 * fixed ones (to show the result). A tap opens the editor pre-filled from the report.
 *
 * Test hooks: #page-board-candidates, #candidates-tab-<overdue|with_unit|closed>, .cand-card (data-id,
 * data-exposed), #candidates-more.
 */
import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Flag, ListFooter, StatusTag } from '@/components/report'
import { BOARD_ROUTES, daysPast, formatDay } from '@/services/board'
import { useCategoryIndex } from '@/services/catalog'
import { callAction } from '@/services/cloud'
import { usePaged, useTempUrls } from '@/services/hooks'
import { openPage } from '@/services/ui'
import '@/components/report/report.scss'
import '../../components/admin.scss'

type Scope = 'overdue' | 'with_unit' | 'closed'
const TABS: { value: Scope; label: string }[] = [
  { value: 'overdue', label: '超期未整改' },
  { value: 'with_unit', label: '整改中' },
  { value: 'closed', label: '已办结' },
]

export default function CandidatesPage() {
  const [scope, setScope] = useState<Scope>('overdue')
  const cats = useCategoryIndex()
  const list = usePaged((cursor) => callAction('board', 'exposureCandidates', { scope, cursor, limit: 10 }), [scope])
  const { urls } = useTempUrls(list.items.map((r) => r.photos[0]).filter(Boolean))
  usePullDownRefresh(() => list.reload())
  useEffect(() => {
    if (!list.loading && !list.refreshing) Taro.stopPullDownRefresh()
  }, [list.loading, list.refreshing])
  useReachBottom(() => list.loadMore())

  return (
    <PageShell desk id='page-board-candidates'>
      <View className='adm-tabs'>
        {TABS.map((t) => (
          <Text key={t.value} id={`candidates-tab-${t.value}`} className={`adm-tab${scope === t.value ? ' is-active' : ''}`} onClick={() => setScope(t.value)}>
            {t.label}
          </Text>
        ))}
      </View>
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <View className='card'>
          <Empty icon='✅' title='暂无符合条件的随手拍' />
        </View>
      ) : (
        list.items.map((r) => (
          <View
            key={r.id}
            className='card adm-card cand-card report-card'
            data-id={r.id}
            data-exposed={r.exposureId ? 'true' : 'false'}
            onClick={() => openPage(r.exposureId ? BOARD_ROUTES.exposureEdit({ id: r.exposureId }) : BOARD_ROUTES.exposureEdit({ reportId: r.id }))}
          >
            <View className='report-card__thumb'>{urls[r.photos[0]] ? <Image className='report-card__img' src={urls[r.photos[0]]} mode='aspectFill' lazyLoad /> : null}</View>
            <View className='report-card__main'>
              <View className='report-card__head'>
                <Text className='report-card__category'>{cats.byId[r.categoryId]?.name ?? '随手拍'}</Text>
                <StatusTag status={r.status} />
              </View>
              <Text className='report-card__desc'>{r.description}</Text>
              <Text className='report-card__meta'>{r.address}</Text>
              <Text className='report-card__meta'>
                {r.unitName ?? '未派单'}
                {r.deadline ? ` · 限${formatDay(r.deadline)}` : ''}
              </Text>
              <View className='report-card__flags'>
                {r.overdue && r.deadline ? <Flag tone='red' flag='overdue'>{`超期 ${Math.max(1, daysPast(r.deadline))} 天`}</Flag> : null}
                {r.escalations ? <Flag tone='red' flag='escalated'>{`督办 ${r.escalations} 次`}</Flag> : null}
                {r.exposureId ? <Flag tone='grey' flag='exposed'>已生成曝光</Flag> : null}
              </View>
            </View>
          </View>
        ))
      )}
      <ListFooter id='candidates-more' hasMore={list.hasMore} loadingMore={list.loadingMore} failed={!!list.moreError} onMore={list.loadMore} count={list.items.length} />
    </PageShell>
  )
}
