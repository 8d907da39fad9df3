import type { ReactNode } from 'react'
import { ScrollView, View } from '@tarojs/components'
import { Button, Popup } from './nut'
import './Sheet.scss'

export interface SheetProps {
  visible: boolean
  title: string
  onClose: () => void
  children?: ReactNode
  /** The main button; omit for a sheet without one. */
  confirmText?: string
  onConfirm?: () => void
  busy?: boolean
  /** Grey the main button out (form not complete). */
  disabled?: boolean
  /** Red outline button instead of solid (destructive steps). */
  danger?: boolean
  id?: string
}

/**
 * A bottom sheet with a form and one main button. In H5 it is rendered into <body>, so it covers the tab
 * bar. Test hooks: `#<id>`, its main button `#<id>-confirm`.
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
      className='sheet-popup'
    >
      <View id={id} className='sheet'>
        <ScrollView scrollY className='sheet__body'>
          {children}
        </ScrollView>
        {confirmText ? (
          <View className='sheet__footer'>
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
