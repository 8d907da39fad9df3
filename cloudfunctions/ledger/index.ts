import { createFunction, type Handlers, type SystemContext } from '../kernel'
import { ledgerContract, LEDGER_PREVIEW_ROWS } from '../../src/domain/contracts/ledger'
import { openSource } from './sources'
import { advance, createJob, expireOld, jobsCollection, loadOwnJob, viewOf, viewsOf, type ExportJobDoc } from './jobs'

/**
 * 台账 — preview and streamed export of the three ledgers (随手拍 with timeline, 志愿服务时长, 问卷答卷).
 *
 *   sources.ts  each ledger's rows page by page from a keyset cursor (names instead of ids, no personal data)
 *   jobs.ts     export jobs: a step per call writes one part and moves the cursor by compare-and-set;
 *               the last step assembles CSV or Excel; the client polls `exportStatus`, a timer finishes
 *               jobs nobody polls any more and deletes files after a week
 */

/** Steps a poll may run (each at most a few seconds): progress moves between polls. */
const STEPS_PER_POLL = 3
/** A running job nobody polled for this long is continued by the timer. */
const IDLE_MS = 20_000

const newJobId = (at: Date) => `x${at.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`

const handlers: Handlers<typeof ledgerContract> = {
  async preview(filters, ctx) {
    const source = await openSource(ctx, filters)
    const [page, total] = await Promise.all([source.page(null, LEDGER_PREVIEW_ROWS), source.count()])
    return { sheet: source.sheets[0].name, header: [...source.sheets[0].header], rows: page.sheets[0], total }
  },

  async startExport({ filters, format }, ctx) {
    const job = await createJob(ctx, filters, format, newJobId(ctx.now()))
    ctx.audit({
      targetType: 'ledgerExport',
      targetId: job._id,
      summary: `${job.title}（${format === 'csv' ? 'CSV' : 'Excel'}，${job.total} 行）`,
      after: { filters, format, rows: job.total },
    })
    return viewOf(ctx, await advance(ctx, job, 1))
  },

  async exportStatus({ id }, ctx) {
    const job = await loadOwnJob(ctx, id)
    return viewOf(ctx, job.status === 'running' ? await advance(ctx, job, STEPS_PER_POLL) : job)
  },

  async listExports(_input, ctx) {
    const res = await jobsCollection(ctx.db).where({ owner: ctx.openid }).orderBy('createdAt', 'desc').limit(10).get()
    return { items: await viewsOf(ctx, res.data as ExportJobDoc[]) }
  },
}

/** Finishes exports whose page was closed (the oldest idle running jobs, a few per run) and deletes old files. */
async function drain(ctx: SystemContext) {
  const idleSince = new Date(ctx.now().getTime() - IDLE_MS).toISOString()
  const res = await jobsCollection(ctx.db).where({ status: 'running', updatedAt: ctx._.lt(idleSince) }).orderBy('updatedAt', 'asc').limit(3).get()
  const done = []
  for (const job of res.data as ExportJobDoc[]) done.push((await advance(ctx, job, STEPS_PER_POLL)).status)
  return { jobs: done.length, finished: done.filter((s) => s === 'done').length, expired: await expireOld(ctx) }
}

export const { main, contract } = createFunction(ledgerContract, handlers, { timers: { drain } })
