import { ActionError, defineHandler, fetchAll, fetchPage } from '../kernel'
import { volunteerContract as C } from '../../src/domain/contracts/volunteer'
import { COLLECTIONS } from '../../src/domain/collections'
import {
  balancesOf,
  ledgerIds,
  maskName,
  planRedeem,
  refundPoints,
  toGoodsView,
  toRedemptionView,
  type GoodsDoc,
  type LedgerDoc,
  type RedemptionCheck,
  type RedemptionDoc,
  type VolunteerDoc,
} from '../../src/domain/volunteer'
import { audit, HOT_TX_RETRIES, patch, txGet, withoutId } from './repo'
import { newId, newRedemptionCode, redemptionIdFor } from './secrets'

/**
 * 爱心超市. Redeeming is one transaction over the goods (stock), the volunteer (points, per-person counts),
 * the redemption and its ledger entry: stock never oversells and points never go negative, however many
 * redeem at once. Verification is a transaction on the redemption: each code is used once.
 */

export const listGoods = defineHandler(C, 'listGoods', async ({ includeInactive }, ctx) => {
  const coll = ctx.db.collection(COLLECTIONS.volunteerGoods)
  const all = includeInactive && ctx.roles.includes('staff')
  const docs = await fetchAll<GoodsDoc>((all ? coll : coll.where({ active: true })).orderBy('order', 'asc'), 500)
  return { items: docs.map(toGoodsView) }
})

export const saveGoods = defineHandler(C, 'saveGoods', async (input, ctx) => {
  const at = ctx.now().toISOString()
  if (input.kind === 'discount' && !input.shopName) throw new ActionError('INVALID_INPUT', '特惠商户请填写商户名称', [{ path: 'shopName', message: '必填' }])
  const fields = {
    name: input.name,
    kind: input.kind,
    shop: input.shopName ? { name: input.shopName, address: input.shopAddress ?? '' } : null,
    description: input.description,
    pointsPrice: input.pointsPrice,
    stock: input.stock,
    limitPerPerson: input.limitPerPerson,
    image: input.image,
    active: input.active,
    order: input.order,
    updatedAt: at,
  }
  const coll = ctx.db.collection(COLLECTIONS.volunteerGoods)
  if (input.id) {
    const id = input.id
    // Stock is set inside a transaction so it cannot race a redemption's decrement.
    const doc = await ctx.db.runTransaction(async (t) => {
      const cur = await txGet<GoodsDoc>(t, COLLECTIONS.volunteerGoods, id)
      if (!cur) throw new ActionError('NOT_FOUND', '商品不存在')
      await t.collection(COLLECTIONS.volunteerGoods).doc(id).update({ data: patch(ctx._, fields) })
      return { ...cur, ...fields }
    })
    return toGoodsView(doc)
  }
  const doc: GoodsDoc = { _id: newId('g'), ...fields, redeemedCount: 0, createdAt: at }
  await coll.add({ data: { ...doc } })
  return toGoodsView(doc)
})

export const redeem = defineHandler(C, 'redeem', async ({ goodsId, clientId }, ctx) => {
  const at = ctx.now().toISOString()
  const rid = clientId ? redemptionIdFor(ctx.openid, clientId) : newId('r')
  const attempt = () =>
    ctx.db.runTransaction(async (t) => {
      if (clientId) {
        const prior = await txGet<RedemptionDoc>(t, COLLECTIONS.volunteerRedemptions, rid)
        if (prior) {
          const v0 = await txGet<VolunteerDoc>(t, COLLECTIONS.volunteers, ctx.openid)
          return { r: prior, points: v0?.points ?? 0, replayed: true }
        }
      }
      const goods = await txGet<GoodsDoc>(t, COLLECTIONS.volunteerGoods, goodsId)
      const v = await txGet<VolunteerDoc>(t, COLLECTIONS.volunteers, ctx.openid)
      if (!v || v.status !== 'approved') throw new ActionError('FORBIDDEN', '请先完成志愿者实名注册并通过审核')
      const plan = planRedeem({ goods, balances: balancesOf(v), alreadyRedeemed: v.redeemed?.[goodsId] ?? 0 })
      if (!plan.ok) throw new ActionError(plan.code, plan.message)
      const g = goods!
      const r: RedemptionDoc = {
        _id: rid,
        openid: v._id,
        volunteerName: v.name,
        goodsId,
        goodsName: g.name,
        kind: g.kind,
        shopName: g.shop?.name ?? null,
        points: g.pointsPrice,
        code: newRedemptionCode(),
        status: 'issued',
        createdAt: at,
        verifiedAt: null,
        verifiedBy: null,
        cancelledAt: null,
        clientId: clientId ?? null,
      }
      await t.collection(COLLECTIONS.volunteerRedemptions).doc(rid).set({ data: withoutId(r) })
      await t.collection(COLLECTIONS.volunteerGoods).doc(goodsId).update({ data: { stock: plan.stock, redeemedCount: g.redeemedCount + 1, updatedAt: at } })
      await t.collection(COLLECTIONS.volunteers).doc(v._id).update({
        data: patch(ctx._, { points: plan.balances.points, pointsSpent: plan.balances.pointsSpent, redeemed: { ...(v.redeemed ?? {}), [goodsId]: (v.redeemed?.[goodsId] ?? 0) + 1 }, updatedAt: at }),
      })
      const entry: LedgerDoc = {
        _id: ledgerIds.redeem(rid),
        openid: v._id,
        at,
        kind: 'redeem',
        minutes: 0,
        points: -g.pointsPrice,
        balanceMinutes: v.totalMinutes,
        balancePoints: plan.balances.points,
        ref: { type: 'redemption', id: rid, title: g.name },
        serviceAt: null,
        source: null,
        serviceType: null,
        subject: null,
        period: null,
        teamId: v.team?.id ?? null,
        by: v._id,
        note: null,
      }
      await t.collection(COLLECTIONS.volunteerLedger).doc(entry._id).set({ data: withoutId(entry) })
      return { r, points: plan.balances.points, replayed: false }
    }, HOT_TX_RETRIES)
  // A random code colliding with an existing one fails the unique index at commit: try a fresh code.
  let last: unknown
  for (let i = 0; i < 3; i++) {
    try {
      const res = await attempt()
      return { redemption: toRedemptionView(res.r, true), points: res.points, replayed: res.replayed }
    } catch (err) {
      if (err instanceof ActionError || !/duplicate|unique|E11000|-502001/i.test(String((err as Error)?.message ?? err))) throw err
      last = err
    }
  }
  throw last
})

export const myRedemptions = defineHandler(C, 'myRedemptions', async ({ offset, limit }, ctx) => {
  const q = ctx.db.collection(COLLECTIONS.volunteerRedemptions).where({ openid: ctx.openid }).orderBy('createdAt', 'desc')
  const page = await fetchPage<RedemptionDoc>(q, offset, limit)
  return { items: page.items.map((r) => toRedemptionView(r, true)), hasMore: page.hasMore }
})

export const cancelRedemption = defineHandler(C, 'cancelRedemption', async ({ id }, ctx) => {
  const at = ctx.now().toISOString()
  const res = await ctx.db.runTransaction(async (t) => {
    const r = await txGet<RedemptionDoc>(t, COLLECTIONS.volunteerRedemptions, id)
    if (!r || r.openid !== ctx.openid) throw new ActionError('NOT_FOUND', '兑换记录不存在')
    if (r.status !== 'issued') throw new ActionError('CONFLICT', r.status === 'verified' ? '已核销，不能取消' : '已取消')
    const v = await txGet<VolunteerDoc>(t, COLLECTIONS.volunteers, ctx.openid)
    if (!v) throw new ActionError('NOT_FOUND', '志愿者档案不存在')
    const g = await txGet<GoodsDoc>(t, COLLECTIONS.volunteerGoods, r.goodsId)
    const balances = refundPoints(balancesOf(v), r.points)
    await t.collection(COLLECTIONS.volunteerRedemptions).doc(id).update({ data: { status: 'cancelled', cancelledAt: at } })
    if (g) await t.collection(COLLECTIONS.volunteerGoods).doc(g._id).update({ data: { stock: g.stock + 1, redeemedCount: Math.max(0, g.redeemedCount - 1), updatedAt: at } })
    const redeemed = { ...(v.redeemed ?? {}), [r.goodsId]: Math.max(0, (v.redeemed?.[r.goodsId] ?? 0) - 1) }
    await t.collection(COLLECTIONS.volunteers).doc(v._id).update({ data: patch(ctx._, { points: balances.points, pointsSpent: balances.pointsSpent, redeemed, updatedAt: at }) })
    const entry: LedgerDoc = {
      _id: ledgerIds.refund(id),
      openid: v._id,
      at,
      kind: 'refund',
      minutes: 0,
      points: r.points,
      balanceMinutes: v.totalMinutes,
      balancePoints: balances.points,
      ref: { type: 'redemption', id, title: r.goodsName },
      serviceAt: null,
      source: null,
      serviceType: null,
      subject: null,
      period: null,
      teamId: v.team?.id ?? null,
      by: v._id,
      note: null,
    }
    await t.collection(COLLECTIONS.volunteerLedger).doc(entry._id).set({ data: withoutId(entry) })
    return { r: { ...r, status: 'cancelled' as const, cancelledAt: at }, points: balances.points }
  })
  return { redemption: toRedemptionView(res.r, true), points: res.points }
})

const toCheck = (r: RedemptionDoc): RedemptionCheck => {
  const { code, ...view } = toRedemptionView(r, false)
  void code
  return { ...view, volunteerName: maskName(r.volunteerName) }
}

async function byCode(ctx: Parameters<typeof listGoods>[1], code: string): Promise<RedemptionDoc> {
  const res = await ctx.db.collection(COLLECTIONS.volunteerRedemptions).where({ code: code.toUpperCase() }).limit(1).get()
  const r = res.data[0] as RedemptionDoc | undefined
  if (!r) throw new ActionError('NOT_FOUND', '核销码不存在')
  return r
}

export const checkRedemption = defineHandler(C, 'checkRedemption', async ({ code }, ctx) => toCheck(await byCode(ctx, code)))

export const verifyRedemption = defineHandler(C, 'verifyRedemption', async ({ code }, ctx) => {
  const found = await byCode(ctx, code)
  const at = ctx.now().toISOString()
  const r = await ctx.db.runTransaction(async (t) => {
    const cur = await txGet<RedemptionDoc>(t, COLLECTIONS.volunteerRedemptions, found._id)
    if (!cur) throw new ActionError('NOT_FOUND', '核销码不存在')
    if (cur.status === 'verified') throw new ActionError('CONFLICT', '该核销码已使用')
    if (cur.status === 'cancelled') throw new ActionError('CONFLICT', '该兑换已取消')
    await t.collection(COLLECTIONS.volunteerRedemptions).doc(cur._id).update({ data: { status: 'verified', verifiedAt: at, verifiedBy: ctx.openid } })
    await audit(ctx, { t }, { at, by: ctx.openid, action: 'verifyRedemption', openid: cur.openid, after: { redemption: cur._id } })
    return { ...cur, status: 'verified' as const, verifiedAt: at, verifiedBy: ctx.openid }
  })
  return toCheck(r)
})

