import { createFunction, findByIds, type Handlers } from '../kernel'
import { isAudited, type AuditDoc } from '../kernel/audit'
import { auditContract } from '../../src/domain/contracts/audit'
import { contracts } from '../../src/domain/contracts'
import { COLLECTIONS } from '../../src/domain/collections'
import type { ActionContract } from '../../src/domain/core/contract'
import type { AuditEntry } from '../../src/domain/audit/entry'
import type { UserDoc } from '../../src/domain/user/user'

/** Every logged action with its contract summary: labels are looked up when read, so entries stay small. */
const LOGGED = Object.values(contracts).flatMap((c) =>
  Object.entries(c.actions as Record<string, ActionContract>)
    .filter(([, def]) => isAudited(def))
    .map(([action, def]) => ({ fn: c.name, action, label: def.summary })),
)
const LABELS = new Map(LOGGED.map((a) => [`${a.fn}.${a.action}`, a.label]))

/** Cursor = the last entry's `_id`; ids start with the time, so `at` of the cursor is recoverable. */
const cursorTime = (cursor: string) => new Date(parseInt(cursor.split('-')[0], 36))

const handlers: Handlers<typeof auditContract> = {
  async search(input, ctx) {
    const { _ } = ctx
    // One indexed filter leads (target, actor, action, or time alone); the others narrow it.
    const where: Record<string, unknown> = {}
    if (input.targetId) where.targetId = input.targetId
    if (input.actor) where['actor.openid'] = input.actor
    if (input.fn) where.fn = input.fn
    if (input.action) where.action = input.action
    if (input.outcome) where.outcome = input.outcome
    const upper = [input.to ? new Date(input.to) : null, input.cursor ? cursorTime(input.cursor) : null].filter((d): d is Date => !!d)
    const range = [
      ...(input.from ? [_.gte(new Date(input.from))] : []),
      ...(upper.length ? [_.lte(new Date(Math.min(...upper.map((d) => d.getTime()))))] : []),
    ]
    if (range.length) where.at = range.length === 1 ? range[0] : _.and(range)
    if (input.cursor) where._id = _.lt(input.cursor)

    const res = await ctx.db
      .collection(COLLECTIONS.auditLog)
      .where(where)
      .orderBy('at', 'desc')
      .orderBy('_id', 'desc')
      .limit(input.limit + 1)
      .get()
    const docs = (res.data as AuditDoc[]).slice(0, input.limit)
    // Nicknames as they are now (an entry keeps the one at the time too, for renamed or deleted users).
    const users = await findByIds<UserDoc>(ctx.db, COLLECTIONS.users, docs.map((d) => d.actor.openid))
    const items: AuditEntry[] = docs.map((d) => ({
      id: d._id,
      at: new Date(d.at).toISOString(),
      actor: { ...d.actor, nickname: users.get(d.actor.openid)?.nickname ?? d.actor.nickname },
      action: `${d.fn}.${d.action}`,
      actionLabel: LABELS.get(`${d.fn}.${d.action}`) ?? `${d.fn}.${d.action}`,
      outcome: d.outcome,
      error: d.error,
      input: d.input,
      targetId: d.targetId,
      changes: d.changes,
      requestId: d.requestId,
    }))
    return { items, nextCursor: res.data.length > input.limit ? docs[docs.length - 1]._id : null }
  },

  async catalog() {
    return { items: LOGGED }
  },
}

export const { main, contract } = createFunction(auditContract, handlers)
