import { keysetPage } from '../kernel'
import type { SystemContext } from '../kernel'
import { exposureStatus, fixedAtOf, type ExposureDoc, type ExposureStatus } from '../../src/domain/board'
import { chinaDayNumber, DAY_MS } from '../../src/domain/report'
import { repairStatus } from './exposures'
import { followsOf, exposuresOf, linkedReports, viewsOf } from './store'
import { sendFixed } from './notify'

/**
 * The `sync` timer (config.json: every 10 minutes), three jobs, each driven by an index:
 *
 * 1. Keep `publicStatus` (the feed's status filter) in step with the linked reports: published entries that
 *    are not fixed yet — and those fixed in the last 30 days, which a reopened report can still pull back —
 *    are read by (state, publicStatus), their reports in one batched query per page, and changed ones
 *    written with compare-and-set. The report function is not touched: the board reads reports, never
 *    the other way round.
 * 2. Tell followers: entries now fixed whose followers have not been told — (state, publicStatus,
 *    fixNotified) — are claimed with compare-and-set (one notice even if runs overlap), then each follower
 *    gets one subscribe message.
 * 3. Forget view marks older than yesterday (they only de-duplicate today's views).
 */

const OPEN: ExposureStatus[] = ['rectifying', 'overdue', 'verifying']
const PAGE = 100
const MAX_PER_STATUS = 1000
const REOPEN_WINDOW_DAYS = 30
const NOTICES_PER_RUN = 100
const FOLLOWERS_MAX = 1000

async function refresh(ctx: SystemContext): Promise<{ examined: number; changed: number }> {
  const now = ctx.now()
  const _ = ctx._
  const since = new Date(now.getTime() - REOPEN_WINDOW_DAYS * DAY_MS).toISOString()
  const wheres = [
    ...OPEN.map((publicStatus) => ({ key: publicStatus, where: { state: 'published', publicStatus }, field: 'publishedAt' })),
    { key: 'fixed', where: { state: 'published', publicStatus: 'fixed', fixedAt: _.gte(since) }, field: 'fixedAt' },
  ]
  let examined = 0
  let changed = 0
  for (const w of wheres) {
    let cursor: string | undefined
    let seen = 0
    do {
      const page = await keysetPage<ExposureDoc>(exposuresOf(ctx), _, w.where, { list: `sync:${w.key}`, field: w.field, dir: 'desc', limit: PAGE, cursor })
      const reports = await linkedReports(ctx, page.items.flatMap((e) => (e.reportId ? [e.reportId] : [])))
      await Promise.all(
        page.items.map(async (e) => {
          const report = e.reportId ? (reports.get(e.reportId) ?? null) : null
          if (exposureStatus(e, report, now) !== e.publicStatus || (e.publicStatus === 'fixed' && fixedAtOf(e, report) !== e.fixedAt)) {
            changed++
            await repairStatus(ctx, e, report, now)
          }
        }),
      )
      examined += page.items.length
      seen += page.items.length
      cursor = page.nextCursor ?? undefined
    } while (cursor && seen < MAX_PER_STATUS)
  }
  return { examined, changed }
}

async function notify(ctx: SystemContext): Promise<{ notified: number; messages: number }> {
  const res = await exposuresOf(ctx).where({ state: 'published', publicStatus: 'fixed', fixNotified: false }).limit(NOTICES_PER_RUN).get()
  let notified = 0
  let messages = 0
  for (const e of res.data as ExposureDoc[]) {
    const claim = await exposuresOf(ctx).where({ _id: e._id, publicStatus: 'fixed', fixNotified: false }).update({ data: { fixNotified: true } })
    if (!claim.stats.updated) continue
    notified++
    const follows = await followsOf(ctx).where({ entryId: e._id }).orderBy('at', 'asc').limit(FOLLOWERS_MAX).get()
    const followers = (follows.data as { userId: string }[]).map((f) => f.userId)
    if (followers.length) messages += await sendFixed(ctx, followers, { entryId: e._id, title: e.title, unitName: e.unit.name, fixedAt: e.fixedAt ?? ctx.now().toISOString() })
  }
  return { notified, messages }
}

async function purgeViews(ctx: SystemContext): Promise<number> {
  const res = await viewsOf(ctx).where({ day: ctx._.lt(chinaDayNumber(ctx.now()) - 1) }).remove()
  return res.stats.removed ?? 0
}

export async function syncTimer(ctx: SystemContext) {
  const statuses = await refresh(ctx)
  const notices = await notify(ctx)
  const purged = await purgeViews(ctx)
  return { ...statuses, ...notices, purged }
}
