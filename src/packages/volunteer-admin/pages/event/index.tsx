import { useMemo, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { capacityText } from '@/components/volunteer/EventCard'
import { Field, TextArea, TextInput } from '@/components/volunteer/Field'
import { Bar, Notice, Tabs, ToneTag } from '@/components/volunteer/Notice'
import { Sheet } from '@/components/volunteer/Sheet'
import { callAction } from '@/services/cloud'
import { useAction } from '@/services/useAction'
import { useBusy, useOnShowAgain } from '@/services/volunteerHooks'
import {
  EVENT_STATUS_LABELS,
  EVENT_STATUS_TONES,
  HOURS_SOURCE_LABELS,
  POST_KIND_LABELS,
  POST_TASK_LABELS,
  SERVICE_TYPE_LABELS,
  confirmDialog,
  formatClock,
  formatHours,
  formatRange,
  openVolunteerPage,
  say,
  type EventDetail,
  type RosterRow,
  type Tone,
} from '@/services/volunteer'
import { StaffOnly } from '../../guard'
import { LiveQr } from '../../LiveQr'
import '../../admin.scss'
import './index.scss'

type Tab = 'qr' | 'roster' | 'hours' | 'posts'

function rowState(r: RosterRow): { text: string; tone: Tone } {
  if (r.status === 'waitlisted') return { text: `候补第 ${r.position ?? '?'} 位`, tone: 'orange' }
  if (r.status === 'cancelled') return { text: '已取消', tone: 'grey' }
  if (r.noShow) return { text: '未到场', tone: 'red' }
  if (r.checkOut) return { text: '已签退', tone: 'blue' }
  if (r.checkIn) return { text: '已签到', tone: 'purple' }
  return { text: '已报名', tone: 'green' }
}

const mark = (m: RosterRow['checkIn']) => (m ? `${formatClock(m.at)}${m.method === 'organiser' ? '（手动）' : m.distanceM !== null ? `（${m.distanceM}m）` : ''}` : '—')

function Manage({ id }: { id: string }) {
  const roster = useAction('volunteer', 'eventRoster', { id }, [id])
  const [tab, setTab] = useState<Tab>('roster')
  const [message, setMessage] = useState<{ tone: Tone; text: string } | null>(null)
  const [busy, run] = useBusy()
  // Sheets
  const [cancelling, setCancelling] = useState(false)
  const [cancelReason, setCancelReason] = useState('')
  const [manualFor, setManualFor] = useState<RosterRow | null>(null)
  const [manualHours, setManualHours] = useState('')
  const [manualReason, setManualReason] = useState('')
  const [assignFor, setAssignFor] = useState<RosterRow | null>(null)
  const [sheetError, setSheetError] = useState<string | null>(null)

  useOnShowAgain(() => roster.reload())
  usePullDownRefresh(() => {
    roster.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })

  const data = roster.data
  const rows = useMemo(() => {
    const all = data?.rows.filter((r) => r.status !== 'cancelled') ?? []
    return [...all.filter((r) => r.status === 'confirmed').sort((a, b) => a.seq - b.seq), ...all.filter((r) => r.status === 'waitlisted').sort((a, b) => (a.position ?? 0) - (b.position ?? 0))]
  }, [data])

  if (roster.loading && !data) return <Loading text='正在加载活动名单…' />
  if (!data) return <ErrorState error={roster.error} onRetry={roster.reload} />
  const e: EventDetail = data.event
  const counts = data.counts
  const confirmedRows = rows.filter((r) => r.status === 'confirmed')
  const pendingHours = confirmedRows.filter((r) => r.hours?.status === 'pending')
  const uncovered = e.posts.filter((p) => p.missing > 0)
  const unassigned = confirmedRows.filter((r) => !r.postId)
  const postName = (pid: string | null) => (pid ? e.posts.find((p) => p.id === pid)?.name ?? pid : null)
  const attendanceOpen = e.status === 'published' || e.status === 'ongoing' || e.status === 'finished'

  const fail = (text: string) => {
    setMessage({ tone: 'red', text })
    say(text)
  }

  const publish = () =>
    run(async () => {
      if (!(await confirmDialog('发布活动', `发布后志愿者可在活动开始前 7 天起报名。确定发布「${e.title}」？`, '发布'))) return
      const res = await callAction('volunteer', 'publishEvent', { id: e.id })
      if (!res.ok) return fail(res.message)
      setMessage({ tone: 'green', text: '活动已发布' })
      roster.reload()
    })

  const cancelEvent = () =>
    run(async () => {
      if (cancelReason.trim().length < 2) return setSheetError('请填写取消原因（至少 2 个字）')
      const res = await callAction('volunteer', 'cancelEvent', { id: e.id, reason: cancelReason.trim() })
      if (!res.ok) return setSheetError(res.message)
      setCancelling(false)
      setMessage({ tone: 'grey', text: `活动已取消，已通知 ${res.data.notified} 名志愿者` })
      roster.reload()
    })

  const markAttendance = (r: RosterRow, kind: 'in' | 'out') =>
    run(async () => {
      if (!(await confirmDialog(kind === 'in' ? '手动签到' : '手动签退', `为 ${r.name} 手动${kind === 'in' ? '签到' : '签退'}？（志愿者无法扫码时使用，留痕）`, '确定'))) return
      const res = await callAction('volunteer', 'markAttendance', { eventId: e.id, openid: r.openid, kind })
      if (!res.ok) return fail(res.message)
      say(kind === 'in' ? '已签到' : '已签退', 'success')
      roster.reload()
    })

  const saveManual = () =>
    run(async () => {
      if (!manualFor) return
      const minutes = Math.round(Number(manualHours) * 60)
      if (!Number.isFinite(minutes) || minutes < 1) return setSheetError('请填写服务时长（小时，可含一位小数）')
      if (manualReason.trim().length < 2) return setSheetError('补录须说明理由（至少 2 个字）')
      const res = await callAction('volunteer', 'setManualHours', { eventId: e.id, openid: manualFor.openid, minutes, reason: manualReason.trim() })
      if (!res.ok) return setSheetError(res.message)
      setManualFor(null)
      say('已补录', 'success')
      roster.reload()
    })

  const confirm = (openids?: string[]) =>
    run(async () => {
      const who = openids ? rows.find((r) => r.openid === openids[0])?.name ?? '' : `全部 ${pendingHours.length} 名志愿者`
      if (!(await confirmDialog('确认服务时长', `确认${who}的服务时长？确认后记入时间存折并发放积分。`, '确认'))) return
      const res = await callAction('volunteer', 'confirmHours', { eventId: e.id, ...(openids ? { openids } : {}) })
      if (!res.ok) return fail(res.message)
      const skipped = res.data.skipped.length ? `；${res.data.skipped.length} 人未确认：${res.data.skipped.map((s) => `${rows.find((r) => r.openid === s.openid)?.name ?? s.openid}（${s.reason}）`).join('、')}` : ''
      setMessage({ tone: res.data.confirmed > 0 ? 'green' : 'orange', text: `已确认 ${res.data.confirmed} 人，共 ${formatHours(res.data.minutes)} 小时${skipped}` })
      roster.reload()
    })

  const assign = (r: RosterRow, postId: string | null) =>
    run(async () => {
      const res = await callAction('volunteer', 'assignPost', { eventId: e.id, openid: r.openid, postId })
      if (!res.ok) return setSheetError(res.message)
      setAssignFor(null)
      say(postId ? '已分配点位' : '已取消分配', 'success')
      roster.reload()
    })

  return (
    <>
      <View id='admin-event-head' className='vol-card' data-id={e.id} data-status={e.status}>
        <View className='event-card__head'>
          <ToneTag tone={EVENT_STATUS_TONES[e.status]}>{EVENT_STATUS_LABELS[e.status]}</ToneTag>
          <ToneTag tone='blue'>{SERVICE_TYPE_LABELS[e.type]}</ToneTag>
          {e.seriesId ? <ToneTag tone='gold'>每周系列</ToneTag> : null}
        </View>
        <Text className='admin-event__title'>{e.title}</Text>
        <View className='vol-fact'>
          <Text className='vol-fact__glyph'>🕒</Text>
          <Text className='vol-fact__text'>{formatRange(e.startAt, e.endAt)}</Text>
        </View>
        <View className='vol-fact'>
          <Text className='vol-fact__glyph'>📍</Text>
          <Text className='vol-fact__text'>
            {e.place.address}
            {e.meetingPoint ? `（集合：${e.meetingPoint}）` : ''}
          </Text>
        </View>
        <View className='admin-event__cap'>
          <Bar ratio={e.capacity ? e.confirmedCount / e.capacity : 0} full={e.confirmedCount >= e.capacity} />
          <Text className='event-card__cap-text'>{capacityText(e)}</Text>
        </View>
        {e.status === 'cancelled' && e.cancelReason ? <Notice tone='grey'>取消原因：{e.cancelReason}</Notice> : null}
        <View className='admin-row-actions'>
          {e.status === 'draft' || e.status === 'published' ? (
            <Button id='admin-edit' size='small' fill='outline' type='default' onClick={() => openVolunteerPage('adminEventEdit', { id: e.id })}>
              编辑
            </Button>
          ) : null}
          {e.status === 'draft' || e.status === 'published' ? (
            <Button
              id='admin-cancel'
              size='small'
              fill='outline'
              type='danger'
              onClick={() => {
                setCancelling(true)
                setCancelReason('')
                setSheetError(null)
              }}
            >
              取消活动
            </Button>
          ) : null}
          {e.status === 'draft' ? (
            <Button id='admin-publish' size='small' type='primary' loading={busy} onClick={publish}>
              发布活动
            </Button>
          ) : null}
        </View>
      </View>

      {message ? (
        <Notice id='admin-message' tone={message.tone}>
          {message.text}
        </Notice>
      ) : null}

      <Tabs
        idPrefix='admin-tab'
        tabs={[
          { key: 'qr', label: '签到码' },
          { key: 'roster', label: '名单', count: counts.confirmed + counts.waitlisted || null },
          { key: 'hours', label: '时长', count: counts.hoursPending || null },
          { key: 'posts', label: '点位', count: uncovered.length || null },
        ]}
        value={tab}
        onChange={setTab}
      />

      {tab === 'qr' ? (
        <View className='admin-panel'>
          {attendanceOpen ? (
            <LiveQr eventId={e.id} active={tab === 'qr'} checkedIn={counts.checkedIn} checkedOut={counts.checkedOut} confirmed={counts.confirmed} />
          ) : (
            <Empty compact icon='🔒' title={e.status === 'draft' ? '活动尚未发布' : '活动已取消'} description='发布后的活动才能生成签到码。' />
          )}
        </View>
      ) : null}

      {tab === 'roster' ? (
        <View id='admin-roster' className='vol-card admin-panel'>
          <View className='admin-counts'>
            <Text>报名 {counts.confirmed}</Text>
            <Text>候补 {counts.waitlisted}</Text>
            <Text>签到 {counts.checkedIn}</Text>
            <Text>签退 {counts.checkedOut}</Text>
            {counts.noShows ? <Text className='is-warn'>未到 {counts.noShows}</Text> : null}
          </View>
          {rows.length === 0 ? (
            <Empty compact icon='🧑‍🤝‍🧑' title='还没有志愿者报名' description='发布后志愿者报名会出现在这里。' />
          ) : (
            rows.map((r) => {
              const st = rowState(r)
              return (
                <View key={r.openid} className='roster-row' data-openid={r.openid} data-status={r.status} data-checked-in={String(!!r.checkIn)} data-checked-out={String(!!r.checkOut)}>
                  <View className='vol-row'>
                    <Text className='roster-row__name'>{r.name}</Text>
                    <Text className='vol-muted roster-row__mobile'>{r.mobileMasked}</Text>
                    <View className='vol-spacer' />
                    <ToneTag tone={st.tone}>{st.text}</ToneTag>
                  </View>
                  <Text className='vol-muted'>
                    {r.team ?? '未加入服务队'} · 点位：{postName(r.postId) ?? '未分配'}
                    {r.addedByOrganiser ? ' · 组织者补录' : ''}
                  </Text>
                  {r.status === 'confirmed' ? (
                    <>
                      <Text className='vol-muted'>
                        签到 {mark(r.checkIn)} · 签退 {mark(r.checkOut)}
                      </Text>
                      <View className='admin-row-actions'>
                        {e.posts.length > 0 ? (
                          <Button
                            className='roster-assign'
                            size='small'
                            fill='outline'
                            type='default'
                            onClick={() => {
                              setAssignFor(r)
                              setSheetError(null)
                            }}
                          >
                            分配点位
                          </Button>
                        ) : null}
                        {attendanceOpen && !r.checkIn ? (
                          <Button className='roster-mark-in' size='small' fill='outline' type='primary' onClick={() => markAttendance(r, 'in')}>
                            手动签到
                          </Button>
                        ) : null}
                        {attendanceOpen && r.checkIn && !r.checkOut ? (
                          <Button className='roster-mark-out' size='small' fill='outline' type='primary' onClick={() => markAttendance(r, 'out')}>
                            手动签退
                          </Button>
                        ) : null}
                      </View>
                    </>
                  ) : null}
                </View>
              )
            })
          )}
        </View>
      ) : null}

      {tab === 'hours' ? (
        <View id='admin-hours' className='vol-card admin-panel'>
          <View className='vol-row admin-hours__head'>
            <Text className='vol-muted'>
              待确认 {counts.hoursPending} 人 · 已确认 {counts.hoursConfirmed} 人
            </Text>
            <View className='vol-spacer' />
            <Button id='confirm-hours-all' size='small' type='primary' disabled={pendingHours.length === 0 || busy} onClick={() => confirm()}>
              全部确认
            </Button>
          </View>
          {confirmedRows.length === 0 ? (
            <Empty compact icon='⏱️' title='暂无需要确认的时长' />
          ) : (
            confirmedRows.map((r) => (
              <View key={r.openid} className='hours-row' data-openid={r.openid} data-hours-status={r.hours?.status ?? 'none'} data-minutes={String(r.hours?.minutes ?? 0)}>
                <View className='vol-row'>
                  <Text className='roster-row__name'>{r.name}</Text>
                  <View className='vol-spacer' />
                  {r.hours ? (
                    <Text className='hours-row__value'>{formatHours(r.hours.minutes)} 小时</Text>
                  ) : (
                    <Text className='vol-muted'>{r.checkIn ? '未签退' : '未签到'}</Text>
                  )}
                </View>
                {r.hours ? (
                  <View className='vol-row hours-row__meta'>
                    <ToneTag tone={r.hours.source === 'manual' ? 'purple' : 'blue'}>{HOURS_SOURCE_LABELS[r.hours.source]}</ToneTag>
                    <ToneTag tone={r.hours.status === 'confirmed' ? 'green' : 'gold'}>{r.hours.status === 'confirmed' ? '已确认' : '待确认'}</ToneTag>
                  </View>
                ) : null}
                {r.hours?.reason ? <Text className='vol-muted hours-row__reason'>补录理由：{r.hours.reason}</Text> : null}
                <Text className='vol-muted'>
                  签到 {mark(r.checkIn)} · 签退 {mark(r.checkOut)}
                </Text>
                {r.hours?.status !== 'confirmed' ? (
                  <View className='admin-row-actions'>
                    <Button
                      className='hours-manual'
                      size='small'
                      fill='outline'
                      type='default'
                      onClick={() => {
                        setManualFor(r)
                        setManualHours(r.hours ? formatHours(r.hours.minutes) : '')
                        setManualReason('')
                        setSheetError(null)
                      }}
                    >
                      {r.hours?.source === 'manual' ? '修改补录' : r.hours ? '改为补录' : '补录时长'}
                    </Button>
                    {r.hours?.status === 'pending' ? (
                      <Button className='hours-confirm' size='small' type='primary' onClick={() => confirm([r.openid])}>
                        确认
                      </Button>
                    ) : null}
                  </View>
                ) : null}
              </View>
            ))
          )}
        </View>
      ) : null}

      {tab === 'posts' ? (
        <View id='admin-posts' className='admin-panel'>
          {e.posts.length === 0 ? (
            <View className='vol-card'>
              <Empty compact icon='🚩' title='本活动未设点位' description='编辑活动可添加点位（名称、任务、所需人数）。' />
            </View>
          ) : (
            <>
              <View id='uncovered-posts' className='vol-card' data-count={String(uncovered.length)}>
                <Text className='vol-card__title'>缺员点位 {uncovered.length} 个</Text>
                {uncovered.length === 0 ? <Text className='vol-muted'>所有点位均已满员 👍</Text> : null}
                {uncovered.map((p) => (
                  <View key={p.id} className='uncovered-post' data-id={p.id} data-missing={String(p.missing)}>
                    <View className='vol-row'>
                      <Text className='roster-row__name'>{p.name}</Text>
                      <View className='vol-spacer' />
                      <ToneTag tone='orange'>缺 {p.missing} 人</ToneTag>
                    </View>
                    <Text className='vol-muted'>
                      {POST_KIND_LABELS[p.kind]} · {POST_TASK_LABELS[p.task]} · 已分配 {p.assigned}/{p.needed}
                    </Text>
                    {unassigned.length > 0 ? (
                      <View className='uncovered-post__pick'>
                        <Text className='vol-muted'>未分配点位的志愿者：</Text>
                        <View className='vol-chips'>
                          {unassigned.slice(0, 12).map((r) => (
                            <View key={r.openid} className='vol-chip assign-to-post' data-openid={r.openid} data-post={p.id} onClick={() => assign(r, p.id)}>
                              <Text>+ {r.name}</Text>
                            </View>
                          ))}
                        </View>
                      </View>
                    ) : null}
                  </View>
                ))}
              </View>
              <View className='vol-card'>
                <Text className='vol-card__title'>全部点位</Text>
                {e.posts.map((p) => (
                  <View key={p.id} className='vol-list-row admin-post' data-id={p.id}>
                    <View className='vol-list-row__main'>
                      <Text className='vol-list-row__title'>{p.name}</Text>
                      <Text className='vol-list-row__sub'>
                        {POST_KIND_LABELS[p.kind]} · {POST_TASK_LABELS[p.task]} · {confirmedRows.filter((r) => r.postId === p.id).map((r) => r.name).join('、') || '暂无人员'}
                      </Text>
                    </View>
                    <Text className='vol-list-row__side vol-muted'>
                      {p.assigned}/{p.needed}
                    </Text>
                  </View>
                ))}
              </View>
            </>
          )}
        </View>
      ) : null}

      <Sheet id='cancel-sheet' visible={cancelling} title='取消活动' onClose={() => setCancelling(false)} confirmText='确认取消活动' danger busy={busy} onConfirm={cancelEvent}>
        <Text className='vol-muted'>取消后将通知已报名和候补的 {counts.confirmed + counts.waitlisted} 名志愿者。</Text>
        <Field label='取消原因' required>
          <TextArea id='cancel-reason' value={cancelReason} onChange={setCancelReason} placeholder='如：因暴雨预警，本次活动取消' maxlength={200} />
        </Field>
        {sheetError ? <Notice tone='red'>{sheetError}</Notice> : null}
      </Sheet>
      <Sheet id='manual-sheet' visible={!!manualFor} title={`补录时长 · ${manualFor?.name ?? ''}`} onClose={() => setManualFor(null)} confirmText='保存补录' busy={busy} onConfirm={saveManual}>
        <Field label='服务时长（小时）' required hint={`不超过活动时长。签到记录：签到 ${mark(manualFor?.checkIn ?? null)}，签退 ${mark(manualFor?.checkOut ?? null)}`}>
          <TextInput id='manual-hours' type='digit' value={manualHours} onChange={setManualHours} placeholder='如 2 或 1.5' maxlength={5} />
        </Field>
        <Field label='补录理由' required>
          <TextArea id='manual-reason' value={manualReason} onChange={setManualReason} placeholder='如：手机没电未能签退，现场负责人确认服务至结束' maxlength={200} />
        </Field>
        {sheetError ? <Notice tone='red'>{sheetError}</Notice> : null}
      </Sheet>
      <Sheet id='assign-sheet' visible={!!assignFor} title={`分配点位 · ${assignFor?.name ?? ''}`} onClose={() => setAssignFor(null)}>
        {assignFor ? (
          <View className='assign-sheet'>
            <ChoiceChips
              idPrefix='assign-post'
              options={e.posts.map((p) => ({ value: p.id, label: `${p.name}（${p.assigned}/${p.needed}）` }))}
              value={assignFor.postId}
              onChange={(v) => assign(assignFor, v)}
              allowClear
            />
            {sheetError ? <Notice tone='red'>{sheetError}</Notice> : null}
          </View>
        ) : null}
      </Sheet>
    </>
  )
}

/** Organiser's event screen. Test hooks: #page-vol-admin-event, #admin-event-head[data-status], #admin-tab-<qr|roster|hours|posts>, see Manage and LiveQr. */
export default function AdminEventPage() {
  const { params } = useRouter()
  return (
    <PageShell desk id='page-vol-admin-event'>
      <StaffOnly>{params.id ? <Manage id={params.id} /> : <ErrorState title='活动不存在' message='链接中缺少活动编号' />}</StaffOnly>
    </PageShell>
  )
}
