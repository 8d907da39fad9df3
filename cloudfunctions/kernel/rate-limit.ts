import type { Command, Database } from 'wx-server-sdk'
import type { ActionContract } from '../../src/domain/core/contract'
import { ActionError } from '../../src/domain/core/envelope'
import { COLLECTIONS } from '../../src/domain/collections'
import { isDuplicateKey } from './db'

/**
 * `write`: what a resident or volunteer changes (a report, 附议, an answer, a sign-up); `export`: bulk
 * staff exports; `standard`: reads and staff work (staff changes are few, and in the 操作日志 anyway).
 */
export type RateClass = 'standard' | 'write' | 'export'

/** The class of an action, from what its contract says it does (`effect`, default `write`) and who calls it. */
export function rateClassOf(def: Pick<ActionContract, 'effect' | 'roles'>): RateClass {
  const effect = def.effect ?? 'write'
  if (effect === 'export') return 'export'
  if (effect === 'write' && def.roles.some((r) => r === 'resident' || r === 'volunteer')) return 'write'
  return 'standard'
}

export interface RateRule {
  /** Calls allowed per caller per window. */
  limit: number
  windowMs: number
  /**
   * `db`: one counter document per caller and class, shared by every function instance (one extra round
   * trip per call). `memory`: per function instance, no database cost — reads are bounded by paging and
   * counting each one would turn every read into a write.
   */
  store: 'db' | 'memory'
  message: string
}

const MINUTE = 60_000

/** Limits a person using the app never reaches, but a script does. */
export const RATE_RULES: Record<RateClass, RateRule> = {
  standard: { limit: 600, windowMs: MINUTE, store: 'memory', message: '操作太频繁，请 1 分钟后再试' },
  write: { limit: 30, windowMs: MINUTE, store: 'db', message: '操作太频繁，请 1 分钟后再试' },
  export: { limit: 10, windowMs: MINUTE, store: 'db', message: '导出太频繁，请 1 分钟后再试' },
}

/** A `rate_limits` document: `_id` `<class>:<openid>`, the current window and the calls counted in it. */
export interface RateDoc {
  _id: string
  window: number
  count: number
}

type Counter = { window: number; count: number }
const memory = new Map<string, Counter>()
/** Callers this instance already refused in the current window: refused again without a database trip. */
const refused = new Map<string, number>()

/** Keeps the instance's maps small: past windows go once there are many callers. */
function prune<V>(map: Map<string, V>, isPast: (v: V) => boolean) {
  if (map.size < 10_000) return
  for (const [k, v] of map) if (isPast(v)) map.delete(k)
}

function countInMemory(key: string, window: number, limit: number): boolean {
  prune(memory, (c) => c.window < window)
  const c = memory.get(key)
  if (!c || c.window !== window) {
    memory.set(key, { window, count: 1 })
    return true
  }
  if (c.count >= limit) return false
  c.count += 1
  return true
}

/**
 * Counts the call in the caller's document unless the window's limit is reached. Each step is one atomic
 * conditional update, so concurrent calls never count past the limit: increment within the window (the
 * usual single round trip); else move a stale document to this window; else create it; else someone
 * created or moved it first — increment once more.
 */
async function countInDb(db: Database, _: Command, key: string, window: number, limit: number): Promise<boolean> {
  if (refused.get(key) === window) return false
  const coll = db.collection(COLLECTIONS.rateLimits)
  const increment = async () => (await coll.where({ _id: key, window, count: _.lt(limit) }).update({ data: { count: _.inc(1) } })).stats.updated === 1
  if (await increment()) return true
  const moved = await coll.where({ _id: key, window: _.neq(window) }).update({ data: { window, count: 1 } })
  if (moved.stats.updated === 1) return true
  try {
    await coll.add({ data: { _id: key, window, count: 1 } satisfies RateDoc })
    return true
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
  }
  if (await increment()) return true
  prune(refused, (w) => w < window)
  refused.set(key, window)
  return false
}

/** Throws RATE_LIMITED (with when to try again) once `openid` has used up `rateClass` in this window. */
export async function enforceRateLimit(
  ctx: { db: Database; _: Command; openid: string; now(): Date },
  rateClass: RateClass,
): Promise<void> {
  const rule = RATE_RULES[rateClass]
  const window = Math.floor(ctx.now().getTime() / rule.windowMs)
  const key = `${rateClass}:${ctx.openid}`
  const allowed = rule.store === 'memory' ? countInMemory(key, window, rule.limit) : await countInDb(ctx.db, ctx._, key, window, rule.limit)
  if (!allowed) throw new ActionError('RATE_LIMITED', rule.message)
}
