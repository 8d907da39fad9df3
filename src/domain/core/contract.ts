import type { z } from 'zod'
import type { Role } from './roles'

/**
 * An action contract: who may call it, what it accepts and what it returns. Schemas come first and the
 * types are inferred from them, so the server handler, the client call and the generated JSON Schema
 * (GET /api/contracts) can never disagree.
 */
export interface ActionContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  roles: readonly Role[]
  input: I
  output: O
  summary: string
  /**
   * What a call does. Staff, unit and admin actions that are not `read` are written to the 操作日志
   * (kernel/audit.ts); `export` marks bulk personal-data reads, which are logged too. Default `write`, so
   * a new action is logged unless it says it only reads.
   */
  effect?: ActionEffect
}

export const ACTION_EFFECTS = ['read', 'write', 'export'] as const
export type ActionEffect = (typeof ACTION_EFFECTS)[number]

export interface FunctionContract<A extends Record<string, ActionContract> = Record<string, ActionContract>> {
  name: string
  actions: A
}

export function defineAction<I extends z.ZodType, O extends z.ZodType>(def: ActionContract<I, O>): ActionContract<I, O> {
  return def
}

export function defineContract<const N extends string, A extends Record<string, ActionContract>>(
  name: N,
  actions: A,
): FunctionContract<A> & { name: N } {
  return { name, actions }
}

export type ActionName<C extends FunctionContract> = Extract<keyof C['actions'], string>
export type ActionInput<C extends FunctionContract, A extends ActionName<C>> = z.input<C['actions'][A]['input']>
export type ParsedInput<C extends FunctionContract, A extends ActionName<C>> = z.output<C['actions'][A]['input']>
export type ActionOutput<C extends FunctionContract, A extends ActionName<C>> = z.output<C['actions'][A]['output']>
