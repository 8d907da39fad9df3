import { Text } from '@tarojs/components'
import { STATUS_LABELS, STATUS_TONES, type ReportStatus } from '@/services/report'
import './report.scss'

/** Test hook: `.status-tag` with `data-status`. */
export function StatusTag({ status, large, id }: { status: ReportStatus; large?: boolean; id?: string }) {
  return (
    <Text id={id} className={`status-tag tone-${STATUS_TONES[status]}${large ? ' status-tag--large' : ''}`} data-status={status}>
      {STATUS_LABELS[status]}
    </Text>
  )
}

/** A small coloured flag (超期, 待评价, 督办 2 次 …). Test hook: `.flag` with `data-flag`. */
export function Flag({ tone, flag, children }: { tone: 'red' | 'orange' | 'gold' | 'blue' | 'green' | 'grey'; flag: string; children: string }) {
  return (
    <Text className={`flag tone-${tone}`} data-flag={flag}>
      {children}
    </Text>
  )
}
