/**
 * 创城办 · 随手拍办理: everything about one report and the steps its status allows — 受理并派单, 不予受理,
 * 合并重复, 不属于本市职责, 核验 (销号 / 退回整改), 重新派单, 督办. Two columns on a wide screen.
 *
 * Test hooks: #page-staff-detail (data-status on #staff-detail), #staff-detail-head, #staff-handback,
 * #staff-photos, #staff-compare, #staff-location, #staff-reporter, #staff-actions with buttons
 * #staff-act-<dispatch|redispatch|reject|merge|outofscope|close|sendback|escalate>, #staff-proposal,
 * #staff-dispatch-info, #staff-duplicates (.duplicate-item data-id), #staff-timeline, #staff-resolution;
 * sheets #staff-<dispatch|reject|merge|outofscope|close|sendback|escalate>-sheet, each with its
 * `-confirm` button and `-error`; fields #staff-dispatch-unit (#staff-dispatch-unit-change), #staff-deadline,
 * #staff-note (textarea), #staff-reject-reason-<reason>, #staff-reason, .merge-option, #staff-merge-id.
 */
import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell, categoryGlyph } from '@/components'
import { Button, InputNumber } from '@/components/nut'
import { Chips, DeadlineBadge, PhotoGrid, Sheet, StatusTag, TextBox, Timeline } from '@/components/report'
import { useCategoryIndex, usePlaceNames } from '@/services/catalog'
import { callAction, type ClientEnvelope, type OutputOf } from '@/services/cloud'
import { useNow } from '@/services/hooks'
import { formatPoint } from '@/services/location'
import {
  DEADLINE_DAYS_MAX,
  DEADLINE_DAYS_MIN,
  NOTE_MAX,
  RATING_LABELS,
  REASON_MAX,
  REASON_MIN,
  REJECTION_REASONS,
  REJECTION_REASON_LABELS,
  REVISIT_ANSWER_LABELS,
  STATUS_LABELS,
  deadlineFrom,
  fillTemplate,
  formatDate,
  formatDateTime,
  formatDeadline,
  formatSpan,
  isWithUnit,
  shortId,
  type RejectionReason,
} from '@/services/report'
import { ROUTES, openPage, toast } from '@/services/ui'
import { useAction } from '@/services/useAction'
import { ReplyTemplates } from '../../components/ReplyTemplates'
import { UnitPicker, type UnitRef } from '../../components/UnitPicker'
import '@/components/report/report.scss'
import '../../components/staff.scss'
import './index.scss'

type Detail = OutputOf<'report', 'staffDetail'>
type SheetKey = 'dispatch' | 'redispatch' | 'reject' | 'merge' | 'outofscope' | 'close' | 'sendback' | 'escalate'

const HANDBACK_TITLES = { returned: '责任单位退回', unsatisfied: '市民评价不满意', not_fixed: '回访反映未解决' } as const

interface SheetProps {
  d: Detail
  categoryName: string
  onClose: () => void
  onDone: (message: string) => void
}

/** Runs one state change: busy, the server's message on failure, done on success. */
function useRun(onDone: (m: string) => void) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async (call: () => Promise<ClientEnvelope<unknown>>, message: string) => {
    if (busy) return
    setBusy(true)
    setError(null)
    const res = await call()
    setBusy(false)
    if (!res.ok) return setError(res.message)
    onDone(message)
  }
  return { busy, error, run }
}

function SheetError({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <Text id={`${id}-error`} className='sheet-error'>
      {error}
    </Text>
  ) : null
}

function NoteField({
  id,
  kind,
  reportId,
  value,
  onChange,
  vars,
  required,
  max = NOTE_MAX,
  label,
  placeholder,
}: {
  id?: string
  kind: Parameters<typeof ReplyTemplates>[0]['kind']
  reportId: string
  value: string
  onChange: (v: string) => void
  vars: Record<string, string | number | undefined>
  required?: boolean
  max?: number
  label: string
  placeholder: string
}) {
  return (
    <View className='field'>
      <View className='field__head'>
        <Text className='field__label'>
          {label}
          {required ? <Text className='field__required'> *</Text> : null}
        </Text>
        <Text className='field__extra'>点模板一键填入</Text>
      </View>
      <ReplyTemplates reportId={reportId} kind={kind} onPick={(text) => onChange(fillTemplate(text, vars).slice(0, max))} />
      <TextBox id={id ?? 'staff-note'} value={value} onChange={onChange} max={max} min={required ? REASON_MIN : undefined} placeholder={placeholder} tall />
    </View>
  )
}

function DispatchSheet({ d, categoryName, onClose, onDone, again }: SheetProps & { again: boolean }) {
  const id = again ? 'staff-redispatch-sheet' : 'staff-dispatch-sheet'
  const avoid = d.handback?.unitId
  const proposed = d.proposal.unit && (!again || d.proposal.unit.id !== avoid) ? d.proposal.unit : null
  const [unit, setUnit] = useState<UnitRef | null>(proposed)
  const [days, setDays] = useState(d.proposal.deadlineDays)
  const [note, setNote] = useState('')
  const [picking, setPicking] = useState(false)
  const { busy, error, run } = useRun(onDone)
  const deadline = deadlineFrom(Date.now(), days)
  const submit = () =>
    unit &&
    run(
      () =>
        again
          ? callAction('report', 'redispatch', { id: d.id, unitId: unit.id, deadlineDays: days, note: note.trim() || undefined })
          : callAction('report', 'acceptDispatch', { id: d.id, unitId: unit.id, deadlineDays: days, note: note.trim() || undefined }),
      `已派至${unit.name}`,
    )
  return (
    <>
      <Sheet
        visible
        id={id}
        title={again ? '重新派单' : '受理并派单'}
        onClose={onClose}
        confirmText={unit ? `派至 ${unit.name.length > 12 ? `${unit.name.slice(0, 12)}…` : unit.name}` : '请选择责任单位'}
        disabled={!unit}
        busy={busy}
        onConfirm={submit}
      >
        <View className='field'>
          <View className='field__head'>
            <Text className='field__label'>
              责任单位<Text className='field__required'> *</Text>
            </Text>
          </View>
          <View id='staff-dispatch-unit' className='picked-unit' data-id={unit?.id ?? ''} onClick={() => setPicking(true)}>
            <View>
              <Text className='picked-unit__name'>{unit ? unit.name : '请选择责任单位'}</Text>
              <Text className='picked-unit__sub'>{unit && unit.id === d.proposal.unit?.id ? `建议：${d.proposal.basis}` : unit ? unit.type : d.proposal.basis}</Text>
            </View>
            <Text id='staff-dispatch-unit-change' className='staff-link'>
              更换 ›
            </Text>
          </View>
          {again && avoid ? <Text className='staff-section-note'>注意：{d.handback?.unitName} 已退回此件，请核实职责后派单。</Text> : null}
        </View>
        <View className='field'>
          <View className='field__head'>
            <Text className='field__label'>整改时限</Text>
            <Text className='field__extra'>“{categoryName}”默认 {d.proposal.deadlineDays} 天</Text>
          </View>
          <View className='deadline-row'>
            <InputNumber id='staff-deadline' value={days} min={DEADLINE_DAYS_MIN} max={DEADLINE_DAYS_MAX} onChange={(v) => setDays(Math.max(DEADLINE_DAYS_MIN, Math.min(DEADLINE_DAYS_MAX, Number(v) || 1)))} />
            <Text className='deadline-row__preview'>{formatDeadline(deadline)}完成整改</Text>
          </View>
        </View>
        <NoteField
          kind={again ? 'redispatch' : 'acceptDispatch'}
          reportId={d.id}
          value={note}
          onChange={setNote}
          vars={{ unit: unit?.name, deadline: formatDate(deadline), category: categoryName, days }}
          label='答复市民（选填）'
          placeholder='将显示在市民的办理进度中'
        />
        <SheetError id={id} error={error} />
      </Sheet>
      <UnitPicker visible={picking} value={unit?.id ?? null} candidates={d.proposal.candidates} avoid={avoid} onPick={setUnit} onClose={() => setPicking(false)} />
    </>
  )
}

function RejectSheet({ d, onClose, onDone }: SheetProps) {
  const [reason, setReason] = useState<RejectionReason | null>(null)
  const [text, setText] = useState('')
  const [filled, setFilled] = useState('')
  const [templates, setTemplates] = useState<Record<string, string>>({})
  const { busy, error, run } = useRun(onDone)
  useEffect(() => {
    callAction('report', 'replyTemplates', { id: d.id, kind: 'reject' }).then((res) => {
      if (res.ok) setTemplates(Object.fromEntries(res.data.items.map((t) => [t.id, t.text])))
    })
  }, [d.id])
  const pick = (r: RejectionReason) => {
    setReason(r)
    // The reason's reply goes in, unless staff already wrote their own.
    const reply = templates[`reject:${r}`]
    if (reply && (!text.trim() || text === filled)) {
      const value = fillTemplate(reply, {}).slice(0, REASON_MAX)
      setText(value)
      setFilled(value)
    }
  }
  const ready = reason !== null && text.trim().length >= REASON_MIN
  return (
    <Sheet
      visible
      id='staff-reject-sheet'
      title='不予受理'
      onClose={onClose}
      confirmText='确认不予受理'
      danger
      disabled={!ready}
      busy={busy}
      onConfirm={() => reason && run(() => callAction('report', 'reject', { id: d.id, reason, text: text.trim() }), '已不予受理，答复已发送')}
    >
      <View className='field'>
        <View className='field__head'>
          <Text className='field__label'>
            理由<Text className='field__required'> *</Text>
          </Text>
        </View>
        <Chips idPrefix='staff-reject-reason' options={REJECTION_REASONS.map((r) => ({ value: r, label: REJECTION_REASON_LABELS[r] }))} value={reason} onChange={pick} />
      </View>
      <View className='field'>
        <View className='field__head'>
          <Text className='field__label'>
            答复市民<Text className='field__required'> *</Text>
          </Text>
          <Text className='field__extra'>选理由后自动填入，可修改</Text>
        </View>
        <TextBox id='staff-reason' value={text} onChange={setText} max={REASON_MAX} min={REASON_MIN} tall placeholder='说明不予受理的原因和市民可以怎么做' />
      </View>
      <SheetError id='staff-reject-sheet' error={error} />
    </Sheet>
  )
}

function MergeSheet({ d, onClose, onDone, categoryName }: SheetProps) {
  const [original, setOriginal] = useState<string>(d.duplicates[0]?.id ?? '')
  const [manual, setManual] = useState('')
  const [note, setNote] = useState('')
  const { busy, error, run } = useRun(onDone)
  const target = manual.trim() || original
  return (
    <Sheet
      visible
      id='staff-merge-sheet'
      title='合并为重复问题'
      onClose={onClose}
      confirmText={target ? `并入 ${shortId(target)}` : '请选择原问题'}
      disabled={!target || target === d.id}
      busy={busy}
      onConfirm={() => run(() => callAction('report', 'merge', { id: d.id, originalId: target, note: note.trim() || undefined }), '已合并，原问题将一并处理')}
    >
      <View className='field'>
        <View className='field__head'>
          <Text className='field__label'>原问题（附近同类、仍在处理）</Text>
        </View>
        {d.duplicates.length === 0 ? <Text className='staff-section-note'>附近 100 米内近 7 天没有同类未办结问题，可在下方填写原问题编号。</Text> : null}
        <View className='option-list'>
          {d.duplicates.map((x) => (
            <View key={x.id} className={`option merge-option${!manual.trim() && x.id === original ? ' is-active' : ''}`} data-id={x.id} onClick={() => (setOriginal(x.id), setManual(''))}>
              <View>
                <Text>
                  {shortId(x.id)} · {STATUS_LABELS[x.status]} · 约 {x.distanceM} 米
                </Text>
                <Text className='option__sub'>
                  {formatDateTime(x.createdAt)} · {x.description.slice(0, 30)}
                </Text>
              </View>
              {!manual.trim() && x.id === original ? <Text className='option__check'>✓</Text> : null}
            </View>
          ))}
        </View>
        <TextBox single id='staff-merge-id' value={manual} onChange={setManual} max={64} placeholder='或输入原问题的完整编号' />
      </View>
      <NoteField
        kind='merge'
        reportId={d.id}
        value={note}
        onChange={setNote}
        vars={{ original: target ? shortId(target) : undefined, category: categoryName }}
        label='答复市民（选填）'
        placeholder='告诉市民已合并处理'
      />
      <SheetError id='staff-merge-sheet' error={error} />
    </Sheet>
  )
}

function OutOfScopeSheet({ d, onClose, onDone, categoryName }: SheetProps) {
  const [note, setNote] = useState('')
  const { busy, error, run } = useRun(onDone)
  return (
    <Sheet
      visible
      id='staff-outofscope-sheet'
      title='不属于本市职责'
      onClose={onClose}
      confirmText='确认'
      disabled={note.trim().length < REASON_MIN}
      busy={busy}
      onConfirm={() => run(() => callAction('report', 'outOfScope', { id: d.id, note: note.trim() }), '已答复市民')}
    >
      <NoteField
        kind='outOfScope'
        reportId={d.id}
        value={note}
        onChange={setNote}
        vars={{ category: categoryName }}
        required
        max={REASON_MAX}
        label='说明应向何处反映'
        placeholder='如：请拨打 12345 或向铁路部门反映'
      />
      <SheetError id='staff-outofscope-sheet' error={error} />
    </Sheet>
  )
}

function CloseSheet({ d, onClose, onDone, categoryName }: SheetProps) {
  const [note, setNote] = useState('')
  const { busy, error, run } = useRun(onDone)
  return (
    <Sheet
      visible
      id='staff-close-sheet'
      title='核验通过，销号'
      onClose={onClose}
      confirmText='确认销号'
      busy={busy}
      onConfirm={() => run(() => callAction('report', 'verifyClose', { id: d.id, note: note.trim() || undefined }), '已销号')}
    >
      <Text className='staff-section-note'>请先对照整改前后照片，确认问题已整改到位。销号后市民可评价，3 天后自动回访。</Text>
      <NoteField
        kind='verifyClose'
        reportId={d.id}
        value={note}
        onChange={setNote}
        vars={{ unit: d.dispatch?.unitName, category: categoryName }}
        label='答复市民（选填）'
        placeholder='核验结果说明'
      />
      <SheetError id='staff-close-sheet' error={error} />
    </Sheet>
  )
}

function SendBackSheet({ d, onClose, onDone, categoryName }: SheetProps) {
  const [reason, setReason] = useState('')
  const [days, setDays] = useState(d.proposal.deadlineDays)
  const { busy, error, run } = useRun(onDone)
  const deadline = deadlineFrom(Date.now(), days)
  return (
    <Sheet
      visible
      id='staff-sendback-sheet'
      title='核验未通过，退回整改'
      onClose={onClose}
      confirmText='退回重新整改'
      danger
      disabled={reason.trim().length < REASON_MIN}
      busy={busy}
      onConfirm={() => run(() => callAction('report', 'sendBack', { id: d.id, reason: reason.trim(), deadlineDays: days }), '已退回责任单位重新整改')}
    >
      <NoteField
        id='staff-reason'
        kind='sendBack'
        reportId={d.id}
        value={reason}
        onChange={setReason}
        vars={{ unit: d.dispatch?.unitName, deadline: formatDate(deadline), category: categoryName, days }}
        required
        max={REASON_MAX}
        label='未通过的原因'
        placeholder='如：地面仍有垃圾残留，请彻底清理'
      />
      <View className='field'>
        <View className='field__head'>
          <Text className='field__label'>新的整改时限</Text>
        </View>
        <View className='deadline-row'>
          <InputNumber id='staff-deadline' value={days} min={DEADLINE_DAYS_MIN} max={DEADLINE_DAYS_MAX} onChange={(v) => setDays(Math.max(DEADLINE_DAYS_MIN, Math.min(DEADLINE_DAYS_MAX, Number(v) || 1)))} />
          <Text className='deadline-row__preview'>{formatDeadline(deadline)}完成整改</Text>
        </View>
      </View>
      <SheetError id='staff-sendback-sheet' error={error} />
    </Sheet>
  )
}

function EscalateSheet({ d, onClose, onDone, categoryName }: SheetProps) {
  const [note, setNote] = useState('')
  const { busy, error, run } = useRun(onDone)
  return (
    <Sheet
      visible
      id='staff-escalate-sheet'
      title='超期督办'
      onClose={onClose}
      confirmText='发出督办'
      danger
      busy={busy}
      onConfirm={() => run(() => callAction('report', 'escalate', { id: d.id, note: note.trim() || undefined }), '已督办')}
    >
      <Text className='staff-section-note'>
        已超期 {Math.max(1, d.overdueDays)} 天，已督办 {d.flags.escalations} 次。督办将通知 {d.dispatch?.unitName}。
      </Text>
      <NoteField
        kind='escalate'
        reportId={d.id}
        value={note}
        onChange={setNote}
        vars={{ unit: d.dispatch?.unitName, days: d.overdueDays, category: categoryName }}
        label='督办意见（选填）'
        placeholder='督办要求'
      />
      <SheetError id='staff-escalate-sheet' error={error} />
    </Sheet>
  )
}

function actionsFor(d: Detail): { key: SheetKey; label: string; primary?: boolean; danger?: boolean }[] {
  switch (d.status) {
    case 'submitted':
      return [
        { key: 'dispatch', label: '受理并派单', primary: true },
        { key: 'reject', label: '不予受理', danger: true },
        { key: 'merge', label: '合并重复' },
        { key: 'outofscope', label: '不属于本市职责' },
      ]
    case 'returned':
      return [
        { key: 'redispatch', label: '重新派单', primary: true },
        { key: 'reject', label: '不予受理', danger: true },
        { key: 'merge', label: '合并重复' },
        { key: 'outofscope', label: '不属于本市职责' },
      ]
    case 'reopened':
      return [{ key: 'redispatch', label: '重新派单', primary: true }]
    case 'rectified':
      return [
        { key: 'close', label: '核验通过，销号', primary: true },
        { key: 'sendback', label: '退回整改', danger: true },
      ]
    case 'dispatched':
    case 'in_progress':
      return d.overdue ? [{ key: 'escalate', label: '督办', danger: true }] : []
    default:
      return []
  }
}

const ACT_ID: Record<SheetKey, string> = {
  dispatch: 'staff-act-dispatch',
  redispatch: 'staff-act-redispatch',
  reject: 'staff-act-reject',
  merge: 'staff-act-merge',
  outofscope: 'staff-act-outofscope',
  close: 'staff-act-close',
  sendback: 'staff-act-sendback',
  escalate: 'staff-act-escalate',
}

function Body({ d, reload }: { d: Detail; reload: () => void }) {
  const now = useNow(60000)
  const cats = useCategoryIndex()
  const places = usePlaceNames()
  const cat = cats.byId[d.categoryId]
  const categoryName = cat?.name ?? d.categoryId
  const [sheet, setSheet] = useState<SheetKey | null>(null)
  const actions = actionsFor(d)
  const done = (message: string) => {
    setSheet(null)
    toast(message, 'success')
    reload()
  }
  const sheetProps = { d, categoryName, onClose: () => setSheet(null), onDone: done }
  const place = [d.location.districtId && places.district[d.location.districtId], d.location.streetId && places.street[d.location.streetId]].filter(Boolean).join(' · ')

  return (
    <View id='staff-detail' data-status={d.status} className='staff-detail desk-columns'>
      <View className='desk-col'>
        <View id='staff-detail-head' className='card rp-card'>
          <View className='detail-head__row'>
            <Text className='detail-head__cat'>
              {categoryGlyph(cat?.icon, cat?.group)} {categoryName}
            </Text>
            <StatusTag status={d.status} large />
          </View>
          <Text className='detail-head__meta'>
            编号 {shortId(d.id)} · 提交于 {formatDateTime(d.createdAt)} · {STATUS_LABELS[d.status]}已 {formatSpan(now - Date.parse(d.statusAt))}
          </Text>
          <Text className='detail-head__desc'>{d.description}</Text>
        </View>

        {d.handback ? (
          <View id='staff-handback' className='rp-banner tone-orange' data-kind={d.handback.kind}>
            <Text className='rp-banner__glyph'>↩️</Text>
            <View className='rp-banner__text'>
              <Text className='handback__title'>
                {HANDBACK_TITLES[d.handback.kind]}
                {d.handback.unitName ? `（${d.handback.unitName}）` : ''} · {formatDateTime(d.handback.at)}
              </Text>
              <Text className='handback__reason'>{d.handback.reason || '未说明原因'}</Text>
            </View>
          </View>
        ) : null}

        {d.rectification ? (
          <View id='staff-compare' className='card rp-card'>
            <View className='rp-card__title'>
              <Text className='rp-card__heading'>整改前后对比</Text>
              <Text className='rp-card__extra'>
                {formatDateTime(d.rectification.at)} 提交{d.rectification.late ? ' · 超期整改' : ''}
              </Text>
            </View>
            <View className='compare2'>
              <View className='compare2__col'>
                <Text className='compare2__label'>整改前 · 市民拍摄</Text>
                <PhotoGrid photos={d.photos} />
              </View>
              <View className='compare2__col'>
                <Text className='compare2__label is-after'>整改后 · {d.dispatch?.unitName}</Text>
                <PhotoGrid photos={d.rectification.photos} />
              </View>
            </View>
            <Text className='detail-head__desc'>整改说明：{d.rectification.note}</Text>
          </View>
        ) : (
          <View id='staff-photos' className='card rp-card'>
            <View className='rp-card__title'>
              <Text className='rp-card__heading'>现场照片</Text>
              <Text className='rp-card__extra'>{d.photos.length} 张</Text>
            </View>
            <PhotoGrid photos={d.photos} />
          </View>
        )}

        <View id='staff-location' className='card rp-card'>
          <View className='rp-card__title'>
            <Text className='rp-card__heading'>位置</Text>
            {process.env.TARO_ENV === 'weapp' ? (
              <Text className='staff-link' onClick={() => Taro.openLocation({ latitude: d.location.lat, longitude: d.location.lng, name: d.location.address, scale: 17 })}>
                地图 ›
              </Text>
            ) : null}
          </View>
          <View className='rp-kv'>
            <Text className='rp-kv__k'>地址</Text>
            <Text className='rp-kv__v'>{d.location.address}</Text>
          </View>
          <View className='rp-kv'>
            <Text className='rp-kv__k'>辖区</Text>
            <Text className='rp-kv__v'>{place || '不在已划分的网格内'}</Text>
          </View>
          <View className='rp-kv'>
            <Text className='rp-kv__k'>坐标</Text>
            <Text className='rp-kv__v'>{formatPoint(d.location)}</Text>
          </View>
        </View>

        <View id='staff-reporter' className='card rp-card'>
          <View className='rp-card__title'>
            <Text className='rp-card__heading'>反映人</Text>
            <Text className='rp-card__extra'>{d.cosignCount > 0 ? `另有 ${d.cosignCount} 人附议` : '暂无附议'}</Text>
          </View>
          <View className='reporter'>
            <View className='reporter__avatar'>
              <Text>{d.reporter.nickname.slice(0, 1)}</Text>
            </View>
            <View className='reporter__text'>
              <Text className='reporter__name'>{d.reporter.nickname}</Text>
              <Text className='reporter__history' data-accepted={d.reporterHistory.accepted} data-rejected={d.reporterHistory.rejected}>
                历史反映：已受理 {d.reporterHistory.accepted} 件 · 不予受理 {d.reporterHistory.rejected} 件
              </Text>
            </View>
          </View>
        </View>
      </View>

      <View className='desk-col'>
        <View id='staff-actions' className='card rp-card'>
          <View className='rp-card__title'>
            <Text className='rp-card__heading'>办理</Text>
            <StatusTag status={d.status} />
          </View>
          {actions.length > 0 ? (
            <View className='rp-actions'>
              {actions.map((a) => (
                <Button
                  key={a.key}
                  id={ACT_ID[a.key]}
                  type={a.primary ? 'primary' : a.danger ? 'danger' : 'default'}
                  fill={a.primary ? 'solid' : 'outline'}
                  onClick={() => setSheet(a.key)}
                >
                  {a.label}
                </Button>
              ))}
            </View>
          ) : (
            <Text className='staff-section-note'>
              {isWithUnit(d.status) ? `${d.dispatch?.unitName ?? '责任单位'}整改中，超期后可督办。` : d.status === 'closed' ? '已销号，等待市民评价和回访。' : '本件已办结，无需操作。'}
            </Text>
          )}
        </View>

        {d.status === 'submitted' || d.status === 'returned' || d.status === 'reopened' ? (
          <View id='staff-proposal' className='card rp-card proposal'>
            <View className='rp-card__title'>
              <Text className='rp-card__heading'>派单建议</Text>
              <Text className='rp-card__extra'>默认时限 {d.proposal.deadlineDays} 天</Text>
            </View>
            <Text className='proposal__unit'>{d.proposal.unit ? d.proposal.unit.name : '暂无建议单位'}</Text>
            <Text className='proposal__basis'>{d.proposal.basis}</Text>
            {d.proposal.gridUnit ? <Text className='proposal__grid'>网格包保单位：{d.proposal.gridUnit.name}（负责现场协调）</Text> : null}
          </View>
        ) : null}

        {d.dispatch ? (
          <View id='staff-dispatch-info' className='card rp-card'>
            <View className='rp-card__title'>
              <Text className='rp-card__heading'>派单情况</Text>
              <Text className='rp-card__extra'>第 {d.dispatch.round} 次派单</Text>
            </View>
            <View className='rp-kv'>
              <Text className='rp-kv__k'>责任单位</Text>
              <Text className='rp-kv__v'>{d.dispatch.unitName}</Text>
            </View>
            <View className='rp-kv'>
              <Text className='rp-kv__k'>派单时间</Text>
              <Text className='rp-kv__v'>{formatDateTime(d.dispatch.dispatchedAt)}</Text>
            </View>
            {isWithUnit(d.status) ? (
              <DeadlineBadge deadline={d.dispatch.deadline} overdue={d.overdue} overdueDays={d.overdueDays} escalations={d.flags.escalations} />
            ) : (
              <View className='rp-kv'>
                <Text className='rp-kv__k'>整改时限</Text>
                <Text className='rp-kv__v'>
                  {formatDeadline(d.dispatch.deadline)}
                  {d.flags.everOverdue ? '（曾超期）' : ''}
                </Text>
              </View>
            )}
          </View>
        ) : null}

        {d.duplicates.length > 0 && (d.status === 'submitted' || d.status === 'returned') ? (
          <View id='staff-duplicates' className='card rp-card'>
            <View className='rp-card__title'>
              <Text className='rp-card__heading'>疑似重复</Text>
              <Text className='rp-card__extra'>100 米内同类、未办结</Text>
            </View>
            {d.duplicates.map((x) => (
              <View key={x.id} className='duplicate-item' data-id={x.id} onClick={() => openPage(ROUTES.staffDetail(x.id))}>
                <View className='duplicate-item__head'>
                  <Text className='duplicate-item__no'>{shortId(x.id)}</Text>
                  <StatusTag status={x.status} />
                  <Text className='duplicate-item__dist'>约 {x.distanceM} 米 · {formatDateTime(x.createdAt)}</Text>
                </View>
                <Text className='duplicate-item__desc'>{x.description}</Text>
              </View>
            ))}
          </View>
        ) : null}

        {d.resolution || d.rating || d.revisit?.answer ? (
          <View id='staff-resolution' className='card rp-card'>
            <View className='rp-card__title'>
              <Text className='rp-card__heading'>结果与评价</Text>
            </View>
            {d.resolution?.note ? (
              <View className='rp-kv'>
                <Text className='rp-kv__k'>答复</Text>
                <Text className='rp-kv__v'>{d.resolution.note}</Text>
              </View>
            ) : null}
            {d.resolution?.mergedInto ? (
              <View className='rp-kv'>
                <Text className='rp-kv__k'>并入</Text>
                <Text className='rp-kv__v staff-link' onClick={() => openPage(ROUTES.staffDetail(d.resolution!.mergedInto!))}>
                  {shortId(d.resolution.mergedInto)} ›
                </Text>
              </View>
            ) : null}
            {d.rating ? (
              <View className='rp-kv'>
                <Text className='rp-kv__k'>市民评价</Text>
                <Text className='rp-kv__v'>
                  {RATING_LABELS[d.rating.score]}
                  {d.rating.comment ? `：${d.rating.comment}` : ''}
                </Text>
              </View>
            ) : null}
            {d.revisit ? (
              <View className='rp-kv'>
                <Text className='rp-kv__k'>回访</Text>
                <Text className='rp-kv__v'>{d.revisit.answer ? `${REVISIT_ANSWER_LABELS[d.revisit.answer]}${d.revisit.comment ? `：${d.revisit.comment}` : ''}` : `${formatDate(d.revisit.dueAt)} 起回访`}</Text>
              </View>
            ) : null}
          </View>
        ) : null}

        <View className='card rp-card'>
          <View className='rp-card__title'>
            <Text className='rp-card__heading'>办理记录</Text>
            <Text className='rp-card__extra'>{d.timeline.length} 条</Text>
          </View>
          <Timeline id='staff-timeline' events={d.timeline} />
        </View>
      </View>

      {sheet === 'dispatch' || sheet === 'redispatch' ? <DispatchSheet {...sheetProps} again={sheet === 'redispatch'} /> : null}
      {sheet === 'reject' ? <RejectSheet {...sheetProps} /> : null}
      {sheet === 'merge' ? <MergeSheet {...sheetProps} /> : null}
      {sheet === 'outofscope' ? <OutOfScopeSheet {...sheetProps} /> : null}
      {sheet === 'close' ? <CloseSheet {...sheetProps} /> : null}
      {sheet === 'sendback' ? <SendBackSheet {...sheetProps} /> : null}
      {sheet === 'escalate' ? <EscalateSheet {...sheetProps} /> : null}
    </View>
  )
}

export default function StaffDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const detail = useAction('report', 'staffDetail', { id }, [id])
  usePullDownRefresh(() => detail.reload())
  useEffect(() => {
    if (!detail.loading) Taro.stopPullDownRefresh()
  }, [detail.loading])

  return (
    <PageShell id='page-staff-detail' className='desk-wide staff-detail-page'>
      {detail.loading && !detail.data ? (
        <View className='card staff-detail-state'>
          <Loading text='正在加载…' />
        </View>
      ) : detail.error || !detail.data ? (
        <View className='card staff-detail-state'>
          <ErrorState id='staff-detail-error' error={detail.error} onRetry={detail.reload} />
        </View>
      ) : (
        <Body d={detail.data} reload={detail.reload} />
      )}
    </PageShell>
  )
}
