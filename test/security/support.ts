/**
 * Shared pieces of the security tests: every function of the contracts registry (generated, so a function
 * or action added later is covered without touching the tests), one demo account per role, and helpers
 * to read envelopes.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { ActionContract } from '../../src/domain/core/contract'
import type { Fail } from '../../src/domain/core/envelope'
import type { Role } from '../../src/domain/core/roles'
import { contracts } from '../../src/domain/contracts'
import { ROOT, startCloud, type StartOptions, type TestCloud } from '../support/runtime'

export interface ActionEntry {
  fn: string
  action: string
  def: ActionContract
}

/** Every action of every function in `src/domain/contracts`. */
export function allActions(): ActionEntry[] {
  return Object.entries(contracts).flatMap(([fn, c]) =>
    Object.entries(c.actions as Record<string, ActionContract>).map(([action, def]) => ({ fn, action, def })),
  )
}

/**
 * Each contract's function, loaded from `cloudfunctions/<name>/index.ts` (a contract whose function does
 * not exist yet is left out here; the matrix's first test names it).
 */
export function contractFunctions(): Record<string, unknown> {
  const present = Object.keys(contracts).filter((fn) => fs.existsSync(path.join(ROOT, 'cloudfunctions', fn, 'index.ts')))
  return Object.fromEntries(present.map((fn) => [fn, require(path.join(ROOT, 'cloudfunctions', fn, 'index'))]))
}

export function startSecurityCloud(opts: StartOptions = {}): Promise<TestCloud> {
  return startCloud({ functions: contractFunctions(), ...opts })
}

/** Demo accounts holding exactly one role each (`resident` is implied for all of them). */
export const ROLE_ACCOUNTS: Record<Role, string> = {
  resident: 'demo-resident',
  volunteer: 'demo-volunteer',
  staff: 'demo-staff',
  unit: 'demo-unit',
  admin: 'demo-admin',
}

/** Whether an account holding `role` (and the implied `resident`) may call the action. */
export const mayCall = (def: ActionContract, role: Role): boolean => def.roles.includes(role) || def.roles.includes('resident')

/** The account to call an action with: one holding the first role it declares. */
export const callerFor = (def: ActionContract): string => ROLE_ACCOUNTS[def.roles[0]]

export const isFail = (res: { ok: boolean }): res is Fail => !res.ok

/** A user-facing message: non-empty Chinese. */
export const CHINESE = /[\u4e00-\u9fff]/
