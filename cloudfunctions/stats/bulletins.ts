import { ActionError, defineHandler, findById } from '../kernel'
import { statsContract, type RankingView } from '../../src/domain/contracts/stats'
import { COLLECTIONS } from '../../src/domain/collections'
import { ESCALATION_DEFINITION, HANDLING_DEFINITION, ON_TIME_DEFINITION, OVERDUE_DEFINITION, RANKING_RULE } from '../../src/domain/stats/definitions'
import { formatChinaDate } from '../../src/domain/report/time'
import { activeUnits, metricsFromDays, readDays, unitIdsIn } from './metrics'
import { rankingRows } from './overview'
import { rollupUntilCaughtUp } from './rollup'
import { readState, withoutId } from './state'

/** Stored 通报: the public view plus who published it (for the record; never returned). */
type RankingDoc = RankingView & { _id: string; publishedBy: string }

const COUNTER_ID = 'ranking-no'
const rankingId = (no: number) => `no-${no}`
const periodClaim = (from: string, to: string) => `period-${from}-${to}`

const view = (d: RankingDoc): RankingView => ({
  no: d.no,
  title: d.title,
  from: d.from,
  to: d.to,
  publishedAt: d.publishedAt,
  note: d.note,
  rule: d.rule,
  definitions: d.definitions,
  rows: d.rows,
})

/**
 * Publishes the ranking of a period as a numbered 通报. The figures are computed once, now (after counting
 * the events waiting), and frozen in the document: later events do not change a published 通报. The number
 * and a claim on the period are taken in the same transaction as the insert, so numbers have no holes or
 * duplicates and a period is published once.
 */
export const publishRanking = defineHandler(statsContract, 'publishRanking', async ({ from, to, title, note }, ctx) => {
  const now = ctx.now()
  if (to >= new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)) throw new ActionError('INVALID_INPUT', '统计期须在今天之前结束（当天数据尚未完整）', [{ path: 'to', message: '截止日须早于今天' }])
  const caught = await rollupUntilCaughtUp(ctx, { maxBatches: 10, budgetMs: 20_000 })
  if (!caught.caughtUp) throw new ActionError('CONFLICT', '统计数据仍在汇总中，请稍后再发布')
  const [state, days, names] = await Promise.all([readState(ctx.db), readDays(ctx, from, to, ['unit']), activeUnits(ctx.db)])
  const rows = rankingRows(metricsFromDays(days, state, new Set([...names.keys(), ...unitIdsIn(days, state)]), now).values(), names).map(({ counts: _c, ...row }) => row)
  const base = {
    title,
    from,
    to,
    publishedAt: now.toISOString(),
    note: note || `统计期：${formatChinaDate(`${from}T12:00:00+08:00`, true)}至${formatChinaDate(`${to}T12:00:00+08:00`, true)}`,
    rule: RANKING_RULE,
    definitions: [ON_TIME_DEFINITION, HANDLING_DEFINITION, OVERDUE_DEFINITION, ESCALATION_DEFINITION],
    rows,
  }
  const doc = await ctx.db.runTransaction(async (t) => {
    const states = t.collection(COLLECTIONS.statsState)
    const claim = (await states.doc(periodClaim(from, to)).get()).data
    if (claim) throw new ActionError('CONFLICT', `该统计期的通报已发布（第${(claim as { no: number }).no}期）`)
    const counter = (await states.doc(COUNTER_ID).get()).data as { value: number } | null
    const no = (counter?.value ?? 0) + 1
    const record: RankingDoc = { _id: rankingId(no), no, ...base, publishedBy: ctx.openid }
    await states.doc(COUNTER_ID).set({ data: { value: no } })
    await states.doc(periodClaim(from, to)).set({ data: { no } })
    await t.collection(COLLECTIONS.statsRankings).doc(record._id).set({ data: withoutId(record) })
    return record
  })
  ctx.audit({ targetType: 'stats_ranking', targetId: doc._id, after: { no: doc.no, from, to, units: rows.length }, summary: `发布第${doc.no}期责任单位排名通报` })
  return view(doc)
})

export const rankings = defineHandler(statsContract, 'rankings', async ({ beforeNo, limit }, ctx) => {
  const coll = ctx.db.collection(COLLECTIONS.statsRankings)
  const q = beforeNo ? coll.where({ no: ctx._.lt(beforeNo) }) : coll.where({})
  const res = await q.orderBy('no', 'desc').field({ no: true, title: true, from: true, to: true, publishedAt: true, note: true, rows: true }).limit(limit + 1).get()
  const docs = res.data as RankingDoc[]
  return {
    items: docs.slice(0, limit).map((d) => ({ no: d.no, title: d.title, from: d.from, to: d.to, publishedAt: d.publishedAt, note: d.note, units: d.rows.length })),
    hasMore: docs.length > limit,
  }
})

export const ranking = defineHandler(statsContract, 'ranking', async ({ no }, ctx) => {
  const doc = await findById<RankingDoc>(ctx.db.collection(COLLECTIONS.statsRankings), rankingId(no))
  if (!doc) throw new ActionError('NOT_FOUND', `第${no}期通报不存在`)
  return view(doc)
})
