import { ROLE_LABELS } from '../core/roles'
import { EVENT_LABELS, type ReportDoc, type TimelineEvent } from '../report/report'
import { RATING_LABELS, STATUS_LABELS, type ReportStatus } from '../report/status'
import { REJECTION_REASON_LABELS } from '../report/reasons'
import { formatChinaTime } from '../survey/export'
import type { LedgerSheet, Row } from './table'

/**
 * 随手拍办理台账: one row per report with its key fields and the whole timeline in one cell, and (Excel) a
 * second sheet with one row per timeline event. The reporter is never named — not even by OPENID: the
 * ledger goes to units and archives, and reporters are anonymous to everyone but the 创城办 desk.
 */
export const REPORT_SHEETS: readonly LedgerSheet[] = [
  {
    name: '随手拍台账',
    header: [
      '编号', '提交时间', '问题类型', '问题描述', '地址', '辖区', '街道', '当前状态', '责任单位', '派单时间', '整改时限',
      '整改提交时间', '是否曾超期', '督办次数', '附议人数', '办结方式', '办结时间', '办结说明', '市民评价', '回访结果', '处理过程',
    ],
    numeric: [13, 14],
  },
  { name: '处理过程', header: ['编号', '时间', '环节', '操作方', '状态变化', '说明'], numeric: [] },
]

/** Names the ledger shows instead of ids. */
export interface ReportNames {
  categories: ReadonlyMap<string, string>
  districts: ReadonlyMap<string, string>
  streets: ReadonlyMap<string, string>
}

const RESOLUTION_LABELS = { fixed: '整改销号', rejected: '不予受理', duplicate: '合并为重复', out_of_scope: '不属于本市职责' } as const
const REVISIT_LABELS = { fixed: '问题未反弹', not_fixed: '问题反弹' } as const

const t = (iso: string | null | undefined) => (iso ? formatChinaTime(iso) : '')

/** Who did it, as the timeline shows it: a role, or the unit's name — never a person. */
export function actorLabel(e: TimelineEvent): string {
  if (e.actor.role === 'system') return '系统'
  if (e.actor.role === 'unit') return e.actor.unitName ?? ROLE_LABELS.unit
  return ROLE_LABELS[e.actor.role]
}

const statusLabel = (s: ReportStatus | null) => (s ? STATUS_LABELS[s] : '')

/** The event's particulars: where it was sent, why it was refused, what the resident said. */
export function eventDetail(e: TimelineEvent): string {
  const parts: string[] = []
  if (e.unit) parts.push(`派至${e.unit.name}`)
  if (e.deadline) parts.push(`时限${t(e.deadline).slice(0, 10)}`)
  if (e.reason) parts.push(REJECTION_REASON_LABELS[e.reason])
  if (e.mergedInto) parts.push(`并入${e.mergedInto}`)
  if (e.score) parts.push(RATING_LABELS[e.score])
  if (e.answer) parts.push(REVISIT_LABELS[e.answer])
  if (e.escalation) parts.push(`第${e.escalation}次督办`)
  if (e.note) parts.push(e.note)
  return parts.join('；')
}

/** The timeline in one cell: one line per event, oldest first. */
export function timelineText(events: readonly TimelineEvent[]): string {
  return events
    .map((e) => {
      const detail = eventDetail(e)
      return `${t(e.at)} ${EVENT_LABELS[e.type]}（${actorLabel(e)}）${detail ? `：${detail}` : ''}`
    })
    .join('\n')
}

export function reportRow(r: ReportDoc, events: readonly TimelineEvent[], names: ReportNames): Row {
  const res = r.resolution
  return [
    r._id,
    t(r.createdAt),
    names.categories.get(r.categoryId) ?? r.categoryId,
    r.description,
    r.location.address,
    r.location.districtId ? (names.districts.get(r.location.districtId) ?? '') : '',
    r.location.streetId ? (names.streets.get(r.location.streetId) ?? '') : '',
    STATUS_LABELS[r.status],
    r.dispatch?.unitName ?? '',
    t(r.dispatch?.dispatchedAt),
    t(r.dispatch?.deadline),
    t(r.rectification?.at),
    r.flags.everOverdue ? '是' : '否',
    String(r.flags.escalations),
    String(r.cosignCount),
    res ? RESOLUTION_LABELS[res.kind] : '',
    t(res?.at),
    res?.note ?? (res?.reason ? REJECTION_REASON_LABELS[res.reason] : ''),
    r.rating ? RATING_LABELS[r.rating.score] : '',
    r.revisit?.answer ? REVISIT_LABELS[r.revisit.answer] : '',
    timelineText(events),
  ]
}

export function reportEventRows(reportId: string, events: readonly TimelineEvent[]): Row[] {
  return events.map((e) => [
    reportId,
    t(e.at),
    EVENT_LABELS[e.type],
    actorLabel(e),
    e.from ? `${statusLabel(e.from)} → ${statusLabel(e.to)}` : statusLabel(e.to),
    eventDetail(e),
  ])
}
