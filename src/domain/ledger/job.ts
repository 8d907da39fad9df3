import { z } from 'zod'
import { ledgerFormatSchema, ledgerKindSchema } from './filters'

/**
 * An export is a job: `startExport` records it, then each step reads the next bounded chunk of rows from a
 * cursor, writes it to storage as one part and moves the job's cursor by compare-and-set on the step number,
 * so a repeated or crashed step never writes rows twice. When the cursor runs out the parts are assembled
 * into the file. The client polls the job and shows rows done out of the estimate taken at the start.
 */
/** `expired`: the file was deleted after `EXPORT_KEEP_DAYS` (it holds names and mobiles; export again for a fresh one). */
export const EXPORT_JOB_STATUSES = ['running', 'done', 'failed', 'expired'] as const
export const exportJobStatusSchema = z.enum(EXPORT_JOB_STATUSES)
export type ExportJobStatus = z.infer<typeof exportJobStatusSchema>

export const EXPORT_JOB_STATUS_LABELS: Record<ExportJobStatus, string> = { running: '导出中', done: '已完成', failed: '导出失败', expired: '已过期' }

/** How long an exported file is kept in storage. */
export const EXPORT_KEEP_DAYS = 7

export const exportJobViewSchema = z.object({
  id: z.string(),
  kind: ledgerKindSchema,
  format: ledgerFormatSchema,
  /** What was exported, in words (台账, period, filters), for the list of recent exports. */
  title: z.string(),
  status: exportJobStatusSchema,
  /** Rows counted when the job started (the data may change while it runs). */
  total: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  percent: z.number().int().min(0).max(100),
  fileName: z.string().nullable(),
  /** A temporary download link (an hour), once done. */
  url: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
})
export type ExportJobView = z.infer<typeof exportJobViewSchema>

/** Progress for the bar: never 100 before the file exists, never past it when the estimate was low. */
export function progressPercent(status: ExportJobStatus, rows: number, total: number): number {
  if (status === 'done') return 100
  if (total <= 0) return 0
  return Math.min(99, Math.floor((rows * 100) / total))
}
