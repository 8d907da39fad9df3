import { hoursDecimal } from './hours'
import { formatExportDateTime } from './time'
import { SERVICE_TYPE_LABELS, type ServiceType } from './fields'
import { HOURS_SOURCE_LABELS, type HoursSource } from './signup'

/**
 * Export of confirmed hours for the national 志愿服务信息系统 (志愿中国) 补录: CSV in UTF-8 with a BOM
 * (so Excel opens the Chinese columns), one row per confirmed participation. The system matches
 * volunteers by 证件号码 or 手机号码; we keep ID numbers only masked, so staff match by mobile.
 */
export const EXPORT_COLUMNS = [
  '序号',
  '志愿者姓名',
  '证件类型',
  '证件号码',
  '手机号码',
  '志愿服务队',
  '活动名称',
  '服务类型',
  '服务开始时间',
  '服务结束时间',
  '服务时长（小时）',
  '时长来源',
  '确认时间',
] as const

export interface ExportRow {
  name: string
  idNumberMasked: string | null
  mobile: string
  team: string | null
  title: string
  type: ServiceType | null
  startAt: string
  endAt: string
  minutes: number
  source: HoursSource | 'request'
  confirmedAt: string
}

/** One CSV cell: quoted when needed; a leading = + - @ is defused (spreadsheet formula injection). */
export function csvCell(value: string | number | null): string {
  let s = value === null ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function buildCsv(rows: readonly ExportRow[]): string {
  const lines = [EXPORT_COLUMNS.join(',')]
  rows.forEach((r, i) => {
    lines.push(
      [
        i + 1,
        r.name,
        r.idNumberMasked ? '居民身份证' : '',
        r.idNumberMasked,
        r.mobile,
        r.team,
        r.title,
        r.type ? SERVICE_TYPE_LABELS[r.type] : '志愿服务',
        formatExportDateTime(r.startAt),
        formatExportDateTime(r.endAt),
        hoursDecimal(r.minutes),
        r.source === 'request' ? '点单服务' : HOURS_SOURCE_LABELS[r.source],
        formatExportDateTime(r.confirmedAt),
      ]
        .map(csvCell)
        .join(','),
    )
  })
  return `\ufeff${lines.join('\r\n')}\r\n`
}
