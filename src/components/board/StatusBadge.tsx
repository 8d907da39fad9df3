import { Text } from '@tarojs/components'
import { EXPOSURE_STATUS_LABELS, EXPOSURE_STATUS_TONES, type ExposureStatus } from '@/services/board'
import './board.scss'

/** Test hook: `.exp-badge` with `data-status`. */
export function StatusBadge({ status, large, id }: { status: ExposureStatus; large?: boolean; id?: string }) {
  return (
    <Text id={id} className={`exp-badge tone-${EXPOSURE_STATUS_TONES[status]}${large ? ' exp-badge--large' : ''}`} data-status={status}>
      {EXPOSURE_STATUS_LABELS[status]}
    </Text>
  )
}
