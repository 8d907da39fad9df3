import { z } from 'zod'

/**
 * Why the 创城办 does not accept a report (不予受理). A fixed list so rejections can be counted and audited
 * (a city is asked why it turned residents away); the free text that goes with it is what the resident reads.
 * Duplicates and 不属于本市职责 are their own closures, not rejection reasons.
 */
export const REJECTION_REASONS = [
  'unclear', // 照片、描述无法辨认问题
  'location_unknown', // 位置不明，无法核实
  'not_found', // 现场核实未发现问题
  'already_fixed', // 问题已消除
  'not_civic', // 不属于文明创建问题（如个人纠纷、咨询）
  'false_report', // 内容不实
  'inappropriate', // 含广告、辱骂、他人隐私等不当内容
  'other',
] as const
export const rejectionReasonSchema = z.enum(REJECTION_REASONS)
export type RejectionReason = z.infer<typeof rejectionReasonSchema>

export const REJECTION_REASON_LABELS: Record<RejectionReason, string> = {
  unclear: '照片或描述无法辨认问题',
  location_unknown: '位置不明，无法核实',
  not_found: '现场核实未发现问题',
  already_fixed: '问题已消除',
  not_civic: '不属于文明创建问题',
  false_report: '内容不实',
  inappropriate: '含有不当内容',
  other: '其他',
}
