import { Text, View } from '@tarojs/components'
import { useNow } from '@/services/hooks'
import { deadlineInfo, formatDeadline } from '@/services/report'
import './report.scss'

export interface DeadlineBadgeProps {
  deadline: string
  /** The server's verdict (its clock decides overdue). */
  overdue?: boolean
  /** Whole days past the deadline day, from the server. */
  overdueDays?: number
  escalations?: number
  /** One line (lists) instead of the card block (details). */
  compact?: boolean
  id?: string
}

/** 整改时限 with a live countdown or the overdue mark. Test hook: `.deadline-badge` with `data-tone`. */
export function DeadlineBadge({ deadline, overdue, overdueDays, escalations, compact, id }: DeadlineBadgeProps) {
  const now = useNow(30000)
  const info = deadlineInfo(deadline, now, overdue)
  const overdueText = info.tone === 'overdue' && overdueDays && overdueDays > 0 ? `已超期 ${overdueDays} 天` : info.text
  if (compact) {
    return (
      <Text id={id} className={`deadline-badge deadline-badge--compact tone-${info.tone}`} data-tone={info.tone}>
        {info.tone === 'overdue' ? `⏰ ${overdueText}` : `⏱ ${info.text}`}
        {escalations ? ` · 督办 ${escalations} 次` : ''}
      </Text>
    )
  }
  return (
    <View id={id} className={`deadline-badge tone-${info.tone}`} data-tone={info.tone}>
      <View className='deadline-badge__main'>
        <Text className='deadline-badge__label'>整改时限</Text>
        <Text className='deadline-badge__date'>{formatDeadline(deadline)}</Text>
      </View>
      <View className='deadline-badge__side'>
        <Text className='deadline-badge__left'>{overdueText}</Text>
        {escalations ? <Text className='deadline-badge__esc'>已督办 {escalations} 次</Text> : null}
      </View>
    </View>
  )
}
