import { useMemo, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { Field, TextArea, TextInput } from '@/components/volunteer/Field'
import { Notice, Tabs, ToneTag } from '@/components/volunteer/Notice'
import { Sheet } from '@/components/volunteer/Sheet'
import { callAction } from '@/services/cloud'
import { useOffsetList, useOnShowAgain, useBusy } from '@/services/volunteerHooks'
import {
  HOURS_SOURCE_LABELS,
  SERVICE_TYPE_GLYPHS,
  formatClock,
  formatHours,
  formatRange,
  openVolunteerPage,
  say,
  type MySignupView,
  type Tone,
} from '@/services/volunteer'
import '../../volunteer.scss'
import './index.scss'

type Scope = 'upcoming' | 'past'

function stateOf(s: MySignupView): { text: string; tone: Tone } {
  if (s.status === 'cancelled') return { text: '已取消', tone: 'grey' }
  if (s.status === 'waitlisted') return { text: s.position ? `候补第 ${s.position} 位` : '候补中', tone: 'orange' }
  if (s.noShow) return { text: '未到场', tone: 'red' }
  if (s.hours?.status === 'confirmed') return { text: '时长已确认', tone: 'green' }
  if (s.hours) return { text: '时长待确认', tone: 'gold' }
  if (s.checkOutAt) return { text: '已签退', tone: 'blue' }
  if (s.checkInAt) return { text: '已签到', tone: 'purple' }
  return { text: '已报名', tone: 'green' }
}

/**
 * 我的报名. Test hooks: #page-vol-signups, #signups-tab-upcoming / -past, .signup-item[data-event][data-status],
 * .signup-correct (申请更正), #correction-sheet with #correction-minutes, #correction-reason, #correction-sheet-confirm.
 */
export default function SignupsPage() {
  const [scope, setScope] = useState<Scope>('upcoming')
  const list = useOffsetList('volunteer', 'mySignUps', { scope }, [scope])
  const corrections = useOffsetList('volunteer', 'myCorrections', {}, [], 100)
  const [correcting, setCorrecting] = useState<MySignupView | null>(null)
  const [minutes, setMinutes] = useState('')
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, run] = useBusy()

  useOnShowAgain(() => list.reload())
  usePullDownRefresh(() => {
    list.reload()
    corrections.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })
  useReachBottom(() => list.loadMore())

  const pendingByEvent = useMemo(() => {
    const m = new Map<string, string>()
    for (const c of corrections.items) if (!m.has(c.eventId)) m.set(c.eventId, c.status === 'pending' ? '更正审核中' : c.status === 'approved' ? '更正已通过' : '更正未通过')
    return m
  }, [corrections.items])

  const submitCorrection = () =>
    run(async () => {
      if (!correcting) return
      const m = Math.round(Number(minutes) * 60)
      if (!Number.isFinite(m) || m < 0 || m > 12 * 60) return setError('请填写 0–12 之间的小时数')
      if (reason.trim().length < 2) return setError('请说明更正理由（至少 2 个字）')
      const res = await callAction('volunteer', 'requestCorrection', { eventId: correcting.eventId, requestedMinutes: m, reason: reason.trim() })
      if (!res.ok) return setError(res.message)
      setCorrecting(null)
      say('已提交更正申请', 'success')
      corrections.reload()
    })

  return (
    <PageShell id='page-vol-signups'>
      <Tabs
        idPrefix='signups-tab'
        tabs={[
          { key: 'upcoming', label: '即将参加' },
          { key: 'past', label: '服务记录' },
        ]}
        value={scope}
        onChange={setScope}
      />
      <View className='signups-list'>
        {list.loading ? (
          <Loading text='正在加载…' />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : list.items.length === 0 ? (
          <Empty
            icon={scope === 'upcoming' ? '🗓️' : '📒'}
            title={scope === 'upcoming' ? '还没有报名的活动' : '还没有服务记录'}
            description={scope === 'upcoming' ? '去志愿页看看近期活动，报名后在这里查看。' : '参加活动并签到签退后，服务记录会出现在这里。'}
            actionText={scope === 'upcoming' ? '去看看活动' : undefined}
            onAction={scope === 'upcoming' ? () => Taro.switchTab({ url: '/pages/volunteer/index' }) : undefined}
          />
        ) : (
          list.items.map((s) => {
            const st = stateOf(s)
            const corr = pendingByEvent.get(s.eventId)
            return (
              <View key={`${s.eventId}`} className='vol-card signup-item' data-event={s.eventId} data-status={s.status} onClick={() => openVolunteerPage('event', { id: s.eventId })}>
                <View className='vol-row'>
                  <Text className='signup-item__title'>
                    {SERVICE_TYPE_GLYPHS[s.eventType]} {s.eventTitle}
                  </Text>
                  <ToneTag tone={st.tone}>{st.text}</ToneTag>
                </View>
                <Text className='vol-muted signup-item__time'>{formatRange(s.startAt, s.endAt)}</Text>
                {s.checkInAt || s.checkOutAt ? (
                  <Text className='vol-muted'>
                    签到 {s.checkInAt ? formatClock(s.checkInAt) : '—'} · 签退 {s.checkOutAt ? formatClock(s.checkOutAt) : '—'}
                  </Text>
                ) : null}
                {s.hours ? (
                  <View className='signup-item__hours'>
                    <Text className='signup-item__hours-value'>{formatHours(s.hours.minutes)} 小时</Text>
                    <Text className='vol-muted'>
                      {HOURS_SOURCE_LABELS[s.hours.source]}
                      {s.hours.reason ? `（${s.hours.reason}）` : ''} · {s.hours.status === 'confirmed' ? '已确认' : '待确认'}
                    </Text>
                  </View>
                ) : null}
                {scope === 'past' && s.status === 'confirmed' ? (
                  <View className='signup-item__foot'>
                    {corr ? <ToneTag tone='blue'>{corr}</ToneTag> : null}
                    <View className='vol-spacer' />
                    <Text
                      className='signup-correct'
                      onClick={(ev) => {
                        ev.stopPropagation()
                        setCorrecting(s)
                        setMinutes(s.hours ? formatHours(s.hours.minutes) : '')
                        setReason('')
                        setError(null)
                      }}
                    >
                      时长有误？申请更正
                    </Text>
                  </View>
                ) : null}
              </View>
            )
          })
        )}
        {list.hasMore ? (
          <View className='vol-more' onClick={list.loadMore}>
            <Text>{list.loadingMore ? '加载中…' : '加载更多'}</Text>
          </View>
        ) : null}
      </View>

      <Sheet id='correction-sheet' visible={!!correcting} title='申请更正服务时长' onClose={() => setCorrecting(null)} confirmText='提交申请' busy={busy} onConfirm={submitCorrection}>
        {correcting ? (
          <View>
            <Text className='vol-muted'>
              {correcting.eventTitle} · 当前记录 {correcting.hours ? `${formatHours(correcting.hours.minutes)} 小时` : '无'}
            </Text>
            <Field label='应记时长（小时）' required>
              <TextInput id='correction-minutes' type='digit' value={minutes} onChange={setMinutes} placeholder='如 2.5' maxlength={5} />
            </Field>
            <Field label='更正理由' required>
              <TextArea id='correction-reason' value={reason} onChange={setReason} placeholder='如：忘记签退，实际服务至 17:00' maxlength={200} />
            </Field>
            {error ? <Notice tone='red'>{error}</Notice> : null}
          </View>
        ) : null}
      </Sheet>
      <View className='signups-foot'>
        <Button size='small' fill='none' onClick={() => openVolunteerPage('record')}>
          查看时间存折 ›
        </Button>
      </View>
    </PageShell>
  )
}
