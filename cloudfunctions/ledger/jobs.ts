import type { Command, Database } from 'wx-server-sdk'
import { ActionError, findById, type Cloud } from '../kernel'
import { columnWidths, sheetRowsXml, worksheetXml, xlsxPackage } from '../kernel/xlsx'
import { COLLECTIONS } from '../../src/domain/collections'
import { LEDGER_KIND_LABELS, LEDGER_MAX_ROWS, type LedgerFilter, type LedgerFormat } from '../../src/domain/ledger/filters'
import { EXPORT_KEEP_DAYS, progressPercent, type ExportJobStatus, type ExportJobView } from '../../src/domain/ledger/job'
import { CSV_BOM, csvLines, safeFileName, type LedgerSheet, type Row } from '../../src/domain/ledger/table'
import { formatChinaTime } from '../../src/domain/survey/export'
import { CHUNK_ROWS, openSource, type LedgerSource } from './sources'

/** `ledger_exports`: one export job (see src/domain/ledger/job.ts for the protocol). */
export interface ExportJobDoc {
  _id: string
  owner: string
  filters: LedgerFilter
  format: LedgerFormat
  title: string
  status: ExportJobStatus
  total: number
  /** Rows written per sheet (the first is the ledger's rows). */
  sheetRows: number[]
  /** Steps done = parts written; the compare-and-set guard of the next step. */
  step: number
  /** The source's cursor after the last part; null with `exhausted` at the end. */
  cursor: string | null
  exhausted: boolean
  /** fileIDs of the parts, in order. */
  parts: string[]
  /** Excel column widths per sheet, fixed by the first part. */
  widths: number[][] | null
  fileID: string | null
  fileName: string | null
  error: string | null
  createdAt: string
  updatedAt: string
  finishedAt: string | null
}

export interface JobCtx {
  db: Database
  _: Command
  cloud: Cloud
  now(): Date
}

/** A step reads at most this many chunks, and stops starting new ones after this long. */
export const STEP_CHUNKS = 4
const STEP_BUDGET_MS = 5_000
/** How long a step may keep going in one call (WeChat's function timeout is set to 60 s in config.json). */
const CALL_BUDGET_MS = 20_000
/** WeChat cloud storage takes files up to 50 MB from a cloud function. */
const MAX_FILE_BYTES = 50 * 1024 * 1024

const jobs = (db: Database) => db.collection(COLLECTIONS.ledgerExports)

/** Storage calls of wx-server-sdk (and devcloud) that our declaration of the SDK does not list. */
interface StorageExtras {
  downloadFile(o: { fileID: string }): Promise<{ fileContent: Uint8Array }>
  deleteFile(o: { fileList: string[] }): Promise<unknown>
}
const storage = (cloud: Cloud) => cloud as unknown as StorageExtras
const download = (cloud: Cloud, fileID: string) => storage(cloud).downloadFile({ fileID })

/** Best effort: a failed delete leaves litter in storage, never a wrong file (50 files per call). */
async function removeFiles(cloud: Cloud, fileIDs: string[]): Promise<void> {
  for (let i = 0; i < fileIDs.length; i += 50) {
    await storage(cloud).deleteFile({ fileList: fileIDs.slice(i, i + 50) }).catch(() => undefined)
  }
}

/** A part: what one step adds to each sheet, already in the file's format. */
interface Part {
  sheets: string[]
}

function fileNameOf(job: Pick<ExportJobDoc, 'filters' | 'format'>): string {
  const d = (iso: string) => formatChinaTime(iso).slice(0, 10).replace(/-/g, '')
  const last = new Date(Date.parse(job.filters.to) - 1).toISOString()
  return `${safeFileName(LEDGER_KIND_LABELS[job.filters.kind])}-${d(job.filters.from)}-${d(last)}.${job.format}`
}

const headerRows = (sheets: readonly LedgerSheet[]): Row[][] => sheets.map((s) => [[...s.header]])

export async function createJob(ctx: JobCtx & { openid: string }, filters: LedgerFilter, format: LedgerFormat, id: string): Promise<ExportJobDoc> {
  const source = await openSource(ctx, filters)
  const total = await source.count()
  if (total > LEDGER_MAX_ROWS) {
    throw new ActionError('INVALID_INPUT', `共 ${total} 行，超过单次导出上限 ${LEDGER_MAX_ROWS} 行，请缩短时间范围或增加筛选条件`)
  }
  const at = ctx.now().toISOString()
  const job: ExportJobDoc = {
    _id: id,
    owner: ctx.openid,
    filters,
    format,
    title: source.title,
    status: 'running',
    total,
    sheetRows: source.sheets.map(() => 0),
    step: 0,
    cursor: null,
    exhausted: false,
    parts: [],
    widths: null,
    fileID: null,
    fileName: fileNameOf({ filters, format }),
    error: null,
    createdAt: at,
    updatedAt: at,
    finishedAt: null,
  }
  await jobs(ctx.db).add({ data: { ...job } })
  return job
}

/** Renders a step's rows for the file: CSV lines of the first sheet, or Excel `<row>`s of every sheet. */
function renderPart(job: ExportJobDoc, source: LedgerSource, rows: Row[][], widths: number[][] | null): Part {
  if (job.format === 'csv') return { sheets: [csvLines(rows[0])] }
  return {
    sheets: source.sheets.map((s, i) => (widths ? sheetRowsXml(rows[i], job.sheetRows[i] + 2, new Set(s.numeric)) : '')),
  }
}

/**
 * One step: the next chunks from the job's cursor into one part, then the job moves on only if nobody
 * else moved it first (`step` compare-and-set). The loser deletes its part, so rows are written once.
 * Returns the job as it is afterwards.
 */
async function step(ctx: JobCtx, job: ExportJobDoc): Promise<ExportJobDoc> {
  const started = Date.now()
  const source = await openSource(ctx, job.filters)
  const rows: Row[][] = source.sheets.map(() => [])
  let cursor = job.cursor
  let exhausted = false
  for (let i = 0; i < STEP_CHUNKS && Date.now() - started < STEP_BUDGET_MS; i++) {
    const page = await source.page(cursor, CHUNK_ROWS[job.filters.kind])
    page.sheets.forEach((r, s) => rows[s].push(...r))
    cursor = page.cursor
    if (!cursor) {
      exhausted = true
      break
    }
  }
  const widths = job.widths ?? (job.format === 'xlsx' ? source.sheets.map((s, i) => columnWidths([[...s.header], ...rows[i]])) : null)
  const part = renderPart(job, source, rows, widths)
  const up = await ctx.cloud.uploadFile({
    cloudPath: `ledger/exports/${job._id}/part-${String(job.step).padStart(5, '0')}-${Math.random().toString(36).slice(2, 8)}.json`,
    fileContent: Buffer.from(JSON.stringify(part), 'utf8'),
  })
  const after: Partial<ExportJobDoc> = {
    step: job.step + 1,
    cursor,
    exhausted,
    parts: [...job.parts, up.fileID],
    sheetRows: job.sheetRows.map((n, i) => n + rows[i].length),
    widths,
    updatedAt: ctx.now().toISOString(),
  }
  const res = await jobs(ctx.db)
    .where({ _id: job._id, step: job.step, status: 'running' })
    .update({ data: { ...after, widths: widths ? ctx._.set(widths) : null, sheetRows: ctx._.set(after.sheetRows!), parts: ctx._.set(after.parts!) } })
  if (res.stats.updated === 1) return { ...job, ...after }
  await removeFiles(ctx.cloud, [up.fileID])
  return (await findById<ExportJobDoc>(jobs(ctx.db), job._id)) ?? job
}

/** Joins the parts into the file (the same content whoever assembles, at a fixed path), then marks the job done. */
async function assemble(ctx: JobCtx, job: ExportJobDoc): Promise<ExportJobDoc> {
  const source = await openSource(ctx, job.filters)
  const parts: Part[] = []
  for (let i = 0; i < job.parts.length; i += 10) {
    const got = await Promise.all(job.parts.slice(i, i + 10).map((id) => download(ctx.cloud, id)))
    parts.push(...got.map((g) => JSON.parse(Buffer.from(g.fileContent).toString('utf8')) as Part))
  }
  const headers = headerRows(source.sheets)
  let content: Buffer
  if (job.format === 'csv') {
    content = Buffer.from(CSV_BOM + csvLines(headers[0]) + parts.map((p) => p.sheets[0]).join(''), 'utf8')
  } else {
    const sheets = source.sheets.map((s, i) => ({
      name: s.name,
      xml: worksheetXml(job.widths?.[i] ?? columnWidths(headers[i]), sheetRowsXml(headers[i], 1) + parts.map((p) => p.sheets[i]).join('')),
    }))
    content = xlsxPackage(sheets, ctx.now())
  }
  if (content.length > MAX_FILE_BYTES) {
    throw new ActionError('CONFLICT', `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB，请缩短时间范围、增加筛选条件或改用 CSV`)
  }
  const fileName = job.fileName ?? fileNameOf(job)
  const up = await ctx.cloud.uploadFile({ cloudPath: `ledger/exports/${job._id}/${fileName}`, fileContent: content })
  const at = ctx.now().toISOString()
  const res = await jobs(ctx.db)
    .where({ _id: job._id, step: job.step, status: 'running' })
    .update({ data: { status: 'done', fileID: up.fileID, finishedAt: at, updatedAt: at } })
  if (res.stats.updated !== 1) return (await findById<ExportJobDoc>(jobs(ctx.db), job._id)) ?? job
  await removeFiles(ctx.cloud, job.parts)
  return { ...job, status: 'done', fileID: up.fileID, finishedAt: at, updatedAt: at }
}

/**
 * Moves a running job on for up to one call's budget: steps until the rows run out, then the file. An
 * unexpected error fails the job (with a message to start again) instead of being retried for ever.
 */
export async function advance(ctx: JobCtx, job: ExportJobDoc, maxSteps = 1): Promise<ExportJobDoc> {
  const started = Date.now()
  let cur = job
  try {
    for (let i = 0; cur.status === 'running' && !cur.exhausted && i < maxSteps && Date.now() - started < CALL_BUDGET_MS; i++) {
      cur = await step(ctx, cur)
    }
    if (cur.status === 'running' && cur.exhausted) cur = await assemble(ctx, cur)
    return cur
  } catch (err) {
    // A refusal (a filter's unit or survey deleted meanwhile) says why; anything else is logged.
    if (!(err instanceof ActionError)) console.error(`[ledger] export ${job._id} failed:`, err)
    const at = ctx.now().toISOString()
    const error = err instanceof ActionError ? err.message : '导出失败，请重新导出；如多次失败请缩小范围或联系管理员'
    await jobs(ctx.db).where({ _id: job._id, status: 'running' }).update({ data: { status: 'failed', error, updatedAt: at } })
    return { ...cur, status: 'failed', error, updatedAt: at }
  }
}

export async function loadOwnJob(ctx: JobCtx & { openid: string }, id: string): Promise<ExportJobDoc> {
  const job = await findById<ExportJobDoc>(jobs(ctx.db), id)
  if (!job || job.owner !== ctx.openid) throw new ActionError('NOT_FOUND', '导出任务不存在')
  return job
}

/** Jobs as the client sees them, with one temporary download link (an hour) per finished file, in one call. */
export async function viewsOf(ctx: JobCtx, list: readonly ExportJobDoc[]): Promise<ExportJobView[]> {
  const files = list.filter((j) => j.status === 'done' && j.fileID).map((j) => j.fileID!)
  const urls = new Map<string, string>()
  if (files.length) {
    const temp = await ctx.cloud.getTempFileURL({ fileList: files.map((fileID) => ({ fileID, maxAge: 3600 })) })
    for (const f of temp.fileList) if (f.tempFileURL) urls.set(f.fileID, f.tempFileURL)
  }
  return list.map((job) => {
    const rows = job.sheetRows[0] ?? 0
    return {
      id: job._id,
      kind: job.filters.kind,
      format: job.format,
      title: job.title,
      status: job.status,
      total: job.total,
      rows,
      percent: progressPercent(job.status, rows, job.total),
      fileName: job.fileName,
      url: job.fileID ? (urls.get(job.fileID) ?? null) : null,
      error: job.error,
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
    }
  })
}

export const viewOf = async (ctx: JobCtx, job: ExportJobDoc): Promise<ExportJobView> => (await viewsOf(ctx, [job]))[0]

/**
 * Deletes the files of exports finished more than `EXPORT_KEEP_DAYS` ago (they hold names and masked
 * mobiles): a few dozen per run, oldest first, by the (status, updatedAt) index. Returns how many.
 */
export async function expireOld(ctx: JobCtx): Promise<number> {
  const cutoff = new Date(ctx.now().getTime() - EXPORT_KEEP_DAYS * 86_400_000).toISOString()
  const res = await jobs(ctx.db).where({ status: 'done', updatedAt: ctx._.lt(cutoff) }).orderBy('updatedAt', 'asc').limit(50).get()
  const old = res.data as ExportJobDoc[]
  if (!old.length) return 0
  await removeFiles(ctx.cloud, old.map((j) => j.fileID).filter((f): f is string => !!f))
  await jobs(ctx.db)
    .where({ _id: ctx._.in(old.map((j) => j._id)), status: 'done' })
    .update({ data: { status: 'expired', fileID: null, updatedAt: ctx.now().toISOString() } })
  return old.length
}

export const jobsCollection = jobs
