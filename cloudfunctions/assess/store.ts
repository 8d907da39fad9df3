import type { ActionContext } from '../kernel'
import { findById } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { COLLECTIONS } from '../../src/domain/collections'
import { defaultNickname } from '../../src/domain/user/user'
import { cardId, type CardDoc, type CardItem, type SchemeDoc, type StaffRef } from '../../src/domain/assess'

/** Storage of the assess function: collections, loads with Chinese not-found messages, the per-item write. */

export type Ctx = Pick<ActionContext, 'db' | '_' | 'now'>

export const schemesOf = (ctx: Pick<Ctx, 'db'>) => ctx.db.collection(COLLECTIONS.assessSchemes)
export const cardsOf = (ctx: Pick<Ctx, 'db'>) => ctx.db.collection(COLLECTIONS.assessCards)
export const bulletinsOf = (ctx: Pick<Ctx, 'db'>) => ctx.db.collection(COLLECTIONS.assessBulletins)

export const nowIso = (ctx: Pick<Ctx, 'now'>): string => ctx.now().toISOString()

/** The caller as shown on reviews and submissions (nickname, never a phone). */
export const actorRef = (ctx: Pick<ActionContext, 'openid' | 'user'>): StaffRef => ({ id: ctx.openid, name: ctx.user?.nickname ?? defaultNickname(ctx.openid) })

export async function loadScheme(ctx: Ctx, id: string): Promise<SchemeDoc> {
  const doc = await findById<SchemeDoc>(schemesOf(ctx), id)
  if (!doc) throw new ActionError('NOT_FOUND', '该考评方案不存在')
  return doc
}

/** Scores and material change only while the scheme is 考评中. */
export function assertOpen(s: SchemeDoc): void {
  if (s.status === 'draft') throw new ActionError('CONFLICT', '该考评方案尚未启动')
  if (s.status === 'published') throw new ActionError('CONFLICT', '该考评已发布通报，得分不能再修改')
}

export async function loadCard(ctx: Ctx, schemeId: string, unitId: string): Promise<CardDoc> {
  const doc = await findById<CardDoc>(cardsOf(ctx), cardId(schemeId, unitId))
  if (!doc) throw new ActionError('NOT_FOUND', '该单位不在本次考评范围内')
  return doc
}

export function itemOf(scheme: SchemeDoc, itemId: string) {
  const item = scheme.items.find((i) => i.id === itemId)
  if (!item) throw new ActionError('NOT_FOUND', '该考评项不存在')
  return item
}

/**
 * Writes one item of a card if it is still at `rev` (compare-and-set on the item only), moving the card's
 * total by the score's change and its pending count by `pendingDelta`. Returns the card as written.
 */
export async function writeItem(ctx: Ctx, card: CardDoc, itemId: string, rev: number, next: Omit<CardItem, 'rev'>, pendingDelta: number): Promise<CardDoc> {
  const prev = card.items[itemId]
  if (!prev || prev.rev !== rev) throw staleItem()
  const item: CardItem = { ...next, rev: rev + 1 }
  const delta = (item.score ?? 0) - (prev.score ?? 0)
  const at = nowIso(ctx)
  const res = await cardsOf(ctx)
    .where({ _id: card._id, [`items.${itemId}.rev`]: rev })
    .update({ data: { [`items.${itemId}`]: ctx._.set(item), total: ctx._.inc(delta), pending: ctx._.inc(pendingDelta), updatedAt: at } })
  if (!res.stats.updated) throw staleItem()
  return { ...card, items: { ...card.items, [itemId]: item }, total: card.total + delta, pending: card.pending + pendingDelta, updatedAt: at }
}

const staleItem = () => new ActionError('CONFLICT', '该考评项刚刚已被更新，请刷新后重试')
