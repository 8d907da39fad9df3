/**
 * 曝光台 (tab): what the city exposes, newest first, with filters (status, district, category), and the
 * way to the 红黑榜. Light on purpose (main package): cards with thumbnails; the detail, the 红黑榜 and the
 * staff editors live in subpackages.
 *
 * Test hooks: #page-exposure, #exposure-honor-entry (data-no), #exposure-bulletins-entry, #exposure-admin-entry, #exposure-filter-status-<s>,
 * #exposure-filter-district-<id>, #exposure-filter-category (Picker), #exposure-list, .exp-card (data-id,
 * data-status), #exposure-more, #exposure-empty, #exposure-error.
 */
import { useEffect, useMemo, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Picker, ScrollView, Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { ExposureCard } from '@/components/board'
import { ListFooter } from '@/components/report'
import { BOARD_ROUTES, EXPOSURE_STATUS_LABELS, type ExposureStatus } from '@/services/board'
import { useCategoryIndex, usePlaceNames } from '@/services/catalog'
import { callAction } from '@/services/cloud'
import { useNow, usePaged, useShownAgain, useTempUrls } from '@/services/hooks'
import { openPage } from '@/services/ui'
import { useAction } from '@/services/useAction'
import './index.scss'

const STATUS_FILTERS: ('' | ExposureStatus)[] = ['', 'overdue', 'rectifying', 'verifying', 'fixed']

export default function ExposurePage() {
  const now = useNow(60000)
  const [status, setStatus] = useState<'' | ExposureStatus>('')
  const [district, setDistrict] = useState('')
  const [category, setCategory] = useState('')
  const me = useAction('user', 'me', {})
  const latest = useAction('board', 'issueFeed', { limit: 1 })
  const cats = useCategoryIndex()
  const places = usePlaceNames()
  const isStaff = !!me.data?.roles.some((r) => r === 'staff' || r === 'admin')

  const list = usePaged(
    (cursor) =>
      callAction('board', 'exposureFeed', {
        status: status || undefined,
        districtId: district || undefined,
        categoryId: category || undefined,
        cursor,
        limit: 10,
      }),
    [status, district, category],
  )
  const { urls } = useTempUrls(list.items.map((c) => c.thumb).filter((t): t is string => !!t))

  usePullDownRefresh(() => {
    list.reload()
    latest.reload()
  })
  useEffect(() => {
    if (!list.loading && !list.refreshing) Taro.stopPullDownRefresh()
  }, [list.loading, list.refreshing])
  useReachBottom(() => list.loadMore())
  useShownAgain(() => list.reload())

  const categoryNames = useMemo(() => ['全部分类', ...cats.list.map((c) => c.name)], [cats.list])
  const placeOf = (c: (typeof list.items)[number]) =>
    [c.place.districtId ? places.district[c.place.districtId] : '', c.place.streetId ? places.street[c.place.streetId] : '', c.place.label].filter(Boolean).join(' · ')
  const issue = latest.data?.items[0]

  return (
    <PageShell id='page-exposure' padded={false}>
      <View className='exp-hero'>
        <Text className='exp-hero__title'>曝光台</Text>
        <Text className='exp-hero__sub'>曝光不文明行为和逾期未整改问题 · 接受全体市民监督</Text>
      </View>

      <View className='page-shell__body exp-body'>
        <View id='exposure-honor-entry' className='card honor-entry' data-no={issue?.no ?? ''} onClick={() => openPage(BOARD_ROUTES.honor())}>
          <View className='honor-entry__mark'>
            <Text className='honor-entry__red'>红</Text>
            <Text className='honor-entry__black'>黑</Text>
          </View>
          <View className='honor-entry__text'>
            <Text className='honor-entry__title'>{issue ? `红黑榜 · 第${issue.no}期` : '红黑榜'}</Text>
            <Text className='honor-entry__sub'>{issue ? `${issue.periodLabel} · 红榜 ${issue.redCount} · 黑榜 ${issue.blackCount}` : '表扬先进 · 曝光后进'}</Text>
          </View>
          <Text className='honor-entry__go'>查看 ›</Text>
        </View>

        {/* 创城办's numbered 通报 ranking the 责任单位 by how they rectify (public). */}
        <View id='exposure-bulletins-entry' className='exp-admin-entry' onClick={() => openPage('/packages/dashboard/pages/bulletin/index')}>
          <Text>📣 责任单位整改排名通报</Text>
          <Text className='exp-admin-entry__go'>›</Text>
        </View>

        {isStaff ? (
          <View id='exposure-admin-entry' className='exp-admin-entry' onClick={() => openPage(BOARD_ROUTES.adminExposures)}>
            <Text>🛠 曝光管理 · 打码发布</Text>
            <Text className='exp-admin-entry__go'>›</Text>
          </View>
        ) : null}

        <View className='exp-filters'>
          <ScrollView scrollX className='exp-filter-scroll' enhanced showScrollbar={false}>
            <View className='exp-filter-row exp-filter-row--nowrap'>
              {STATUS_FILTERS.map((s) => (
                <Text key={s || 'all'} id={`exposure-filter-status-${s || 'all'}`} className={`exp-chip${status === s ? ' is-active' : ''}`} onClick={() => setStatus(s)}>
                  {s ? EXPOSURE_STATUS_LABELS[s] : '全部'}
                </Text>
              ))}
            </View>
          </ScrollView>
          <View className='exp-filter-row'>
            {[{ id: '', name: '全市' }, ...places.districts].map((d) => (
              <Text key={d.id || 'all'} id={`exposure-filter-district-${d.id || 'all'}`} className={`exp-chip exp-chip--plain${district === d.id ? ' is-active' : ''}`} onClick={() => setDistrict(d.id)}>
                {d.name}
              </Text>
            ))}
            <Picker
              mode='selector'
              range={categoryNames}
              value={Math.max(0, cats.list.findIndex((c) => c.id === category) + 1)}
              onChange={(e) => {
                const i = Number(e.detail.value)
                setCategory(i > 0 ? cats.list[i - 1].id : '')
              }}
            >
              <Text id='exposure-filter-category' className={`exp-chip exp-chip--plain${category ? ' is-active' : ''}`}>
                {category ? (cats.byId[category]?.name ?? '分类') : '分类'} ▾
              </Text>
            </Picker>
          </View>
        </View>

        <View id='exposure-list'>
          {list.loading ? (
            <Loading text='正在加载曝光…' />
          ) : list.error ? (
            <ErrorState id='exposure-error' error={list.error} onRetry={list.reload} />
          ) : list.items.length === 0 ? (
            <View className='card'>
              <Empty id='exposure-empty' icon='📢' title='暂无曝光' description={status || district || category ? '没有符合筛选条件的曝光，换个条件看看。' : '创城办公开曝光的问题会显示在这里。'} />
            </View>
          ) : (
            list.items.map((c) => <ExposureCard key={c.id} card={c} thumbUrl={c.thumb ? urls[c.thumb] : undefined} place={placeOf(c)} now={now} onClick={() => openPage(BOARD_ROUTES.exposure(c.id))} />)
          )}
          <ListFooter id='exposure-more' hasMore={list.hasMore} loadingMore={list.loadingMore} failed={!!list.moreError} onMore={list.loadMore} count={list.items.length} />
        </View>
      </View>
    </PageShell>
  )
}
