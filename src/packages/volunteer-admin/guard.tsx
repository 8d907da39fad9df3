import type { ReactNode } from 'react'
import { ErrorState, Loading } from '@/components'
import { useAction } from '@/services/useAction'

/** Organiser screens are for 创城办 staff: others see why, instead of a page of failed calls. */
export function StaffOnly({ children }: { children: ReactNode }) {
  const me = useAction('user', 'me', {})
  if (me.loading && !me.data) return <Loading text='正在核对身份…' />
  if (me.error) return <ErrorState error={me.error} onRetry={me.reload} />
  if (!me.data?.roles.includes('staff')) {
    return <ErrorState title='暂无权限' message='志愿服务组织管理仅向创城办工作人员开放。' error={{ ok: false, code: 'FORBIDDEN', message: '' }} />
  }
  return <>{children}</>
}
