import { z } from 'zod'
import { formatRate, onTimeRate, ratio, type Ratio, type StatsReport } from '../report/stats'
import type { ReportStatus } from '../report/status'

/**
 * 红黑榜 proposals: what the period's data suggests praising (红榜) or criticising (黑榜), each with the figures
 * it came from so staff — and later the public — can check it. The database does the counting (one grouped
 * aggregate per question, bounded by the period on an indexed field); the ranking rules are here:
 *
 * - 责任单位, by 按时整改率 (the report domain's `onTimeRate`, so the board and the dashboards never disagree):
 *   best and worst among units with at least MIN_UNIT_SAMPLE settled cases — 1/1 is not a record to praise.
 *   A unit is praised only from RED_MIN_RATE up and criticised only under BLACK_MAX_RATE.
 * - 网格, by recurring problems: a problem "recurs" when the same category is reported again in the same grid
 *   within the period (every report beyond the first of a category counts one). Most recurring → 黑榜;
 *   fewest — among grids with at least MIN_GRID_REPORTS reports, so that quiet-but-unwatched grids are not
 *   praised — → 红榜.
 * - 志愿服务队, by confirmed service hours in the period (from the volunteer ledger, when it exists).
 *
 * Ties break on the larger sample (more evidence), then the name, so a proposal never depends on query order.
 */

export const MIN_UNIT_SAMPLE = 3
export const RED_MIN_RATE = 0.8
export const BLACK_MAX_RATE = 0.6
export const MIN_GRID_REPORTS = 2
export const PROPOSALS_PER_KIND = 3

export const PROPOSAL_KINDS = ['unit_best', 'unit_worst', 'grid_fewest', 'grid_most', 'team_active'] as const
export const proposalKindSchema = z.enum(PROPOSAL_KINDS)
export type ProposalKind = z.infer<typeof proposalKindSchema>
export const PROPOSAL_KIND_LABELS: Record<ProposalKind, string> = {
  unit_best: '按时整改率最高的责任单位',
  unit_worst: '按时整改率最低的责任单位',
  grid_fewest: '问题反复最少的网格',
  grid_most: '问题反复最多的网格',
  team_active: '最活跃的志愿服务队',
}

export const METRICS = ['on_time', 'recurring', 'service_hours'] as const
export const metricSchema = z.enum(METRICS)
export type Metric = z.infer<typeof metricSchema>

/** The figures behind a proposal. `rate` = numerator / denominator where that is meaningful. */
export const figuresSchema = z.object({
  metric: metricSchema,
  numerator: z.number().int().nonnegative(),
  denominator: z.number().int().nonnegative(),
  rate: z.number().min(0).max(1).nullable(),
  /** One line for people: `按时整改 9/10（90%）`. */
  summary: z.string(),
})
export type Figures = z.infer<typeof figuresSchema>

export const subjectTypeSchema = z.enum(['unit', 'place', 'team', 'person'])
export type SubjectType = z.infer<typeof subjectTypeSchema>
export const SUBJECT_TYPE_LABELS: Record<SubjectType, string> = { unit: '单位', place: '地点', team: '团队', person: '个人' }

export const proposalSchema = z.object({
  key: z.string(),
  kind: proposalKindSchema,
  side: z.enum(['red', 'black']),
  subject: z.object({ type: subjectTypeSchema, id: z.string(), name: z.string() }),
  figures: figuresSchema,
  /** Reports behind a 黑榜 proposal (late/overdue cases, recurring ones), to link to the entry. */
  reportIds: z.array(z.string()).max(20),
})
export type Proposal = z.infer<typeof proposalSchema>

// ---------------------------------------------------------------------------------------------------------
// Units

/** One group of the units aggregate: the facts `onTimeRate` depends on, with a count. */
export interface UnitGroup {
  unitId: string
  unitName: string
  status: ReportStatus
  everOverdue: boolean
  /** The deadline in force has passed (at the time of the query). */
  late: boolean
  n: number
}

export interface UnitFigures {
  unitId: string
  unitName: string
  onTime: Ratio
  /** Cases dispatched to the unit in the period (settled or not). */
  total: number
}

const PAST = '1970-01-01T00:00:00.000Z'
const FUTURE = '9999-12-31T23:59:59.999Z'

/** Per unit, the 按时整改率 of its cases, computed by the report domain from one stand-in per group. */
export function unitFigures(groups: readonly UnitGroup[], now: Date): UnitFigures[] {
  const byUnit = new Map<string, { name: string; reports: StatsReport[] }>()
  for (const g of groups) {
    const u = byUnit.get(g.unitId) ?? { name: g.unitName, reports: [] }
    const stand: StatsReport = {
      status: g.status,
      dispatch: { unitId: g.unitId, unitName: g.unitName, deadline: g.late ? PAST : FUTURE, dispatchedAt: PAST, round: 1 },
      flags: { overdue: false, everOverdue: g.everOverdue, escalations: 0, lastEscalatedAt: null },
      rating: null,
    }
    for (let i = 0; i < g.n; i++) u.reports.push(stand)
    byUnit.set(g.unitId, u)
  }
  return Array.from(byUnit, ([unitId, u]) => ({ unitId, unitName: u.name, onTime: onTimeRate(u.reports, now), total: u.reports.length }))
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export function onTimeSummary(r: Ratio): string {
  return `按时整改 ${r.numerator}/${r.denominator}（${formatRate(r)}）`
}

function unitProposal(kind: 'unit_best' | 'unit_worst', f: UnitFigures): Proposal {
  return {
    key: `${kind}:${f.unitId}`,
    kind,
    side: kind === 'unit_best' ? 'red' : 'black',
    subject: { type: 'unit', id: f.unitId, name: f.unitName },
    figures: { metric: 'on_time', numerator: f.onTime.numerator, denominator: f.onTime.denominator, rate: f.onTime.rate, summary: onTimeSummary(f.onTime) },
    reportIds: [],
  }
}

export function rankUnits(figs: readonly UnitFigures[], top: number = PROPOSALS_PER_KIND): { best: Proposal[]; worst: Proposal[] } {
  const eligible = figs.filter((f) => f.onTime.denominator >= MIN_UNIT_SAMPLE && f.onTime.rate !== null)
  const best = [...eligible]
    .filter((f) => f.onTime.rate! >= RED_MIN_RATE)
    .sort((a, b) => b.onTime.rate! - a.onTime.rate! || b.onTime.denominator - a.onTime.denominator || byName(a.unitName, b.unitName))
    .slice(0, top)
  const praised = new Set(best.map((f) => f.unitId))
  const worst = [...eligible]
    .filter((f) => f.onTime.rate! < BLACK_MAX_RATE && !praised.has(f.unitId))
    .sort((a, b) => a.onTime.rate! - b.onTime.rate! || b.onTime.denominator - a.onTime.denominator || byName(a.unitName, b.unitName))
    .slice(0, top)
  return { best: best.map((f) => unitProposal('unit_best', f)), worst: worst.map((f) => unitProposal('unit_worst', f)) }
}

// ---------------------------------------------------------------------------------------------------------
// Grids

export interface GridGroup {
  gridId: string
  categoryId: string
  n: number
}

export interface GridFigures {
  gridId: string
  total: number
  recurring: number
  /** The category that recurred most (for the entry's text), or null. */
  topCategoryId: string | null
}

export function gridFigures(groups: readonly GridGroup[]): GridFigures[] {
  const byGrid = new Map<string, GridFigures & { topN: number }>()
  for (const g of groups) {
    const f = byGrid.get(g.gridId) ?? { gridId: g.gridId, total: 0, recurring: 0, topCategoryId: null, topN: 1 }
    f.total += g.n
    f.recurring += Math.max(0, g.n - 1)
    if (g.n > f.topN || (g.n === f.topN && g.n > 1 && f.topCategoryId !== null && g.categoryId < f.topCategoryId)) {
      f.topN = g.n
      f.topCategoryId = g.categoryId
    }
    byGrid.set(g.gridId, f)
  }
  return Array.from(byGrid.values(), ({ topN: _t, ...f }) => f)
}

export const recurringSummary = (f: Pick<GridFigures, 'recurring' | 'total'>): string =>
  `反复出现 ${f.recurring} 次 / 共 ${f.total} 件${f.total ? `（${formatRate(ratio(f.recurring, f.total))}）` : ''}`

function gridProposal(kind: 'grid_fewest' | 'grid_most', f: GridFigures, name: string): Proposal {
  return {
    key: `${kind}:${f.gridId}`,
    kind,
    side: kind === 'grid_fewest' ? 'red' : 'black',
    subject: { type: 'place', id: f.gridId, name },
    figures: { metric: 'recurring', numerator: f.recurring, denominator: f.total, rate: ratio(f.recurring, f.total).rate, summary: recurringSummary(f) },
    reportIds: [],
  }
}

export function rankGrids(figs: readonly GridFigures[], nameOf: (gridId: string) => string, top: number = PROPOSALS_PER_KIND): { fewest: Proposal[]; most: Proposal[] } {
  const most = figs
    .filter((f) => f.recurring > 0)
    .sort((a, b) => b.recurring - a.recurring || b.total - a.total || byName(a.gridId, b.gridId))
    .slice(0, top)
  const flagged = new Set(most.map((f) => f.gridId))
  const fewest = figs
    .filter((f) => f.total >= MIN_GRID_REPORTS && !flagged.has(f.gridId))
    .sort((a, b) => a.recurring / a.total - b.recurring / b.total || b.total - a.total || byName(a.gridId, b.gridId))
    .slice(0, top)
  return { fewest: fewest.map((f) => gridProposal('grid_fewest', f, nameOf(f.gridId))), most: most.map((f) => gridProposal('grid_most', f, nameOf(f.gridId))) }
}

// ---------------------------------------------------------------------------------------------------------
// Volunteer teams

export interface TeamRow {
  teamId: string
  teamName: string
  /** Confirmed service minutes in the period. */
  minutes: number
  /** Confirmed service records (人次). */
  services: number
}

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10

export function rankTeams(rows: readonly TeamRow[], top: number = PROPOSALS_PER_KIND): Proposal[] {
  return rows
    .filter((r) => r.minutes > 0)
    .sort((a, b) => b.minutes - a.minutes || b.services - a.services || byName(a.teamName, b.teamName))
    .slice(0, top)
    .map((r) => ({
      key: `team_active:${r.teamId}`,
      kind: 'team_active' as const,
      side: 'red' as const,
      subject: { type: 'team' as const, id: r.teamId, name: r.teamName },
      figures: {
        metric: 'service_hours' as const,
        numerator: Math.round(r.minutes),
        denominator: r.services,
        rate: null,
        summary: `志愿服务 ${r.services} 人次，累计 ${hours(r.minutes)} 小时`,
      },
      reportIds: [],
    }))
}

// ---------------------------------------------------------------------------------------------------------
// Suggested wording

/** The text a new entry made from a proposal starts with; staff edit it freely (the figures stay attached). */
export function suggestedText(p: Proposal, periodLabel: string, categoryName: (id: string) => string = (id) => id, topCategoryId?: string | null): {
  reason: string
  problem: string
  requirement: string
} {
  const f = p.figures
  switch (p.kind) {
    case 'unit_best':
      return {
        reason: `${periodLabel}交办的创城问题中已到期${f.denominator}件，按时整改${f.numerator}件，按时整改率${formatRate(ratio(f.numerator, f.denominator))}，响应迅速、整改到位。`,
        problem: '',
        requirement: '',
      }
    case 'grid_fewest':
      return { reason: `${periodLabel}网格内市民反映问题${f.denominator}件，整改后未出现反复，长效管理成效明显。`, problem: '', requirement: '' }
    case 'team_active':
      return { reason: `${periodLabel}${f.summary}，积极参与文明劝导和环境整治。`, problem: '', requirement: '' }
    case 'unit_worst':
      return {
        reason: '',
        problem: `${periodLabel}交办的创城问题中已到期${f.denominator}件，按时整改仅${f.numerator}件，按时整改率${formatRate(ratio(f.numerator, f.denominator))}，存在超期未整改、督办后仍未整改到位的问题。`,
        requirement: '立即对超期问题逐项整改到位，举一反三建立台账，整改情况于时限内报市创城办。',
      }
    case 'grid_most':
      return {
        reason: '',
        problem: `${periodLabel}网格内同类问题反复出现${f.numerator}次（共${f.denominator}件）${topCategoryId ? `，“${categoryName(topCategoryId)}”问题突出` : ''}，整改后反弹明显。`,
        requirement: '包保单位和网格员加密巡查频次，落实门前三包和长效管理机制，杜绝问题反弹。',
      }
  }
}
