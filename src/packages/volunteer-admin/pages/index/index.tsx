import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { EventCard } from '@/components/volunteer/EventCard'
import { useOffsetList, useOnShowAgain } from '@/services/volunteerHooks'
import { EVENT_STATUS_LABELS, openVolunteerPage, type EventStatus, type VolunteerPage } from '@/services/volunteer'
import { StaffOnly } from '../../guard'
import '../../admin.scss'
import './index.scss'

type Filter = EventStatus | 'all'

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  ...(['published', 'ongoing', 'draft', 'finished', 'cancelled'] as EventStatus[]).map((s) => ({ value: s, label: EVENT_STATUS_LABELS[s] })),
]

interface Tool {
  key: string
  label: string
  glyph: string
  page: VolunteerPage
  query?: Record<string, string>
  count?: number | null
}

function Hub() {
  const [filter, setFilter] = useState<Filter>('all')
  const events = useOffsetList('volunteer', 'staffEvents', filter === 'all' ? {} : { status: filter }, [filter])
  const pending = useOffsetList('volunteer', 'listRegistrations', { status: 'pending' }, [], 100)
  const requests = useOffsetList('volunteer', 'listRequests', { status: 'submitted' }, [], 100)

  useOnShowAgain(() => {
    events.reload()
    pending.reload()
    requests.reload()
  })
  usePullDownRefresh(() => {
    events.reload()
    pending.reload()
    requests.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })
  useReachBottom(() => events.loadMore())

  const tools: Tool[] = [
    { key: 'new-event', label: '新建活动', glyph: '➕', page: 'adminEventEdit' },
    { key: 'new-series', label: '每周系列', glyph: '🔁', page: 'adminEventEdit', query: { mode: 'series' } },
    { key: 'registrations', label: '注册审核', glyph: '🪪', page: 'adminRegistrations', count: pending.items.length },
    { key: 'mall', label: '超市核销', glyph: '🎁', page: 'adminMall' },
    { key: 'requests', label: '派单台', glyph: '📮', page: 'adminRequests', count: requests.items.length },
  ]

  return (
    <>
      <View className='admin-title'>
        <Text className='admin-title__text'>志愿服务组织管理</Text>
        <Text className='admin-title__sub'>发布活动、现场签到、确认时长、审核注册、核销兑换、派发服务需求</Text>
      </View>
      <View id='admin-tools' className='card admin-tools'>
        {tools.map((t) => (
          <View key={t.key} id={`admin-entry-${t.key}`} className='admin-tool' onClick={() => openVolunteerPage(t.page, t.query)}>
            <View className='admin-tool__icon'>
              <Text>{t.glyph}</Text>
              {t.count ? <Text className='admin-tool__badge'>{t.count > 99 ? '99+' : t.count}</Text> : null}
            </View>
            <Text className='admin-tool__label'>{t.label}</Text>
          </View>
        ))}
      </View>

      <View className='admin-events-head'>
        <Text className='section__title'>活动管理</Text>
      </View>
      <ChoiceChips row idPrefix='admin-filter' options={FILTERS} value={filter} onChange={(v) => setFilter(v ?? 'all')} />
      <View id='admin-events' className='admin-events'>
        {events.loading ? (
          <Loading />
        ) : events.error ? (
          <ErrorState error={events.error} onRetry={events.reload} />
        ) : events.items.length === 0 ? (
          <Empty icon='🗓️' title='暂无活动' description='新建一场活动，或按模板生成每周五环境整治。' actionText='新建活动' onAction={() => openVolunteerPage('adminEventEdit')} />
        ) : (
          <>
            {events.items.map((e) => (
              <View key={e.id} className='admin-event' data-id={e.id} data-status={e.status}>
                <EventCard event={e} showUncovered onClick={() => openVolunteerPage('adminEvent', { id: e.id })} />
              </View>
            ))}
            {events.hasMore ? (
              <View className='vol-more' onClick={events.loadMore}>
                <Text>{events.loadingMore ? '加载中…' : '加载更多'}</Text>
              </View>
            ) : null}
          </>
        )}
      </View>
    </>
  )
}

/** Organiser hub. Test hooks: #page-vol-admin, #admin-entry-<key>, #admin-filter-<status>, #admin-events .admin-event[data-id][data-status]. */
export default function AdminHubPage() {
  return (
    <PageShell id='page-vol-admin'>
      <StaffOnly>
        <Hub />
      </StaffOnly>
    </PageShell>
  )
}
