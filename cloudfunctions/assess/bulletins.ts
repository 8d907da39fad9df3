import { defineHandler, keysetPage, runTransaction, txGet } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { COLLECTIONS } from '../../src/domain/collections'
import { assessContract } from '../../src/domain/contracts/assess'
import { chinaYear } from '../../src/domain/board/period'
import { buildBulletin, bulletinNumber, toBulletinCard, toBulletinView, type BulletinDoc, type SchemeDoc } from '../../src/domain/assess'
import { findById } from '../kernel'

import { schemeCards } from './schemes'
import { actorRef, assertOpen, bulletinsOf, loadScheme, nowIso } from './store'

/**
 * 考评通报: publishing freezes the scheme and stores the ranking as a numbered snapshot — the number, the
 * bulletin and the scheme's new status are written in one transaction, so numbers have no gaps or repeats
 * and a scheme is published once.
 */

interface CounterDoc {
  _id: string
  last: number
}

export const publish = defineHandler(assessContract, 'publish', async ({ schemeId, version, summary }, ctx) => {
  const scheme = await loadScheme(ctx, schemeId)
  assertOpen(scheme)
  if (scheme.version !== version) throw new ActionError('CONFLICT', '该方案刚刚已被他人修改，请刷新后重试')
  const cards = await schemeCards(ctx, schemeId)
  if (cards.some((c) => c.pending > 0)) throw new ActionError('CONFLICT', '还有待审核的材料，请审核完毕后再发布通报')
  const at = nowIso(ctx)
  const year = chinaYear(at)
  const by = actorRef(ctx)
  const bulletin = await runTransaction(ctx.db, async (t) => {
    const current = await txGet<SchemeDoc>(t, COLLECTIONS.assessSchemes, schemeId)
    if (!current || current.version !== version || current.status !== 'open') throw new ActionError('CONFLICT', current?.status === 'published' ? '该考评已发布通报' : '该方案刚刚已被他人修改，请刷新后重试')
    const counterId = `bulletin-${year}`
    const counter = await txGet<CounterDoc>(t, COLLECTIONS.assessCounters, counterId)
    const no = (counter?.last ?? 0) + 1
    await t.collection(COLLECTIONS.assessCounters).doc(counterId).set({ data: { last: no } })
    const doc = buildBulletin(scheme, cards, { year, no, summary, by, at })
    const { _id, ...rest } = doc
    await t.collection(COLLECTIONS.assessBulletins).doc(_id).set({ data: rest })
    await t.collection(COLLECTIONS.assessSchemes).doc(schemeId).update({ data: { status: 'published', bulletinId: _id, publishedAt: at, updatedAt: at, version: version + 1 } })
    return doc
  })
  ctx.audit({
    targetType: 'assess_bulletin',
    targetId: bulletin._id,
    summary: `发布考评通报${bulletinNumber(year, bulletin.no)}「${scheme.title}」`,
    before: { status: 'open' },
    after: { status: 'published', no: bulletin.no, ranking: bulletin.rows.map((r) => `${r.rank} ${r.unit.shortName} ${r.total}`) },
  })
  return toBulletinView(bulletin)
})

export const bulletinList = defineHandler(assessContract, 'bulletinList', async ({ cursor, limit }, ctx) => {
  const page = await keysetPage<BulletinDoc>(bulletinsOf(ctx), ctx._, {}, { list: 'bulletins', field: 'publishedAt', dir: 'desc', limit, cursor })
  return { items: page.items.map(toBulletinCard), nextCursor: page.nextCursor }
})

export const bulletinDetail = defineHandler(assessContract, 'bulletinDetail', async ({ id }, ctx) => {
  const doc = await findById<BulletinDoc>(bulletinsOf(ctx), id)
  if (!doc) throw new ActionError('NOT_FOUND', '该考评通报不存在')
  return toBulletinView(doc)
})
