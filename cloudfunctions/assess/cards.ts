import { defineHandler, findById, findByIds, type ActionContext, keysetPage } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { COLLECTIONS } from '../../src/domain/collections'
import { assessContract } from '../../src/domain/contracts/assess'
import type { TeamDoc } from '../../src/domain/volunteer/teams'
import { isUnitMaterial, SCOPE_UNITS_MAX, toCardView, toSchemeCard, type CardDoc, type CardItem, type SchemeDoc } from '../../src/domain/assess'

import { actorRef, assertOpen, cardsOf, itemOf, loadCard, loadScheme, nowIso, writeItem, type Ctx } from './store'

/** 考评表: a unit's card, its material uploads, staff review and field scores, the review queue. */

/** The unit a unit handler acts for; staff name the unit. */
function unitOfCaller(ctx: ActionContext, requested?: string): string {
  const staff = ctx.roles.includes('staff') || ctx.roles.includes('admin')
  if (staff) {
    if (requested) return requested
    if (!ctx.viewer.unitId) throw new ActionError('INVALID_INPUT', '请选择单位', [{ path: 'unitId', message: '请选择单位' }])
    return ctx.viewer.unitId
  }
  if (!ctx.viewer.unitId) throw new ActionError('FORBIDDEN', '您的账号尚未绑定责任单位，请联系管理员')
  if (requested && requested !== ctx.viewer.unitId) throw new ActionError('FORBIDDEN', '只能查看本单位的考评表')
  return ctx.viewer.unitId
}

/** Position of the card among its scheme's cards: 1 + how many scored higher (one count on the index). */
async function rankOf(ctx: Ctx, card: Pick<CardDoc, 'schemeId' | 'total'>): Promise<number> {
  const res = await cardsOf(ctx).where({ schemeId: card.schemeId, total: ctx._.gt(card.total + 0.05) }).count()
  return res.total + 1
}

async function view(ctx: Ctx, scheme: SchemeDoc, card: CardDoc) {
  return toCardView(scheme, card, await rankOf(ctx, card), scheme.unitCount)
}

export const cardDetail = defineHandler(assessContract, 'cardDetail', async ({ schemeId, unitId }, ctx) => {
  const unit = unitOfCaller(ctx, unitId)
  const [scheme, card] = await Promise.all([loadScheme(ctx, schemeId), loadCard(ctx, schemeId, unit)])
  return { scheme: toSchemeCard(scheme), card: await view(ctx, scheme, card) }
})

/** Each file exists in storage (one storage call for all). */
async function assertStored(ctx: Pick<ActionContext, 'cloud'>, files: readonly string[]): Promise<void> {
  const res = await ctx.cloud.getTempFileURL({ fileList: files.map((fileID) => ({ fileID, maxAge: 600 })) })
  const ok = new Set((res.fileList ?? []).filter((f) => f.status === 0).map((f) => f.fileID))
  const missing = files.findIndex((f) => !ok.has(f))
  if (missing >= 0) throw new ActionError('INVALID_INPUT', '材料文件不存在或上传未完成，请重新上传', [{ path: `files.${missing}`, message: '文件不存在或上传未完成' }])
}

export const submitMaterial = defineHandler(assessContract, 'submitMaterial', async ({ schemeId, itemId, rev, files, note }, ctx) => {
  const unitId = unitOfCaller(ctx)
  const foreign = files.findIndex((f) => !isUnitMaterial(f, schemeId, unitId, itemId))
  if (foreign >= 0) {
    throw new ActionError('FORBIDDEN', '只能提交本单位为该考评项上传的材料，请重新上传', [{ path: `files.${foreign}`, message: '不是本单位为该考评项上传的文件' }])
  }
  const [scheme, card] = await Promise.all([loadScheme(ctx, schemeId), loadCard(ctx, schemeId, unitId)])
  assertOpen(scheme)
  const item = itemOf(scheme, itemId)
  if (item.kind !== 'material') throw new ActionError('CONFLICT', '该考评项不需要上传材料')
  const prev = card.items[itemId]
  if (prev?.state === 'approved') throw new ActionError('CONFLICT', '该项材料已审核通过，不能再修改')
  await assertStored(ctx, files)
  const round = prev?.material ? prev.material.round + (prev.state === 'returned' ? 1 : 0) : 1
  const next: Omit<CardItem, 'rev'> = {
    state: 'submitted',
    score: null,
    material: { files, note, at: nowIso(ctx), round, by: actorRef(ctx) },
    review: prev?.review ?? null,
    figure: null,
  }
  const written = await writeItem(ctx, card, itemId, rev, next, prev?.state === 'submitted' ? 0 : 1)
  ctx.audit({ targetType: 'assess_card', targetId: card._id, summary: `提交考评材料「${item.title}」（第${round}次）`, before: { state: prev?.state }, after: { state: 'submitted', files: files.length } })
  return view(ctx, scheme, written)
})

export const review = defineHandler(assessContract, 'review', async ({ schemeId, unitId, itemId, rev, verdict, score, comment }, ctx) => {
  const [scheme, card] = await Promise.all([loadScheme(ctx, schemeId), loadCard(ctx, schemeId, unitId)])
  assertOpen(scheme)
  const item = itemOf(scheme, itemId)
  if (item.kind !== 'material') throw new ActionError('CONFLICT', '该考评项不是材料审核项')
  const prev = card.items[itemId]
  if (prev?.state !== 'submitted' && prev?.state !== 'approved') throw new ActionError('CONFLICT', '该项材料不在待审核状态')
  if (verdict === 'approved' && score! > item.points) {
    throw new ActionError('INVALID_INPUT', `得分不能超过该项分值 ${item.points} 分`, [{ path: 'score', message: `最多 ${item.points} 分` }])
  }
  const next: Omit<CardItem, 'rev'> = {
    ...prev,
    state: verdict,
    score: verdict === 'approved' ? score! : null,
    review: { verdict, score: verdict === 'approved' ? score! : null, comment, by: actorRef(ctx), at: nowIso(ctx) },
  }
  const written = await writeItem(ctx, card, itemId, rev, next, prev.state === 'submitted' ? -1 : 0)
  ctx.audit({
    targetType: 'assess_card',
    targetId: card._id,
    summary: `${verdict === 'approved' ? '审核通过' : '退回补充'}「${card.unit.shortName}·${item.title}」`,
    before: { state: prev.state, score: prev.score },
    after: { state: next.state, score: next.score, comment },
  })
  return view(ctx, scheme, written)
})

export const fieldScore = defineHandler(assessContract, 'fieldScore', async ({ schemeId, unitId, itemId, rev, score, comment }, ctx) => {
  const [scheme, card] = await Promise.all([loadScheme(ctx, schemeId), loadCard(ctx, schemeId, unitId)])
  assertOpen(scheme)
  const item = itemOf(scheme, itemId)
  if (item.kind !== 'field') throw new ActionError('CONFLICT', '该考评项不是实地考察项')
  if (score > item.points) throw new ActionError('INVALID_INPUT', `得分不能超过该项分值 ${item.points} 分`, [{ path: 'score', message: `最多 ${item.points} 分` }])
  const prev = card.items[itemId]
  const next: Omit<CardItem, 'rev'> = { ...prev, state: 'scored', score, review: { verdict: 'scored', score, comment, by: actorRef(ctx), at: nowIso(ctx) } }
  const written = await writeItem(ctx, card, itemId, rev, next, 0)
  ctx.audit({
    targetType: 'assess_card',
    targetId: card._id,
    summary: `录入实地考察得分「${card.unit.shortName}·${item.title}」`,
    before: { state: prev?.state, score: prev?.score ?? null },
    after: { state: 'scored', score, comment },
  })
  return view(ctx, scheme, written)
})

export const reviewQueue = defineHandler(assessContract, 'reviewQueue', async ({ schemeId }, ctx) => {
  const [scheme, res] = await Promise.all([loadScheme(ctx, schemeId), cardsOf(ctx).where({ schemeId, pending: ctx._.gt(0) }).limit(SCOPE_UNITS_MAX).get()])
  const rows = (res.data as CardDoc[]).map((card) => {
    const items = scheme.items
      .filter((it) => card.items[it.id]?.state === 'submitted' && card.items[it.id].material)
      .map((it) => ({ itemId: it.id, title: it.title, submittedAt: card.items[it.id].material!.at, round: card.items[it.id].material!.round }))
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))
    return { unit: { id: card.unit.id, name: card.unit.name }, pending: items.length, items }
  })
  return { items: rows.filter((r) => r.items.length).sort((a, b) => a.items[0].submittedAt.localeCompare(b.items[0].submittedAt)) }
})

export const myCards = defineHandler(assessContract, 'myCards', async ({ cursor, limit }, ctx) => {
  const unitId = unitOfCaller(ctx)
  const page = await keysetPage<CardDoc>(cardsOf(ctx), ctx._, { 'unit.id': unitId }, { list: 'my-cards', field: 'updatedAt', dir: 'desc', limit, cursor })
  const schemes = await findByIds<SchemeDoc>(ctx.db, COLLECTIONS.assessSchemes, page.items.map((c) => c.schemeId))
  const ranks = await Promise.all(page.items.map((c) => rankOf(ctx, c)))
  const items = page.items.flatMap((card, i) => {
    const scheme = schemes.get(card.schemeId)
    if (!scheme) return []
    const count = (state: CardItem['state']) => scheme.items.filter((it) => it.kind === 'material' && card.items[it.id]?.state === state).length
    return [{ scheme: toSchemeCard(scheme), total: Math.round(card.total * 10) / 10, rank: ranks[i], of: scheme.unitCount, pending: card.pending, todo: count('todo'), returned: count('returned') }]
  })
  return { items, nextCursor: page.nextCursor }
})

export const setTeam = defineHandler(assessContract, 'setTeam', async ({ schemeId, unitId, teamId }, ctx) => {
  const [scheme, card, team] = await Promise.all([
    loadScheme(ctx, schemeId),
    loadCard(ctx, schemeId, unitId),
    teamId ? findById<TeamDoc>(ctx.db.collection(COLLECTIONS.volunteerTeams), teamId) : Promise.resolve(null),
  ])
  assertOpen(scheme)
  if (teamId && !team) throw new ActionError('NOT_FOUND', '该志愿服务队不存在')
  const at = nowIso(ctx)
  await cardsOf(ctx).doc(card._id).update({ data: { teamId, updatedAt: at } })
  ctx.audit({ targetType: 'assess_card', targetId: card._id, summary: `设置「${card.unit.shortName}」的志愿服务队为${team ? `「${team.name}」` : '无'}`, before: { teamId: card.teamId }, after: { teamId } })
  return view(ctx, scheme, { ...card, teamId, updatedAt: at })
})
