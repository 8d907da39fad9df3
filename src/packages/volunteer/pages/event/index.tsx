import { useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { capacityText, myStateLabel, windowLabel } from '@/components/volunteer/EventCard'
import { Bar, Notice, ToneTag } from '@/components/volunteer/Notice'
import { callAction } from '@/services/cloud'
import { useAction } from '@/services/useAction'
import { useBusy, useOnShowAgain } from '@/services/volunteerHooks'
import {
  POST_KIND_LABELS,
  POST_TASK_LABELS,
  SERVICE_TYPE_GLYPHS,
  SERVICE_TYPE_LABELS,
  SUBSCRIBE_ON_SIGNUP,
  askSubscribe,
  confirmDialog,
  formatDateTime,
  formatRange,
  openVolunteerPage,
  say,
  type EventDetail,
  type Tone,
} from '@/services/volunteer'
import { describeScan, useScanFlow } from '../../scan'
import '../../volunteer.scss'
import './index.scss'

interface Message {
  tone: Tone
  text: string
  code?: string
}

/** Which main action the bar offers. */
type Action = 'register' | 'pending' | 'rejected' | 'signup' | 'waitlist' | 'scan_in' | 'scan_out' | 'none'

function mainAction(e: EventDetail, regStatus: 'none' | 'pending' | 'approved' | 'rejected'): Action {
  if (e.my) {
    if (e.my.status === 'confirmed' && (e.status === 'ongoing' || e.status === 'finished' || (e.status === 'published' && e.signupWindow === 'closed'))) {
      if (!e.my.checkedIn && e.status !== 'finished') return 'scan_in'
      if (e.my.checkedIn && !e.my.checkedOut) return 'scan_out'
    }
    return 'none'
  }
  if (e.status !== 'published' || e.signupWindow !== 'open') return 'none'
  if (regStatus === 'none') return 'register'
  if (regStatus === 'pending') return 'pending'
  if (regStatus === 'rejected') return 'rejected'
  return e.confirmedCount >= e.capacity ? 'waitlist' : 'signup'
}

/** Why sign-up is not possible now, from the event's window. */
function windowNote(e: EventDetail): string | null {
  if (e.status === 'cancelled') return `活动已取消${e.cancelReason ? `：${e.cancelReason}` : ''}`
  if (e.status === 'draft') return '活动尚未发布'
  if (e.status === 'finished') return '活动已结束'
  if (e.status === 'ongoing') return '活动进行中，报名已截止'
  if (e.signupWindow === 'not_open') return `报名将于 ${formatDateTime(e.signupOpensAt)} 开始（活动开始前 7 天开放报名）`
  if (e.signupWindow === 'closed') return `报名已于 ${formatDateTime(e.signupDeadline)} 截止`
  return null
}

/**
 * 活动详情. Test hooks: #page-vol-event, #event-head[data-id][data-status][data-window], #event-title, #event-time, #event-place, #event-meeting,
 * #event-capacity (data-confirmed/capacity/waitlist), #event-posts .event-post[data-id][data-missing],
 * #event-my[data-status] with #event-waitlist-position, #event-signup, #event-cancel, #event-scan[data-kind],
 * #event-message[data-tone][data-code], #event-window-note.
 */
export default function EventPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const event = useAction('volunteer', 'getEvent', { id }, [id])
  const profile = useAction('volunteer', 'myProfile', {})
  const [message, setMessage] = useState<Message | null>(null)
  const [postId, setPostId] = useState<string | null>(null)
  const [busy, run] = useBusy()

  useOnShowAgain(() => {
    event.reload()
    profile.reload()
  })
  usePullDownRefresh(() => {
    event.reload()
    profile.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })

  const scan = useScanFlow((outcome) => {
    if (outcome.ok) {
      setMessage({ tone: 'green', text: describeScan(outcome.result), code: `SCAN_${outcome.result.kind.toUpperCase()}` })
      event.reload()
    } else setMessage({ tone: 'red', text: outcome.message, code: outcome.code })
  })

  const e = event.data
  const reg = profile.data?.profile
  const regStatus = reg ? reg.status : 'none'

  const signUp = () =>
    run(async () => {
      if (!e) return
      await askSubscribe(SUBSCRIBE_ON_SIGNUP)
      const res = await callAction('volunteer', 'signUp', { eventId: e.id, ...(postId ? { postId } : {}) })
      if (!res.ok) {
        setMessage({ tone: 'red', text: res.message, code: res.code })
        event.reload()
        return
      }
      const s = res.data.signup
      if (s.status === 'waitlisted') {
        setMessage({ tone: 'orange', text: `名额已满，您已进入候补，当前排第 ${s.position ?? '?'} 位。有人取消时将按顺序递补并通知您。`, code: 'WAITLISTED' })
      } else {
        setMessage({ tone: 'green', text: `报名成功！请于 ${formatDateTime(e.startAt)} 前到达集合地点，现场扫码签到。`, code: 'CONFIRMED' })
      }
      setPostId(null)
      event.reload()
    })

  const cancel = () =>
    run(async () => {
      if (!e?.my) return
      const waiting = e.my.status === 'waitlisted'
      const ok = await confirmDialog(
        waiting ? '取消候补' : '取消报名',
        waiting ? '确定放弃候补名额吗？' : '确定取消报名吗？取消后名额将按顺序让给候补的志愿者。',
        waiting ? '放弃候补' : '取消报名',
        true,
      )
      if (!ok) return
      const res = await callAction('volunteer', 'cancelSignUp', { eventId: e.id })
      if (!res.ok) {
        setMessage({ tone: 'red', text: res.message, code: res.code })
        return
      }
      setMessage({ tone: 'grey', text: waiting ? '已放弃候补' : '已取消报名', code: 'CANCELLED' })
      say(waiting ? '已放弃候补' : '已取消报名', 'success')
      event.reload()
    })

  if (!id) {
    return (
      <PageShell id='page-vol-event'>
        <ErrorState title='活动不存在' message='链接中缺少活动编号' />
      </PageShell>
    )
  }
  if (event.loading && !e) {
    return (
      <PageShell id='page-vol-event'>
        <Loading text='正在加载活动…' />
      </PageShell>
    )
  }
  if (!e) {
    return (
      <PageShell id='page-vol-event'>
        <ErrorState error={event.error} onRetry={event.reload} />
      </PageShell>
    )
  }

  const action = mainAction(e, regStatus)
  const win = windowLabel(e)
  const my = myStateLabel(e)
  const note = windowNote(e)
  const canCancel = !!e.my && (e.signupWindow === 'open' || e.signupWindow === 'not_open') && !e.my.checkedIn
  const choosingPost = action === 'signup' && e.posts.length > 0
  const full = e.confirmedCount >= e.capacity

  return (
    <PageShell id='page-vol-event' className='vol-event'>
      <View id='event-head' className='vol-card event-head' data-id={e.id} data-status={e.status} data-window={e.signupWindow}>
        <View className='event-card__head'>
          <ToneTag tone={e.type === 'environment' ? 'gold' : 'blue'}>
            {SERVICE_TYPE_GLYPHS[e.type]} {SERVICE_TYPE_LABELS[e.type]}
          </ToneTag>
          <ToneTag tone={win.tone}>{win.text}</ToneTag>
          {e.team ? <ToneTag tone='purple'>限{e.team.name}</ToneTag> : null}
        </View>
        <Text id='event-title' className='event-head__title'>
          {e.title}
        </Text>
        <View className='vol-fact'>
          <Text className='vol-fact__glyph'>🕒</Text>
          <Text id='event-time' className='vol-fact__text'>
            {formatRange(e.startAt, e.endAt)}
          </Text>
        </View>
        <View
          className='vol-fact'
          onClick={() => {
            if (process.env.TARO_ENV === 'weapp') Taro.openLocation({ latitude: e.place.lat, longitude: e.place.lng, name: e.title, address: e.place.address }).catch(() => null)
          }}
        >
          <Text className='vol-fact__glyph'>📍</Text>
          <Text id='event-place' className='vol-fact__text'>
            {e.place.address}
          </Text>
        </View>
        {e.meetingPoint ? (
          <View className='vol-fact'>
            <Text className='vol-fact__glyph'>🚩</Text>
            <Text id='event-meeting' className='vol-fact__text'>
              集合：{e.meetingPoint}
            </Text>
          </View>
        ) : null}
        <View className='vol-fact'>
          <Text className='vol-fact__glyph'>🏛️</Text>
          <Text className='vol-fact__text'>组织单位：{e.organiserName}</Text>
        </View>
        <View className='vol-fact'>
          <Text className='vol-fact__glyph'>⏰</Text>
          <Text className='vol-fact__text'>
            报名 {formatDateTime(e.signupOpensAt)} 起，{formatDateTime(e.signupDeadline)} 截止
          </Text>
        </View>
        {e.notes ? <Text className='event-head__notes'>{e.notes}</Text> : null}
      </View>

      {message ? (
        <Notice id='event-message' tone={message.tone} code={message.code}>
          {message.text}
        </Notice>
      ) : null}

      <View id='event-capacity' className='vol-card' data-confirmed={String(e.confirmedCount)} data-capacity={String(e.capacity)} data-waitlist={String(e.waitlistCount)}>
        <View className='vol-stats'>
          <View className='vol-stat'>
            <Text className='vol-stat__value'>{e.capacity}</Text>
            <Text className='vol-stat__label'>招募名额</Text>
          </View>
          <View className='vol-stat'>
            <Text className='vol-stat__value'>{e.confirmedCount}</Text>
            <Text className='vol-stat__label'>已报名</Text>
          </View>
          <View className='vol-stat'>
            <Text className={`vol-stat__value${full ? ' is-warn' : ''}`}>{Math.max(0, e.capacity - e.confirmedCount)}</Text>
            <Text className='vol-stat__label'>剩余</Text>
          </View>
          <View className='vol-stat'>
            <Text className='vol-stat__value'>{e.waitlistCount}</Text>
            <Text className='vol-stat__label'>候补</Text>
          </View>
        </View>
        <View className='event-capacity__bar'>
          <Bar ratio={e.capacity ? e.confirmedCount / e.capacity : 0} full={full} />
        </View>
        <Text className='vol-muted'>{capacityText(e)}</Text>
      </View>

      {e.my && my ? (
        <View id='event-my' className='vol-card event-my' data-status={e.my.status} data-checked-in={String(e.my.checkedIn)} data-checked-out={String(e.my.checkedOut)}>
          <View className='vol-row'>
            <Text className='event-my__title'>我的报名</Text>
            <View className='vol-spacer' />
            <ToneTag tone={my.tone}>{my.text}</ToneTag>
          </View>
          {e.my.status === 'waitlisted' ? (
            <Text className='event-my__text'>
              名额已满，您在候补第{' '}
              <Text id='event-waitlist-position' className='event-my__position'>
                {e.my.position ?? '-'}
              </Text>{' '}
              位。有人取消报名时将按顺序递补，递补成功会通知您。
            </Text>
          ) : (
            <Text className='event-my__text'>
              {e.my.checkedOut
                ? '已签到、签退，服务时长待组织者确认后记入时间存折。'
                : e.my.checkedIn
                  ? '已签到。服务结束时请再次扫码签退。'
                  : `已报名${e.my.postId ? `，点位：${e.posts.find((p) => p.id === e.my?.postId)?.name ?? e.my.postId}` : ''}。请准时到达集合地点，扫描组织者出示的二维码签到。`}
            </Text>
          )}
        </View>
      ) : null}

      {e.posts.length > 0 ? (
        <View id='event-posts' className='vol-card'>
          <View className='vol-row'>
            <Text className='vol-card__title'>服务点位</Text>
            <View className='vol-spacer' />
            <Text className='vol-muted'>{choosingPost ? '可选择意向点位' : `${e.posts.length} 个点位`}</Text>
          </View>
          {e.posts.map((p) => {
            const selected = choosingPost && postId === p.id
            return (
              <View
                key={p.id}
                id={`event-post-${p.id}`}
                className={`event-post${selected ? ' is-selected' : ''}${e.my?.postId === p.id ? ' is-mine' : ''}`}
                data-id={p.id}
                data-missing={String(p.missing)}
                onClick={() => choosingPost && setPostId(selected ? null : p.id)}
              >
                <View className='event-post__main'>
                  <View className='vol-row'>
                    <Text className='event-post__name'>{p.name}</Text>
                    {e.my?.postId === p.id ? <ToneTag tone='green'>我的点位</ToneTag> : null}
                  </View>
                  <Text className='vol-muted'>
                    {POST_KIND_LABELS[p.kind]} · {POST_TASK_LABELS[p.task]} · 需 {p.needed} 人
                  </Text>
                </View>
                <View className='event-post__side'>
                  {p.missing > 0 ? <ToneTag tone='orange'>缺 {p.missing} 人</ToneTag> : <ToneTag tone='green'>已满员</ToneTag>}
                  {choosingPost ? <Text className={`event-post__radio${selected ? ' is-on' : ''}`}>{selected ? '✓' : ''}</Text> : null}
                </View>
              </View>
            )
          })}
        </View>
      ) : null}

      {note && !e.my ? (
        <Notice id='event-window-note' tone={e.status === 'cancelled' ? 'red' : 'grey'}>
          {note}
        </Notice>
      ) : null}
      {reg?.signups.paused && !e.my ? (
        <Notice id='event-paused' tone='red'>
          近 {reg.signups.windowDays} 天内爽约已达 {reg.signups.threshold} 次，报名已暂停，请联系创城办恢复。
        </Notice>
      ) : null}

      <View className='vol-actionbar-space' />
      <View className='vol-actionbar'>
        {canCancel ? (
          <Button id='event-cancel' fill='outline' type='default' disabled={busy} onClick={cancel}>
            {e.my?.status === 'waitlisted' ? '放弃候补' : '取消报名'}
          </Button>
        ) : null}
        {action === 'signup' || action === 'waitlist' ? (
          <Button id='event-signup' type='primary' loading={busy} disabled={busy} onClick={signUp} data-kind={action}>
            {action === 'waitlist' ? `名额已满，加入候补` : postId ? '报名所选点位' : '立即报名'}
          </Button>
        ) : action === 'scan_in' || action === 'scan_out' ? (
          <Button id='event-scan' type='primary' loading={scan.busy} disabled={scan.busy} onClick={scan.start} data-kind={action === 'scan_in' ? 'in' : 'out'}>
            {action === 'scan_in' ? '扫码签到' : '扫码签退'}
          </Button>
        ) : action === 'register' ? (
          <Button id='event-register' type='primary' onClick={() => openVolunteerPage('register')}>
            注册志愿者后报名
          </Button>
        ) : action === 'pending' ? (
          <Text className='vol-actionbar__hint'>您的志愿者注册正在审核，通过后即可报名</Text>
        ) : action === 'rejected' ? (
          <Button type='primary' fill='outline' onClick={() => openVolunteerPage('register')}>
            注册未通过，修改后重新提交
          </Button>
        ) : !canCancel ? (
          <Text className='vol-actionbar__hint'>{e.my ? (e.my.checkedOut ? '本次服务已完成，感谢您的付出！' : '报名已截止，如不能参加请联系组织者') : (note ?? '暂不可报名')}</Text>
        ) : null}
      </View>
      {scan.sheet}
    </PageShell>
  )
}
