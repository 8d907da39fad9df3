import { Text, View } from '@tarojs/components'
import {
  EVENT_LABELS,
  RATING_LABELS,
  REJECTION_REASON_LABELS,
  REVISIT_ANSWER_LABELS,
  actorText,
  formatDateTime,
  formatDeadline,
  shortId,
  type TimelineEvent,
} from '@/services/report'
import { PhotoGrid } from './PhotoGrid'
import { StatusTag } from './StatusTag'
import './report.scss'

function details(e: TimelineEvent): string[] {
  const lines: string[] = []
  if ((e.type === 'acceptDispatch' || e.type === 'redispatch') && e.unit) lines.push(`派至 ${e.unit.name}`)
  if (e.deadline && (e.type === 'acceptDispatch' || e.type === 'redispatch' || e.type === 'sendBack')) lines.push(`整改时限 ${formatDeadline(e.deadline)}`)
  if (e.reason) lines.push(`理由：${REJECTION_REASON_LABELS[e.reason]}`)
  if (e.mergedInto) lines.push(`并入问题 ${shortId(e.mergedInto)}`)
  if (e.score) lines.push(`评价：${RATING_LABELS[e.score]}`)
  if (e.answer) lines.push(`回访结果：${REVISIT_ANSWER_LABELS[e.answer]}`)
  if (e.escalation) lines.push(`第 ${e.escalation} 次督办`)
  return lines
}

/**
 * Every step of a report, newest first: what, who (role, and a unit's name), when, the note and photos.
 * Test hooks: `#<id>`, `.timeline-item` with `data-type`.
 */
export function Timeline({ events, id }: { events: readonly TimelineEvent[]; id?: string }) {
  const ordered = [...events].sort((a, b) => b.at.localeCompare(a.at))
  return (
    <View id={id} className='timeline'>
      {ordered.map((e, i) => (
        <View key={`${e.at}-${e.type}-${i}`} className={`timeline-item${i === 0 ? ' is-latest' : ''}`} data-type={e.type}>
          <View className='timeline-item__rail'>
            <View className='timeline-item__dot' />
            {i < ordered.length - 1 ? <View className='timeline-item__line' /> : null}
          </View>
          <View className='timeline-item__body'>
            <View className='timeline-item__head'>
              <Text className='timeline-item__title'>{EVENT_LABELS[e.type]}</Text>
              {e.from !== e.to ? <StatusTag status={e.to} /> : null}
            </View>
            <Text className='timeline-item__meta'>
              {actorText(e.actor)} · {formatDateTime(e.at)}
            </Text>
            {details(e).map((line) => (
              <Text key={line} className='timeline-item__detail'>
                {line}
              </Text>
            ))}
            {e.note ? <Text className='timeline-item__note'>{e.note}</Text> : null}
            {e.photos && e.photos.length > 0 ? <PhotoGrid small photos={e.photos} /> : null}
          </View>
        </View>
      ))}
    </View>
  )
}
