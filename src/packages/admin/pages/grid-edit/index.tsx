import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { Field, TextArea, TextInput } from '@/components/volunteer/Field'
import { Notice } from '@/components/volunteer/Notice'
import type { GridKind } from '@/domain/city/grid'
import { callAction, type InputOf, type OutputOf } from '@/services/cloud'
import { say } from '@/services/volunteer'
import { useBusy } from '@/services/volunteerHooks'
import { GRID_KIND_LABELS, GRID_RADIUS_MIN_M, GRID_REACH_MAX_M } from '../../constants'
import { AdminOnly } from '../../guard'
import { formatPoints, parsePoints, previewSvg, svgDataUri, type Shape } from '../../preview'
import '../../admin.scss'

type Record = OutputOf<'city', 'getGridRecord'>
type GridView = OutputOf<'city', 'listGrids'>['items'][number]
type Street = OutputOf<'city', 'listStreets'>['items'][number]
type Unit = OutputOf<'city', 'listAllUnits'>['items'][number]

interface Form {
  name: string
  kind: GridKind
  community: string
  parentId: string | null
  unitId: string | null
  leader: string
  workerName: string
  workerPhone: string
  households: string
  shape: 'circle' | 'polygon'
  lat: string
  lng: string
  radius: string
  points: string
}

const toForm = (r: Record): Form => ({
  name: r.name,
  kind: r.kind,
  community: r.community,
  parentId: r.parentId,
  unitId: r.unitId,
  leader: r.leader ?? '',
  workerName: r.worker?.name ?? '',
  workerPhone: r.worker?.phone ?? '',
  households: r.households === null ? '' : String(r.households),
  shape: r.area.type,
  lat: String(r.center.lat),
  lng: String(r.center.lng),
  radius: r.area.type === 'circle' ? String(r.area.radius) : '150',
  points: r.area.type === 'polygon' ? formatPoints(r.area.points) : '',
})

/** The shape the form describes, or the first thing wrong with it. */
function shapeOf(f: Form): { shape: Shape } | { error: string } {
  const lat = Number(f.lat)
  const lng = Number(f.lng)
  if (!f.lat.trim() || !f.lng.trim() || !Number.isFinite(lat) || !Number.isFinite(lng)) return { error: '请填写中心点纬度和经度' }
  const center = { lat, lng }
  if (f.shape === 'circle') {
    const radius = Number(f.radius)
    if (!Number.isFinite(radius) || radius < GRID_RADIUS_MIN_M || radius > GRID_REACH_MAX_M) return { error: `半径应在 ${GRID_RADIUS_MIN_M} 米到 ${GRID_REACH_MAX_M} 米之间` }
    return { shape: { center, area: { type: 'circle', radius } } }
  }
  const parsed = parsePoints(f.points)
  return 'error' in parsed ? parsed : { shape: { center, area: { type: 'polygon', points: parsed.points } } }
}

function GridEditor({ id, streetIdParam }: { id: string | null; streetIdParam: string | null }) {
  const [record, setRecord] = useState<Record | null>(null)
  const [street, setStreet] = useState<Street | null>(null)
  const [neighbours, setNeighbours] = useState<GridView[]>([])
  const [units, setUnits] = useState<Unit[]>([])
  const [form, setForm] = useState<Form | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, run] = useBusy()
  const set = (patch: Partial<Form>) => setForm((f) => (f ? { ...f, ...patch } : f))

  useEffect(() => {
    let alive = true
    ;(async () => {
      const rec = id ? await callAction('city', 'getGridRecord', { id }) : null
      if (rec && !rec.ok) return alive && setLoadError(rec.message)
      const streetId = rec?.ok ? rec.data.streetId : streetIdParam
      const [streets, grids, unitRes] = await Promise.all([
        callAction('city', 'listStreets', {}),
        callAction('city', 'listGrids', { streetId: streetId ?? undefined, limit: 100 }),
        callAction('city', 'listAllUnits', { active: true, limit: 100 }),
      ])
      if (!alive) return
      if (!streets.ok || !grids.ok || !unitRes.ok) return setLoadError('读取网格资料失败，请返回重试')
      const st = streets.data.items.find((s) => s.id === streetId) ?? null
      if (!st) return setLoadError('街道不存在')
      setStreet(st)
      setNeighbours(grids.data.items.filter((g) => g.id !== id))
      setUnits(unitRes.data.items)
      if (rec?.ok) {
        setRecord(rec.data)
        setForm(toForm(rec.data))
      } else {
        setForm({ name: '', kind: 'grid', community: st.communities[0] ?? '', parentId: null, unitId: null, leader: '', workerName: '', workerPhone: '', households: '', shape: 'circle', lat: String(st.center.lat), lng: String(st.center.lng), radius: '300', points: '' })
      }
    })()
    return () => {
      alive = false
    }
  }, [id, streetIdParam])

  const drawn = form ? shapeOf(form) : null
  const shapeKey = drawn && 'shape' in drawn ? JSON.stringify(drawn.shape) : ''
  const preview = useMemo(
    () => svgDataUri(previewSvg(shapeKey ? (JSON.parse(shapeKey) as Shape) : null, neighbours.map((g) => ({ center: g.center, area: g.area })))),
    [shapeKey, neighbours],
  )

  if (loadError) return <ErrorState message={loadError} />
  if (!form || !street) return <Loading />
  const parents = neighbours.filter((g) => g.kind === 'grid')

  const centreOfPolygon = () => {
    const parsed = parsePoints(form.points)
    if ('error' in parsed) return setError(parsed.error)
    const n = parsed.points.length
    set({ lat: (parsed.points.reduce((s, p) => s + p.lat, 0) / n).toFixed(6), lng: (parsed.points.reduce((s, p) => s + p.lng, 0) / n).toFixed(6) })
    setError(null)
  }

  const save = () =>
    run(async () => {
      if (form.name.trim().length < 2) return setError('请填写网格名称（至少 2 个字）')
      if (form.kind === 'micro' && !form.parentId) return setError('微网格请选择上级网格')
      if (!drawn || 'error' in drawn) return setError(drawn?.error ?? '请填写范围')
      const households = form.households.trim() ? Number(form.households) : null
      if (households !== null && (!Number.isInteger(households) || households < 0)) return setError('户数应为整数')
      const payload: InputOf<'city', 'saveGrid'> = {
        ...(record ? { id: record.id } : {}),
        name: form.name.trim(),
        kind: form.kind,
        districtId: street.districtId,
        streetId: street.id,
        community: form.community,
        parentId: form.kind === 'micro' ? form.parentId : null,
        center: drawn.shape.center,
        area: drawn.shape.area,
        households,
        unitId: form.unitId,
        leader: form.leader.trim() || null,
        worker: form.workerName.trim() ? { name: form.workerName.trim(), phone: form.workerPhone.trim() } : null,
      }
      const res = await callAction('city', 'saveGrid', payload)
      if (!res.ok) return setError(res.message)
      say('已保存', 'success')
      setRecord(res.data)
      setForm(toForm(res.data))
      setError(null)
      setTimeout(() => Taro.navigateBack().catch(() => undefined), 600)
    })

  return (
    <View id='grid-form'>
      <Text className='vol-muted'>
        {street.name}
        {record ? ` · ${record.name}` : ' · 新增网格'}
      </Text>
      <Field label='网格名称' required>
        <TextInput id='grid-name' value={form.name} onChange={(name) => set({ name })} maxlength={40} placeholder='如 幸福里社区第一网格' />
      </Field>
      <Field label='类型'>
        <ChoiceChips
          idPrefix='grid-kind'
          options={(['grid', 'micro'] as const).map((k) => ({ value: k, label: GRID_KIND_LABELS[k], disabled: !!record && record.kind !== k }))}
          value={form.kind}
          onChange={(kind) => kind && set({ kind })}
        />
      </Field>
      {form.kind === 'micro' ? (
        <Field label='上级网格' required>
          <ChoiceChips idPrefix='grid-parent' options={parents.map((g) => ({ value: g.id, label: g.name }))} value={form.parentId} onChange={(parentId) => set({ parentId })} />
        </Field>
      ) : null}
      <Field label='所属社区'>
        <ChoiceChips idPrefix='grid-community' options={street.communities.map((c) => ({ value: c, label: c }))} value={form.community} onChange={(c) => set({ community: c ?? '' })} />
      </Field>
      <Field label={form.kind === 'micro' ? '包保单位（不选则沿用上级网格的）' : '包保单位'} hint='改了以后，新的随手拍按新单位推荐派单；已派出的保留原单位'>
        <ChoiceChips idPrefix='grid-unit' allowClear options={units.map((u) => ({ value: u.id, label: u.shortName || u.name }))} value={form.unitId} onChange={(unitId) => set({ unitId })} />
      </Field>
      <View className='cfg-two'>
        <Field label='包保责任人'>
          <TextInput id='grid-leader' value={form.leader} onChange={(leader) => set({ leader })} maxlength={40} placeholder='姓名（职务）' />
        </Field>
        <Field label='户数'>
          <TextInput id='grid-households' type='number' value={form.households} onChange={(households) => set({ households })} maxlength={6} />
        </Field>
      </View>
      <View className='cfg-two'>
        <Field label='网格员'>
          <TextInput id='grid-worker' value={form.workerName} onChange={(workerName) => set({ workerName })} maxlength={20} />
        </Field>
        <Field label='网格员电话（仅创城办、管理员可见）'>
          <TextInput id='grid-worker-phone' value={form.workerPhone} onChange={(workerPhone) => set({ workerPhone })} maxlength={20} />
        </Field>
      </View>
      <Field label='范围'>
        <ChoiceChips
          idPrefix='grid-shape'
          options={[
            { value: 'circle', label: '中心点 + 半径' },
            { value: 'polygon', label: '多边形' },
          ]}
          value={form.shape}
          onChange={(shape) => shape && set({ shape })}
        />
      </Field>
      <View className='cfg-two'>
        <Field label='中心纬度' required>
          <TextInput id='grid-lat' type='digit' value={form.lat} onChange={(lat) => set({ lat })} maxlength={12} />
        </Field>
        <Field label='中心经度' required>
          <TextInput id='grid-lng' type='digit' value={form.lng} onChange={(lng) => set({ lng })} maxlength={12} />
        </Field>
        {form.shape === 'circle' ? (
          <Field label={`半径（米，${GRID_RADIUS_MIN_M}–${GRID_REACH_MAX_M}）`} required>
            <TextInput id='grid-radius' type='number' value={form.radius} onChange={(radius) => set({ radius })} maxlength={5} />
          </Field>
        ) : null}
      </View>
      {form.shape === 'polygon' ? (
        <Field label='多边形顶点（每行“纬度,经度”，按顺序；可从测绘表格粘贴）' extra={<Text className='cfg-link' id='grid-centre' onClick={centreOfPolygon}>取多边形中心</Text>}>
          <TextArea id='grid-points' value={form.points} onChange={(points) => set({ points })} maxlength={20000} placeholder={'34.6201,112.4512\n34.6201,112.4560\n34.6170,112.4560'} />
        </Field>
      ) : null}
      <Field label='示意图（红色为本网格，灰色为同街道其他网格）'>
        <Image id='grid-preview' className='cfg-preview' src={preview} mode='scaleToFill' />
        {drawn && 'error' in drawn ? <Text className='vol-field__error'>{drawn.error}</Text> : null}
      </Field>
      {error ? (
        <Notice id='grid-error' tone='red'>
          {error}
        </Notice>
      ) : null}
      <View className='cfg-actions'>
        <Button id='grid-save' type='primary' disabled={busy} onClick={save}>
          保存
        </Button>
      </View>
    </View>
  )
}

/** 编辑网格 (?id=<grid> or ?streetId=<street> for a new one). Test hooks: #page-admin-grid-edit, #grid-form, #grid-name, #grid-kind-<kind>, #grid-parent-<id>, #grid-unit-<unitId>, #grid-shape-<circle|polygon>, #grid-lat, #grid-lng, #grid-radius, #grid-points, #grid-centre, #grid-preview, #grid-error, #grid-save. */
export default function GridEditPage() {
  const { params } = useRouter()
  return (
    <PageShell id='page-admin-grid-edit' desk>
      <AdminOnly>
        <GridEditor id={params.id ?? null} streetIdParam={params.streetId ?? null} />
      </AdminOnly>
    </PageShell>
  )
}
