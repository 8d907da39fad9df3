import type { ReactNode } from 'react'
import { ScrollView, View } from '@tarojs/components'
import '@nutui/nutui-react-taro/dist/esm/Popup/style/css'
import { Popup } from '@nutui/nutui-react-taro'
import { Button } from '../nut'
import './vol.scss'

export interface SheetProps {
  visible: boolean
  title: string
  onClose: () => void
  children?: ReactNode
  confirmText?: string
  onConfirm?: () => void
  busy?: boolean
  disabled?: boolean
  danger?: boolean
  id?: string
}

/**
 * A bottom sheet with a form and one main button (H5: rendered into <body>, over the tab bar).
 * Test hooks: `#<id>`, its main button `#<id>-confirm`.
 */
export function Sheet({ visible, title, onClose, children, confirmText, onConfirm, busy, disabled, danger, id }: SheetProps) {
  return (
    <Popup
      visible={visible}
      position='bottom'
      round
      closeable
      title={title}
      destroyOnClose
      portal={process.env.TARO_ENV === 'h5' ? document.body : undefined}
      onClose={onClose}
    >
      <View id={id} className='vol-sheet'>
        <ScrollView scrollY className='vol-sheet__body'>
          {children}
        </ScrollView>
        {confirmText ? (
          <View className='vol-sheet__footer'>
            <Button
              id={id ? `${id}-confirm` : undefined}
              block
              type={danger ? 'danger' : 'primary'}
              loading={busy}
              disabled={disabled || busy}
              onClick={() => !busy && !disabled && onConfirm?.()}
            >
              {confirmText}
            </Button>
          </View>
        ) : null}
      </View>
    </Popup>
  )
}
