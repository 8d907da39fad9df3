import { Text, View } from '@tarojs/components'
import {
  EVENT_STATUS_LABELS,
  EVENT_STATUS_TONES,
  SERVICE_TYPE_GLYPHS,
  SERVICE_TYPE_SHORT,
  SIGNUP_WINDOW_LABELS,
  formatRange,
  type EventSummary,
  type Tone,
} from '@/services/volunteer'
import { Bar, ToneTag } from './Notice'
import { pressable } from '../keyboard'
import './vol.scss'

/** What the card says about the caller's own place, and the sign-up window. */
export function myStateLabel(e: Pick<EventSummary, 'my'>): { text: string; tone: Tone } | null {
  if (!e.my) return null
  if (e.my.status === 'waitlisted') return { text: e.my.position ? `候补第 ${e.my.position} 位` : '候补中', tone: 'orange' }
  if (e.my.checkedOut) return { text: '已签退', tone: 'blue' }
  if (e.my.checkedIn) return { text: '已签到', tone: 'purple' }
  return { text: '已报名', tone: 'green' }
}

export function windowLabel(e: Pick<EventSummary, 'status' | 'signupWindow' | 'confirmedCount' | 'capacity'>): { text: string; tone: Tone } {
  if (e.status !== 'published') return { text: EVENT_STATUS_LABELS[e.status], tone: EVENT_STATUS_TONES[e.status] }
  if (e.signupWindow === 'open') return e.confirmedCount >= e.capacity ? { text: '已满 可候补', tone: 'orange' } : { text: '报名中', tone: 'green' }
  return { text: SIGNUP_WINDOW_LABELS[e.signupWindow], tone: 'grey' }
}

/** `已报 12/30 · 剩余 18` / `已满 30/30 · 候补 3 人`. */
export function capacityText(e: Pick<EventSummary, 'confirmedCount' | 'capacity' | 'waitlistCount'>): string {
  const left = Math.max(0, e.capacity - e.confirmedCount)
  const base = left > 0 ? `已报 ${e.confirmedCount}/${e.capacity} · 剩余 ${left}` : `已满 ${e.confirmedCount}/${e.capacity}`
  return e.waitlistCount > 0 ? `${base} · 候补 ${e.waitlistCount} 人` : base
}

/**
 * One event in a list. Test hooks: `.event-card` with `data-id`, `data-type`, `data-my` (confirmed /
 * waitlisted / none), `data-window`; `.event-card__capacity`.
 */
export function EventCard({ event, onClick, featured, showUncovered }: { event: EventSummary; onClick?: () => void; featured?: boolean; showUncovered?: boolean }) {
  const my = myStateLabel(event)
  const win = windowLabel(event)
  const full = event.confirmedCount >= event.capacity
  return (
    <View
      id={`event-card-${event.id}`}
      className={`event-card desk-row${featured ? ' is-featured' : ''}`}
      data-id={event.id}
      data-type={event.type}
      data-my={event.my?.status ?? 'none'}
      data-window={event.signupWindow}
      onClick={onClick}
      {...(onClick ? pressable(onClick) : {})}
    >
      <View className='event-card__head'>
        <ToneTag tone={event.type === 'environment' ? 'gold' : 'blue'}>
          {SERVICE_TYPE_GLYPHS[event.type]} {SERVICE_TYPE_SHORT[event.type]}
        </ToneTag>
        <ToneTag tone={win.tone}>{win.text}</ToneTag>
        <View className='vol-spacer' />
        {my ? (
          <ToneTag tone={my.tone} className='event-card__my-tag'>
            {my.text}
          </ToneTag>
        ) : null}
      </View>
      <Text className='event-card__title'>{event.title}</Text>
      {event.team ? <Text className='event-card__team'>仅限{event.team.name}队员报名</Text> : null}
      <View className='vol-fact'>
        <Text className='vol-fact__glyph'>🕒</Text>
        <Text className='vol-fact__text'>{formatRange(event.startAt, event.endAt)}</Text>
      </View>
      <View className='vol-fact'>
        <Text className='vol-fact__glyph'>📍</Text>
        <Text className='vol-fact__text'>{event.place.address}</Text>
      </View>
      {showUncovered && event.postCount > 0 ? (
        <View className='vol-fact'>
          <Text className='vol-fact__glyph'>🚩</Text>
          <Text className='vol-fact__text'>
            {event.postCount} 个点位{event.uncoveredPosts > 0 ? `，${event.uncoveredPosts} 个缺员` : '，均已满员'}
          </Text>
        </View>
      ) : null}
      <View className='event-card__capacity'>
        <Bar ratio={event.capacity ? event.confirmedCount / event.capacity : 0} full={full} />
        <Text className='event-card__cap-text'>{capacityText(event)}</Text>
      </View>
    </View>
  )
}
