import { Text, View } from '@tarojs/components'
import './states.scss'

export interface LoadingProps {
  /** Shown under the spinner; defaults to 加载中…. */
  text?: string
  /** Less vertical room, for a section inside a page. */
  compact?: boolean
  className?: string
}

/** Test hook: `.state-loading`. */
export function Loading({ text = '加载中…', compact, className }: LoadingProps) {
  return (
    <View className={`state state-loading${compact ? ' state--compact' : ''}${className ? ` ${className}` : ''}`}>
      <View className='state-spinner' />
      <Text className='state-loading__text'>{text}</Text>
    </View>
  )
}

export default Loading
