import { z } from 'zod'

/**
 * Who may call what. `resident` is every identified WeChat user; the others are granted by an admin
 * (or, for `volunteer`, by approving a registration). A user may hold several roles.
 */
export const ROLES = ['resident', 'volunteer', 'staff', 'unit', 'admin'] as const
export const roleSchema = z.enum(ROLES)
export type Role = z.infer<typeof roleSchema>

export const ROLE_LABELS: Record<Role, string> = {
  resident: '市民',
  volunteer: '志愿者',
  staff: '创城办',
  unit: '责任单位',
  admin: '管理员',
}

/** Roles a stored user really holds: `resident` is implicit for anyone with an OPENID. */
export function effectiveRoles(stored: readonly Role[] | undefined): Role[] {
  return Array.from(new Set<Role>(['resident', ...(stored ?? [])]))
}

export function hasAnyRole(held: readonly Role[], allowed: readonly Role[]): boolean {
  return allowed.some((r) => held.includes(r))
}
