import type { SystemContext } from '../kernel'
import { ActionError } from '../../src/domain/core/envelope'
import { DAY_MS, dueForEscalation, iso, REVISIT_WINDOW_DAYS, revisitOpen, SYSTEM_ACTOR, WITH_UNIT_STATUSES } from '../../src/domain/report'
import { afterChange, applyCommand, type Changed } from './flow'
import { escalationDigestMessage, revisitMessage, safely, send, staffUsers } from './notify'
import { fetchPage } from './paging'
import type { ReportRecord } from './records'
import { reportsOf } from './repository'

/**
 * The `overdue` timer (config.json: every 10 minutes). Two jobs, each driven by an index, never a scan:
 *
 * 1. 督办: reports with the unit (待整改/整改中) whose 整改时限 has passed — read in deadline order from the
 *    (status, taskKey) index — are escalated through the state machine, at most once per China
 *    calendar day each (`dueForEscalation`; the machine refuses a second one, so overlapping runs cannot
 *    double it either). Each gets its timeline event; the unit's handlers are told per report, staff once
 *    per run.
 * 2. 回访: closed reports whose 回访 fell due (in its answer window) and whose reporter has not been prompted
 *    — the (status, revisitPromptedAt, revisit.dueAt) index — are marked prompted (compare-and-set, so one
 *    prompt even if runs overlap) and the reporter gets one message.
 */

/** Most overdue reports looked at per run (the rest wait 10 minutes). */
const OVERDUE_MAX_PER_RUN = 1000
const PAGE = 100
/** Escalations written in parallel. */
const PARALLEL = 10
const REVISIT_PROMPTS_PER_RUN = 200

async function inChunks<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run))
}

async function escalateOverdue(ctx: SystemContext): Promise<{ examined: number; escalated: number }> {
  const now = ctx.now()
  const _ = ctx._
  const coll = reportsOf(ctx)
  const overdue: ReportRecord[] = []
  let cursor: string | undefined
  do {
    const page = await fetchPage<ReportRecord>(
      coll,
      _,
      WITH_UNIT_STATUSES.map((status) => ({ status, taskKey: _.lt(iso(now)) })),
      { list: 'timer:overdue', field: 'taskKey', unique: true, dir: 'asc', limit: PAGE, cursor },
    )
    overdue.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor && overdue.length < OVERDUE_MAX_PER_RUN)

  const escalated: Changed[] = []
  await inChunks(
    overdue.filter((r) => dueForEscalation(r, now)),
    PARALLEL,
    async (r) => {
      try {
        const c = await applyCommand(ctx, r, { type: 'escalate' }, SYSTEM_ACTOR)
        escalated.push(c)
        await afterChange(ctx, c, { escalation: true })
      } catch (err) {
        // Acted on meanwhile (rectified, returned, escalated by an overlapping run): nothing to do.
        if (!(err instanceof ActionError && err.code === 'CONFLICT')) console.error(`[report] escalation of ${r._id} failed:`, err)
      }
    },
  )
  if (escalated.length) {
    await safely('escalation digest', async () => {
      const staff = await staffUsers(ctx)
      await send(ctx, staff.map((to) => escalationDigestMessage(to, escalated.length, iso(now))))
    })
  }
  return { examined: overdue.length, escalated: escalated.length }
}

async function promptRevisits(ctx: SystemContext): Promise<{ prompted: number }> {
  const now = ctx.now()
  const _ = ctx._
  const coll = reportsOf(ctx)
  const res = await coll
    .where({
      status: 'closed',
      revisitPromptedAt: null,
      'revisit.dueAt': _.and(_.gt(iso(new Date(now.getTime() - REVISIT_WINDOW_DAYS * DAY_MS))), _.lte(iso(now))),
    })
    .orderBy('revisit.dueAt', 'asc')
    .limit(REVISIT_PROMPTS_PER_RUN)
    .get()
  let prompted = 0
  await inChunks(res.data as ReportRecord[], PARALLEL, async (r) => {
    if (!revisitOpen(r, now)) return
    const claim = await coll.where({ _id: r._id, version: r.version, revisitPromptedAt: null }).update({ data: { revisitPromptedAt: iso(now) } })
    if (!claim.stats.updated) return
    prompted++
    await send(ctx, [revisitMessage(r.reporterId, r)])
  })
  return { prompted }
}

export async function overdueTimer(ctx: SystemContext) {
  const escalation = await escalateOverdue(ctx)
  const revisits = await promptRevisits(ctx)
  return { ...escalation, ...revisits }
}
