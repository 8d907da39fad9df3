import { Image, Text, View } from '@tarojs/components'
import { previewPhotos } from '@/services/image'
import type { PublicPhoto } from '@/services/board'

/**
 * Published photos: thumbnails in the grid, the masked full photo in the viewer. `urls` maps fileIDs to
 * temp URLs (the page resolves them in one call). Test hooks: `#<id>`, `.bd-photo` (data-state).
 */
export function Photos({ photos, urls, id, label, large, single }: { photos: readonly PublicPhoto[]; urls: Record<string, string>; id?: string; label?: string; large?: boolean; single?: boolean }) {
  if (!photos.length) return null
  const full = photos.map((p) => urls[p.url]).filter(Boolean)
  return (
    <View id={id} className={`bd-photos${single ? ' bd-photos--single' : large ? ' bd-photos--large' : ''}`}>
      {photos.map((p, i) => {
        const src = urls[p.thumb] ?? urls[p.url]
        return (
          <View key={`${p.url}-${i}`} className='bd-photo' data-state={src ? 'loaded' : 'loading'} onClick={() => src && previewPhotos(full, urls[p.url] ?? src)}>
            {src ? <Image className='bd-photo__img' src={src} mode='aspectFill' lazyLoad /> : null}
            {label && i === 0 ? <Text className='bd-photo__label'>{label}</Text> : null}
          </View>
        )
      })}
    </View>
  )
}

/** Every fileID a set of published photos needs (thumbnails and full copies). */
export const photoIds = (photos: readonly PublicPhoto[]): string[] => photos.flatMap((p) => (p.thumb === p.url ? [p.url] : [p.thumb, p.url]))
