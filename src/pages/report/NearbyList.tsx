/**
 * Open reports of the same category within ~100 m from the last 7 days: the resident can 附议 one instead
 * of reporting the same problem again. Test hooks: .nearby-item (data-id), .nearby-cosign (its button),
 * `is-cosigned` once done.
 */
import { Image, Text, View } from '@tarojs/components'
import { Button } from '@/components/nut'
import { StatusTag } from '@/components/report'
import { useTempUrls } from '@/services/hooks'
import { formatAgo, type NearbyItem } from '@/services/report'

export function NearbyList({
  items,
  now,
  cosigning,
  cosigned,
  onCosign,
  onOpen,
}: {
  items: NearbyItem[]
  now: number
  cosigning: string | null
  cosigned: Record<string, number>
  onCosign: (id: string) => void
  onOpen: (id: string) => void
}) {
  const { urls } = useTempUrls(items.map((i) => i.photos[0]).filter(Boolean))
  return (
    <View className='nearby'>
      {items.map((item) => {
        const done = item.id in cosigned
        const thumb = item.photos[0] ? urls[item.photos[0]] : undefined
        return (
          <View key={item.id} className={`nearby-item${done ? ' is-cosigned' : ''}`} data-id={item.id}>
            <View className='nearby-item__thumb' onClick={() => onOpen(item.id)}>
              {thumb ? <Image className='nearby-item__img' src={thumb} mode='aspectFill' /> : <Text className='nearby-item__glyph'>📷</Text>}
            </View>
            <View className='nearby-item__main' onClick={() => onOpen(item.id)}>
              <View className='nearby-item__head'>
                <StatusTag status={item.status} />
                <Text className='nearby-item__dist'>约 {item.distanceM} 米 · {formatAgo(item.createdAt, now)}</Text>
              </View>
              <Text className='nearby-item__desc'>{item.description}</Text>
              <Text className='nearby-item__count'>{(cosigned[item.id] ?? item.cosignCount) > 0 ? `${cosigned[item.id] ?? item.cosignCount} 人附议` : '暂无附议'}</Text>
            </View>
            <Button
              className='nearby-cosign'
              size='small'
              type='primary'
              fill={done ? 'none' : 'solid'}
              disabled={done || cosigning !== null}
              loading={cosigning === item.id}
              onClick={() => onCosign(item.id)}
            >
              {done ? '已附议' : '附议'}
            </Button>
          </View>
        )
      })}
    </View>
  )
}
