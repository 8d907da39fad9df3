import { Text, View } from '@tarojs/components'
import type { ClientFail } from '@/services/cloud'
import { Button } from './nut'
import './states.scss'

export interface ErrorStateProps {
  /** The failure from the transport; its message is shown as is (server copy is already Chinese). */
  error?: ClientFail | null
  /** Overrides the message. */
  message?: string
  title?: string
  onRetry?: () => void
  compact?: boolean
  id?: string
  className?: string
}

const TITLES: Partial<Record<ClientFail['code'], string>> = {
  NETWORK: '网络开小差了',
  UNAUTHENTICATED: '还没有登录',
  FORBIDDEN: '暂无权限',
  NOT_FOUND: '内容不存在',
}

/** Test hooks: `.state-error`, its button `.state-retry`; `data-code` holds the error code. */
export function ErrorState({ error, message, title, onRetry, compact, id, className }: ErrorStateProps) {
  const code = error?.code
  return (
    <View
      id={id}
      data-code={code ?? ''}
      className={`state state-error${compact ? ' state--compact' : ''}${className ? ` ${className}` : ''}`}
    >
      <View className='state-icon'>
        <Text>{code === 'NETWORK' ? '📡' : code === 'FORBIDDEN' ? '🔒' : '⚠️'}</Text>
      </View>
      <Text className='state-title'>{title ?? (code && TITLES[code]) ?? '加载失败'}</Text>
      <Text className='state-desc'>{message ?? error?.message ?? '请稍后再试'}</Text>
      {onRetry ? (
        <View className='state-action'>
          <Button className='state-retry' type='primary' fill='outline' size='small' onClick={onRetry}>
            重试
          </Button>
        </View>
      ) : null}
    </View>
  )
}

export default ErrorState
