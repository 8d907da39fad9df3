import { defineHandler, findById, type ActionContext, isDuplicateKey, keysetPage } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { boardContract } from '../../src/domain/contracts/board'
import {
  DEFAULT_SETTINGS,
  displayTitle,
  SETTINGS_ID,
  toIssueCard,
  toIssuePublic,
  toSettingsView,
  type BoardSettingsDoc,
  type IssueDoc,
} from '../../src/domain/board'
import { issuesOf, linkedReports, loadIssue, notesFor, settingsOf, type Ctx } from './store'

/**
 * 红黑榜, public side: issues by number (newest first, by year for the archive) and one issue in full —
 * its 黑榜 entries with where their linked reports stand now, and the corrections and follow-ups appended
 * since it was published.
 */

/** Used until an admin names the series (the seed names it after the city). */
export const DEFAULT_SERIES = '创城红黑榜'

/** The settings document, created with defaults on first use (concurrent first uses: one insert wins). */
export async function ensureSettings(ctx: Ctx & Pick<ActionContext, 'now'>): Promise<BoardSettingsDoc> {
  const found = await findById<BoardSettingsDoc>(settingsOf(ctx), SETTINGS_ID)
  if (found) return found
  const doc = DEFAULT_SETTINGS(DEFAULT_SERIES, ctx.now().toISOString())
  try {
    await settingsOf(ctx).add({ data: { ...doc } })
    return doc
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    const again = await findById<BoardSettingsDoc>(settingsOf(ctx), SETTINGS_ID)
    if (!again) throw err
    return again
  }
}

export const issueFeed = defineHandler(boardContract, 'issueFeed', async ({ year, cursor, limit }, ctx) => {
  const where: Record<string, unknown> = { state: 'published' }
  if (year) where.year = year
  const [page, settings] = await Promise.all([
    keysetPage<IssueDoc>(issuesOf(ctx), ctx._, where, { list: `issues:${year ?? ''}`, field: 'no', dir: 'desc', limit, cursor }),
    cursor ? Promise.resolve(null) : findById<BoardSettingsDoc>(settingsOf(ctx), SETTINGS_ID),
  ])
  return {
    items: page.items.map((i) => toIssueCard(i, displayTitle(i))),
    nextCursor: page.nextCursor,
    years: settings ? toSettingsView(settings).years : [],
  }
})

async function neighbour(ctx: Ctx, no: number, dir: 'older' | 'newer'): Promise<string | null> {
  const res = await issuesOf(ctx)
    .where({ state: 'published', no: dir === 'older' ? ctx._.lt(no) : ctx._.gt(no) })
    .orderBy('no', dir === 'older' ? 'desc' : 'asc')
    .field({ _id: true })
    .limit(1)
    .get()
  return (res.data[0] as { _id: string } | undefined)?._id ?? null
}

export const issueDetail = defineHandler(boardContract, 'issueDetail', async ({ id }, ctx) => {
  let issue: IssueDoc | null
  if (id) {
    issue = await loadIssue(ctx, id)
    if (issue.state !== 'published') throw new ActionError('NOT_FOUND', '该期红黑榜不存在或尚未发布')
  } else {
    const res = await issuesOf(ctx).where({ state: 'published' }).orderBy('no', 'desc').limit(1).get()
    issue = (res.data[0] as IssueDoc | undefined) ?? null
  }
  if (!issue) return { issue: null }
  const no = issue.no ?? 0
  const [reports, notes, prevId, nextId] = await Promise.all([
    linkedReports(ctx, issue.black.flatMap((e) => e.reportIds)),
    notesFor(ctx, issue._id),
    neighbour(ctx, no, 'older'),
    neighbour(ctx, no, 'newer'),
  ])
  return { issue: toIssuePublic(issue, { title: displayTitle(issue), reports, notes, prevId, nextId }, ctx.now()) }
})
