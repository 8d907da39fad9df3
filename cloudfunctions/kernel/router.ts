import { z } from 'zod'
import type { Command, Database } from 'wx-server-sdk'
import type { ActionContract, FunctionContract } from '../../src/domain/core/contract'
import { ActionError, fail, ok, type Envelope } from '../../src/domain/core/envelope'
import { effectiveRoles, hasAnyRole, type Role } from '../../src/domain/core/roles'
import type { UserDoc } from '../../src/domain/user/user'
import type { Viewer } from '../../src/domain/city/unit'
import { COLLECTIONS } from '../../src/domain/collections'
import { getCloud, type Cloud } from './cloud'
import { now } from './clock'
import { findById } from './db'
import { checkPayload, describeIssues, zhErrorMap } from './input'
import { AuditTrail, isAudited, type AuditNote } from './audit'
import { enforceRateLimit, rateClassOf } from './rate-limit'

/** What every handler gets besides its parsed input. Identity comes from WeChat, never the payload. */
export interface ActionContext {
  /** The caller's OPENID (`cloud.getWXContext().OPENID`). */
  openid: string
  /** The caller's record in `users`, or null before their first `user.me`. */
  user: UserDoc | null
  /** Effective roles (`resident` implied). */
  roles: Role[]
  /** Roles + bound unit, for visibility rules (`canSeeStaffContacts` …). */
  viewer: Viewer
  db: Database
  /** `db.command` */
  _: Command
  cloud: Cloud
  /** Current time; devcloud's clock when present. */
  now(): Date
  requestId: string
  functionName: string
  action: string
  /**
   * Tells the 操作日志 what this call changed (staff/unit/admin actions only; a no-op elsewhere). The
   * kernel writes one entry per call anyway — with the input — so this adds the before and after.
   */
  audit(note: AuditNote): void
}

/** Context of a timer-trigger invocation (no caller). */
export type SystemContext = Omit<ActionContext, 'openid' | 'user' | 'roles' | 'viewer' | 'action' | 'audit'> & { trigger: string }

/**
 * Context of a message-push event (WeChat 消息推送 delivered to the function, e.g. `wxa_media_check`).
 * `openid` is the user the push is about (WeChat sets the push's FromUserName as OPENID), or null —
 * it is not a caller: nobody is logged in, and handlers must trust only what they can match against
 * their own records (e.g. a trace id they stored).
 */
export type EventContext = Omit<ActionContext, 'openid' | 'user' | 'roles' | 'viewer' | 'action' | 'audit'> & { event: string; openid: string | null }

type Awaitable<T> = T | Promise<T>

/** A handler: the parsed input of its action in, the (pre-validation) output of its action out. */
export type Handler<A extends ActionContract> = (input: z.output<A['input']>, ctx: ActionContext) => Awaitable<z.input<A['output']>>

/** One handler per action of the contract — no more, no fewer, each typed by its action's schemas. */
export type Handlers<C extends FunctionContract> = { [K in keyof C['actions']]: Handler<C['actions'][K]> }

/**
 * Types one handler against its contract action, for functions whose handlers live in several files:
 *   export const submit = defineHandler(reportContract, 'submit', async (input, ctx) => { … })
 */
export function defineHandler<C extends FunctionContract, A extends Extract<keyof C['actions'], string>>(
  _contract: C,
  _action: A,
  handler: Handler<C['actions'][A]>,
): Handler<C['actions'][A]> {
  return handler
}

export interface FunctionOptions {
  /** Timer triggers by name (as in the function's `config.json`); run only when there is no caller. */
  timers?: Record<string, (ctx: SystemContext) => Awaitable<unknown>>
  /**
   * Message-push events by their `Event` (the function is named as the 消息推送 target). Run only for an
   * event without `action` that did not come from a mini-program or an HTTP caller: a client call always
   * carries the `userInfo` WeChat injects and a SOURCE chain starting at a client, so a user cannot fake a
   * push. Handlers still trust only what they can match against their own records.
   * (Unlike timers a push may carry an OPENID: WeChat sets it to the push's FromUserName.)
   */
  events?: Record<string, (event: Record<string, unknown>, ctx: EventContext) => Awaitable<unknown>>
}

/**
 * SOURCE values of calls that are never a message push: a mini-program (or the developer tool on its
 * behalf), and HTTP callers (devcloud's unauthenticated HTTP calls arrive as wx_http).
 */
const NOT_PUSH_SOURCES = new Set(['wx_client', 'wx_devtools', 'wx_localdebug', 'wx_http'])

/** The call chain starts at WeChat's timer scheduler. */
const isTrigger = (source: string | undefined) => (source ?? '').split(',')[0] === 'wx_trigger'

/** A message push, not a user's call: no action, no injected userInfo, not started by a client. */
function isPush(ev: Record<string, unknown>, source: string | undefined): boolean {
  if (typeof ev.Event !== 'string' || hasOwn(ev, 'action') || hasOwn(ev, 'userInfo')) return false
  const first = (source ?? '').split(',')[0]
  return !NOT_PUSH_SOURCES.has(first)
}

/** JSON description of a function's actions, served by devcloud at GET /api/contracts. */
export interface ContractJson {
  name: string
  actions: Record<string, { roles: Role[]; summary: string; input: unknown; output: unknown }>
}

export interface CloudFunction {
  main(event: unknown, context?: unknown): Promise<Envelope<unknown>>
  contract: ContractJson
}

export function contractToJson(contract: FunctionContract): ContractJson {
  const actions: ContractJson['actions'] = {}
  for (const [name, a] of Object.entries(contract.actions)) {
    actions[name] = {
      roles: [...a.roles],
      summary: a.summary,
      input: z.toJSONSchema(a.input, { io: 'input', unrepresentable: 'any' }),
      output: z.toJSONSchema(a.output, { io: 'output', unrepresentable: 'any' }),
    }
  }
  return { name: contract.name, actions }
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)

let counter = 0
function requestIdOf(context: unknown): string {
  const c = context as { request_id?: unknown; requestId?: unknown } | undefined
  const id = c?.request_id ?? c?.requestId
  if (typeof id === 'string' && id) return id
  counter = (counter + 1) % 1e6
  return `local-${Date.now().toString(36)}-${counter.toString(36)}`
}

function logError(where: string, requestId: string, err: unknown) {
  console.error(`[${where}] request ${requestId} failed:`, err)
}

/**
 * Builds a cloud function from a contract and its handlers. `main(event, context)`:
 * action known? → caller identified (OPENID)? → user loaded, roles computed → role allowed? →
 * payload plain JSON without prototype keys? → input valid (zod)? → handler → output valid? → `{ ok, data }`.
 * `ActionError` anywhere becomes its code and message; anything else is logged and answered INTERNAL.
 */
export function createFunction<C extends FunctionContract>(contract: C, handlers: Handlers<C>, options: FunctionOptions = {}): CloudFunction {
  const name = contract.name
  for (const action of Object.keys(contract.actions)) {
    if (typeof (handlers as Record<string, unknown>)[action] !== 'function') throw new Error(`${name}.${action} has no handler`)
  }
  for (const action of Object.keys(handlers)) {
    if (!hasOwn(contract.actions, action)) throw new Error(`${name}.${action} is not in the contract`)
  }

  async function runTimer(trigger: string, requestId: string): Promise<Envelope<unknown>> {
    const timer = options.timers && hasOwn(options.timers, trigger) ? options.timers[trigger] : undefined
    if (!timer) return fail('UNKNOWN_ACTION')
    const cloud = getCloud()
    const db = cloud.database()
    const data = await timer({ db, _: db.command, cloud, now, requestId, functionName: name, trigger })
    return ok(data ?? null)
  }

  async function runEvent(ev: Record<string, unknown>, openid: string | undefined, requestId: string): Promise<Envelope<unknown>> {
    const eventName = ev.Event as string
    const handler = options.events && hasOwn(options.events, eventName) ? options.events[eventName] : undefined
    if (!handler) return fail('UNKNOWN_ACTION')
    const cloud = getCloud()
    const db = cloud.database()
    const data = await handler(ev, { db, _: db.command, cloud, now, requestId, functionName: name, event: eventName, openid: openid || null })
    return ok(data ?? null)
  }

  async function main(event: unknown, context?: unknown): Promise<Envelope<unknown>> {
    const requestId = requestIdOf(context)
    const ev = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>
    const action = ev.action
    let where = `${name}.${typeof action === 'string' ? action.slice(0, 40) : '?'}`
    try {
      const cloud = getCloud()
      const wx = cloud.getWXContext(context)
      const openid = wx.OPENID

      // Only WeChat's scheduler fires timers: no caller, and the call chain starts at a trigger (an
      // unauthenticated HTTP caller has no OPENID either, but its SOURCE says so).
      if (!openid && isTrigger(wx.SOURCE) && ev.Type === 'Timer' && typeof ev.TriggerName === 'string') {
        where = `${name}:timer:${ev.TriggerName}`
        return await runTimer(ev.TriggerName, requestId)
      }
      if (options.events && isPush(ev, wx.SOURCE)) {
        where = `${name}:event:${String(ev.Event).slice(0, 40)}`
        return await runEvent(ev, openid, requestId)
      }

      if (typeof action !== 'string' || !hasOwn(contract.actions, action)) return fail('UNKNOWN_ACTION')
      const def: ActionContract = contract.actions[action]
      if (!openid) return fail('UNAUTHENTICATED')

      const db = cloud.database()
      const user = await findById<UserDoc>(db.collection(COLLECTIONS.users), openid)
      const roles = effectiveRoles(user?.roles)
      // Roles before input: a caller without the role learns nothing about the input's shape.
      if (!hasAnyRole(roles, def.roles)) return fail('FORBIDDEN')

      const payload = checkPayload(ev.payload)
      if (!payload.ok) return fail('INVALID_INPUT', payload.message, payload.issues)
      const parsed = def.input.safeParse(payload.value, { error: zhErrorMap })
      if (!parsed.success) {
        const { message, issues } = describeIssues(def.input, parsed.error.issues)
        return fail('INVALID_INPUT', message, issues)
      }
      // Valid calls only: a script's malformed payloads cost no counter writes.
      await enforceRateLimit({ db, _: db.command, openid, now }, rateClassOf(def))

      const trail = isAudited(def) ? new AuditTrail() : null
      const ctx: ActionContext = {
        openid,
        user,
        roles,
        viewer: { roles, unitId: user?.unit?.id ?? null },
        db,
        _: db.command,
        cloud,
        now,
        requestId,
        functionName: name,
        action,
        audit: (note) => trail?.note(note),
      }
      const logCall = async (outcome: 'ok' | 'refused', error: ActionError | null) => {
        if (!trail) return
        const entry = {
          at: now(),
          actor: { openid, nickname: user?.nickname ?? null, roles, unitId: user?.unit?.id ?? null },
          fn: name,
          action,
          outcome,
          error: error ? { code: error.code, message: error.message } : null,
          input: parsed.data,
          requestId,
        }
        // The work is done by now; a failed log write is reported, not turned into a failed action.
        await trail.write(db, entry).catch((err) => logError(`${where}:audit`, requestId, err))
      }
      const handler = (handlers as Record<string, Handler<ActionContract>>)[action]
      let result: unknown
      try {
        result = await handler(parsed.data, ctx)
      } catch (err) {
        if (err instanceof ActionError) await logCall('refused', err)
        throw err
      }
      await logCall('ok', null)

      // The output schema is also the projection: fields it does not name never leave the server.
      const out = def.output.safeParse(result)
      if (!out.success) {
        logError(where, requestId, new Error(`output does not match the contract: ${JSON.stringify(out.error.issues).slice(0, 2000)}`))
        return fail('INTERNAL')
      }
      return ok(out.data)
    } catch (err) {
      if (err instanceof ActionError) return fail(err.code, err.message, err.issues)
      logError(where, requestId, err)
      return fail('INTERNAL')
    }
  }

  return { main, contract: contractToJson(contract) }
}
