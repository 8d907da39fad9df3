/**
 * 曝光 editor (staff): pre-filled from a 随手拍 (`?reportId=`) or blank, or an existing entry (`?id=`).
 * Every photo must be masked in the 打码 tool before publishing — the server refuses otherwise and the
 * refusal is shown as it comes. Published entries are read-only here (withdraw to correct); entries written
 * directly are marked fixed here with masked after-photos.
 *
 * Test hooks: #page-exposure-edit (data-id, data-state), #exposure-edit-title, #exposure-edit-category,
 * #exposure-edit-district, #exposure-edit-street, #exposure-edit-place, #exposure-edit-unit, #exposure-edit-photos
 * (PhotoSlots), #exposure-edit-requirement, #exposure-edit-deadline, #exposure-edit-save, #exposure-edit-publish,
 * #exposure-edit-error, #exposure-edit-withdraw (+ sheet #exposure-withdraw-sheet, #exposure-withdraw-reason),
 * #exposure-edit-fix (+ sheet #exposure-fix-sheet, #exposure-fix-photos, #exposure-fix-note), #exposure-edit-view.
 */
import { useEffect, useMemo, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { StatusBadge } from '@/components/board'
import { Field, Sheet, TextBox } from '@/components/report'
import {
  BOARD_ROUTES,
  EXPOSURE_PHOTOS_MAX,
  EXPOSURE_STATE_LABELS,
  FIX_NOTE_MAX,
  PLACE_MAX,
  REQUIREMENT_MAX,
  TITLE_MAX,
  dayFromToday,
  dayValue,
  type ExposureStaffView,
} from '@/services/board'
import { loadAllUnits, useCategoryIndex, usePlaceNames, type Unit } from '@/services/catalog'
import { callAction } from '@/services/cloud'
import { useTempUrls } from '@/services/hooks'
import { openPage, replacePage, toast } from '@/services/ui'
import { useAction } from '@/services/useAction'
import { onMasked } from '../../components/events'
import { PhotoSlots, slotIds, type SlotPhoto } from '../../components/PhotoSlots'
import '@/components/board/board.scss'
import '@/components/report/report.scss'
import '../../components/admin.scss'

interface Form {
  title: string
  categoryId: string
  districtId: string | null
  streetId: string | null
  place: string
  unitId: string
  unitName: string
  photos: SlotPhoto[]
  requirement: string
  deadline: string
}

const EMPTY: Form = { title: '', categoryId: '', districtId: null, streetId: null, place: '', unitId: '', unitName: '', photos: [], requirement: '', deadline: dayFromToday(3) }

const formOf = (v: ExposureStaffView): Form => ({
  title: v.title,
  categoryId: v.categoryId,
  districtId: v.location.districtId,
  streetId: v.location.streetId,
  place: v.location.label,
  unitId: v.unit.id,
  unitName: v.unit.name,
  photos: v.photos.map((p) => ({ original: p.original, masked: p.masked, thumb: p.thumb, regions: p.regions })),
  requirement: v.requirement,
  deadline: dayValue(v.deadline),
})

export default function ExposureEditPage() {
  const { params } = useRouter()
  const [view, setView] = useState<ExposureStaffView | null>(null)
  const [reportId, setReportId] = useState<string | null>(params.reportId ?? null)
  const [form, setForm] = useState<Form>(EMPTY)
  const [loading, setLoading] = useState(true)
  const [loadError, setLoadError] = useState<{ code: string; message: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [units, setUnits] = useState<Unit[]>([])
  const [sheet, setSheet] = useState<'withdraw' | 'fix' | null>(null)
  const [reason, setReason] = useState('')
  const [fixNote, setFixNote] = useState('')
  const [fixPhotos, setFixPhotos] = useState<SlotPhoto[]>([])
  const cats = useCategoryIndex()
  const places = usePlaceNames()
  const streets = useAction('city', 'listStreets', { districtId: form.districtId ?? undefined }, [form.districtId])

  useEffect(() => {
    loadAllUnits().then((u) => setUnits(u ?? []))
  }, [])

  useEffect(() => {
    let alive = true
    ;(async () => {
      setLoading(true)
      if (params.id) {
        const res = await callAction('board', 'exposureStaffDetail', { id: params.id })
        if (!alive) return
        if (res.ok) {
          setView(res.data)
          setForm(formOf(res.data))
          setReportId(res.data.reportId)
        } else setLoadError(res)
      } else if (params.reportId) {
        const res = await callAction('board', 'exposureFromReport', { reportId: params.reportId })
        if (!alive) return
        if (!res.ok) setLoadError(res)
        else if (res.data.existingId) return replacePage(BOARD_ROUTES.exposureEdit({ id: res.data.existingId }))
        else
          setForm({
            title: res.data.title,
            categoryId: res.data.categoryId,
            districtId: res.data.districtId,
            streetId: res.data.streetId,
            place: res.data.place,
            unitId: res.data.unit?.id ?? '',
            unitName: res.data.unit?.name ?? '',
            photos: res.data.photos.map((original) => ({ original, masked: null, thumb: null, regions: 0 })),
            requirement: res.data.requirement,
            deadline: res.data.deadline,
          })
      }
      setLoading(false)
    })()
    return () => {
      alive = false
    }
  }, [params.id, params.reportId])

  // The 打码 tool reports back here: mark the photo as masked without a reload (edits stay).
  useEffect(
    () =>
      onMasked((m) => {
        const apply = (ps: SlotPhoto[]) => ps.map((p) => (p.original === m.original ? { ...p, masked: m.masked, thumb: m.thumb, regions: m.regions } : p))
        setForm((f) => ({ ...f, photos: apply(f.photos) }))
        setFixPhotos(apply)
        setError(null)
      }),
    [],
  )

  const { urls } = useTempUrls(useMemo(() => [...slotIds(form.photos), ...slotIds(fixPhotos)], [form.photos, fixPhotos]))
  const published = view?.state === 'published'
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }))
  const unmasked = form.photos.filter((p) => !p.masked).length
  const streetList = streets.data?.items ?? []

  const save = async (): Promise<ExposureStaffView | null> => {
    setError(null)
    const res = await callAction('board', 'exposureSave', {
      ...(view ? { id: view.id, version: view.version } : reportId ? { reportId } : {}),
      title: form.title.trim(),
      categoryId: form.categoryId,
      districtId: form.districtId,
      streetId: form.streetId,
      place: form.place.trim(),
      unitId: form.unitId,
      photos: form.photos.map((p) => ({ original: p.original })),
      requirement: form.requirement.trim(),
      deadline: form.deadline,
    })
    if (!res.ok) {
      setError(res.message)
      return null
    }
    setView(res.data)
    setForm(formOf(res.data))
    return res.data
  }

  const onSave = async () => {
    setBusy(true)
    if (await save()) toast('已保存', 'success')
    setBusy(false)
  }

  const onPublish = async () => {
    setBusy(true)
    const saved = view && view.state !== 'draft' && view.state !== 'withdrawn' ? view : await save()
    if (saved) {
      const res = await callAction('board', 'exposurePublish', { id: saved.id, version: saved.version })
      if (res.ok) {
        setView(res.data)
        setForm(formOf(res.data))
        toast('已发布到曝光台', 'success')
      } else {
        setError(res.message)
        toast('未能发布')
      }
    }
    setBusy(false)
  }

  const onWithdraw = async () => {
    if (!view) return
    setBusy(true)
    const res = await callAction('board', 'exposureWithdraw', { id: view.id, reason: reason.trim() })
    setBusy(false)
    if (!res.ok) return toast(res.message)
    setView(res.data)
    setSheet(null)
    toast('已撤回，可修改后重新发布')
  }

  const onFix = async () => {
    if (!view) return
    setBusy(true)
    const res = await callAction('board', 'exposureRecordFix', { id: view.id, note: fixNote.trim(), photos: fixPhotos.map((p) => ({ original: p.original })) })
    setBusy(false)
    if (!res.ok) return setError(res.message)
    setView(res.data)
    setSheet(null)
    toast('已登记整改结果', 'success')
  }

  if (loading) return <PageShell desk id='page-exposure-edit'><Loading /></PageShell>
  if (loadError) return <PageShell desk id='page-exposure-edit'><ErrorState message={loadError.message} /></PageShell>

  const catIndex = cats.list.findIndex((c) => c.id === form.categoryId)
  const distIndex = places.districts.findIndex((d) => d.id === form.districtId)
  const streetIndex = streetList.findIndex((s) => s.id === form.streetId)
  const unitIndex = units.findIndex((u) => u.id === form.unitId)

  return (
    <PageShell desk id='page-exposure-edit' className='adm-page'>
      <View data-id={view?.id ?? ''} data-state={view?.state ?? 'new'} id='exposure-edit-state'>
        {view ? (
          <View className='card adm-meta'>
            <View className='adm-card__head'>
              <Text className='adm-meta__title'>{EXPOSURE_STATE_LABELS[view.state]}</Text>
              <StatusBadge status={view.status} />
            </View>
            <Text className='adm-meta__line'>
              {view.reportId ? `来自随手拍 ${view.reportId.slice(-8).toUpperCase()}` : '创城办直接撰写'} · {view.createdBy.name}创建
            </Text>
            {view.withdrawn ? <Text className='adm-meta__line'>撤回理由：{view.withdrawn.reason}</Text> : null}
            {published ? (
              <Text id='exposure-edit-view' className='adm-meta__line' style={{ color: '#c8161d' }} onClick={() => openPage(BOARD_ROUTES.exposure(view.id))}>
                查看公开页面 ›（{view.views} 浏览 · {view.followers} 关注）
              </Text>
            ) : null}
          </View>
        ) : reportId ? (
          <View className='adm-notice'>由随手拍生成曝光：已带入问题、照片和责任单位。照片须逐张打码确认后才能发布。</View>
        ) : null}
      </View>

      <View className='card adm-form'>
        <Field label='标题' required>
          <TextBox id='exposure-edit-title' single value={form.title} onChange={(v) => set('title', v)} max={TITLE_MAX} min={4} disabled={published} placeholder='如：解放路建筑材料乱堆乱放逾期未整改' />
        </Field>
        <Field label='问题分类' required>
          <Picker mode='selector' range={cats.list.map((c) => c.name)} value={Math.max(0, catIndex)} disabled={published} onChange={(e) => set('categoryId', cats.list[Number(e.detail.value)].id)}>
            <View id='exposure-edit-category' className={`adm-picker${catIndex < 0 ? ' is-empty' : ''}`}>
              <Text>{catIndex >= 0 ? cats.list[catIndex].name : '请选择'}</Text>
              <Text>▾</Text>
            </View>
          </Picker>
        </Field>
        <Field label='地点（到街道，不写门牌号）' required>
          <View className='adm-row'>
            <Picker mode='selector' range={places.districts.map((d) => d.name)} value={Math.max(0, distIndex)} disabled={published} onChange={(e) => setForm((f) => ({ ...f, districtId: places.districts[Number(e.detail.value)].id, streetId: null }))}>
              <View id='exposure-edit-district' className={`adm-picker${distIndex < 0 ? ' is-empty' : ''}`}>
                <Text>{distIndex >= 0 ? places.districts[distIndex].name : '辖区'}</Text>
                <Text>▾</Text>
              </View>
            </Picker>
            <Picker mode='selector' range={streetList.map((s) => s.name)} value={Math.max(0, streetIndex)} disabled={published || !form.districtId} onChange={(e) => set('streetId', streetList[Number(e.detail.value)].id)}>
              <View id='exposure-edit-street' className={`adm-picker${streetIndex < 0 ? ' is-empty' : ''}`}>
                <Text>{streetIndex >= 0 ? streetList[streetIndex].name : '街道'}</Text>
                <Text>▾</Text>
              </View>
            </Picker>
          </View>
          <View style={{ marginTop: '8px' }}>
            <TextBox id='exposure-edit-place' single value={form.place} onChange={(v) => set('place', v)} max={PLACE_MAX} min={2} disabled={published} placeholder='路名、路口或小区名' />
          </View>
        </Field>
        <Field label='责任单位' required>
          <Picker mode='selector' range={units.map((u) => u.name)} value={Math.max(0, unitIndex)} disabled={published} onChange={(e) => setForm((f) => ({ ...f, unitId: units[Number(e.detail.value)].id, unitName: units[Number(e.detail.value)].name }))}>
            <View id='exposure-edit-unit' className={`adm-picker${form.unitId ? '' : ' is-empty'}`}>
              <Text>{form.unitName || '请选择'}</Text>
              <Text>▾</Text>
            </View>
          </Picker>
        </Field>
        <Field label='照片' required extra={<Text className={unmasked ? 'adm-warn' : 'adm-ok'}>{unmasked ? `${unmasked} 张待打码` : '已全部打码'}</Text>}>
          <PhotoSlots id='exposure-edit-photos' photos={form.photos} urls={urls} max={EXPOSURE_PHOTOS_MAX} onChange={(ps) => set('photos', ps)} readOnly={published} />
          <Text className='adm-hint'>发布前须点开每张照片，遮挡人脸、车牌等个人信息并确认；原图仅工作人员可见，公众只看到打码后的照片。</Text>
        </Field>
        <Field label='整改要求' required>
          <TextBox id='exposure-edit-requirement' value={form.requirement} onChange={(v) => set('requirement', v)} max={REQUIREMENT_MAX} min={5} disabled={published} placeholder='责任单位应如何整改、达到什么标准' />
        </Field>
        <Field label='整改时限' required>
          <Picker mode='date' value={form.deadline} disabled={published} onChange={(e) => set('deadline', String(e.detail.value))}>
            <View id='exposure-edit-deadline' className='adm-picker'>
              <Text>{form.deadline} 前整改到位</Text>
              <Text>▾</Text>
            </View>
          </Picker>
        </Field>
      </View>

      {error ? (
        <View id='exposure-edit-error' className='adm-error'>
          {error}
        </View>
      ) : null}
      {view?.fix ? (
        <View className='adm-notice'>
          已登记整改：{view.fix.note}（{view.fix.by.name}）
        </View>
      ) : null}
      <View className='adm-spacer' />

      <View className='adm-footer'>
        {published ? (
          <>
            <Button id='exposure-edit-withdraw' type='default' onClick={() => setSheet('withdraw')}>
              撤回
            </Button>
            {!view?.reportId && !view?.fix ? (
              <Button id='exposure-edit-fix' type='success' onClick={() => setSheet('fix')}>
                登记整改
              </Button>
            ) : null}
          </>
        ) : (
          <>
            <Button id='exposure-edit-save' type='default' loading={busy} onClick={onSave}>
              保存草稿
            </Button>
            <Button id='exposure-edit-publish' type='primary' loading={busy} onClick={onPublish}>
              {view?.state === 'withdrawn' ? '重新发布' : '发布'}
            </Button>
          </>
        )}
      </View>

      <Sheet id='exposure-withdraw-sheet' visible={sheet === 'withdraw'} title='撤回曝光' onClose={() => setSheet(null)} confirmText='确认撤回' onConfirm={onWithdraw} busy={busy} disabled={reason.trim().length < 2} danger>
        <Field label='撤回理由' required>
          <TextBox id='exposure-withdraw-reason' value={reason} onChange={setReason} max={200} min={2} placeholder='如：照片需重新打码、内容有误需更正' />
        </Field>
      </Sheet>
      <Sheet id='exposure-fix-sheet' visible={sheet === 'fix'} title='登记整改结果' onClose={() => setSheet(null)} confirmText='确认已整改' onConfirm={onFix} busy={busy} disabled={!fixPhotos.length || fixNote.trim().length < 2}>
        <Field label='整改后照片（须打码）' required>
          <PhotoSlots id='exposure-fix-photos' photos={fixPhotos} urls={urls} max={EXPOSURE_PHOTOS_MAX} onChange={setFixPhotos} />
        </Field>
        <Field label='整改情况' required>
          <TextBox id='exposure-fix-note' value={fixNote} onChange={setFixNote} max={FIX_NOTE_MAX} min={2} placeholder='现场核查的整改情况' />
        </Field>
        {error ? <View className='adm-error'>{error}</View> : null}
      </Sheet>
    </PageShell>
  )
}
