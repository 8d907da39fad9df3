import type { ReactNode } from 'react'
import { ErrorState, Loading } from '@/components'
import { useAction } from '@/services/useAction'
import type { Role } from '@/domain/core/roles'

/** 考评 screens are for 创城办 staff and 责任单位 handlers: others see why, not a page of failed calls. */
export function RoleGate({ roles, what, children }: { roles: readonly Role[]; what: string; children: (me: { roles: Role[]; unitId: string | null }) => ReactNode }) {
  const me = useAction('user', 'me', {})
  if (me.loading && !me.data) return <Loading text='正在核对身份…' />
  if (me.error) return <ErrorState error={me.error} onRetry={me.reload} />
  const held = me.data?.roles ?? []
  if (!roles.some((r) => held.includes(r))) {
    return <ErrorState title='暂无权限' message={`${what}仅向${roles.includes('unit') ? '创城办工作人员和责任单位' : '创城办工作人员'}开放。`} error={{ ok: false, code: 'FORBIDDEN', message: '' }} />
  }
  return <>{children({ roles: held, unitId: me.data?.unit?.id ?? null })}</>
}

export const isStaff = (roles: readonly Role[]): boolean => roles.includes('staff') || roles.includes('admin')
