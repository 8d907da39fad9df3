/**
 * Zod-free copies of the ledger's labels for the screens (the client imports only types from src/domain);
 * `satisfies` keeps them in step with the domain's unions.
 */
import type { LedgerFormat, LedgerKind } from '@/domain/ledger/filters'
import type { ExportJobStatus } from '@/domain/ledger/job'

export const KIND_OPTIONS = [
  { value: 'reports', label: '随手拍办理台账' },
  { value: 'hours', label: '志愿服务时长台账' },
  { value: 'surveys', label: '问卷答卷台账' },
] as const satisfies readonly { value: LedgerKind; label: string }[]

export const PERIOD_FIELD: Record<LedgerKind, string> = { reports: '按提交时间', hours: '按确认时间', surveys: '按提交时间' }

/** The filters each ledger takes besides the period (as in src/domain/ledger/filters.ts). */
export const KIND_FILTERS: Record<LedgerKind, readonly ('districtId' | 'unitId' | 'categoryId' | 'surveyId')[]> = {
  reports: ['districtId', 'unitId', 'categoryId'],
  hours: ['districtId'],
  surveys: ['districtId', 'surveyId'],
}

export const FORMAT_OPTIONS = [
  { value: 'csv', label: 'CSV（Excel 可打开）' },
  { value: 'xlsx', label: 'Excel（.xlsx）' },
] as const satisfies readonly { value: LedgerFormat; label: string }[]

export const JOB_STATUS_LABELS: Record<ExportJobStatus, string> = { running: '导出中', done: '已完成', failed: '导出失败', expired: '文件已过期' }

/** Day keys (YYYY-MM-DD, China time) and the ISO bounds the server takes: [from 00:00, the day after `to` 00:00). */
const CHINA_MS = 8 * 3600_000
export const dayKey = (t: number): string => new Date(t + CHINA_MS).toISOString().slice(0, 10)
export const dayStartIso = (day: string): string => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString()
export const dayEndIso = (day: string): string => new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString()

export const PERIOD_PRESETS = [
  { value: '7d', label: '近 7 天' },
  { value: '30d', label: '近 30 天' },
  { value: '90d', label: '近 90 天' },
  { value: 'year', label: '今年' },
] as const
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]['value']

export function presetRange(p: PeriodPreset, now: number): { from: string; to: string } {
  const to = dayKey(now)
  if (p === 'year') return { from: `${to.slice(0, 4)}-01-01`, to }
  const days = p === '7d' ? 7 : p === '30d' ? 30 : 90
  return { from: dayKey(now - (days - 1) * 86_400_000), to }
}

/** `2025-06-01 14:03`, China time. */
export const formatTime = (iso: string): string => new Date(Date.parse(iso) + CHINA_MS).toISOString().slice(0, 16).replace('T', ' ')
