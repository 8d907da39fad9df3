import { useEffect, useMemo, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell, Section } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { EventCard } from '@/components/volunteer/EventCard'
import { Bar, ToneTag } from '@/components/volunteer/Notice'
import { useAction } from '@/services/useAction'
import { useOffsetList, useOnShowAgain } from '@/services/volunteerHooks'
import {
  SERVICE_TYPES,
  SERVICE_TYPE_GLYPHS,
  SERVICE_TYPE_SHORT,
  formatHours,
  levelRatio,
  levelStars,
  openVolunteerPage,
  type ServiceType,
  type VolunteerOwnView,
  type VolunteerPage,
} from '@/services/volunteer'
import './index.scss'

interface Entry {
  key: string
  label: string
  glyph: string
  page: VolunteerPage
}

const ENTRIES: Entry[] = [
  { key: 'scan', label: '扫码签到', glyph: '📷', page: 'scan' },
  { key: 'signups', label: '我的报名', glyph: '🗓️', page: 'mySignups' },
  { key: 'record', label: '时间存折', glyph: '⏳', page: 'record' },
  { key: 'mall', label: '爱心超市', glyph: '🎁', page: 'mall' },
  { key: 'requests', label: '点单服务', glyph: '🙋', page: 'requests' },
]

const TYPE_OPTIONS = [
  { value: 'all' as const, label: '全部' },
  ...SERVICE_TYPES.map((t) => ({ value: t, label: SERVICE_TYPE_SHORT[t], glyph: SERVICE_TYPE_GLYPHS[t] })),
]

/** Friday on the Beijing calendar. */
const isFriday = (iso: string): boolean => new Date(Date.parse(iso) + 8 * 3600000).getUTCDay() === 5

/** The caller's volunteer summary, or the call to register. Test hooks: `#vol-summary[data-status]`. */
function Summary({ profile }: { profile: VolunteerOwnView | null }) {
  if (!profile) {
    return (
      <View id='vol-summary' className='vol-summary vol-summary--cta' data-status='none'>
        <View className='vol-summary__cta-text'>
          <Text className='vol-summary__cta-title'>成为注册志愿者</Text>
          <Text className='vol-summary__cta-desc'>实名注册后即可报名志愿活动，服务时长记入时间存折，积分可在爱心超市兑换。</Text>
        </View>
        <Button id='vol-register-cta' type='primary' size='small' onClick={() => openVolunteerPage('register')}>
          注册志愿者
        </Button>
      </View>
    )
  }
  if (profile.status !== 'approved') {
    const pending = profile.status === 'pending'
    return (
      <View id='vol-summary' className='vol-summary vol-summary--cta' data-status={profile.status} onClick={() => openVolunteerPage('register')}>
        <View className='vol-summary__cta-text'>
          <View className='vol-row'>
            <Text className='vol-summary__cta-title'>{pending ? '注册信息审核中' : '注册未通过审核'}</Text>
            <ToneTag tone={pending ? 'orange' : 'red'} className='vol-summary__status'>
              {pending ? '待审核' : '未通过'}
            </ToneTag>
          </View>
          <Text className='vol-summary__cta-desc'>
            {pending ? `${profile.name}，您的实名注册已提交，创城办审核通过后即可报名活动。` : `原因：${profile.reviewNote ?? '未说明'}。可修改后重新提交。`}
          </Text>
        </View>
        <Text className='vol-summary__arrow'>›</Text>
      </View>
    )
  }
  const { current, next } = profile.level
  return (
    <View id='vol-summary' className='vol-summary' data-status='approved'>
      <View className='vol-summary__top' onClick={() => openVolunteerPage('record')}>
        <View className='vol-summary__who'>
          <Text className='vol-summary__name'>{profile.name}</Text>
          <Text id='vol-level' className='vol-summary__level' data-level={String(current.level)}>
            {levelStars(current.level)} {current.name}
          </Text>
        </View>
        <Text className='vol-summary__link'>时间存折 ›</Text>
      </View>
      <View className='vol-stats vol-summary__stats'>
        <View className='vol-stat'>
          <Text id='vol-total-hours' className='vol-stat__value' data-minutes={String(profile.totalMinutes)}>
            {formatHours(profile.totalMinutes)}
            <Text className='vol-stat__unit'>小时</Text>
          </Text>
          <Text className='vol-stat__label'>累计服务</Text>
        </View>
        <View className='vol-stat'>
          <Text id='vol-points' className='vol-stat__value' data-points={String(profile.points)}>
            {profile.points}
            <Text className='vol-stat__unit'>分</Text>
          </Text>
          <Text className='vol-stat__label'>当前积分</Text>
        </View>
        <View className='vol-stat'>
          <Text className='vol-stat__value'>
            {profile.serviceCount}
            <Text className='vol-stat__unit'>次</Text>
          </Text>
          <Text className='vol-stat__label'>服务次数</Text>
        </View>
      </View>
      <View className='vol-summary__progress'>
        <Bar ratio={levelRatio(profile.totalMinutes, current, next)} gold />
        <Text className='vol-summary__progress-text'>
          {next ? `再服务 ${formatHours(profile.level.remainingMinutes)} 小时升为${next.name}` : '已达最高星级'}
        </Text>
      </View>
      {profile.signups.paused ? (
        <Text id='vol-paused' className='vol-summary__paused'>
          近 {profile.signups.windowDays} 天爽约 {profile.signups.recentNoShows} 次，报名已暂停，请联系创城办恢复
        </Text>
      ) : null}
    </View>
  )
}

/** 志愿 tab. Test hooks: #page-volunteer, #vol-summary, #vol-register-cta, #vol-filters, #vol-events, .event-card, #vol-featured, #vol-admin-entry. */
export default function VolunteerPage() {
  const [type, setType] = useState<ServiceType | 'all'>('all')
  const profile = useAction('volunteer', 'myProfile', {})
  const me = useAction('user', 'me', {})
  const events = useOffsetList('volunteer', 'listEvents', { scope: 'upcoming', ...(type === 'all' ? {} : { type }) }, [type])

  useOnShowAgain(() => {
    profile.reload()
    events.reload()
  })
  const refreshing = useRef(false)
  usePullDownRefresh(() => {
    refreshing.current = true
    profile.reload()
    events.reload()
  })
  useEffect(() => {
    if (refreshing.current && !profile.loading && !events.loading) {
      refreshing.current = false
      Taro.stopPullDownRefresh()
    }
  }, [profile.loading, events.loading])
  useReachBottom(() => events.loadMore())

  // 周五环境整治 first: the next Friday clean-up (else the next clean-up) is featured above the rest.
  const featured = useMemo(() => {
    if (type !== 'all' && type !== 'environment') return null
    const cleanups = events.items.filter((e) => e.type === 'environment' && e.status !== 'cancelled')
    return cleanups.find((e) => isFriday(e.startAt)) ?? cleanups[0] ?? null
  }, [events.items, type])
  const rest = featured ? events.items.filter((e) => e.id !== featured.id) : events.items
  const isStaff = !!me.data?.roles.includes('staff')
  const openEvent = (id: string) => openVolunteerPage('event', { id })

  return (
    <PageShell id='page-volunteer' padded={false}>
      <View className='vol-hero'>
        <Text className='vol-hero__title'>志愿服务</Text>
        <Text className='vol-hero__tagline'>奉献 · 友爱 · 互助 · 进步</Text>
      </View>

      <View className='page-shell__body vol-body'>
        <View className='card vol-summary-card'>
          {profile.loading && !profile.data ? (
            <Loading compact text='正在加载志愿者信息…' />
          ) : profile.error ? (
            <ErrorState compact error={profile.error} onRetry={profile.reload} />
          ) : (
            <Summary profile={profile.data?.profile ?? null} />
          )}
        </View>

        <View id='vol-entries' className='card vol-entries'>
          {ENTRIES.map((e) => (
            <View key={e.key} id={`vol-entry-${e.key}`} className='vol-entry' onClick={() => openVolunteerPage(e.page)}>
              <View className='vol-entry__icon'>
                <Text>{e.glyph}</Text>
              </View>
              <Text className='vol-entry__label'>{e.label}</Text>
            </View>
          ))}
        </View>

        {isStaff ? (
          <View id='vol-admin-entry' className='card vol-admin-entry' onClick={() => openVolunteerPage('admin')}>
            <Text className='vol-admin-entry__glyph'>🧭</Text>
            <View className='vol-admin-entry__text'>
              <Text className='vol-admin-entry__title'>志愿服务组织管理</Text>
              <Text className='vol-admin-entry__sub'>发布活动 · 签到码 · 时长确认 · 注册审核 · 派单</Text>
            </View>
            <Text className='vol-admin-entry__arrow'>›</Text>
          </View>
        ) : null}

        <Section id='vol-events-section' title='近期志愿活动' extra={events.items.length > 0 ? <Text>{events.hasMore ? `${events.items.length}+` : events.items.length} 场</Text> : null}>
          <View id='vol-filters' className='vol-filters'>
            <ChoiceChips row idPrefix='vol-filter' options={TYPE_OPTIONS} value={type} onChange={(v) => setType(v ?? 'all')} />
          </View>
          <View id='vol-events' data-state={events.loading ? 'loading' : events.error ? 'error' : 'ready'}>
            {events.loading ? (
              <View className='card'>
                <Loading compact text='正在加载活动…' />
              </View>
            ) : events.error ? (
              <View className='card'>
                <ErrorState compact error={events.error} onRetry={events.reload} />
              </View>
            ) : events.items.length === 0 ? (
              <View className='card'>
                <Empty
                  compact
                  icon='🤝'
                  title={type === 'all' ? '近期暂无志愿活动' : `近期暂无${SERVICE_TYPE_SHORT[type]}活动`}
                  description='活动发布后将在这里开放报名，开始前 7 天可报名。'
                />
              </View>
            ) : (
              <>
                {featured ? (
                  <View id='vol-featured'>
                    <Text className='vol-featured__label'>本期周五环境整治</Text>
                    <EventCard featured event={featured} onClick={() => openEvent(featured.id)} />
                  </View>
                ) : null}
                {rest.map((e) => (
                  <EventCard key={e.id} event={e} onClick={() => openEvent(e.id)} />
                ))}
                {events.hasMore ? (
                  <View id='vol-events-more' className='vol-more' onClick={events.loadMore}>
                    <Text>{events.loadingMore ? '加载中…' : events.moreError ? '加载失败，点此重试' : '加载更多'}</Text>
                  </View>
                ) : (
                  <View className='vol-more'>
                    <Text>没有更多了</Text>
                  </View>
                )}
              </>
            )}
          </View>
        </Section>
      </View>
    </PageShell>
  )
}
