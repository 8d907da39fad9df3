/**
 * 责任单位排名通报 (public): the published list, or one 通报 with its table and definitions (`?no=`).
 * Test hooks: #page-bulletin, #bulletin-list .bulletin-item (data-no), #bulletin-detail (data-no),
 * .bulletin-row (data-unit, data-rank), #bulletin-empty, #bulletin-error, #bulletin-more.
 */
import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { callAction, type OutputOf } from '@/services/cloud'
import { useAction } from '@/services/useAction'
import { openPage, toast } from '@/services/ui'
import { formatHours, formatRate } from '../../period'
import '../../dashboard.scss'

type Item = OutputOf<'stats', 'rankings'>['items'][number]

function Detail({ no }: { no: number }) {
  const r = useAction('stats', 'ranking', { no }, [no])
  if (r.error) return <ErrorState id='bulletin-error' error={r.error} onRetry={r.reload} />
  if (!r.data) return <Loading text='正在加载通报…' />
  const b = r.data
  return (
    <View id='bulletin-detail' data-no={b.no} className='card dash-card'>
      <Text className='dash-card__title'>
        第{b.no}期 · {b.title}
      </Text>
      <Text className='dash-muted'>
        统计期 {b.from} 至 {b.to} · 发布于 {new Date(b.publishedAt).toLocaleDateString('zh-CN')}
      </Text>
      {b.note ? <Text className='dash-def'>{b.note}</Text> : null}
      <View className='dash-table'>
        <View className='dash-row is-head'>
          <Text>名次</Text>
          <Text className='is-name'>单位</Text>
          <Text>销号</Text>
          <Text>按时整改率</Text>
          <Text>平均整改用时</Text>
          <Text>超期未整改</Text>
          <Text>督办</Text>
        </View>
        {b.rows.map((u) => (
          <View key={u.unitId} className='dash-row bulletin-row' data-unit={u.unitId} data-rank={u.rank ?? ''}>
            <Text>{u.rank ?? '—'}</Text>
            <Text className='is-name'>{u.unitName}</Text>
            <Text>{u.closed}</Text>
            <Text>{formatRate(u.onTimeRate)}</Text>
            <Text>{formatHours(u.avgHandlingHours)}</Text>
            <Text>{u.overdue}</Text>
            <Text>{u.escalations}</Text>
          </View>
        ))}
      </View>
      <View className='dash-defs'>
        {[b.rule, ...b.definitions].map((t) => (
          <Text key={t} className='dash-def'>
            {t}
          </Text>
        ))}
      </View>
    </View>
  )
}

function List() {
  const first = useAction('stats', 'rankings', {}, [])
  const [more, setMore] = useState<{ items: Item[]; hasMore: boolean } | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  if (first.error) return <ErrorState id='bulletin-error' error={first.error} onRetry={first.reload} />
  if (!first.data) return <Loading text='正在加载通报…' />
  const items = [...first.data.items, ...(more?.items ?? [])]
  const hasMore = more ? more.hasMore : first.data.hasMore
  if (!items.length) return <Empty id='bulletin-empty' icon='📋' title='还没有发布通报' description='创城办发布责任单位排名通报后会显示在这里。' />
  const loadMore = async () => {
    setLoadingMore(true)
    const res = await callAction('stats', 'rankings', { beforeNo: items[items.length - 1].no })
    setLoadingMore(false)
    if (!res.ok) return toast(res.message)
    setMore({ items: [...(more?.items ?? []), ...res.data.items], hasMore: res.data.hasMore })
  }
  return (
    <View id='bulletin-list' className='desk-grid'>
      {items.map((i) => (
        <View key={i.no} className='card dash-card bulletin-item' data-no={i.no} onClick={() => openPage(`/packages/dashboard/pages/bulletin/index?no=${i.no}`)}>
          <Text className='dash-card__title'>
            第{i.no}期 · {i.title}
          </Text>
          <Text className='dash-muted'>
            统计期 {i.from} 至 {i.to} · {i.units} 个单位
          </Text>
        </View>
      ))}
      {hasMore ? (
        <Button id='bulletin-more' loading={loadingMore} onClick={loadMore}>
          加载更多
        </Button>
      ) : null}
    </View>
  )
}

export default function BulletinPage() {
  const no = Number(useRouter().params.no)
  return (
    <PageShell id='page-bulletin' desk>
      {Number.isInteger(no) && no > 0 ? <Detail no={no} /> : <List />}
    </PageShell>
  )
}
