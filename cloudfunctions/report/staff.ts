import { defineHandler, findById, type ActionContext } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { reportContract } from '../../src/domain/contracts/report'
import { COLLECTIONS } from '../../src/domain/collections'
import { defaultNickname, type UserDoc } from '../../src/domain/user/user'
import {
  deadlineFrom,
  findDuplicateCandidates,
  formatChinaDate,
  iso,
  overdueDays,
  renderReply,
  replyTemplates,
  reportStats,
  STAFF_INBOX_STATUSES,
  toStaffDetail,
  toStaffView,
  WITH_UNIT_STATUSES,
  DUPLICATE_RADIUS_M,
  type ReportCommand,
  type ReplyVars,
  type ReportStatus,
  type StatsReport,
} from '../../src/domain/report'
import { afterChange, applyCommand, changeOf, staffActor, type Effects } from './flow'
import { fetchPage } from './paging'
import { deadlineDaysOf, loadActiveUnit, loadCategory, proposalFor } from './places'
import type { ReportRecord } from './records'
import { addFollower, findReport, loadReport, loadTimeline, reporterHistories, reportsOf } from './repository'
import { openReportsNear } from './resident'
import { cityReportStats } from '../stats/city'

/** Merge suggestions shown on a report, at most. */
const DUPLICATES_SHOWN = 10

/** Staff views of a page of reports: the reporters' track records come in one query. */
async function staffViews(ctx: ActionContext, reports: ReportRecord[]) {
  const now = ctx.now()
  const histories = await reporterHistories(ctx, reports.map((r) => r.reporterId))
  return reports.map((r) => toStaffView(r, histories.get(r.reporterId)!, now))
}

/**
 * Loads the report (or takes it loaded), lets `build` turn it into a command, runs it as staff, then the
 * side effects.
 */
async function staffChange(
  ctx: ActionContext,
  report: string | ReportRecord,
  build: (r: ReportRecord) => ReportCommand | Promise<ReportCommand>,
  effects: Omit<Effects, 'actor'> = {},
) {
  const r = typeof report === 'string' ? await loadReport(ctx, report) : report
  const c = await applyCommand(ctx, r, await build(r), staffActor(ctx))
  await afterChange(ctx, c, { ...effects, actor: ctx.openid })
  return c
}

async function unitRef(ctx: ActionContext, unitId: string) {
  const unit = await loadActiveUnit(ctx, unitId)
  if (!unit) throw new ActionError('NOT_FOUND', '责任单位不存在或已停用', [{ path: 'unitId', message: '责任单位不存在或已停用' }])
  return { id: unit._id, name: unit.name }
}

/** The given 整改时限, else the category's default. */
async function deadlineDays(ctx: ActionContext, r: ReportRecord, given: number | undefined): Promise<number> {
  return given ?? deadlineDaysOf(await loadCategory(ctx, r.categoryId))
}

export const staffQueue = defineHandler(reportContract, 'staffQueue', async ({ status, categoryId, districtId, gridId, cursor, limit }, ctx) => {
  const filter: Record<string, unknown> = {}
  if (categoryId) filter.categoryId = categoryId
  if (districtId) filter['location.districtId'] = districtId
  if (gridId) filter['location.gridId'] = gridId
  const statuses: readonly ReportStatus[] = status ? [status] : STAFF_INBOX_STATUSES
  const page = await fetchPage<ReportRecord>(
    reportsOf(ctx),
    ctx._,
    statuses.map((s) => ({ ...filter, status: s })),
    { list: 'staffQueue', field: 'queueKey', unique: true, dir: 'asc', limit, cursor },
  )
  return { items: await staffViews(ctx, page.items), nextCursor: page.nextCursor }
})

export const staffDetail = defineHandler(reportContract, 'staffDetail', async ({ id }, ctx) => {
  const now = ctx.now()
  const r = await loadReport(ctx, id)
  const [events, reporter, histories, nearby, { proposal }] = await Promise.all([
    loadTimeline(ctx, id),
    findById<UserDoc>(ctx.db.collection(COLLECTIONS.users), r.reporterId),
    reporterHistories(ctx, [r.reporterId]),
    openReportsNear(ctx, { lat: r.location.lat, lng: r.location.lng, categoryId: r.categoryId }, DUPLICATE_RADIUS_M, now),
    proposalFor(ctx, r),
  ])
  const duplicates = findDuplicateCandidates({ ...r.location, categoryId: r.categoryId, excludeId: r._id }, nearby, now).slice(0, DUPLICATES_SHOWN)
  return {
    ...toStaffDetail(r, { history: histories.get(r.reporterId)!, nickname: reporter?.nickname ?? defaultNickname(r.reporterId), events, duplicates }, now),
    proposal,
  }
})

export const acceptDispatch = defineHandler(reportContract, 'acceptDispatch', async ({ id, unitId, deadlineDays: days, note }, ctx) => {
  const [unit, report] = await Promise.all([unitRef(ctx, unitId), loadReport(ctx, id)])
  const c = await staffChange(ctx, report, async (r) => ({ type: 'acceptDispatch', unit, deadlineDays: await deadlineDays(ctx, r, days), note }), { task: 'dispatch' })
  return changeOf(c)
})

export const reject = defineHandler(reportContract, 'reject', async ({ id, reason, text }, ctx) => {
  return changeOf(await staffChange(ctx, id, () => ({ type: 'reject', reason, text })))
})

export const merge = defineHandler(reportContract, 'merge', async ({ id, originalId, note }, ctx) => {
  const [report, original] = await Promise.all([loadReport(ctx, id), findReport(ctx, originalId)])
  if (!original) throw new ActionError('NOT_FOUND', '原问题不存在', [{ path: 'originalId', message: '原问题不存在' }])
  const c = await staffChange(ctx, report, () => ({ type: 'merge', original: { _id: original._id, status: original.status }, note }))
  // The reporter of the duplicate follows the original from now on: its progress reaches them too, and it counts as their 附议.
  if (c.after.reporterId !== original.reporterId && (await addFollower(ctx, original._id, c.after.reporterId, 'merged', c.event.at))) {
    await reportsOf(ctx).doc(original._id).update({ data: { cosignCount: ctx._.inc(1) } })
  }
  return changeOf(c)
})

export const outOfScope = defineHandler(reportContract, 'outOfScope', async ({ id, note }, ctx) => {
  return changeOf(await staffChange(ctx, id, () => ({ type: 'outOfScope', note })))
})

export const verifyClose = defineHandler(reportContract, 'verifyClose', async ({ id, note }, ctx) => {
  return changeOf(await staffChange(ctx, id, () => ({ type: 'verifyClose', note })))
})

export const sendBack = defineHandler(reportContract, 'sendBack', async ({ id, reason, deadlineDays: days }, ctx) => {
  const c = await staffChange(ctx, id, async (r) => ({ type: 'sendBack', reason, deadlineDays: await deadlineDays(ctx, r, days) }), { task: 'sendBack' })
  return changeOf(c)
})

export const redispatch = defineHandler(reportContract, 'redispatch', async ({ id, unitId, deadlineDays: days, note }, ctx) => {
  const [unit, report] = await Promise.all([unitRef(ctx, unitId), loadReport(ctx, id)])
  const c = await staffChange(ctx, report, async (r) => ({ type: 'redispatch', unit, deadlineDays: await deadlineDays(ctx, r, days), note }), { task: 'redispatch' })
  return changeOf(c)
})

export const escalate = defineHandler(reportContract, 'escalate', async ({ id, note }, ctx) => {
  return changeOf(await staffChange(ctx, id, () => ({ type: 'escalate', note }), { escalation: true }))
})

export const replyTemplatesHandler = defineHandler(reportContract, 'replyTemplates', async ({ id, kind }, ctx) => {
  const now = ctx.now()
  const r = await loadReport(ctx, id)
  // Dispatch replies name the unit: the one dispatched to, else the one that would be proposed.
  const needsProposal = !r.dispatch && (kind === 'acceptDispatch' || kind === 'redispatch')
  const { proposal, category } = needsProposal ? await proposalFor(ctx, r) : { proposal: null, category: await loadCategory(ctx, r.categoryId) }
  // Replies of a step that sets a new 整改时限 quote the one it would set; the others the one in force.
  const setsDeadline = kind === 'acceptDispatch' || kind === 'redispatch' || kind === 'sendBack'
  const deadline = !setsDeadline && r.dispatch ? r.dispatch.deadline : iso(deadlineFrom(now, deadlineDaysOf(category)))
  const vars: ReplyVars = {
    category: category?.name,
    unit: r.dispatch?.unitName ?? proposal?.unit?.name,
    deadline: formatChinaDate(deadline),
    original: r.resolution?.mergedInto,
    days: overdueDays(r, now) || undefined,
    reason: r.handback?.reason,
  }
  return { items: replyTemplates(kind, category?.group ?? null).map((t) => ({ ...t, text: renderReply(t.text, vars) })) }
})

export const overdueBoard = defineHandler(reportContract, 'overdueBoard', async ({ districtId, unitId, cursor, limit }, ctx) => {
  const _ = ctx._
  const nowIso = iso(ctx.now())
  const filter: Record<string, unknown> = {}
  if (districtId) filter['location.districtId'] = districtId
  if (unitId) filter['dispatch.unitId'] = unitId
  const [page, byUnit] = await Promise.all([
    fetchPage<ReportRecord>(
      reportsOf(ctx),
      _,
      // taskKey starts with the deadline: `taskKey < now` is "deadline passed", on the same index range.
      WITH_UNIT_STATUSES.map((s) => ({ ...filter, status: s, taskKey: _.lt(nowIso) })),
      { list: 'overdueBoard', field: 'taskKey', unique: true, dir: 'asc', limit, cursor },
    ),
    // The per-unit summary covers the whole board: computed once, with the first page.
    cursor
      ? Promise.resolve([])
      : reportsOf(ctx)
          .aggregate()
          .match({ ...filter, status: _.in([...WITH_UNIT_STATUSES]), taskKey: _.lt(nowIso) })
          .group({ _id: '$dispatch.unitId', unitName: _.aggregate.first('$dispatch.unitName'), overdue: _.aggregate.sum(1), escalations: _.aggregate.sum('$flags.escalations') })
          .sort({ overdue: -1, _id: 1 })
          .limit(500)
          .end()
          .then((res) => (res.list as { _id: string; unitName: string; overdue: number; escalations: number }[]).map((u) => ({ unitId: u._id, unitName: u.unitName, overdue: u.overdue, escalations: u.escalations }))),
  ])
  return { items: await staffViews(ctx, page.items), nextCursor: page.nextCursor, byUnit }
})

/** Far-away stand-ins for "past" and "not yet" deadlines when rebuilding reports from grouped counts. */
const PAST = '1970-01-01T00:00:00.000Z'
const FUTURE = '9999-12-31T23:59:59.999Z'

interface StatsGroup {
  _id: { status: ReportStatus; dispatched: boolean; everOverdue: boolean; late: boolean; score: string | null }
  n: number
}

/**
 * 办理统计. Without filters (the 创城办 queue header) it reads the stats counters, a fixed cost however many
 * reports there are; a filtered call groups the matching reports in one aggregate.
 */
export const stats = defineHandler(reportContract, 'stats', async ({ districtId, unitId, categoryId, since, until }, ctx) => {
  if (!districtId && !unitId && !categoryId && !since && !until) return cityReportStats(ctx)
  const _ = ctx._
  const $ = _.aggregate
  const now = ctx.now()
  const match: Record<string, unknown> = {}
  if (districtId) match['location.districtId'] = districtId
  if (unitId) match['dispatch.unitId'] = unitId
  if (categoryId) match.categoryId = categoryId
  if (since && until) match.createdAt = _.and(_.gte(iso(new Date(since))), _.lt(iso(new Date(until))))
  else if (since) match.createdAt = _.gte(iso(new Date(since)))
  else if (until) match.createdAt = _.lt(iso(new Date(until)))
  // The database groups the reports by the few facts the rates depend on; one round trip however many reports.
  let pipeline = reportsOf(ctx).aggregate()
  if (Object.keys(match).length) pipeline = pipeline.match(match)
  const res = (await pipeline
    .group({
      _id: {
        status: '$status',
        dispatched: $.neq(['$dispatch', null]),
        everOverdue: '$flags.everOverdue',
        late: $.lt(['$dispatch.deadline', iso(now)]),
        score: $.ifNull(['$rating.score', null]),
      },
      n: $.sum(1),
    })
    .limit(1000)
    .end()) as { list: StatsGroup[] }
  // …and the domain computes the rates from one stand-in per group, repeated n times: same rules, no copy of them.
  const reports: StatsReport[] = []
  for (const { _id: g, n } of res.list) {
    const stand: StatsReport = {
      status: g.status,
      dispatch: g.dispatched ? { unitId: '', unitName: '', deadline: g.late ? PAST : FUTURE, dispatchedAt: PAST, round: 1 } : null,
      flags: { overdue: false, everOverdue: !!g.everOverdue, escalations: 0, lastEscalatedAt: null },
      rating: g.score ? { score: g.score as 'satisfied', comment: '', at: PAST } : null,
    }
    for (let i = 0; i < n; i++) reports.push(stand)
  }
  return reportStats(reports, now)
})
