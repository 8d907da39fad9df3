import type { ReactNode } from 'react'
import type { Role } from '@/domain/core/roles'
import { ErrorState, Loading } from '@/components'
import { useAction } from '@/services/useAction'

/** 台账 and 操作日志 are for the 创城办 and admins: others see why, instead of a page of failed calls. */
export function RolesOnly({ roles, what, children }: { roles: readonly Role[]; what: string; children: ReactNode }) {
  const me = useAction('user', 'me', {})
  if (me.loading && !me.data) return <Loading text='正在核对身份…' />
  if (me.error) return <ErrorState error={me.error} onRetry={me.reload} />
  if (!me.data?.roles.some((r) => roles.includes(r))) {
    return <ErrorState title='暂无权限' message={what} error={{ ok: false, code: 'FORBIDDEN', message: '' }} />
  }
  return <>{children}</>
}
