import { randomBytes } from 'node:crypto'
import { defineHandler, fetchAll, findByIds, insertMissing, keysetPage } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { COLLECTIONS } from '../../src/domain/collections'
import { assessContract } from '../../src/domain/contracts/assess'
import type { UnitDoc } from '../../src/domain/city/unit'
import type { SurveyDoc } from '../../src/domain/survey/schema'
import type { TeamDoc } from '../../src/domain/volunteer/teams'
import {
  itemView,
  newCard,
  openProblem,
  rankCards,
  SCHEME_TEMPLATES,
  SCOPE_UNITS_MAX,
  toCardRow,
  toSchemeCard,
  toSchemeView,
  totalPoints,
  type CardDoc,
  type SchemeDoc,
} from '../../src/domain/assess'

import { actorRef, cardsOf, loadScheme, nowIso, schemesOf, type Ctx } from './store'

/** 考评方案: templates and options, list, detail with the current ranking, save (draft only), open. */

export const schemeOptions = defineHandler(assessContract, 'schemeOptions', async (_input, ctx) => {
  const [surveys, teams, units] = await Promise.all([
    ctx.db.collection(COLLECTIONS.surveys).orderBy('updatedAt', 'desc').field({ _id: true, title: true, wave: true, status: true }).limit(50).get(),
    ctx.db.collection(COLLECTIONS.volunteerTeams).where({ active: true }).orderBy('order', 'asc').field({ _id: true, name: true }).limit(100).get(),
    ctx.db.collection(COLLECTIONS.units).where({ active: true }).field({ _id: true, name: true, type: true }).limit(100).get(),
  ])
  return {
    templates: SCHEME_TEMPLATES.map((t) => ({ kind: t.kind, title: t.title, unitTypes: t.unitTypes, totalPoints: totalPoints(t.items), items: t.items.map(itemView) })),
    surveys: (surveys.data as Pick<SurveyDoc, '_id' | 'title' | 'wave' | 'status'>[]).map((s) => ({ id: s._id, name: s.wave > 1 ? `${s.title}（第${s.wave}轮）` : s.title, status: s.status })),
    teams: (teams.data as Pick<TeamDoc, '_id' | 'name'>[]).map((t) => ({ id: t._id, name: t.name })),
    units: (units.data as Pick<UnitDoc, '_id' | 'name' | 'type'>[]).map((u) => ({ id: u._id, name: u.name, type: u.type })),
  }
})

export const schemeList = defineHandler(assessContract, 'schemeList', async ({ status, cursor, limit }, ctx) => {
  const page = await keysetPage<SchemeDoc>(schemesOf(ctx), ctx._, status ? { status } : {}, { list: `schemes:${status ?? ''}`, field: 'updatedAt', dir: 'desc', limit, cursor })
  return { items: page.items.map(toSchemeCard), nextCursor: page.nextCursor }
})

/** Every card of a scheme, best total first (a scheme has at most SCOPE_UNITS_MAX units: one query). */
export async function schemeCards(ctx: Ctx, schemeId: string): Promise<CardDoc[]> {
  const res = await cardsOf(ctx).where({ schemeId }).orderBy('total', 'desc').limit(SCOPE_UNITS_MAX).get()
  return res.data as CardDoc[]
}

export const schemeDetail = defineHandler(assessContract, 'schemeDetail', async ({ schemeId }, ctx) => {
  const [scheme, cards] = await Promise.all([loadScheme(ctx, schemeId), schemeCards(ctx, schemeId)])
  return { scheme: toSchemeView(scheme), ranking: rankCards(cards).map((c) => toCardRow(scheme, c)) }
})

export const schemeSave = defineHandler(assessContract, 'schemeSave', async (input, ctx) => {
  const at = nowIso(ctx)
  const fields = {
    title: input.title,
    kind: input.kind,
    period: input.period,
    scope: input.scope,
    teams: input.teams,
    items: input.items,
    totalPoints: totalPoints(input.items),
    updatedAt: at,
  }
  if (!input.id) {
    const doc: SchemeDoc = {
      _id: `as-${randomBytes(8).toString('hex')}`,
      ...fields,
      status: 'draft',
      unitCount: 0,
      computedAt: null,
      bulletinId: null,
      createdBy: actorRef(ctx),
      createdAt: at,
      openedAt: null,
      publishedAt: null,
      version: 0,
    }
    await schemesOf(ctx).add({ data: { ...doc } })
    ctx.audit({ targetType: 'assess_scheme', targetId: doc._id, summary: `新建考评方案「${doc.title}」`, after: fields })
    return toSchemeView(doc)
  }
  const before = await loadScheme(ctx, input.id)
  if (before.status !== 'draft') throw new ActionError('CONFLICT', '考评已启动，考评项和分值不能再修改')
  if (input.version !== before.version) throw new ActionError('CONFLICT', '该方案刚刚已被他人修改，请刷新后重试')
  const res = await schemesOf(ctx)
    .where({ _id: before._id, version: before.version, status: 'draft' })
    .update({ data: { ...fields, period: ctx._.set(fields.period), scope: ctx._.set(fields.scope), teams: ctx._.set(fields.teams), items: ctx._.set(fields.items), version: before.version + 1 } })
  if (!res.stats.updated) throw new ActionError('CONFLICT', '该方案刚刚已被他人修改，请刷新后重试')
  const after: SchemeDoc = { ...before, ...fields, version: before.version + 1 }
  ctx.audit({
    targetType: 'assess_scheme',
    targetId: before._id,
    summary: `修改考评方案「${after.title}」`,
    before: { title: before.title, period: before.period, scope: before.scope, items: before.items.map((i) => `${i.id} ${i.title} ${i.points}`) },
    after: { title: after.title, period: after.period, scope: after.scope, items: after.items.map((i) => `${i.id} ${i.title} ${i.points}`) },
  })
  return toSchemeView(after)
})

/** Active units in the scope: of the listed types, plus the listed units. */
async function unitsInScope(ctx: Ctx, scheme: SchemeDoc): Promise<UnitDoc[]> {
  const [byType, byId] = await Promise.all([
    scheme.scope.unitTypes.length
      ? fetchAll<UnitDoc>(ctx.db.collection(COLLECTIONS.units).where({ active: true, type: ctx._.in(scheme.scope.unitTypes) }), SCOPE_UNITS_MAX + 1)
      : Promise.resolve([]),
    findByIds<UnitDoc>(ctx.db, COLLECTIONS.units, scheme.scope.unitIds),
  ])
  const all = new Map<string, UnitDoc>()
  for (const u of [...byType, ...byId.values()]) if (u.active) all.set(u._id, u)
  return Array.from(all.values()).sort((a, b) => a.order - b.order)
}

export const schemeOpen = defineHandler(assessContract, 'schemeOpen', async ({ schemeId, version }, ctx) => {
  const scheme = await loadScheme(ctx, schemeId)
  const problem = openProblem(scheme)
  if (problem) throw new ActionError('CONFLICT', problem)
  if (scheme.version !== version) throw new ActionError('CONFLICT', '该方案刚刚已被他人修改，请刷新后重试')
  const units = await unitsInScope(ctx, scheme)
  if (!units.length) throw new ActionError('CONFLICT', '参评范围内没有单位，请调整单位类型或指定单位')
  if (units.length > SCOPE_UNITS_MAX) throw new ActionError('CONFLICT', `一个方案最多 ${SCOPE_UNITS_MAX} 个参评单位，请缩小范围`)
  const at = nowIso(ctx)
  // Claim the scheme first: of two concurrent opens only one gets here, and cards are keyed by unit anyway.
  const res = await schemesOf(ctx)
    .where({ _id: schemeId, version, status: 'draft' })
    .update({ data: { status: 'open', openedAt: at, updatedAt: at, unitCount: units.length, version: version + 1 } })
  if (!res.stats.updated) throw new ActionError('CONFLICT', '该方案刚刚已被他人修改，请刷新后重试')
  const cards = units.map((u) => newCard(scheme, { id: u._id, name: u.name, shortName: u.shortName, type: u.type, districtId: u.districtId, order: u.order }, at))
  await insertMissing(ctx.db, COLLECTIONS.assessCards, cards)
  ctx.audit({ targetType: 'assess_scheme', targetId: schemeId, summary: `启动考评「${scheme.title}」，${units.length} 个单位参评`, before: { status: 'draft' }, after: { status: 'open', units: units.map((u) => u.shortName) } })
  return toSchemeView({ ...scheme, status: 'open', openedAt: at, updatedAt: at, unitCount: units.length, version: version + 1 })
})
