/**
 * 红黑榜往期回顾: every published issue, newest number first, by year; paged by number.
 *
 * Test hooks: #page-archive, #archive-year-<year|all>, #archive-list, .ar-card (data-no, data-id), #archive-more.
 */
import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { ListFooter } from '@/components/report'
import { BOARD_ROUTES, formatDay } from '@/services/board'
import { callAction } from '@/services/cloud'
import { usePaged, useTempUrls } from '@/services/hooks'
import { openPage } from '@/services/ui'
import '@/components/board/board.scss'
import '@/components/report/report.scss'
import '../../components/board.scss'

export default function ArchivePage() {
  const [year, setYear] = useState<number | null>(null)
  const [years, setYears] = useState<{ year: number; count: number }[]>([])
  const list = usePaged(
    (cursor) =>
      callAction('board', 'issueFeed', { year: year ?? undefined, cursor, limit: 10 }).then((r) => {
        if (r.ok && !cursor && year === null) setYears(r.data.years)
        return r
      }),
    [year],
  )
  const { urls } = useTempUrls(list.items.map((i) => i.thumb).filter((t): t is string => !!t))
  usePullDownRefresh(() => list.reload())
  useEffect(() => {
    if (!list.loading && !list.refreshing) Taro.stopPullDownRefresh()
  }, [list.loading, list.refreshing])
  useReachBottom(() => list.loadMore())
  const total = years.reduce((n, y) => n + y.count, 0)

  return (
    <PageShell id='page-archive'>
      <View className='ar-years'>
        <Text id='archive-year-all' className={`exp-chip${year === null ? ' is-active' : ''}`} onClick={() => setYear(null)}>
          {total ? `全部 ${total}期` : '全部'}
        </Text>
        {years.map((y) => (
          <Text key={y.year} id={`archive-year-${y.year}`} className={`exp-chip${year === y.year ? ' is-active' : ''}`} onClick={() => setYear(y.year)}>
            {y.year}年 · {y.count}期
          </Text>
        ))}
      </View>
      <View id='archive-list'>
        {list.loading ? (
          <Loading />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : list.items.length === 0 ? (
          <Empty icon='🏆' title='暂无往期红黑榜' />
        ) : (
          list.items.map((i) => (
            <View key={i.id} className='card ar-card' data-no={i.no} data-id={i.id} onClick={() => openPage(BOARD_ROUTES.honor(i.id))}>
              <View className='ar-card__no'>
                <Text className='ar-card__no-label'>第</Text>
                <Text className='ar-card__no-value'>{i.no}</Text>
                <Text className='ar-card__no-label'>期</Text>
              </View>
              <View className='ar-card__main'>
                <Text className='ar-card__period'>{i.periodLabel}</Text>
                <Text className='ar-card__line'>
                  <Text className='ar-card__red'>红榜 {i.redCount}</Text> {i.red.join('、')}
                </Text>
                <Text className='ar-card__line'>
                  <Text className='ar-card__black'>黑榜 {i.blackCount}</Text> {i.black.join('、')}
                </Text>
                <Text className='ar-card__line bd-muted'>{formatDay(i.publishedAt, true)}发布</Text>
              </View>
              {i.thumb && urls[i.thumb] ? <Image className='ar-card__thumb' src={urls[i.thumb]} mode='aspectFill' lazyLoad /> : null}
            </View>
          ))
        )}
        <ListFooter id='archive-more' hasMore={list.hasMore} loadingMore={list.loadingMore} failed={!!list.moreError} onMore={list.loadMore} count={list.items.length} />
      </View>
    </PageShell>
  )
}
