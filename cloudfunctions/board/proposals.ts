import { findByIds, type ActionContext } from '../kernel'
import { COLLECTIONS } from '../../src/domain/collections'
import type { GridDoc } from '../../src/domain/city/grid'
import {
  gridFigures,
  rankGrids,
  rankTeams,
  rankUnits,
  unitFigures,
  type GridGroup,
  type Period,
  type Proposal,
  type TeamRow,
  type UnitGroup,
} from '../../src/domain/board'
import { CLOSED_NOT_FIXED_STATUSES, isOverdue, type ReportDoc, type ReportStatus } from '../../src/domain/report'
import { reportsOf, type Ctx } from './store'

/**
 * The period's data, counted by the database: one grouped aggregate per question, each starting with a
 * `$match` on the period (`createdAt` of reports — indexed; `kind` + `at` of the volunteer ledger — indexed),
 * so a draft costs the period's documents, not the whole history. The domain ranks (proposals.ts).
 */

/** Ledger entries confirmed this long after the period still count for it (hours are confirmed after the event). */
const LEDGER_GRACE_MS = 7 * 24 * 60 * 60 * 1000

async function unitGroups(ctx: Ctx, period: Period, nowIso: string): Promise<UnitGroup[]> {
  const _ = ctx._
  const $ = _.aggregate
  const res = await reportsOf(ctx)
    .aggregate()
    .match({ createdAt: _.and(_.gte(period.start), _.lt(period.end)), dispatch: _.neq(null) })
    .group({
      _id: { unitId: '$dispatch.unitId', status: '$status', everOverdue: '$flags.everOverdue', late: $.lt(['$dispatch.deadline', nowIso]) },
      unitName: $.first('$dispatch.unitName'),
      n: $.sum(1),
    })
    .limit(5000)
    .end()
  return (res.list as { _id: { unitId: string; status: ReportStatus; everOverdue: boolean; late: boolean }; unitName: string; n: number }[]).map((g) => ({
    unitId: g._id.unitId,
    unitName: g.unitName,
    status: g._id.status,
    everOverdue: !!g._id.everOverdue,
    late: !!g._id.late,
    n: g.n,
  }))
}

async function gridGroups(ctx: Ctx, period: Period): Promise<GridGroup[]> {
  const _ = ctx._
  const $ = _.aggregate
  // Rejected reports were not problems, and a duplicate is the same occurrence reported twice.
  const res = await reportsOf(ctx)
    .aggregate()
    .match({ createdAt: _.and(_.gte(period.start), _.lt(period.end)), 'location.gridId': _.neq(null), status: _.nin([...CLOSED_NOT_FIXED_STATUSES]) })
    .group({ _id: { gridId: '$location.gridId', categoryId: '$categoryId' }, n: $.sum(1) })
    .limit(5000)
    .end()
  return (res.list as { _id: { gridId: string; categoryId: string }; n: number }[]).map((g) => ({ gridId: g._id.gridId, categoryId: g._id.categoryId, n: g.n }))
}

/** Service hours per volunteer team from the 时间存折 ledger; null when the ledger is not there (yet). */
async function teamRows(ctx: Ctx, period: Period): Promise<TeamRow[] | null> {
  const _ = ctx._
  const $ = _.aggregate
  try {
    const until = new Date(Date.parse(period.end) + LEDGER_GRACE_MS).toISOString()
    const res = await ctx.db
      .collection(COLLECTIONS.volunteerLedger)
      .aggregate()
      .match({ kind: 'service', at: _.and(_.gte(period.start), _.lt(until)), serviceAt: _.and(_.gte(period.start), _.lt(period.end)), teamId: _.neq(null) })
      .group({ _id: '$teamId', minutes: $.sum('$minutes'), services: $.sum(1) })
      .limit(1000)
      .end()
    const rows = res.list as { _id: string; minutes: number; services: number }[]
    const teams = await findByIds<{ _id: string; name: string }>(ctx.db, COLLECTIONS.volunteerTeams, rows.map((r) => r._id))
    return rows.map((r) => ({ teamId: r._id, teamName: teams.get(r._id)?.name ?? '志愿服务队', minutes: r.minutes, services: r.services }))
  } catch (err) {
    console.warn('[board] volunteer ledger not available for proposals:', (err as Error)?.message ?? err)
    return null
  }
}

type ReportRow = Pick<ReportDoc, '_id' | 'status' | 'dispatch' | 'flags' | 'categoryId' | 'createdAt'>

/** The reports behind a 黑榜 proposal: a unit's late or overdue cases, a grid's recurring category. */
async function reportsBehind(ctx: Ctx, p: Proposal, period: Period, topCategory: string | null, now: Date): Promise<string[]> {
  const range = ctx._.and(ctx._.gte(period.start), ctx._.lt(period.end))
  if (p.kind === 'unit_worst') {
    const res = await reportsOf(ctx).where({ 'dispatch.unitId': p.subject.id, createdAt: range }).limit(200).get()
    return (res.data as ReportRow[])
      .filter((r) => r.flags.everOverdue || isOverdue(r, now))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .slice(0, 20)
      .map((r) => r._id)
  }
  if (p.kind === 'grid_most' && topCategory) {
    const res = await reportsOf(ctx)
      .where({ 'location.gridId': p.subject.id, categoryId: topCategory, createdAt: range, status: ctx._.nin([...CLOSED_NOT_FIXED_STATUSES]) })
      .limit(20)
      .get()
    return (res.data as ReportRow[]).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((r) => r._id)
  }
  return []
}

export interface Proposals {
  proposals: Proposal[]
  notes: string[]
  /** Most recurring category per grid (for the entry text). */
  topCategory: Map<string, string | null>
}

export async function computeProposals(ctx: Pick<ActionContext, 'db' | '_'>, period: Period, now: Date): Promise<Proposals> {
  const nowIso = now.toISOString()
  const [units, grids, teams] = await Promise.all([unitGroups(ctx, period, nowIso), gridGroups(ctx, period), teamRows(ctx, period)])
  const gFigs = gridFigures(grids)
  const gridDocs = await findByIds<GridDoc>(ctx.db, COLLECTIONS.grids, gFigs.map((f) => f.gridId))
  const u = rankUnits(unitFigures(units, now))
  const g = rankGrids(gFigs, (id) => gridDocs.get(id)?.name ?? id)
  const t = teams ? rankTeams(teams) : []
  const topCategory = new Map(gFigs.map((f) => [f.gridId, f.topCategoryId]))
  const proposals = [...u.best, ...g.fewest, ...t, ...u.worst, ...g.most]
  // The reports behind each 黑榜 proposal, in parallel.
  await Promise.all(
    proposals
      .filter((p) => p.side === 'black')
      .map(async (p) => {
        p.reportIds = await reportsBehind(ctx, p, period, topCategory.get(p.subject.id) ?? null, now)
      }),
  )
  const notes: string[] = []
  if (!u.best.length && !u.worst.length) notes.push('本期已到期的随手拍不足，暂无按时整改率排名（每个单位至少 3 件才参与排名）')
  if (!g.fewest.length && !g.most.length) notes.push('本期网格内的随手拍不足，暂无问题反复情况排名')
  if (teams === null) notes.push('志愿服务数据暂未接入，未生成志愿服务队建议')
  else if (!t.length) notes.push('本期没有已确认的志愿服务时长')
  return { proposals, notes, topCategory }
}
