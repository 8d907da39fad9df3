import type { ReactNode } from 'react'
import { ErrorState, Loading } from '@/components'
import { useAction } from '@/services/useAction'

/** City set-up is for admins: others see why, instead of a page of failed calls. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const me = useAction('user', 'me', {})
  if (me.loading && !me.data) return <Loading text='正在核对身份…' />
  if (me.error) return <ErrorState error={me.error} onRetry={me.reload} />
  if (!me.data?.roles.includes('admin')) {
    return <ErrorState id='admin-forbidden' title='暂无权限' message='城市设置仅向管理员开放。' error={{ ok: false, code: 'FORBIDDEN', message: '' }} />
  }
  return <>{children}</>
}
