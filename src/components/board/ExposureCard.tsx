import { Image, Text, View } from '@tarojs/components'
import { daysPast, formatCount, formatDay, type ExposureCard as Card } from '@/services/board'
import { StatusBadge } from './StatusBadge'
import { pressable } from '../keyboard'
import './board.scss'

/** When it has to be / was fixed, in one line. */
export function deadlineLine(c: Pick<Card, 'status' | 'deadline' | 'fixedAt'>, now: number): { text: string; tone: '' | 'is-overdue' | 'is-fixed' } {
  if (c.status === 'fixed') return { text: c.fixedAt ? `${formatDay(c.fixedAt)} 整改到位` : '已整改到位', tone: 'is-fixed' }
  if (c.status === 'closed') return { text: '已关闭', tone: '' }
  if (c.status === 'overdue') return { text: `逾期 ${Math.max(1, daysPast(c.deadline, now))} 天未整改`, tone: 'is-overdue' }
  if (c.status === 'verifying') return { text: '已提交整改，待核验', tone: '' }
  return { text: `限 ${formatDay(c.deadline)} 前整改`, tone: '' }
}

/** One exposure in a list: thumbnail only. Test hooks: `.exp-card` with `data-id`, `data-status`. */
export function ExposureCard({ card, thumbUrl, place, now, onClick }: { card: Card; thumbUrl?: string; place: string; now: number; onClick: () => void }) {
  const when = deadlineLine(card, now)
  return (
    <View className='card exp-card desk-row' data-id={card.id} data-status={card.status} onClick={onClick} {...pressable(onClick)}>
      <View className='exp-card__media'>
        {thumbUrl ? <Image className='exp-card__img' src={thumbUrl} mode='aspectFill' lazyLoad /> : <Text className='exp-card__glyph'>📢</Text>}
        <StatusBadge status={card.status} />
      </View>
      <View className='exp-card__body'>
        <Text className='exp-card__title'>{card.title}</Text>
        <Text className='exp-card__meta'>📍 {place}</Text>
        <Text className='exp-card__meta'>责任单位：{card.unitName}</Text>
        <View className='exp-card__foot'>
          <Text className={`exp-card__when ${when.tone}`}>{when.text}</Text>
          <Text className='exp-card__views'>
            {card.replied ? '已回应 · ' : ''}
            {formatCount(card.views)} 浏览
          </Text>
        </View>
      </View>
    </View>
  )
}
