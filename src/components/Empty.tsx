import { Text, View } from '@tarojs/components'
import { Button } from './nut'
import './states.scss'

export interface EmptyProps {
  /** A friendly headline; defaults to 这里还没有内容. */
  title?: string
  /** One sentence on what will appear here, or what to do. */
  description?: string
  /** An emoji (or short glyph) for the illustration. */
  icon?: string
  actionText?: string
  onAction?: () => void
  compact?: boolean
  id?: string
  className?: string
}

/** Test hooks: `.state-empty`, its button `.state-action`. */
export function Empty({
  title = '这里还没有内容',
  description,
  icon = '🌱',
  actionText,
  onAction,
  compact,
  id,
  className,
}: EmptyProps) {
  return (
    <View id={id} className={`state state-empty${compact ? ' state--compact' : ''}${className ? ` ${className}` : ''}`}>
      <View className='state-icon'>
        <Text>{icon}</Text>
      </View>
      <Text className='state-title'>{title}</Text>
      {description ? <Text className='state-desc'>{description}</Text> : null}
      {actionText && onAction ? (
        <View className='state-action'>
          <Button type='primary' size='small' onClick={onAction}>
            {actionText}
          </Button>
        </View>
      ) : null}
    </View>
  )
}

export default Empty
