/**
 * 责任单位 · 任务详情: where to go, what to fix, by when; 签收, 提交整改 (after-photos compressed like the
 * resident's, and what was done), 退回 (不属于本单位, with the reason).
 *
 * Test hooks: #page-unit-detail (data-status on #unit-detail), #unit-deadline, #unit-photos, #unit-location,
 * #unit-timeline, #unit-rectification, #unit-actions with #unit-act-<ack|rectify|return>; sheets
 * #unit-rectify-sheet (#unit-rectify-photos… PhotoPicker hooks, #unit-rectify-note, -confirm, -error,
 * #unit-rectify-progress) and #unit-return-sheet (.return-reason chips, #unit-return-reason, -confirm, -error).
 */
import { useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell, categoryGlyph } from '@/components'
import { Button } from '@/components/nut'
import { DeadlineBadge, PhotoGrid, PhotoPicker, Sheet, StatusTag, TextBox, Timeline, type PickedPhoto } from '@/components/report'
import { useCategoryIndex } from '@/services/catalog'
import { callAction, uploadFile, type OutputOf } from '@/services/cloud'
import { releasePhoto } from '@/services/image'
import { formatPoint } from '@/services/location'
import { getMe } from '@/services/me'
import { rectifyPhotoScope, reportPhotoCloudPath } from '@/services/photoPath'
import { NOTE_MAX, PHOTOS_MAX, RATING_LABELS, REASON_MAX, REASON_MIN, STATUS_DESCRIPTIONS, formatDateTime, isWithUnit, shortId } from '@/services/report'
import { toast } from '@/services/ui'
import { useAction } from '@/services/useAction'
import '@/components/report/report.scss'
import './index.scss'

type Detail = OutputOf<'report', 'unitDetail'>

const RETURN_REASONS = ['不属于本单位职责范围', '问题位置不在本单位辖区', '需由其他部门牵头处理']

function RectifySheet({ d, onClose, onDone }: { d: Detail; onClose: () => void; onDone: () => void }) {
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const photosRef = useRef(photos)
  photosRef.current = photos
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [stage, setStage] = useState('')
  const [error, setError] = useState<string | null>(null)
  const ready = photos.length > 0 && note.trim().length >= REASON_MIN
  const update = (next: PickedPhoto[]) => {
    photosRef.current = next
    setPhotos(next)
  }

  const submit = async () => {
    if (!ready || busy) return
    setBusy(true)
    setError(null)
    try {
      const me = await getMe()
      if (!me.ok) return setError(me.message)
      for (const p of photosRef.current) {
        if (p.fileID) continue
        setStage(`正在上传照片 ${photosRef.current.indexOf(p) + 1}/${photosRef.current.length}…`)
        const up = await uploadFile(p.path, reportPhotoCloudPath(me.data.openid, rectifyPhotoScope(d.id), p.name))
        if (!up.ok) return setError(`照片上传失败：${up.message}`)
        update(photosRef.current.map((x) => (x.name === p.name ? { ...x, fileID: up.data.fileID } : x)))
      }
      setStage('正在提交…')
      const res = await callAction('report', 'rectify', { id: d.id, photos: photosRef.current.map((p) => p.fileID!), note: note.trim() })
      if (!res.ok) return setError(res.message)
      photosRef.current.forEach((p) => releasePhoto(p.path))
      onDone()
    } finally {
      setBusy(false)
      setStage('')
    }
  }

  return (
    <Sheet visible id='unit-rectify-sheet' title='提交整改结果' onClose={onClose} confirmText={error ? '重试提交' : '提交整改'} disabled={!ready} busy={busy} onConfirm={submit}>
      <View className='field'>
        <View className='field__head'>
          <Text className='field__label'>
            整改后照片<Text className='field__required'> *</Text>
          </Text>
          <Text className='field__extra'>请在同一位置、同一角度拍摄</Text>
        </View>
        <PhotoPicker
          id='unit-rectify-photos'
          photos={photos}
          max={PHOTOS_MAX}
          disabled={busy}
          onAdd={(p) => update([...photosRef.current, p].slice(0, PHOTOS_MAX))}
          onRemove={(name) => update(photosRef.current.filter((p) => p.name !== name))}
        />
      </View>
      <View className='field'>
        <View className='field__head'>
          <Text className='field__label'>
            整改说明<Text className='field__required'> *</Text>
          </Text>
        </View>
        <TextBox id='unit-rectify-note' value={note} onChange={setNote} max={NOTE_MAX} min={REASON_MIN} tall placeholder='说明采取了哪些措施，如：已清理占道物品并约谈商户' disabled={busy} />
      </View>
      {stage ? (
        <Text id='unit-rectify-progress' className='staff-note'>
          {stage}
        </Text>
      ) : null}
      {error ? (
        <Text id='unit-rectify-sheet-error' className='sheet-error'>
          {error}
        </Text>
      ) : null}
    </Sheet>
  )
}

function ReturnSheet({ d, onClose, onDone }: { d: Detail; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async () => {
    setBusy(true)
    setError(null)
    const res = await callAction('report', 'returnToStaff', { id: d.id, reason: reason.trim() })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    onDone()
  }
  return (
    <Sheet
      visible
      id='unit-return-sheet'
      title='退回创城办'
      onClose={onClose}
      confirmText='确认退回'
      danger
      disabled={reason.trim().length < REASON_MIN}
      busy={busy}
      onConfirm={submit}
    >
      <Text className='staff-note'>仅在问题确实不属于本单位职责时退回，并写明理由（如应由哪个单位处理），创城办将重新派单。</Text>
      <View className='return-reasons'>
        {RETURN_REASONS.map((r) => (
          <Text key={r} className='return-reason' onClick={() => setReason((x) => (x.trim() ? x : `${r}：`))}>
            {r}
          </Text>
        ))}
      </View>
      <TextBox id='unit-return-reason' value={reason} onChange={setReason} max={REASON_MAX} min={REASON_MIN} tall placeholder='退回理由（必填），如：该路段由高新城管负责' />
      {error ? (
        <Text id='unit-return-sheet-error' className='sheet-error'>
          {error}
        </Text>
      ) : null}
    </Sheet>
  )
}

function Body({ d, reload }: { d: Detail; reload: () => void }) {
  const cats = useCategoryIndex()
  const cat = cats.byId[d.categoryId]
  const [sheet, setSheet] = useState<'rectify' | 'return' | null>(null)
  const [acking, setAcking] = useState(false)
  const withUnit = isWithUnit(d.status)

  const acknowledge = async () => {
    setAcking(true)
    const res = await callAction('report', 'acknowledge', { id: d.id })
    setAcking(false)
    if (!res.ok) return toast(res.message)
    toast('已签收，请尽快整改', 'success')
    reload()
  }
  const done = (message: string) => {
    setSheet(null)
    toast(message, 'success')
    reload()
  }

  return (
    <View id='unit-detail' data-status={d.status} className='unit-detail desk-columns'>
      <View className='desk-col'>
        <View className='card rp-card'>
          <View className='detail-head__row'>
            <Text className='detail-head__cat'>
              {categoryGlyph(cat?.icon, cat?.group)} {cat?.name ?? d.categoryId}
            </Text>
            <StatusTag status={d.status} large />
          </View>
          <Text className='detail-head__meta'>
            编号 {shortId(d.id)} · {STATUS_DESCRIPTIONS[d.status]}
          </Text>
          <Text className='detail-head__desc'>{d.description}</Text>
        </View>
        {d.dispatch && withUnit ? (
          <View className='unit-block'>
            <DeadlineBadge id='unit-deadline' deadline={d.dispatch.deadline} overdue={d.deadlineState === 'overdue'} overdueDays={d.overdueDays} escalations={d.escalations} />
          </View>
        ) : null}
        {withUnit ? (
          <View id='unit-actions' className='card rp-card'>
            <View className='rp-actions'>
              {d.status === 'dispatched' ? (
                <Button id='unit-act-ack' type='primary' loading={acking} disabled={acking} onClick={acknowledge}>
                  签收任务
                </Button>
              ) : null}
              <Button id='unit-act-rectify' type='primary' fill={d.status === 'dispatched' ? 'outline' : 'solid'} onClick={() => setSheet('rectify')}>
                提交整改
              </Button>
              <Button id='unit-act-return' type='default' fill='outline' onClick={() => setSheet('return')}>
                非本单位职责，退回
              </Button>
            </View>
            <Text className='staff-note'>{d.status === 'dispatched' ? '请先签收，表示已安排人员处理；整改完成后上传整改后照片。' : '整改完成后上传整改后照片和说明，创城办核验后销号。'}</Text>
          </View>
        ) : null}
        <View id='unit-photos' className='card rp-card'>
          <View className='rp-card__title'>
            <Text className='rp-card__heading'>市民拍摄</Text>
            <Text className='rp-card__extra'>{d.cosignCount > 0 ? `${d.cosignCount} 人附议` : ''}</Text>
          </View>
          <PhotoGrid photos={d.photos} emptyText='照片正在审核，通过后显示' />
        </View>
        <View id='unit-location' className='card rp-card'>
          <View className='rp-card__title'>
            <Text className='rp-card__heading'>问题位置</Text>
            {process.env.TARO_ENV === 'weapp' ? (
              <Text className='staff-link' onClick={() => Taro.openLocation({ latitude: d.location.lat, longitude: d.location.lng, name: d.location.address, scale: 17 })}>
                导航 ›
              </Text>
            ) : null}
          </View>
          <View className='rp-kv'>
            <Text className='rp-kv__k'>地址</Text>
            <Text className='rp-kv__v'>{d.location.address}</Text>
          </View>
          <View className='rp-kv'>
            <Text className='rp-kv__k'>坐标</Text>
            <Text className='rp-kv__v'>{formatPoint(d.location)}</Text>
          </View>
          {d.dispatch ? (
            <View className='rp-kv'>
              <Text className='rp-kv__k'>派单</Text>
              <Text className='rp-kv__v'>
                {formatDateTime(d.dispatch.dispatchedAt)}
                {d.dispatch.round > 1 ? `（第 ${d.dispatch.round} 次）` : ''}
              </Text>
            </View>
          ) : null}
        </View>
      </View>
      <View className='desk-col'>
        {d.rectification ? (
          <View id='unit-rectification' className='card rp-card'>
            <View className='rp-card__title'>
              <Text className='rp-card__heading'>本单位整改</Text>
              <Text className='rp-card__extra'>
                {formatDateTime(d.rectification.at)}
                {d.rectification.late ? ' · 超期' : ''}
              </Text>
            </View>
            <PhotoGrid photos={d.rectification.photos} />
            <Text className='detail-head__desc'>{d.rectification.note}</Text>
            {d.ratingScore ? <Text className='staff-note'>市民评价：{RATING_LABELS[d.ratingScore]}</Text> : null}
          </View>
        ) : null}
        <View className='card rp-card'>
          <View className='rp-card__title'>
            <Text className='rp-card__heading'>办理记录</Text>
            <Text className='rp-card__extra'>{d.timeline.length} 条</Text>
          </View>
          <Timeline id='unit-timeline' events={d.timeline} />
        </View>
      </View>
      {sheet === 'rectify' ? <RectifySheet d={d} onClose={() => setSheet(null)} onDone={() => done('整改结果已提交，等待核验')} /> : null}
      {sheet === 'return' ? <ReturnSheet d={d} onClose={() => setSheet(null)} onDone={() => done('已退回创城办')} /> : null}
    </View>
  )
}

export default function UnitDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const detail = useAction('report', 'unitDetail', { id }, [id])
  usePullDownRefresh(() => detail.reload())
  useEffect(() => {
    if (!detail.loading) Taro.stopPullDownRefresh()
  }, [detail.loading])
  return (
    <PageShell id='page-unit-detail' className='desk-wide unit-detail-page'>
      {detail.loading && !detail.data ? (
        <View className='card unit-state'>
          <Loading text='正在加载任务…' />
        </View>
      ) : detail.error || !detail.data ? (
        <View className='card unit-state'>
          <ErrorState id='unit-detail-error' error={detail.error} onRetry={detail.reload} />
        </View>
      ) : (
        <Body d={detail.data} reload={detail.reload} />
      )}
    </PageShell>
  )
}
