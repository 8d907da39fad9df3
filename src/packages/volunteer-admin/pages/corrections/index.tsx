import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { Field, TextArea, TextInput } from '@/components/volunteer/Field'
import { Notice, Tabs, ToneTag } from '@/components/volunteer/Notice'
import { Sheet } from '@/components/volunteer/Sheet'
import { callAction } from '@/services/cloud'
import { useBusy, useOffsetList } from '@/services/volunteerHooks'
import { CORRECTION_STATUS_LABELS, formatDateTime, formatHours, say, type CorrectionStatus, type CorrectionView } from '@/services/volunteer'
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

const signed = (minutes: number) => `${minutes > 0 ? '+' : ''}${formatHours(minutes)} 小时`

function Corrections() {
  const [status, setStatus] = useState<CorrectionStatus>('pending')
  const list = useOffsetList('volunteer', 'listCorrections', { status }, [status])
  const [approving, setApproving] = useState<CorrectionView | null>(null)
  const [rejecting, setRejecting] = useState<CorrectionView | null>(null)
  const [hours, setHours] = useState('')
  const [note, setNote] = useState('')
  const [sheetError, setSheetError] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, run] = useBusy()

  usePullDownRefresh(() => {
    list.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })
  useReachBottom(() => list.loadMore())

  const openApprove = (c: CorrectionView) => {
    setApproving(c)
    setHours(formatHours(c.requestedMinutes))
    setNote('经核实，同意按申请时长更正')
    setSheetError(null)
  }

  const openReject = (c: CorrectionView) => {
    setRejecting(c)
    setNote('')
    setSheetError(null)
  }

  const approve = () =>
    run(async () => {
      if (!approving) return
      const minutes = Math.round(Number(hours) * 60)
      if (hours.trim() === '' || !Number.isFinite(minutes) || minutes < 0) return setSheetError('请填写核定时长（小时，可含一位小数）')
      if (note.trim().length < 2) return setSheetError('请填写处理说明（至少 2 个字）')
      const res = await callAction('volunteer', 'resolveCorrection', {
        id: approving.id,
        decision: 'approve',
        ...(minutes !== approving.requestedMinutes ? { minutes } : {}),
        note: note.trim(),
      })
      if (!res.ok) return setSheetError(res.message)
      setMessage(`已通过 ${approving.volunteerName} 的更正：${formatHours(res.data.appliedMinutes ?? minutes)} 小时`)
      setApproving(null)
      say('已通过', 'success')
      list.reload()
    })

  const reject = () =>
    run(async () => {
      if (!rejecting) return
      if (note.trim().length < 2) return setSheetError('请填写驳回原因（至少 2 个字）')
      const res = await callAction('volunteer', 'resolveCorrection', { id: rejecting.id, decision: 'reject', note: note.trim() })
      if (!res.ok) return setSheetError(res.message)
      setMessage(`已驳回 ${rejecting.volunteerName} 的更正申请`)
      setRejecting(null)
      list.reload()
    })

  return (
    <>
      <Tabs
        idPrefix='corr-tab'
        tabs={[
          { key: 'pending', label: '待处理' },
          { key: 'approved', label: '已通过' },
          { key: 'rejected', label: '已驳回' },
        ]}
        value={status}
        onChange={setStatus}
      />
      {message ? (
        <Notice id='corr-message' tone='green'>
          {message}
        </Notice>
      ) : null}
      <View id='corr-list' className='corr-list'>
        {list.loading ? (
          <Loading />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : list.items.length === 0 ? (
          <Empty icon='⏱️' title={status === 'pending' ? '暂无待处理的更正申请' : `暂无${CORRECTION_STATUS_LABELS[status]}的更正申请`} />
        ) : (
          list.items.map((c) => (
            <View key={c.id} className='vol-card corr-row' data-id={c.id} data-openid={c.openid} data-status={c.status} data-event={c.eventId}>
              <View className='vol-row'>
                <Text className='corr-row__name'>{c.volunteerName}</Text>
                <View className='vol-spacer' />
                <ToneTag tone={c.status === 'approved' ? 'green' : c.status === 'pending' ? 'orange' : 'grey'}>{CORRECTION_STATUS_LABELS[c.status]}</ToneTag>
              </View>
              <Text className='corr-row__event'>{c.eventTitle}</Text>
              <View className='corr-row__hours' data-current={c.currentMinutes} data-requested={c.requestedMinutes}>
                <Text className='corr-row__from'>记录 {formatHours(c.currentMinutes)} 小时</Text>
                <Text className='corr-row__arrow'>→</Text>
                <Text className='corr-row__to'>申请 {formatHours(c.requestedMinutes)} 小时</Text>
                <Text className='corr-row__delta'>（{signed(c.requestedMinutes - c.currentMinutes)}）</Text>
              </View>
              <Fact label='更正理由' value={c.reason} />
              {c.status === 'approved' && c.appliedMinutes !== null ? <Fact label='核定时长' value={`${formatHours(c.appliedMinutes)} 小时`} /> : null}
              {c.resolutionNote ? <Fact label='处理说明' value={c.resolutionNote} /> : null}
              <Text className='vol-muted corr-row__time'>
                申请于 {formatDateTime(c.createdAt)}
                {c.resolvedAt ? ` · 处理于 ${formatDateTime(c.resolvedAt)}` : ''}
              </Text>
              {c.status === 'pending' ? (
                <View className='admin-row-actions'>
                  <Button className='corr-reject' size='small' fill='outline' type='default' onClick={() => openReject(c)}>
                    驳回
                  </Button>
                  <Button className='corr-approve' size='small' type='primary' disabled={busy} onClick={() => openApprove(c)}>
                    通过
                  </Button>
                </View>
              ) : null}
            </View>
          ))
        )}
        {list.hasMore ? (
          <View className='vol-more' onClick={list.loadMore}>
            <Text>{list.loadingMore ? '加载中…' : '加载更多'}</Text>
          </View>
        ) : null}
      </View>

      <Sheet id='approve-sheet' visible={!!approving} title={`通过更正 · ${approving?.volunteerName ?? ''}`} onClose={() => setApproving(null)} confirmText='确认通过' busy={busy} onConfirm={approve}>
        <Text className='vol-muted'>
          {approving?.eventTitle}：记录 {formatHours(approving?.currentMinutes ?? 0)} 小时，申请 {formatHours(approving?.requestedMinutes ?? 0)} 小时。已确认的时长按差额记更正流水，留痕。
        </Text>
        <Field label='核定时长（小时）' required>
          <TextInput id='approve-hours' type='digit' value={hours} onChange={setHours} placeholder='如 2 或 1.5' maxlength={5} />
        </Field>
        <Field label='处理说明' required>
          <TextArea id='approve-note' value={note} onChange={setNote} placeholder='如：经核实签到记录，同意更正' maxlength={200} />
        </Field>
        {sheetError ? <Notice tone='red'>{sheetError}</Notice> : null}
      </Sheet>
      <Sheet id='reject-sheet' visible={!!rejecting} title={`驳回 · ${rejecting?.volunteerName ?? ''}`} onClose={() => setRejecting(null)} confirmText='确认驳回' danger busy={busy} onConfirm={reject}>
        <Field label='驳回原因（将告知志愿者）' required>
          <TextArea id='reject-note' value={note} onChange={setNote} placeholder='如：签到签退记录与申请不符' maxlength={200} />
        </Field>
        {sheetError ? <Notice tone='red'>{sheetError}</Notice> : null}
      </Sheet>
    </>
  )
}

/** 时长更正审核. Test hooks: #page-vol-admin-corrections, #corr-tab-<status>, #corr-list .corr-row[data-id][data-openid][data-status] with .corr-approve / .corr-reject, #approve-sheet (#approve-hours, #approve-note), #reject-sheet (#reject-note), #corr-message. */
export default function CorrectionsPage() {
  return (
    <PageShell desk id='page-vol-admin-corrections'>
      <StaffOnly>
        <Corrections />
      </StaffOnly>
    </PageShell>
  )
}
