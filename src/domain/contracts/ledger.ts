import { z } from 'zod'
import { defineAction, defineContract } from '../core/contract'
import { ledgerFilterSchema, ledgerFormatSchema } from '../ledger/filters'
import { exportJobViewSchema } from '../ledger/job'
import { idSchema } from './common'

const STAFF = ['staff', 'admin'] as const

/** Rows the preview shows: the first rows of exactly what the export writes. */
export const LEDGER_PREVIEW_ROWS = 20

/**
 * 台账 (`ledger` cloud function): staff preview a ledger on screen and export it to CSV or Excel as a
 * streamed job they poll for progress and a download link.
 */
export const ledgerContract = defineContract('ledger', {
  preview: defineAction({
    effect: 'read',
    summary: '台账预览：按筛选条件列出前 20 行与总行数（与导出文件一致）',
    roles: STAFF,
    input: ledgerFilterSchema,
    output: z.object({
      sheet: z.string(),
      header: z.array(z.string()),
      rows: z.array(z.array(z.string())),
      total: z.number().int().nonnegative(),
    }),
  }),
  startExport: defineAction({
    effect: 'export',
    summary: '导出台账（CSV 或 Excel），大数据量分段生成',
    roles: STAFF,
    input: z.object({ filters: ledgerFilterSchema, format: ledgerFormatSchema.meta({ title: '格式' }) }).strict(),
    output: exportJobViewSchema,
  }),
  exportStatus: defineAction({
    effect: 'read',
    summary: '台账导出进度（并继续生成下一段），完成后给出下载链接',
    roles: STAFF,
    input: z.object({ id: idSchema.meta({ title: '导出任务' }) }).strict(),
    output: exportJobViewSchema,
  }),
  listExports: defineAction({
    effect: 'read',
    summary: '我最近的台账导出',
    roles: STAFF,
    input: z.object({}).strict(),
    output: z.object({ items: z.array(exportJobViewSchema) }),
  }),
})
export type LedgerContract = typeof ledgerContract
