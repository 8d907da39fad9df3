import { useEffect, useMemo, useState, type ReactNode } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { Field, TextArea, TextInput } from '@/components/volunteer/Field'
import { Notice, Tabs, ToneTag } from '@/components/volunteer/Notice'
import { Sheet } from '@/components/volunteer/Sheet'
import { callAction, type ClientFail } from '@/services/cloud'
import { CONSENT_REQUIRED_MESSAGE, ensureConsent } from '@/services/privacy'
import { useAction } from '@/services/useAction'
import { useBusy, useOffsetList, useOnShowAgain } from '@/services/volunteerHooks'
import {
  MOBILE_RE,
  REAL_NAME_RE,
  REQUEST_MAX_MINUTES,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUS_TONES,
  SERVICE_TYPES,
  SERVICE_TYPE_GLYPHS,
  SERVICE_TYPE_SHORT,
  SUBSCRIBE_ON_REQUEST,
  askSubscribe,
  chinaLocalToIso,
  confirmDialog,
  formatDateTime,
  isoToChinaDate,
  say,
  type RequestView,
  type ServiceType,
} from '@/services/volunteer'
import '../../volunteer.scss'
import './index.scss'

type Tab = 'ask' | 'mine' | 'team'
type TeamScope = 'open' | 'taken'

const CATEGORIES = SERVICE_TYPES.filter((t) => t !== 'traffic')
const TIME_SLOTS = ['08:00', '09:00', '10:00', '14:00', '15:00', '16:00', '19:00']
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** The next 7 Beijing dates as chips: `今天`, `明天`, `11月30日 周日`. */
function nextDays(now: number): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = []
  for (let i = 0; i < 7; i++) {
    const t = now + i * 86400000
    const value = isoToChinaDate(t)
    const d = new Date(t + 8 * 3600000)
    out.push({ value, label: i === 0 ? '今天' : i === 1 ? '明天' : `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS[d.getUTCDay()]}` })
  }
  return out
}

function RequestCard({ r, children }: { r: RequestView; children?: ReactNode }) {
  return (
    <View className='vol-card request-item' data-id={r.id} data-status={r.status}>
      <View className='vol-row'>
        <Text className='request-item__title'>
          {SERVICE_TYPE_GLYPHS[r.category]} {SERVICE_TYPE_SHORT[r.category]}
        </Text>
        <ToneTag tone={REQUEST_STATUS_TONES[r.status]}>{REQUEST_STATUS_LABELS[r.status]}</ToneTag>
      </View>
      <Text className='request-item__desc'>{r.description}</Text>
      <View className='vol-fact'>
        <Text className='vol-fact__glyph'>📍</Text>
        <Text className='vol-fact__text'>{r.place.address}</Text>
      </View>
      <View className='vol-fact'>
        <Text className='vol-fact__glyph'>🕒</Text>
        <Text className='vol-fact__text'>期望 {formatDateTime(r.expectedAt)}</Text>
      </View>
      <View className='vol-fact'>
        <Text className='vol-fact__glyph'>👤</Text>
        <Text className='vol-fact__text'>
          {r.contactName} {r.contactMobile}
        </Text>
      </View>
      {r.team ? (
        <View className='vol-fact'>
          <Text className='vol-fact__glyph'>🚩</Text>
          <Text className='vol-fact__text'>
            {r.team.name}
            {r.volunteerName ? ` · ${r.volunteerName}` : ''}
          </Text>
        </View>
      ) : null}
      {r.minutes !== null ? (
        <View className='vol-fact'>
          <Text className='vol-fact__glyph'>⏱️</Text>
          <Text className='vol-fact__text'>
            服务 {Math.round((r.minutes / 60) * 10) / 10} 小时{r.doneNote ? ` · ${r.doneNote}` : ''}
          </Text>
        </View>
      ) : null}
      {r.rating ? (
        <View className='vol-fact'>
          <Text className='vol-fact__glyph'>⭐</Text>
          <Text className='vol-fact__text'>
            {'★'.repeat(r.rating.score)}
            {'☆'.repeat(5 - r.rating.score)}
            {r.rating.comment ? ` ${r.rating.comment}` : ''}
            {r.rating.auto ? '（超时自动好评）' : ''}
          </Text>
        </View>
      ) : null}
      {r.closedReason ? <Text className='vol-muted'>说明：{r.closedReason}</Text> : null}
      {children ? <View className='request-item__actions'>{children}</View> : null}
    </View>
  )
}

/**
 * 点单服务: a resident asks (点单) and rates (评单); members of the team it was dispatched to take it (接单)
 * and complete it. Test hooks: #page-vol-requests, #requests-tab-ask / -mine / -team, form #req-category-<t>,
 * #req-address, #req-date-<d>, #req-time-<hh:mm>, #req-description, #req-contact-name, #req-contact-mobile,
 * #req-submit, #req-error; .request-item[data-id][data-status] with .request-cancel, .request-rate,
 * .request-take, .request-complete, .request-release; sheets #rate-sheet (#rate-star-<n>, #rate-comment),
 * #complete-sheet (#complete-hours, #complete-note), #release-sheet (#release-reason).
 */
export default function RequestsPage() {
  const profile = useAction('volunteer', 'myProfile', {})
  const districts = useAction('city', 'listDistricts', {})
  const p = profile.data?.profile
  const isMember = p?.status === 'approved' && !!p.team
  const [tab, setTab] = useState<Tab>('ask')
  const [teamScope, setTeamScope] = useState<TeamScope>('open')
  const mine = useOffsetList('volunteer', 'myRequests', {}, [])
  const team = useOffsetList('volunteer', 'teamRequests', { scope: teamScope === 'open' ? 'open' : 'mine' }, [teamScope, isMember])

  // Form
  const days = useMemo(() => nextDays(Date.now()), [])
  const [category, setCategory] = useState<ServiceType | null>(null)
  const [districtId, setDistrictId] = useState<string | null>(null)
  const [here, setHere] = useState<{ lat: number; lng: number } | null>(null)
  const [address, setAddress] = useState('')
  const [date, setDate] = useState(days[1].value)
  const [time, setTime] = useState('09:00')
  const [description, setDescription] = useState('')
  const [contactName, setContactName] = useState('')
  const [contactMobile, setContactMobile] = useState('')
  const [formError, setFormError] = useState<ClientFail | { code: string; message: string } | null>(null)
  const [busy, run] = useBusy()

  // Sheets
  const [rating, setRating] = useState<RequestView | null>(null)
  const [score, setScore] = useState(5)
  const [comment, setComment] = useState('')
  const [completing, setCompleting] = useState<RequestView | null>(null)
  const [hours, setHours] = useState('1')
  const [note, setNote] = useState('')
  const [releasing, setReleasing] = useState<RequestView | null>(null)
  const [reason, setReason] = useState('')
  const [sheetError, setSheetError] = useState<string | null>(null)

  useEffect(() => {
    if (p && !contactName) setContactName(p.name)
    if (p && !contactMobile) setContactMobile(p.mobile)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p])
  useEffect(() => {
    if (!districtId && districts.data?.items.length) setDistrictId(districts.data.items[0].id)
  }, [districts.data, districtId])

  useOnShowAgain(() => {
    mine.reload()
    team.reload()
  })
  usePullDownRefresh(() => {
    mine.reload()
    team.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })

  const district = districts.data?.items.find((d) => d.id === districtId) ?? null
  const point = here ?? district?.center ?? null

  const locate = async () => {
    if (!(await ensureConsent())) return say(CONSENT_REQUIRED_MESSAGE)
    try {
      const res = await Taro.getLocation({ type: process.env.TARO_ENV === 'weapp' ? 'gcj02' : 'wgs84' })
      setHere({ lat: res.latitude, lng: res.longitude })
      say('已使用当前位置')
    } catch {
      say('定位失败，将使用所选区县的位置')
    }
  }

  const submit = () =>
    run(async () => {
      setFormError(null)
      const fail = (message: string) => setFormError({ code: 'INVALID_INPUT', message })
      if (!category) return fail('请选择服务类别')
      if (address.trim().length < 2) return fail('请填写服务地点')
      if (!point) return fail('请选择所在区县或使用当前位置')
      if (description.trim().length < 5) return fail('请描述需求（至少 5 个字）')
      if (!REAL_NAME_RE.test(contactName.trim())) return fail('请填写联系人姓名')
      if (!MOBILE_RE.test(contactMobile.trim())) return fail('请填写 11 位联系电话')
      const expectedAt = chinaLocalToIso(date, time)
      if (!expectedAt) return fail('请选择期望时间')
      await askSubscribe(SUBSCRIBE_ON_REQUEST)
      const res = await callAction('volunteer', 'submitRequest', {
        category,
        place: { address: `${district && !here ? district.name : ''}${address.trim()}`.slice(0, 100), lat: point.lat, lng: point.lng },
        expectedAt,
        description: description.trim(),
        contactName: contactName.trim(),
        contactMobile: contactMobile.trim(),
      })
      if (!res.ok) return setFormError(res)
      say('已提交，等待派单', 'success')
      setDescription('')
      setAddress('')
      setCategory(null)
      mine.reload()
      setTab('mine')
    })

  const act = async (work: () => Promise<{ ok: boolean; message?: string }>, done: string) => {
    const res = await work()
    if (!res.ok) {
      setSheetError(res.message ?? '操作失败')
      say(res.message ?? '操作失败')
      return false
    }
    say(done, 'success')
    mine.reload()
    team.reload()
    return true
  }

  const cancel = (r: RequestView) =>
    run(async () => {
      if (!(await confirmDialog('撤回需求', '确定撤回这条服务需求吗？', '撤回', true))) return
      await act(() => callAction('volunteer', 'cancelRequest', { id: r.id }) as never, '已撤回')
    })
  const take = (r: RequestView) =>
    run(async () => {
      if (!(await confirmDialog('接单', `接下这条${SERVICE_TYPE_SHORT[r.category]}需求？接单后请按约定时间联系服务对象。`, '接单'))) return
      if (await act(() => callAction('volunteer', 'takeRequest', { id: r.id }) as never, '接单成功')) setTeamScope('taken')
    })
  const rate = () =>
    run(async () => {
      if (!rating) return
      if ((await act(() => callAction('volunteer', 'rateRequest', { id: rating.id, score, ...(comment.trim() ? { comment: comment.trim() } : {}) }) as never, '感谢评价')) === true) setRating(null)
    })
  const complete = () =>
    run(async () => {
      if (!completing) return
      const m = Math.round(Number(hours) * 60)
      if (!Number.isFinite(m) || m < 10 || m > REQUEST_MAX_MINUTES) return setSheetError(`服务时长应在 10 分钟到 ${REQUEST_MAX_MINUTES / 60} 小时之间`)
      if ((await act(() => callAction('volunteer', 'completeRequest', { id: completing.id, minutes: m, ...(note.trim() ? { note: note.trim() } : {}) }) as never, '已完成')) === true) setCompleting(null)
    })
  const release = () =>
    run(async () => {
      if (!releasing) return
      if (reason.trim().length < 2) return setSheetError('请说明原因（至少 2 个字）')
      if ((await act(() => callAction('volunteer', 'releaseRequest', { id: releasing.id, reason: reason.trim() }) as never, '已退回服务队')) === true) setReleasing(null)
    })

  const tabs = [
    { key: 'ask' as const, label: '我要点单' },
    { key: 'mine' as const, label: '我的需求', count: mine.items.filter((r) => r.status === 'done').length || null },
    ...(isMember ? [{ key: 'team' as const, label: '服务队接单' }] : []),
  ]

  return (
    <PageShell id='page-vol-requests'>
      <View className='vol-page-title'>
        <Text className='vol-page-title__text'>点单服务</Text>
        <Text className='vol-page-title__sub'>市民点单 → 创城办派单 → 志愿者接单 → 市民评单</Text>
      </View>
      <Tabs idPrefix='requests-tab' tabs={tabs} value={tab} onChange={setTab} />

      {tab === 'ask' ? (
        <View id='req-form' className='vol-card'>
          <Field label='服务类别' required>
            <ChoiceChips idPrefix='req-category' options={CATEGORIES.map((t) => ({ value: t, label: SERVICE_TYPE_SHORT[t], glyph: SERVICE_TYPE_GLYPHS[t] }))} value={category} onChange={setCategory} />
          </Field>
          <Field
            label='服务地点'
            required
            extra={
              <Text id='req-locate' className='req-locate' onClick={locate}>
                {here ? '✓ 已定位' : '使用当前位置'}
              </Text>
            }
          >
            {!here ? (
              districts.loading && !districts.data ? (
                <Text className='vol-muted'>正在加载区县…</Text>
              ) : (
                <ChoiceChips idPrefix='req-district' options={(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))} value={districtId} onChange={(v) => v && setDistrictId(v)} />
              )
            ) : null}
            <View className='req-gap' />
            <TextInput id='req-address' value={address} onChange={setAddress} placeholder='街道、小区、楼栋门牌' maxlength={80} />
          </Field>
          <Field label='期望时间' required>
            <ChoiceChips idPrefix='req-date' row options={days} value={date} onChange={(v) => v && setDate(v)} />
            <ChoiceChips idPrefix='req-time' row options={TIME_SLOTS.map((t) => ({ value: t, label: t }))} value={time} onChange={(v) => v && setTime(v)} />
          </Field>
          <Field label='需求描述' required hint='请说明需要帮助的内容、服务对象情况等，5–500 字。'>
            <TextArea id='req-description' value={description} onChange={setDescription} placeholder='如：独居老人家中水龙头漏水，需要上门维修' maxlength={500} />
          </Field>
          <Field label='联系人' required>
            <TextInput id='req-contact-name' value={contactName} onChange={setContactName} placeholder='姓名' maxlength={30} />
          </Field>
          <Field label='联系电话' required hint='仅接单志愿者可见完整号码。'>
            <TextInput id='req-contact-mobile' type='number' value={contactMobile} onChange={setContactMobile} placeholder='11 位手机号码' maxlength={11} />
          </Field>
          {formError ? (
            <Notice id='req-error' tone='red' code={formError.code}>
              {formError.message}
            </Notice>
          ) : null}
          <View className='req-submit'>
            <Button id='req-submit' type='primary' block loading={busy} disabled={busy} onClick={submit}>
              提交需求
            </Button>
          </View>
        </View>
      ) : tab === 'mine' ? (
        <View id='req-mine'>
          {mine.loading ? (
            <Loading />
          ) : mine.error ? (
            <ErrorState error={mine.error} onRetry={mine.reload} />
          ) : mine.items.length === 0 ? (
            <Empty icon='🙋' title='还没有提出过需求' description='助老助残、便民维修、法律咨询……有需要就来点单。' actionText='我要点单' onAction={() => setTab('ask')} />
          ) : (
            mine.items.map((r) => (
              <RequestCard key={r.id} r={r}>
                {r.status === 'submitted' || r.status === 'dispatched' ? (
                  <Button className='request-cancel' size='small' fill='outline' type='default' onClick={() => cancel(r)}>
                    撤回
                  </Button>
                ) : null}
                {r.status === 'done' ? (
                  <Button
                    className='request-rate'
                    size='small'
                    type='primary'
                    onClick={() => {
                      setRating(r)
                      setScore(5)
                      setComment('')
                      setSheetError(null)
                    }}
                  >
                    评价服务
                  </Button>
                ) : null}
              </RequestCard>
            ))
          )}
        </View>
      ) : (
        <View id='req-team'>
          <View className='req-team-scope'>
            <ChoiceChips
              idPrefix='req-team-scope'
              options={[
                { value: 'open', label: '待接单' },
                { value: 'taken', label: '我接的' },
              ]}
              value={teamScope}
              onChange={(v) => v && setTeamScope(v)}
            />
            <Text className='vol-muted'>{p?.team?.name}</Text>
          </View>
          {team.loading ? (
            <Loading />
          ) : team.error ? (
            <ErrorState error={team.error} onRetry={team.reload} />
          ) : team.items.length === 0 ? (
            <Empty compact icon='📭' title={teamScope === 'open' ? '暂无待接的需求' : '您还没有接单'} description='创城办派给您所在服务队的需求会出现在这里。' />
          ) : (
            team.items.map((r) => (
              <RequestCard key={r.id} r={r}>
                {r.status === 'dispatched' ? (
                  <Button className='request-take' size='small' type='primary' onClick={() => take(r)}>
                    接单
                  </Button>
                ) : null}
                {r.status === 'taken' && r.mine ? (
                  <>
                    <Button
                      className='request-release'
                      size='small'
                      fill='outline'
                      type='default'
                      onClick={() => {
                        setReleasing(r)
                        setReason('')
                        setSheetError(null)
                      }}
                    >
                      退回
                    </Button>
                    <Button
                      className='request-complete'
                      size='small'
                      type='primary'
                      onClick={() => {
                        setCompleting(r)
                        setHours('1')
                        setNote('')
                        setSheetError(null)
                      }}
                    >
                      服务完成
                    </Button>
                  </>
                ) : null}
              </RequestCard>
            ))
          )}
        </View>
      )}

      <Sheet id='rate-sheet' visible={!!rating} title='评价本次服务' onClose={() => setRating(null)} confirmText='提交评价' busy={busy} onConfirm={rate}>
        <View className='rate-stars'>
          {[1, 2, 3, 4, 5].map((n) => (
            <Text key={n} id={`rate-star-${n}`} className={`rate-star${n <= score ? ' is-on' : ''}`} onClick={() => setScore(n)}>
              ★
            </Text>
          ))}
        </View>
        <Field label='评价（选填）'>
          <TextArea id='rate-comment' value={comment} onChange={setComment} placeholder='说说志愿者的服务' maxlength={200} />
        </Field>
        {sheetError ? <Notice tone='red'>{sheetError}</Notice> : null}
      </Sheet>
      <Sheet id='complete-sheet' visible={!!completing} title='服务完成' onClose={() => setCompleting(null)} confirmText='确认完成' busy={busy} onConfirm={complete}>
        <Field label='服务时长（小时）' required hint='市民评价后记入您的时间存折（7 天未评价自动记入）。'>
          <TextInput id='complete-hours' type='digit' value={hours} onChange={setHours} maxlength={4} />
        </Field>
        <Field label='服务说明（选填）'>
          <TextArea id='complete-note' value={note} onChange={setNote} placeholder='如：已更换水龙头' maxlength={200} />
        </Field>
        {sheetError ? <Notice tone='red'>{sheetError}</Notice> : null}
      </Sheet>
      <Sheet id='release-sheet' visible={!!releasing} title='退回需求' onClose={() => setReleasing(null)} confirmText='退回服务队' danger busy={busy} onConfirm={release}>
        <Field label='退回原因' required>
          <TextArea id='release-reason' value={reason} onChange={setReason} placeholder='如：临时有事无法前往' maxlength={200} />
        </Field>
        {sheetError ? <Notice tone='red'>{sheetError}</Notice> : null}
      </Sheet>
    </PageShell>
  )
}
