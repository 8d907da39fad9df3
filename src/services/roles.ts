/**
 * Role labels for the UI. `src/domain/core/roles.ts` holds the same labels but imports zod at runtime, so
 * the client keeps its own copy, checked against the domain's `Role` type at compile time.
 */
import type { Role } from '@/domain/core/roles'

export const ROLE_LABELS = {
  resident: '市民',
  volunteer: '志愿者',
  staff: '创城办',
  unit: '责任单位',
  admin: '管理员',
} as const satisfies Record<Role, string>

/** Display order: the most specific role first, 市民 last. */
export const ROLE_ORDER: readonly Role[] = ['admin', 'staff', 'unit', 'volunteer', 'resident']

export function sortRoles(roles: readonly Role[]): Role[] {
  return [...new Set(roles)].sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b))
}
