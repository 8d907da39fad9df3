import { Image, Text, View } from '@tarojs/components'
import type { PhotoCheck } from '@/domain/report/status'
import { useTempUrls } from '@/services/hooks'
import { previewPhotos } from '@/services/image'
import './report.scss'

export interface GridPhoto {
  fileId: string
  /** Content check: pending photos show 审核中, refused ones are greyed; purged ones were deleted under the retention rule. */
  checked?: PhotoCheck
}

export interface PhotoGridProps {
  photos: readonly (GridPhoto | string)[]
  /** Smaller tiles (timeline). */
  small?: boolean
  /** Shown when there is no photo. */
  emptyText?: string
  id?: string
  className?: string
}

/** Stored photos, tap to enlarge. Test hooks: `.photo-grid`, `.photo-tile` (`data-state` loaded|loading|failed). */
export function PhotoGrid({ photos, small, emptyText, id, className }: PhotoGridProps) {
  const list: GridPhoto[] = photos.map((p) => (typeof p === 'string' ? { fileId: p } : p))
  // A purged photo's file is gone: nothing to fetch.
  const { urls, failed } = useTempUrls(list.filter((p) => p.checked !== 'purged').map((p) => p.fileId))
  if (list.length === 0) {
    return emptyText ? (
      <View id={id} className={`photo-grid photo-grid--empty${className ? ` ${className}` : ''}`}>
        <Text className='photo-grid__empty'>{emptyText}</Text>
      </View>
    ) : null
  }
  const shown = list.map((p) => urls[p.fileId]).filter(Boolean)
  return (
    <View id={id} className={`photo-grid${small ? ' photo-grid--small' : ''}${className ? ` ${className}` : ''}`}>
      {list.map((p) => {
        if (p.checked === 'purged') {
          return (
            <View key={p.fileId} className='photo-tile is-purged' data-state='purged'>
              <View className='photo-tile__placeholder'>图片已按规定删除</View>
            </View>
          )
        }
        const url = urls[p.fileId]
        return (
          <View
            key={p.fileId}
            className={`photo-tile${p.checked === 'risky' ? ' is-risky' : ''}`}
            data-state={url ? 'loaded' : failed ? 'failed' : 'loading'}
            onClick={() => url && previewPhotos(shown, url)}
          >
            {url ? <Image className='photo-tile__img' src={url} mode='aspectFill' lazyLoad /> : <View className='photo-tile__placeholder'>{failed ? '图片暂不可用' : ''}</View>}
            {p.checked === 'pending' ? <Text className='photo-tile__badge'>审核中</Text> : null}
            {p.checked === 'risky' ? <Text className='photo-tile__badge is-risky'>未通过审核</Text> : null}
          </View>
        )
      })}
    </View>
  )
}
