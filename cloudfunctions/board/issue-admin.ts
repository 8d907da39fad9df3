import { randomBytes } from 'node:crypto'
import { defineHandler, findById, type ActionContext, keysetPage, runTransaction, txGet } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { boardContract } from '../../src/domain/contracts/board'
import { COLLECTIONS } from '../../src/domain/collections'
import { CATEGORY_BY_ID } from '../../src/domain/city/categories'
import {
  allPhotos,
  assertApprovable,
  assertCanAppendNote,
  assertIssueEditable,
  assertReturnable,
  assertSubmittable,
  assertUniqueKeys,
  basisOf,
  chinaYear,
  dayEnd,
  dayNumberOf,
  displayTitle,
  lastCompletePeriod,
  periodClaimId,
  periodStartingOn,
  resolvePhotos,
  SETTINGS_ID,
  suggestedText,
  toIssueStaff,
  toIssueStaffCard,
  toSettingsView,
  type BlackEntry,
  type BoardPhoto,
  type BoardSettingsDoc,
  type IssueDoc,
  type NoteDoc,
  type PeriodClaimDoc,
  type Proposal,
  type RedEntry,
} from '../../src/domain/board'
import { chinaDayNumber, isOverdue, iso, type ReportDoc } from '../../src/domain/report'
import { assertUsableOriginals, loadMasks } from './masks'
import { computeProposals } from './proposals'
import { ensureSettings } from './issues'
import { findByIds, issuesOf, linkedReports, loadIssue, newId, notesFor, notesOf, reportsOf, settingsOf, staffRef, type Ctx } from './store'

/**
 * 红黑榜, staff side: a draft proposed from the period's data, edited by staff, submitted, and approved
 * (= published, numbered) by an admin who did not edit it. Published issues are immutable; corrections
 * and follow-ups are appended as notes.
 */

/** Entry keys the server makes (the editor makes its own for entries added by hand). */
const entryKey = (): string => randomBytes(6).toString('hex').slice(0, 10)

const categoryName = (id: string): string => CATEGORY_BY_ID.get(id)?.name ?? id

async function staffDetail(ctx: Ctx & Pick<ActionContext, 'now' | 'openid'>, issue: IssueDoc) {
  const [reports, notes] = await Promise.all([linkedReports(ctx, issue.black.flatMap((e) => e.reportIds)), notesFor(ctx, issue._id)])
  return toIssueStaff(issue, { title: displayTitle(issue), reports, notes, viewer: ctx.openid }, ctx.now())
}

/** Entries with the masks confirmed now (drafts only: published photos stay as published). */
async function withFreshMasks(ctx: Ctx, issue: IssueDoc): Promise<IssueDoc> {
  if (issue.state === 'published') return issue
  const masks = await loadMasks(ctx, allPhotos(issue).map((p) => p.original))
  const fresh = (p: BoardPhoto | null) => (p ? resolvePhotos([p.original], masks)[0] : null)
  return { ...issue, red: issue.red.map((e) => ({ ...e, photo: fresh(e.photo) })), black: issue.black.map((e) => ({ ...e, photo: fresh(e.photo) })) }
}

// -------------------------------------------------------------------------------------------------------
// Settings

export const boardSettings = defineHandler(boardContract, 'boardSettings', async (_input, ctx) => toSettingsView(await ensureSettings(ctx)))

export const updateBoardSettings = defineHandler(boardContract, 'updateBoardSettings', async ({ series, cadence, anchor }, ctx) => {
  const current = await ensureSettings(ctx)
  const updatedAt = iso(ctx.now())
  // Only these fields: the counter and the year counts belong to the publishing transaction.
  await settingsOf(ctx).doc(SETTINGS_ID).update({ data: { series, cadence, anchor, updatedAt } })
  return toSettingsView({ ...current, series, cadence, anchor, updatedAt })
})

// -------------------------------------------------------------------------------------------------------
// Lists and drafts

export const issueStaffList = defineHandler(boardContract, 'issueStaffList', async ({ state, cursor, limit }, ctx) => {
  const page = await keysetPage<IssueDoc>(issuesOf(ctx), ctx._, state ? { state } : {}, { list: `staff:${state ?? ''}`, field: 'updatedAt', dir: 'desc', limit, cursor })
  return { items: page.items.map((i) => toIssueStaffCard(i, displayTitle(i))), nextCursor: page.nextCursor }
})

/** The first proposal of each kind becomes an entry; staff edit, remove or add. */
function entriesFrom(proposals: readonly Proposal[], periodLabel: string, topCategory: Map<string, string | null>, now: Date): { red: RedEntry[]; black: BlackEntry[] } {
  const firstOf = new Map<string, Proposal>()
  for (const p of proposals) if (!firstOf.has(p.kind)) firstOf.set(p.kind, p)
  const red: RedEntry[] = []
  const black: BlackEntry[] = []
  const deadline = dayEnd(chinaDayNumber(now) + 7).toISOString()
  for (const p of firstOf.values()) {
    const text = suggestedText(p, periodLabel, categoryName, topCategory.get(p.subject.id))
    if (p.side === 'red') {
      red.push({ key: entryKey(), subjectType: p.subject.type, name: p.subject.name, reason: text.reason, photo: null, basis: p.figures, proposalKey: p.key })
    } else {
      black.push({
        key: entryKey(),
        subjectType: p.subject.type === 'unit' ? 'unit' : 'place',
        name: p.subject.name,
        problem: text.problem,
        requirement: text.requirement,
        deadline,
        reportIds: p.reportIds,
        photo: null,
        basis: p.figures,
        proposalKey: p.key,
      })
    }
  }
  return { red, black }
}

export const issueCreateDraft = defineHandler(boardContract, 'issueCreateDraft', async ({ periodStart }, ctx) => {
  const now = ctx.now()
  const settings = await ensureSettings(ctx)
  const period = periodStart ? periodStartingOn(settings.cadence, periodStart, settings.anchor) : lastCompletePeriod(settings.cadence, now, settings.anchor)
  if (!period) throw new ActionError('INVALID_INPUT', '该日期不是一个发布周期的起始日', [{ path: 'periodStart', message: '不是周期起始日' }])
  if (Date.parse(period.start) > now.getTime()) throw new ActionError('INVALID_INPUT', '该周期尚未开始', [{ path: 'periodStart', message: '周期尚未开始' }])
  const claim = await findById<PeriodClaimDoc>(settingsOf(ctx), periodClaimId(settings.cadence, period.startDay))
  if (claim) throw new ActionError('CONFLICT', `${period.label}的红黑榜已发布（第${claim.no}期），如需更正请在该期追加更正说明`)
  const { proposals, notes, topCategory } = await computeProposals(ctx, period, now)
  const { red, black } = entriesFrom(proposals, period.label, topCategory, now)
  const me = staffRef(ctx)
  const at = iso(now)
  const doc: IssueDoc = {
    _id: newId('i'),
    state: 'draft',
    no: null,
    year: null,
    series: settings.series,
    cadence: settings.cadence,
    period,
    intro: `现将${period.label}全市创建文明城市工作红黑榜予以公布。红榜单位和个人要再接再厉、发挥示范作用；黑榜单位要立行立改，按要求限期整改到位。`,
    red,
    black,
    proposals,
    proposalNotes: notes,
    author: me,
    editors: [me.id],
    submittedBy: null,
    submittedAt: null,
    returned: null,
    approvedBy: null,
    publishedAt: null,
    createdAt: at,
    updatedAt: at,
    version: 0,
  }
  await issuesOf(ctx).add({ data: { ...doc } })
  return staffDetail(ctx, doc)
})

export const issueStaffDetail = defineHandler(boardContract, 'issueStaffDetail', async ({ id }, ctx) => {
  return staffDetail(ctx, await withFreshMasks(ctx, await loadIssue(ctx, id)))
})

export const issueSave = defineHandler(boardContract, 'issueSave', async (input, ctx) => {
  const issue = await loadIssue(ctx, input.id)
  assertIssueEditable(issue)
  if (issue.version !== input.version) throw new ActionError('CONFLICT', '本期刚刚已被他人修改，请刷新后重试')
  assertUniqueKeys(input)
  const originals = [...input.red, ...input.black].flatMap((e) => (e.photo ? [e.photo.original] : []))
  const known = new Set(allPhotos(issue).map((p) => p.original))
  const reportIds = Array.from(new Set(input.black.flatMap((e) => e.reportIds)))
  const [masks, reports] = await Promise.all([
    loadMasks(ctx, originals),
    findByIds<{ _id: string }>(ctx.db, COLLECTIONS.reports, reportIds),
    assertUsableOriginals(ctx, originals, known, 'photos'),
  ])
  const unknown = input.black.findIndex((e) => e.reportIds.some((id) => !reports.has(id)))
  if (unknown >= 0) throw new ActionError('INVALID_INPUT', '关联的随手拍不存在', [{ path: `black.${unknown}.reportIds`, message: '随手拍不存在' }])
  const photo = (p: { original: string } | null) => (p ? resolvePhotos([p.original], masks)[0] : null)
  const red: RedEntry[] = input.red.map((e) => ({ ...e, photo: photo(e.photo), ...basisOf(issue.proposals, e.proposalKey) }))
  const black: BlackEntry[] = input.black.map((e) => {
    const day = dayNumberOf(e.deadline)
    if (day === null) throw new ActionError('INVALID_INPUT', '整改时限日期无效', [{ path: 'black', message: '日期无效' }])
    return { ...e, deadline: dayEnd(day).toISOString(), photo: photo(e.photo), ...basisOf(issue.proposals, e.proposalKey) }
  })
  const at = iso(ctx.now())
  const editors = issue.editors.includes(ctx.openid) ? issue.editors : [...issue.editors, ctx.openid]
  const patch = { intro: input.intro, red, black, editors, updatedAt: at, version: issue.version + 1 }
  // Compare-and-set, and still a draft: a concurrent submit or save makes this one a CONFLICT.
  const res = await issuesOf(ctx).where({ _id: issue._id, version: issue.version, state: 'draft' }).update({ data: patch })
  if (!res.stats.updated) throw new ActionError('CONFLICT', '本期刚刚已被他人修改或已提交，请刷新后重试')
  return staffDetail(ctx, { ...issue, ...patch })
})

export const issueSubmit = defineHandler(boardContract, 'issueSubmit', async ({ id, version }, ctx) => {
  const issue = await withFreshMasks(ctx, await loadIssue(ctx, id))
  if (issue.version !== version) throw new ActionError('CONFLICT', '本期刚刚已被他人修改，请刷新后重试')
  assertSubmittable(issue)
  const at = iso(ctx.now())
  const patch = { state: 'pending' as const, red: issue.red, black: issue.black, submittedBy: staffRef(ctx), submittedAt: at, returned: null, updatedAt: at, version: version + 1 }
  const res = await issuesOf(ctx)
    .where({ _id: id, version, state: 'draft' })
    .update({ data: { ...patch, submittedBy: ctx._.set(patch.submittedBy) } })
  if (!res.stats.updated) throw new ActionError('CONFLICT', '本期刚刚已被他人修改，请刷新后重试')
  ctx.audit({ targetType: 'issue', targetId: id, summary: 'submit', before: { state: issue.state, version }, after: { state: patch.state, version: patch.version } })
  return staffDetail(ctx, { ...issue, ...patch })
})

export const issueReturn = defineHandler(boardContract, 'issueReturn', async ({ id, note }, ctx) => {
  const issue = await loadIssue(ctx, id)
  assertReturnable(issue)
  const at = iso(ctx.now())
  const returned = { note, at, by: staffRef(ctx) }
  const patch = { state: 'draft' as const, returned, updatedAt: at, version: issue.version + 1 }
  const res = await issuesOf(ctx)
    .where({ _id: id, version: issue.version, state: 'pending' })
    .update({ data: { ...patch, returned: ctx._.set(returned) } })
  if (!res.stats.updated) throw new ActionError('CONFLICT', '本期刚刚已被他人处理，请刷新后重试')
  ctx.audit({ targetType: 'issue', targetId: id, summary: 'return', before: { state: issue.state, version: issue.version }, after: { state: patch.state, note, version: patch.version } })
  return staffDetail(ctx, { ...issue, ...patch })
})

/**
 * 审核发布. The issue's state and version are re-read and the 期号 is taken from the counter inside one
 * transaction: concurrent approvals of different issues get consecutive numbers, and two admins approving
 * the same issue publish it once.
 */
export const issueApprove = defineHandler(boardContract, 'issueApprove', async ({ id, version }, ctx) => {
  await ensureSettings(ctx)
  const issue = await withFreshMasks(ctx, await loadIssue(ctx, id))
  if (issue.version !== version) throw new ActionError('CONFLICT', '本期刚刚已被他人修改，请刷新后重试')
  assertApprovable(issue, { id: ctx.openid, roles: ctx.roles })
  const at = iso(ctx.now())
  const year = chinaYear(at)
  const approvedBy = staffRef(ctx)
  const no = await runTransaction(ctx.db, async (t) => {
    const current = await txGet<IssueDoc>(t, COLLECTIONS.boardIssues, id)
    if (!current) throw new ActionError('NOT_FOUND', '该期红黑榜不存在')
    if (current.version !== version || current.state !== 'pending') throw new ActionError('CONFLICT', current.state === 'published' ? '本期已发布' : '本期刚刚已被他人修改，请刷新后重试')
    const settings = await txGet<BoardSettingsDoc>(t, COLLECTIONS.boardSettings, SETTINGS_ID)
    if (!settings) throw new ActionError('INTERNAL')
    const claimId = periodClaimId(current.cadence, current.period.startDay)
    const claimed = await txGet<PeriodClaimDoc>(t, COLLECTIONS.boardSettings, claimId)
    if (claimed) throw new ActionError('CONFLICT', `${current.period.label}的红黑榜已发布（第${claimed.no}期），不能重复发布`)
    const next = (settings.lastNo ?? 0) + 1
    const claim: PeriodClaimDoc = { _id: claimId, issueId: id, no: next, at }
    await t.collection(COLLECTIONS.boardSettings).doc(claimId).set({ data: { issueId: claim.issueId, no: claim.no, at: claim.at } })
    const years = { ...(settings.years ?? {}), [String(year)]: (settings.years?.[String(year)] ?? 0) + 1 }
    await t.collection(COLLECTIONS.boardSettings).doc(SETTINGS_ID).update({ data: { lastNo: next, years: ctx._.set(years) } })
    await t.collection(COLLECTIONS.boardIssues).doc(id).update({
      data: { state: 'published', no: next, year, red: issue.red, black: issue.black, approvedBy: ctx._.set(approvedBy), publishedAt: at, updatedAt: at, version: version + 1 },
    })
    return next
  })
  ctx.audit({ targetType: 'issue', targetId: id, summary: 'approve', before: { state: issue.state, version }, after: { state: 'published', no, version: version + 1 } })
  return staffDetail(ctx, { ...issue, state: 'published', no, year, approvedBy, publishedAt: at, updatedAt: at, version: version + 1 })
})

export const issueAppendNote = defineHandler(boardContract, 'issueAppendNote', async ({ id, kind, entryKey: key, text, fixed }, ctx) => {
  const issue = await loadIssue(ctx, id)
  assertCanAppendNote(issue, { kind, entryKey: key, fixed })
  const note: NoteDoc = {
    _id: newId('n'),
    issueId: id,
    kind,
    entryKey: key ?? null,
    text,
    fixed,
    at: iso(ctx.now()),
    byRole: ctx.roles.includes('staff') ? 'staff' : 'admin',
  }
  // Appended beside the issue: the published document itself is never written again.
  await notesOf(ctx).add({ data: { ...note } })
  return { notes: (await notesFor(ctx, id)).map((n) => ({ kind: n.kind, entryKey: n.entryKey, text: n.text, fixed: n.fixed, at: n.at })) }
})

export const issueReportOptions = defineHandler(boardContract, 'issueReportOptions', async ({ id, unitId, gridId }, ctx) => {
  const issue = await loadIssue(ctx, id)
  const now = ctx.now()
  const where: Record<string, unknown> = { createdAt: ctx._.and(ctx._.gte(issue.period.start), ctx._.lt(issue.period.end)) }
  if (unitId) where['dispatch.unitId'] = unitId
  if (gridId) where['location.gridId'] = gridId
  const res = await reportsOf(ctx).where(where).orderBy('createdAt', 'desc').limit(50).get()
  return {
    items: (res.data as ReportDoc[]).map((r) => ({
      id: r._id,
      categoryId: r.categoryId,
      status: r.status,
      description: r.description,
      unitName: r.dispatch?.unitName ?? null,
      overdue: isOverdue(r, now),
      createdAt: r.createdAt,
    })),
  }
})
