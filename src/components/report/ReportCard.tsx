import type { ReactNode } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { categoryGlyph } from '../categoryIcon'
import { pressable } from '../keyboard'
import type { ReportStatus } from '@/services/report'
import { StatusTag } from './StatusTag'
import './report.scss'

export interface CardCategory {
  name: string
  icon: string
  group: string
}

export interface ReportCardProps {
  id: string
  status: ReportStatus
  category: CardCategory | undefined
  description: string
  /** Resolved URL of the first photo, if any. */
  thumbUrl?: string
  /** Grey lines under the description (address, time …). */
  meta: ReactNode[]
  /** Flags on the right of the meta (超期, 待评价 …). */
  flags?: ReactNode
  onClick: () => void
  className?: string
}

/** One report in a list. Test hooks: `.report-card` with `data-id` and `data-status`. */
export function ReportCard({ id, status, category, description, thumbUrl, meta, flags, onClick, className }: ReportCardProps) {
  return (
    <View className={`card report-card desk-row${className ? ` ${className}` : ''}`} data-id={id} data-status={status} onClick={onClick} {...(onClick ? pressable(onClick) : {})}>
      <View className='report-card__thumb'>
        {thumbUrl ? (
          <Image className='report-card__img' src={thumbUrl} mode='aspectFill' lazyLoad />
        ) : (
          <Text className='report-card__glyph'>{categoryGlyph(category?.icon, category?.group)}</Text>
        )}
      </View>
      <View className='report-card__main'>
        <View className='report-card__head'>
          <Text className='report-card__category'>{category?.name ?? '随手拍'}</Text>
          <StatusTag status={status} />
        </View>
        <Text className='report-card__desc'>{description}</Text>
        {meta.filter(Boolean).map((line, i) => (
          <Text key={i} className='report-card__meta'>
            {line}
          </Text>
        ))}
        {flags ? <View className='report-card__flags'>{flags}</View> : null}
      </View>
    </View>
  )
}

/** 加载更多 / 没有更多了 at the end of a paged list. Test hook: `#<id>` (the button), `.list-end`. */
export function ListFooter({
  hasMore,
  loadingMore,
  failed,
  onMore,
  id,
  count,
}: {
  hasMore: boolean
  loadingMore: boolean
  failed: boolean
  onMore: () => void
  id: string
  count: number
}) {
  if (hasMore) {
    return (
      <View id={id} className={`list-more${loadingMore ? ' is-loading' : ''}`} onClick={() => !loadingMore && onMore()}>
        <Text>{loadingMore ? '加载中…' : failed ? '加载失败，点击重试' : '加载更多'}</Text>
      </View>
    )
  }
  return count > 0 ? (
    <View className='list-end'>
      <Text>— 共 {count} 条，没有更多了 —</Text>
    </View>
  ) : null
}
