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
import { pressable } from '@/components/keyboard'
import { Definitions, RankingTable } from '../../RankingTable'
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
      <RankingTable rows={b.rows} rowClass='bulletin-row' foldQuiet id='bulletin-table' />
      <Definitions texts={[b.rule, ...b.definitions]} />
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
  const open = (no: number) => openPage(`/packages/dashboard/pages/bulletin/index?no=${no}`)
  return (
    <View id='bulletin-list' className='desk-grid'>
      {items.map((i) => (
        <View key={i.no} className='card dash-card bulletin-item desk-row' data-no={i.no} onClick={() => open(i.no)} {...pressable(() => open(i.no))}>
          <Text className='dash-card__title'>
            第{i.no}期 · {i.title}
          </Text>
          <Text className='dash-muted'>
            统计期 {i.from} 至 {i.to} · {i.units} 个单位 · 发布于 {new Date(i.publishedAt).toLocaleDateString('zh-CN')}
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
