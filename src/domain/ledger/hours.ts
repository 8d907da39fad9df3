import { hoursDecimal } from '../volunteer/hours'
import { LEDGER_KIND_LABELS as ENTRY_LABELS, type LedgerDoc } from '../volunteer/ledger'
import { SERVICE_TYPE_LABELS } from '../volunteer/fields'
import { HOURS_SOURCE_LABELS } from '../volunteer/signup'
import { maskMobile } from '../volunteer/volunteer'
import { formatChinaTime } from '../survey/export'
import type { LedgerSheet, Row } from './table'

/**
 * 志愿服务时长台账: one row per entry of confirmed hours in the 时间存折 (`service`, and `adjustment` for a
 * 时长更正, which is signed), so the sum of the column is the hours confirmed in the period. Staff see the
 * volunteer's name and a masked mobile number; never an ID number.
 */
export const HOURS_SHEETS: readonly LedgerSheet[] = [
  {
    name: '志愿服务时长台账',
    header: ['确认时间', '志愿者', '手机号码', '志愿服务队', '活动或服务', '服务类型', '服务开始时间', '服务结束时间', '时长（小时）', '时长来源', '记录类别'],
    numeric: [8],
  },
]

/** The entries the hours ledger lists (redemptions move points, not hours). */
export const HOURS_ENTRY_KINDS = ['service', 'adjustment'] as const

export interface HoursPerson {
  name: string
  mobile: string
}

const SOURCE_LABELS: Record<NonNullable<LedgerDoc['source']>, string> = { ...HOURS_SOURCE_LABELS, request: '点单服务' }

export function hoursRow(e: LedgerDoc, person: HoursPerson | undefined, teamName: string | undefined): Row {
  const start = e.period?.startAt ?? e.serviceAt ?? e.at
  const end = e.period?.endAt ?? e.serviceAt ?? e.at
  return [
    formatChinaTime(e.at),
    person?.name ?? '',
    person?.mobile ? maskMobile(person.mobile) : '',
    teamName ?? '',
    e.ref.title,
    e.serviceType ? SERVICE_TYPE_LABELS[e.serviceType] : '志愿服务',
    formatChinaTime(start),
    formatChinaTime(end),
    hoursDecimal(e.minutes),
    e.kind === 'adjustment' ? '时长更正' : e.source ? SOURCE_LABELS[e.source] : '',
    ENTRY_LABELS[e.kind],
  ]
}
