import { defineHandler, findByIds } from '../kernel'
import { COLLECTIONS } from '../../src/domain/collections'
import { assessContract } from '../../src/domain/contracts/assess'
import type { TeamDoc } from '../../src/domain/volunteer/teams'
import {
  countFigure,
  rateFigure,
  scoreFigure,
  type CardDoc,
  type CardItem,
  type Figure,
  type SchemeDoc,
  type SchemeItem,
} from '../../src/domain/assess'
import { fridayTurnout, reportFigures, surveyRates, type ReportFigures, type SurveyFigure, type Turnout } from './metrics'
import { schemeCards } from './schemes'
import { assertOpen, cardsOf, loadScheme, nowIso, schemesOf, type Ctx } from './store'

/**
 * `recompute`: every data item of every unit, from the records of the scheme's period. The figures are read
 * once for all units (metrics.ts); each card whose data scores changed is written once, guarded by the
 * items' `rev`s (a card changed meanwhile keeps its old figures until the next recompute, which is reported).
 */

interface Sources {
  reports: Map<string, ReportFigures> | null
  turnout: Map<string, Turnout> | null
  teamNames: Map<string, string>
  surveys: Map<string, Map<string | null, SurveyFigure>>
}

async function loadSources(ctx: Ctx, scheme: SchemeDoc, cards: readonly CardDoc[], now: Date): Promise<Sources> {
  const metrics = new Set(scheme.items.map((i) => i.rule?.metric))
  const needReports = metrics.has('on_time_rate') || metrics.has('escalations') || metrics.has('overdue')
  const surveyItems = scheme.items.filter((i) => i.rule?.metric === 'survey_rate' && i.rule.surveyId && i.rule.surveyMetric)
  const districts = cards.map((c) => c.unit.districtId)
  const teamIds = cards.map((c) => c.teamId).filter((t): t is string => !!t)
  const [reports, turnout, teams, surveyList] = await Promise.all([
    needReports ? reportFigures(ctx, scheme.period, cards.map((c) => c.unit.id)) : null,
    metrics.has('friday_turnout') ? fridayTurnout(ctx, scheme.period, now) : null,
    metrics.has('friday_turnout') ? findByIds<TeamDoc>(ctx.db, COLLECTIONS.volunteerTeams, teamIds) : new Map<string, TeamDoc>(),
    Promise.all(surveyItems.map((i) => surveyRates(ctx, i.rule!.surveyId!, i.rule!.surveyMetric!, districts))),
  ])
  const surveys = new Map<string, Map<string | null, SurveyFigure>>()
  surveyItems.forEach((i, k) => surveys.set(i.id, surveyList[k]))
  return { reports, turnout, teamNames: new Map(Array.from(teams.values(), (t) => [t._id, t.name])), surveys }
}

function figureFor(item: SchemeItem, card: CardDoc, src: Sources, label: string): Figure {
  const rule = item.rule!
  switch (rule.metric) {
    case 'on_time_rate': {
      const f = src.reports?.get(card.unit.id)
      const received = `${label}派给本单位的随手拍 ${f?.dispatched ?? 0} 件`
      if (!f || !f.onTime.denominator) return rateFigure(0, 0, `${received}，期内没有销号的问题`)
      return rateFigure(f.onTime.numerator, f.onTime.denominator, `${received}；期内销号 ${f.onTime.denominator} 件，其中始终在整改时限内完成的 ${f.onTime.numerator} 件`)
    }
    case 'escalations': {
      const n = src.reports?.get(card.unit.id)?.escalations ?? 0
      return countFigure(n, `${label}本单位的问题超期被督办 ${n} 次`)
    }
    case 'overdue': {
      const n = src.reports?.get(card.unit.id)?.overdue ?? 0
      return countFigure(n, `目前在本单位处、已过整改时限未整改的问题 ${n} 件`)
    }
    case 'friday_turnout': {
      if (!card.teamId) return rateFigure(0, 0, '本单位未关联志愿服务队，无法统计周五环境整治出勤')
      const name = src.teamNames.get(card.teamId) ?? '本单位志愿服务队'
      const t = src.turnout?.get(card.teamId)
      if (!t) return rateFigure(0, 0, `${label}${name}没有报名周五环境整治`)
      return rateFigure(t.attended, t.confirmed, `${label}${name}参加周五环境整治 ${t.events} 场，报名 ${t.confirmed} 人次，到岗签到 ${t.attended} 人次`)
    }
    case 'survey_rate': {
      const s = src.surveys.get(item.id)?.get(card.unit.districtId)
      const area = card.unit.districtId ? '本单位所在辖区' : '全市'
      if (!s) return rateFigure(0, 0, '所选问卷不存在或没有数据')
      return { value: s.rate, numerator: Math.round(s.positive * 10) / 10, denominator: s.answers, detail: `「${s.title}」${area}有效回答 ${s.answers} 份` }
    }
  }
}

const sameFigure = (a: Figure | null, b: Figure) => !!a && a.value === b.value && a.numerator === b.numerator && a.denominator === b.denominator && a.detail === b.detail

export const recompute = defineHandler(assessContract, 'recompute', async ({ schemeId }, ctx) => {
  const scheme = await loadScheme(ctx, schemeId)
  assertOpen(scheme)
  const now = ctx.now()
  const at = nowIso(ctx)
  const dataItems = scheme.items.filter((i) => i.kind === 'data' && i.rule)
  const cards = await schemeCards(ctx, schemeId)
  const src = await loadSources(ctx, scheme, cards, now)
  let changed = 0
  let stale = 0
  await Promise.all(
    cards.map(async (card) => {
      const data: Record<string, unknown> = {}
      const where: Record<string, unknown> = { _id: card._id }
      let delta = 0
      for (const item of dataItems) {
        const prev = card.items[item.id]
        const figure = figureFor(item, card, src, scheme.period.label)
        const score = scoreFigure(item.rule!, item.points, figure)
        if (prev && prev.state === 'scored' && prev.score === score && sameFigure(prev.figure, figure)) continue
        const rev = prev?.rev ?? 0
        const next: CardItem = { state: 'scored', score, rev: rev + 1, material: null, review: null, figure }
        where[`items.${item.id}.rev`] = rev
        data[`items.${item.id}`] = ctx._.set(next)
        delta += score - (prev?.score ?? 0)
      }
      if (!Object.keys(data).length) return
      const res = await cardsOf(ctx).where(where).update({ data: { ...data, total: ctx._.inc(delta), updatedAt: at } })
      if (res.stats.updated) changed++
      else stale++
    }),
  )
  if (stale) console.warn(`[assess] recompute ${schemeId}: ${stale} card(s) changed meanwhile, left for the next run`)
  await schemesOf(ctx).doc(schemeId).update({ data: { computedAt: at } })
  ctx.audit({ targetType: 'assess_scheme', targetId: schemeId, summary: `重新计算数据评分项：${changed} 个单位得分有变化`, after: { computedAt: at, changed } })
  return { computedAt: at, units: cards.length, items: dataItems.length, changed }
})
