/**
 * The export table: one row per response, no personal data. The respondent is their number in the survey
 * (`no`), never an OPENID, nickname, phone or ID number; 代录 rows say so, flagged rows say why. Pure;
 * `toCsv` gives the text Excel opens (UTF-8 with BOM, CRLF), the server's xlsx writer takes the same table.
 */
import { CARELESS_LABELS, CHANNEL_LABELS, isChoiceKind, type Answers, type CarelessFlag, type Channel, type SurveyQuestion } from './constants'
import { answerOf, pickedOptions } from './logic'
import type { ResponseDoc } from './schema'

export interface ExportResponse {
  no: number
  submittedAt: Date | string
  districtName: string
  channel: Channel
  flags: CarelessFlag[]
  /** Counted in the rates (false: flagged and not reviewed). */
  counted: boolean
  answers: Answers
}

/** A stored response as the export reads it (what it leaves out — who answered — it never sees). */
export const toExportResponse = (r: ResponseDoc, districtName: string): ExportResponse => ({
  no: r.no,
  submittedAt: r.submittedAt,
  districtName,
  channel: r.channel,
  flags: r.flags,
  counted: r.bucket === 'm',
  answers: r.answers,
})

export const EXPORT_FIXED_COLUMNS = ['受访者编号', '提交时间', '辖区', '填写方式', '数据质量'] as const

/** `2025-06-01 14:03:09` in China time (UTC+8, no DST), whatever the server's zone. */
export function formatChinaTime(value: Date | string): string {
  const t = value instanceof Date ? value.getTime() : Date.parse(value)
  if (Number.isNaN(t)) return ''
  const d = new Date(t + 8 * 3600_000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`
}

function quality(r: ExportResponse): string {
  if (!r.flags.length) return '正常'
  const why = r.flags.map((f) => CARELESS_LABELS[f]).join('、')
  return r.counted ? `已复核计入（${why}）` : `疑似敷衍：${why}`
}

function cell(q: SurveyQuestion, answers: Answers): string {
  const value = answerOf(answers, q.id)
  if (value === undefined) return ''
  if (!isChoiceKind(q.kind)) return typeof value === 'string' ? value : ''
  const labels = new Map(q.options.map((o) => [o.id, o.label]))
  return pickedOptions(value)
    .map((id) => labels.get(id) ?? id)
    .join('；')
}

/** Header row then one row per response, in the given order. */
export function exportTable(questions: readonly SurveyQuestion[], responses: readonly ExportResponse[]): string[][] {
  const header = [...EXPORT_FIXED_COLUMNS, ...questions.map((q, i) => `${i + 1}. ${q.title}`)]
  const rows = responses.map((r) => [
    String(r.no),
    formatChinaTime(r.submittedAt),
    r.districtName,
    CHANNEL_LABELS[r.channel],
    quality(r),
    ...questions.map((q) => cell(q, r.answers)),
  ])
  return [header, ...rows]
}

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`:
 * residents' free text must not become a formula on a staff member's computer (CSV injection).
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

const CSV_NEEDS_QUOTES = /[",\r\n]/

/** RFC 4180 CSV with a UTF-8 BOM (Excel then reads Chinese correctly) and CRLF line ends. */
export function toCsv(table: readonly (readonly string[])[]): string {
  const lines = table.map((row, i) =>
    row
      .map((raw) => {
        const v = i === 0 ? raw : neutralizeFormula(raw)
        return CSV_NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v
      })
      .join(','),
  )
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
