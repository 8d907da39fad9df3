import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { choosePhotos, compressPhoto } from '@/services/image'
import { uploadOriginal } from '@/services/mosaic'
import { BOARD_ROUTES } from '@/services/board'
import { openPage, toast } from '@/services/ui'

/** A photo in an editor: its original and, once confirmed, its masked copy. */
export interface SlotPhoto {
  original: string
  masked: string | null
  thumb: string | null
  regions: number
}

/**
 * Photos of an entry as staff edit them: each shows its masked copy once confirmed (green, “已打码 N 处”),
 * else the original with a red “待打码” — a tap opens the 打码 tool. Staff may add their own photos
 * (uploaded into their board folder) and remove any. Test hooks: `#<id>`, `.adm-photo` (data-original,
 * data-masked true|false), `.adm-photo__remove`, `#<id>-add`.
 */
export function PhotoSlots({
  id,
  photos,
  urls,
  max,
  onChange,
  readOnly,
}: {
  id: string
  photos: readonly SlotPhoto[]
  urls: Record<string, string>
  max: number
  onChange?: (photos: SlotPhoto[]) => void
  readOnly?: boolean
}) {
  const [adding, setAdding] = useState(false)
  const add = async () => {
    if (adding || !onChange) return
    const chosen = await choosePhotos(max - photos.length)
    if (!chosen.ok) {
      if (!chosen.cancelled) toast(chosen.message)
      return
    }
    setAdding(true)
    const added: SlotPhoto[] = []
    for (const path of chosen.paths.slice(0, max - photos.length)) {
      try {
        const local = await compressPhoto(path)
        const res = await uploadOriginal(local.path)
        if (res.ok) added.push({ original: res.data.fileID, masked: null, thumb: null, regions: 0 })
        else toast(res.message)
      } catch {
        toast('照片无法读取，请重新选择')
      }
    }
    setAdding(false)
    if (added.length) onChange([...photos, ...added])
  }
  return (
    <View id={id} className='adm-photos'>
      {photos.map((p, i) => {
        const src = urls[p.thumb ?? ''] ?? urls[p.masked ?? ''] ?? urls[p.original]
        return (
          <View
            key={p.original}
            className={`adm-photo ${p.masked ? 'is-masked' : 'is-unmasked'}`}
            data-original={p.original}
            data-masked={p.masked ? 'true' : 'false'}
            onClick={() => !readOnly && openPage(BOARD_ROUTES.mask(p.original))}
          >
            {src ? <Image className='adm-photo__img' src={src} mode='aspectFill' /> : null}
            <Text className='adm-photo__state'>{p.masked ? (p.regions ? `已打码 ${p.regions} 处` : '已确认无需打码') : '待打码 · 点击处理'}</Text>
            {!readOnly && onChange ? (
              <Text
                className='adm-photo__remove'
                onClick={(e) => {
                  e.stopPropagation()
                  onChange(photos.filter((_, k) => k !== i))
                }}
              >
                ×
              </Text>
            ) : null}
          </View>
        )
      })}
      {!readOnly && onChange && photos.length < max ? (
        <View id={`${id}-add`} className='adm-photo-add' onClick={add}>
          <Text className='adm-photo-add__text'>{adding ? '上传中…' : '＋ 添加照片'}</Text>
        </View>
      ) : null}
    </View>
  )
}

/** fileIDs a set of slots needs shown. */
export const slotIds = (photos: readonly SlotPhoto[]): string[] => photos.flatMap((p) => [p.original, ...(p.thumb ? [p.thumb] : [])])
