import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { choosePhotos, compressPhoto, previewPhotos, type LocalPhoto } from '@/services/image'
import { formatBytes } from '@/services/imageSizing'
import { newPhotoName } from '@/services/photoPath'
import { toast } from '@/services/ui'
import './report.scss'

export interface PickedPhoto extends LocalPhoto {
  /** Upload file name, fixed when the photo is added. */
  name: string
  fileID: string | null
}

export interface PhotoPickerProps {
  photos: readonly PickedPhoto[]
  max: number
  onAdd: (photo: PickedPhoto) => void
  onRemove: (name: string) => void
  /** Names of photos uploading right now. */
  uploading?: readonly string[]
  disabled?: boolean
  id?: string
  /** The add tile's caption. */
  addText?: string
}

/**
 * Photos taken or chosen on the device, compressed before they join the list. Test hooks: `#<id>`,
 * `#<id>-add` (opens the camera/album; in H5 a file chooser), `.picker-photo` (`data-uploaded`),
 * `.picker-photo__remove`, `#<id>-processing`.
 */
export function PhotoPicker({ photos, max, onAdd, onRemove, uploading = [], disabled, id = 'photo-picker', addText = '拍照/相册' }: PhotoPickerProps) {
  const [processing, setProcessing] = useState(0)
  const room = max - photos.length - processing

  const add = async () => {
    if (disabled || room <= 0) return
    const chosen = await choosePhotos(room)
    if (!chosen.ok) {
      if (!chosen.cancelled) toast(chosen.message)
      return
    }
    const paths = chosen.paths.slice(0, room)
    setProcessing((n) => n + paths.length)
    let failed = 0
    for (const path of paths) {
      try {
        const photo = await compressPhoto(path)
        onAdd({ ...photo, name: newPhotoName(), fileID: null })
      } catch {
        failed++
      } finally {
        setProcessing((n) => n - 1)
      }
    }
    if (failed) toast(`${failed} 张照片无法读取，请重新选择`)
  }

  const urls = photos.map((p) => p.path)
  return (
    <View id={id} className='picker'>
      {photos.map((p) => {
        const busy = uploading.includes(p.name)
        return (
          <View key={p.name} className='picker-photo' data-uploaded={p.fileID ? 'true' : 'false'} data-name={p.name}>
            <Image className='picker-photo__img' src={p.path} mode='aspectFill' onClick={() => previewPhotos(urls, p.path)} />
            <Text className='picker-photo__size'>{formatBytes(p.size)}</Text>
            {busy ? (
              <View className='picker-photo__mask'>
                <View className='picker-spinner' />
              </View>
            ) : p.fileID ? (
              <Text className='picker-photo__done'>✓</Text>
            ) : null}
            {!disabled && !busy ? (
              <View className='picker-photo__remove' onClick={() => onRemove(p.name)}>
                <Text>×</Text>
              </View>
            ) : null}
          </View>
        )
      })}
      {Array.from({ length: processing }, (_, i) => (
        <View key={`processing-${i}`} id={i === 0 ? `${id}-processing` : undefined} className='picker-photo picker-photo--processing'>
          <View className='picker-spinner' />
          <Text className='picker-photo__hint'>压缩中</Text>
        </View>
      ))}
      {room > 0 && !disabled ? (
        <View id={`${id}-add`} className='picker-add' onClick={add}>
          <Text className='picker-add__glyph'>📷</Text>
          <Text className='picker-add__text'>{addText}</Text>
          <Text className='picker-add__count'>
            {photos.length}/{max}
          </Text>
        </View>
      ) : null}
    </View>
  )
}
