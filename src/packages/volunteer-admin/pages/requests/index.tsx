import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { Field, TextArea } from '@/components/volunteer/Field'
import { Notice, ToneTag } from '@/components/volunteer/Notice'
import { Sheet } from '@/components/volunteer/Sheet'
import { callAction } from '@/services/cloud'
import { useAction } from '@/services/useAction'
import { useBusy, useOffsetList } from '@/services/volunteerHooks'
import {
  REQUEST_STATUS_LABELS,
  REQUEST_STATUS_TONES,
  SERVICE_TYPE_GLYPHS,
  SERVICE_TYPE_SHORT,
  formatDateTime,
  formatHours,
  say,
  type RequestStatus,
  type RequestView,
} from '@/services/volunteer'
import { StaffOnly } from '../../guard'
import '../../admin.scss'
import './index.scss'

const STATUSES: RequestStatus[] = ['submitted', 'dispatched', 'taken', 'done', 'rated', 'rejected', 'cancelled']

function Dispatch() {
  const [status, setStatus] = useState<RequestStatus>('submitted')
  const list = useOffsetList('volunteer', 'listRequests', { status }, [status])
  const teams = useAction('volunteer', 'listTeams', {})
  const [dispatching, setDispatching] = useState<RequestView | null>(null)
  const [teamId, setTeamId] = useState<string | null>(null)
  const [rejecting, setRejecting] = useState<RequestView | null>(null)
  const [reason, setReason] = useState('')
  const [sheetError, setSheetError] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, run] = useBusy()

  usePullDownRefresh(() => {
    list.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })
  useReachBottom(() => list.loadMore())

  // Teams that offer the requested service first.
  const teamOptions = (r: RequestView | null) => {
    const all = (teams.data?.items ?? []).filter((t) => t.active)
    const fit = r ? all.filter((t) => t.services.includes(r.category)) : []
    return [...fit, ...all.filter((t) => !fit.includes(t))].map((t) => ({ value: t.id, label: `${t.name}${fit.includes(t) ? ' ✓' : ''}（${t.memberCount} 人）` }))
  }

  const dispatch = () =>
    run(async () => {
      if (!dispatching || !teamId) return setSheetError('请选择志愿服务队')
      const res = await callAction('volunteer', 'dispatchRequest', { id: dispatching.id, teamId })
      if (!res.ok) return setSheetError(res.message)
      setMessage(`已派单给${res.data.team?.name ?? '服务队'}，队员将收到通知`)
      setDispatching(null)
      list.reload()
    })

  const reject = () =>
    run(async () => {
      if (!rejecting) return
      if (reason.trim().length < 2) return setSheetError('请说明理由（至少 2 个字）')
      const res = await callAction('volunteer', 'rejectRequest', { id: rejecting.id, reason: reason.trim() })
      if (!res.ok) return setSheetError(res.message)
      setRejecting(null)
      say('已处理', 'success')
      list.reload()
    })

  return (
    <>
      <View className='admin-title'>
        <Text className='admin-title__text'>派单台</Text>
        <Text className='admin-title__sub'>市民点单后由创城办派给志愿服务队，队员接单服务，市民评价后记入服务时长。</Text>
      </View>
      <ChoiceChips row idPrefix='req-status' options={STATUSES.map((s) => ({ value: s, label: REQUEST_STATUS_LABELS[s] }))} value={status} onChange={(v) => v && setStatus(v)} />
      {message ? (
        <Notice id='dispatch-message' tone='green'>
          {message}
        </Notice>
      ) : null}
      <View id='admin-requests' className='admin-requests'>
        {list.loading ? (
          <Loading />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : list.items.length === 0 ? (
          <Empty icon='📮' title={`暂无${REQUEST_STATUS_LABELS[status]}的需求`} />
        ) : (
          list.items.map((r) => (
            <View key={r.id} className='vol-card admin-request' data-id={r.id} data-status={r.status}>
              <View className='vol-row'>
                <Text className='admin-request__title'>
                  {SERVICE_TYPE_GLYPHS[r.category]} {SERVICE_TYPE_SHORT[r.category]}
                </Text>
                <ToneTag tone={REQUEST_STATUS_TONES[r.status]}>{REQUEST_STATUS_LABELS[r.status]}</ToneTag>
              </View>
              <Text className='admin-request__desc'>{r.description}</Text>
              <Text className='vol-muted'>
                📍 {r.place.address} · 期望 {formatDateTime(r.expectedAt)}
              </Text>
              <Text className='vol-muted'>
                👤 {r.contactName} {r.contactMobile} · 提交于 {formatDateTime(r.createdAt)}
              </Text>
              {r.team ? (
                <Text className='vol-muted'>
                  🚩 {r.team.name}
                  {r.volunteerName ? ` · ${r.volunteerName}` : ''}
                  {r.minutes !== null ? ` · ${formatHours(r.minutes)} 小时` : ''}
                </Text>
              ) : null}
              {r.rating ? <Text className='vol-muted'>⭐ {r.rating.score} 分{r.rating.comment ? ` · ${r.rating.comment}` : ''}</Text> : null}
              {r.closedReason ? <Text className='vol-muted'>说明：{r.closedReason}</Text> : null}
              {r.status === 'submitted' || r.status === 'dispatched' || r.status === 'taken' ? (
                <View className='admin-row-actions'>
                  {r.status !== 'taken' ? (
                    <Button
                      className='request-reject'
                      size='small'
                      fill='outline'
                      type='default'
                      onClick={() => {
                        setRejecting(r)
                        setReason('')
                        setSheetError(null)
                      }}
                    >
                      不予受理
                    </Button>
                  ) : null}
                  <Button
                    className='request-dispatch'
                    size='small'
                    type='primary'
                    onClick={() => {
                      setDispatching(r)
                      setTeamId(r.team?.id ?? null)
                      setSheetError(null)
                    }}
                  >
                    {r.status === 'submitted' ? '派单' : '改派'}
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

      <Sheet id='dispatch-sheet' visible={!!dispatching} title='派单给志愿服务队' onClose={() => setDispatching(null)} confirmText='确认派单' busy={busy} disabled={!teamId} onConfirm={dispatch}>
        {dispatching ? (
          <View className='dispatch-sheet'>
            <Text className='vol-muted'>
              {SERVICE_TYPE_SHORT[dispatching.category]} · {dispatching.place.address}（✓ 为服务领域匹配的服务队）
            </Text>
            {teams.loading && !teams.data ? <Loading compact /> : <ChoiceChips idPrefix='dispatch-team' options={teamOptions(dispatching)} value={teamId} onChange={setTeamId} />}
            {sheetError ? <Notice tone='red'>{sheetError}</Notice> : null}
          </View>
        ) : null}
      </Sheet>
      <Sheet id='reject-request-sheet' visible={!!rejecting} title='不予受理' onClose={() => setRejecting(null)} confirmText='确认' danger busy={busy} onConfirm={reject}>
        <Field label='理由（将告知市民）' required>
          <TextArea id='reject-request-reason' value={reason} onChange={setReason} placeholder='如：超出志愿服务范围，已转交社区居委会办理' maxlength={200} />
        </Field>
        {sheetError ? <Notice tone='red'>{sheetError}</Notice> : null}
      </Sheet>
    </>
  )
}

/** 派单台. Test hooks: #page-vol-admin-requests, #req-status-<status>, .admin-request[data-id][data-status] with .request-dispatch / .request-reject, #dispatch-sheet (#dispatch-team-<id>, #dispatch-sheet-confirm), #dispatch-message. */
export default function AdminRequestsPage() {
  return (
    <PageShell desk id='page-vol-admin-requests'>
      <StaffOnly>
        <Dispatch />
      </StaffOnly>
    </PageShell>
  )
}
