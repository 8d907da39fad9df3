/**
 * 曝光管理 (staff): drafts, published and withdrawn entries, most recently changed first; new entries from a
 * 随手拍 or written directly; the way to the 红黑榜 editor.
 *
 * Test hooks: #page-board-admin-exposures, #admin-exposures-tab-<draft|published|withdrawn|all>,
 * #admin-exposures-from-report, #admin-exposures-new, #admin-issues-entry, .adm-exp-card (data-id, data-state),
 * #admin-exposures-more.
 */
import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { StatusBadge } from '@/components/board'
import { ListFooter } from '@/components/report'
import { pressable } from '@/components/keyboard'
import { BOARD_ROUTES, EXPOSURE_STATE_LABELS, formatDay, type ExposureState } from '@/services/board'
import { callAction } from '@/services/cloud'
import { usePaged, useShownAgain } from '@/services/hooks'
import { openPage } from '@/services/ui'
import '@/components/board/board.scss'
import '@/components/report/report.scss'
import '../../components/admin.scss'

const TABS: ('' | ExposureState)[] = ['draft', 'published', 'withdrawn', '']

export default function AdminExposuresPage() {
  const [state, setState] = useState<'' | ExposureState>('draft')
  const list = usePaged((cursor) => callAction('board', 'exposureStaffList', { state: state || undefined, cursor, limit: 10 }), [state])
  usePullDownRefresh(() => list.reload())
  useEffect(() => {
    if (!list.loading && !list.refreshing) Taro.stopPullDownRefresh()
  }, [list.loading, list.refreshing])
  useReachBottom(() => list.loadMore())
  useShownAgain(() => list.reload())

  return (
    <PageShell desk id='page-board-admin-exposures'>
      <View className='adm-actions'>
        <Text id='admin-exposures-from-report' className='adm-action' onClick={() => openPage(BOARD_ROUTES.adminCandidates)}>
          📷 从随手拍曝光
        </Text>
        <Text id='admin-exposures-new' className='adm-action is-dark' onClick={() => openPage(BOARD_ROUTES.exposureEdit({}))}>
          ✍️ 直接撰写
        </Text>
      </View>
      <View className='adm-actions'>
        <Text id='admin-issues-entry' className='adm-action is-ghost' onClick={() => openPage(BOARD_ROUTES.adminIssues)}>
          🏆 红黑榜编辑与审核 ›
        </Text>
      </View>
      <View className='adm-tabs'>
        {TABS.map((t) => (
          <Text key={t || 'all'} id={`admin-exposures-tab-${t || 'all'}`} className={`adm-tab${state === t ? ' is-active' : ''}`} onClick={() => setState(t)}>
            {t ? EXPOSURE_STATE_LABELS[t] : '全部'}
          </Text>
        ))}
      </View>
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <View className='card'>
          <Empty icon='📢' title='暂无曝光' description='从超期未整改的随手拍生成曝光，或直接撰写。' />
        </View>
      ) : (
        list.items.map((e) => (
          <View key={e.id} className='card adm-card adm-exp-card desk-row' data-id={e.id} data-state={e.state} onClick={() => openPage(BOARD_ROUTES.exposureEdit({ id: e.id }))} {...pressable(() => openPage(BOARD_ROUTES.exposureEdit({ id: e.id })))}>
            <View className='adm-card__head'>
              <Text className='adm-card__title'>{e.title}</Text>
              <Text className={`adm-state is-${e.state}`}>{EXPOSURE_STATE_LABELS[e.state]}</Text>
            </View>
            <Text className='adm-card__line'>
              {e.unit.name} · 限{formatDay(e.deadline)}前 · {e.reportId ? '来自随手拍' : '直接撰写'}
            </Text>
            <View className='adm-card__flags'>
              <StatusBadge status={e.status} />
              {e.unmasked ? <Text className='adm-warn'>{e.unmasked} 张照片待打码</Text> : <Text className='adm-ok'>照片已全部打码</Text>}
              {e.state === 'published' ? <Text className='adm-card__line'>{e.views} 浏览 · {e.followers} 关注</Text> : null}
            </View>
          </View>
        ))
      )}
      <ListFooter id='admin-exposures-more' hasMore={list.hasMore} loadingMore={list.loadingMore} failed={!!list.moreError} onMore={list.loadMore} count={list.items.length} />
    </PageShell>
  )
}
