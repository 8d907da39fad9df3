import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { Field, TextArea } from '@/components/volunteer/Field'
import { Notice, Tabs, ToneTag } from '@/components/volunteer/Notice'
import { Sheet } from '@/components/volunteer/Sheet'
import { callAction } from '@/services/cloud'
import { useBusy, useOffsetList } from '@/services/volunteerHooks'
import {
  AVAILABILITY_LABELS,
  REGISTRATION_STATUS_LABELS,
  SERVICE_TYPE_LABELS,
  SKILL_LABELS,
  confirmDialog,
  formatDateTime,
  formatHours,
  say,
  type RegistrationStatus,
  type VolunteerStaffView,
} from '@/services/volunteer'
import { StaffOnly } from '../../guard'
import '../../admin.scss'
import './index.scss'

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className='vol-fact'>
      <Text className='vol-fact__label'>{label}</Text>
      <Text className='vol-fact__text'>{value}</Text>
    </View>
  )
}

function Registrations() {
  const [status, setStatus] = useState<RegistrationStatus>('pending')
  const list = useOffsetList('volunteer', 'listRegistrations', { status }, [status])
  const [rejecting, setRejecting] = useState<VolunteerStaffView | null>(null)
  const [note, setNote] = useState('')
  const [unpausing, setUnpausing] = useState<VolunteerStaffView | null>(null)
  const [sheetError, setSheetError] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, run] = useBusy()

  usePullDownRefresh(() => {
    list.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })
  useReachBottom(() => list.loadMore())

  const approve = (v: VolunteerStaffView) =>
    run(async () => {
      if (!(await confirmDialog('审核通过', `通过 ${v.name} 的志愿者注册？通过后即可报名活动。`, '通过'))) return
      const res = await callAction('volunteer', 'reviewRegistration', { openid: v.openid, decision: 'approve' })
      if (!res.ok) return say(res.message)
      setMessage(`已通过 ${v.name} 的注册`)
      say('已通过', 'success')
      list.reload()
    })

  const reject = () =>
    run(async () => {
      if (!rejecting) return
      if (note.trim().length < 1) return setSheetError('请填写不通过的原因')
      const res = await callAction('volunteer', 'reviewRegistration', { openid: rejecting.openid, decision: 'reject', note: note.trim() })
      if (!res.ok) return setSheetError(res.message)
      setMessage(`已退回 ${rejecting.name} 的注册`)
      setRejecting(null)
      list.reload()
    })

  const unpause = () =>
    run(async () => {
      if (!unpausing) return
      if (note.trim().length < 2) return setSheetError('请说明恢复原因（至少 2 个字）')
      const res = await callAction('volunteer', 'clearPause', { openid: unpausing.openid, note: note.trim() })
      if (!res.ok) return setSheetError(res.message)
      setUnpausing(null)
      say('已恢复报名', 'success')
      list.reload()
    })

  return (
    <>
      <Tabs
        idPrefix='reg-tab'
        tabs={[
          { key: 'pending', label: '待审核' },
          { key: 'approved', label: '已通过' },
          { key: 'rejected', label: '未通过' },
        ]}
        value={status}
        onChange={setStatus}
      />
      {message ? (
        <Notice id='reg-admin-message' tone='green'>
          {message}
        </Notice>
      ) : null}
      <View id='reg-list' className='reg-list'>
        {list.loading ? (
          <Loading />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : list.items.length === 0 ? (
          <Empty icon='🪪' title={status === 'pending' ? '暂无待审核的注册' : `暂无${REGISTRATION_STATUS_LABELS[status]}的志愿者`} />
        ) : (
          list.items.map((v) => (
            <View key={v.openid} className='vol-card reg-row' data-openid={v.openid} data-status={v.status}>
              <View className='vol-row'>
                <Text className='reg-row__name'>{v.name}</Text>
                {v.gender ? <Text className='vol-muted reg-row__gender'>{v.gender === 'male' ? '男' : '女'}</Text> : null}
                <View className='vol-spacer' />
                {v.signups.paused ? <ToneTag tone='red'>报名已暂停</ToneTag> : null}
                <ToneTag tone={v.status === 'approved' ? 'green' : v.status === 'pending' ? 'orange' : 'grey'}>{REGISTRATION_STATUS_LABELS[v.status]}</ToneTag>
              </View>
              <Fact label='手机号码' value={v.mobileMasked} />
              <Fact label='身份证号' value={v.idNumberMasked ?? '未登记'} />
              <Fact label='服务意向' value={v.services.map((s) => SERVICE_TYPE_LABELS[s]).join('、')} />
              {v.skills.length ? <Fact label='专长' value={v.skills.map((s) => SKILL_LABELS[s]).join('、')} /> : null}
              <Fact label='服务时间' value={v.availability.map((a) => AVAILABILITY_LABELS[a]).join('、')} />
              <Fact label='服务区域' value={v.area?.label ?? '未填写'} />
              <Fact label='服务队' value={v.team?.name ?? '未加入'} />
              {v.status === 'approved' ? <Fact label='服务记录' value={`${formatHours(v.totalMinutes)} 小时 · ${v.serviceCount} 次 · ${v.level.current.name}`} /> : null}
              {v.reviewNote ? <Fact label='审核意见' value={v.reviewNote} /> : null}
              <Text className='vol-muted reg-row__time'>
                提交于 {formatDateTime(v.appliedAt)}
                {v.reviewedAt ? ` · 审核于 ${formatDateTime(v.reviewedAt)}` : ''}
              </Text>
              <View className='admin-row-actions'>
                {v.status === 'pending' ? (
                  <>
                    <Button
                      className='reg-reject'
                      size='small'
                      fill='outline'
                      type='default'
                      onClick={() => {
                        setRejecting(v)
                        setNote('')
                        setSheetError(null)
                      }}
                    >
                      不通过
                    </Button>
                    <Button className='reg-approve' size='small' type='primary' disabled={busy} onClick={() => approve(v)}>
                      通过
                    </Button>
                  </>
                ) : null}
                {v.signups.paused ? (
                  <Button
                    className='reg-unpause'
                    size='small'
                    type='primary'
                    fill='outline'
                    onClick={() => {
                      setUnpausing(v)
                      setNote('')
                      setSheetError(null)
                    }}
                  >
                    恢复报名
                  </Button>
                ) : null}
              </View>
            </View>
          ))
        )}
        {list.hasMore ? (
          <View className='vol-more' onClick={list.loadMore}>
            <Text>{list.loadingMore ? '加载中…' : '加载更多'}</Text>
          </View>
        ) : null}
      </View>

      <Sheet id='reject-sheet' visible={!!rejecting} title={`不通过 · ${rejecting?.name ?? ''}`} onClose={() => setRejecting(null)} confirmText='确认不通过' danger busy={busy} onConfirm={reject}>
        <Field label='原因（将告知申请人）' required>
          <TextArea id='reject-note' value={note} onChange={setNote} placeholder='如：姓名与身份证号码不一致，请核对后重新提交' maxlength={200} />
        </Field>
        {sheetError ? <Notice tone='red'>{sheetError}</Notice> : null}
      </Sheet>
      <Sheet id='unpause-sheet' visible={!!unpausing} title={`恢复报名 · ${unpausing?.name ?? ''}`} onClose={() => setUnpausing(null)} confirmText='恢复报名资格' busy={busy} onConfirm={unpause}>
        <Text className='vol-muted'>
          近 {unpausing?.signups.windowDays} 天爽约 {unpausing?.signups.recentNoShows} 次。恢复后之前的爽约不再计入。
        </Text>
        <Field label='说明' required>
          <TextArea id='unpause-note' value={note} onChange={setNote} placeholder='如：已电话沟通，志愿者承诺按时参加' maxlength={200} />
        </Field>
        {sheetError ? <Notice tone='red'>{sheetError}</Notice> : null}
      </Sheet>
    </>
  )
}

/** 注册审核. Test hooks: #page-vol-admin-registrations, #reg-tab-<status>, .reg-row[data-openid] with .reg-approve / .reg-reject / .reg-unpause, #reject-sheet (#reject-note). */
export default function RegistrationsPage() {
  return (
    <PageShell desk id='page-vol-admin-registrations'>
      <StaffOnly>
        <Registrations />
      </StaffOnly>
    </PageShell>
  )
}
