import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './report.scss'

/** A labelled block inside a card or sheet. */
export function Field({ label, required, extra, children, id }: { label: string; required?: boolean; extra?: ReactNode; children?: ReactNode; id?: string }) {
  return (
    <View id={id} className='field'>
      <View className='field__head'>
        <Text className='field__label'>
          {label}
          {required ? <Text className='field__required'> *</Text> : null}
        </Text>
        {extra ? <View className='field__extra'>{extra}</View> : null}
      </View>
      {children}
    </View>
  )
}
