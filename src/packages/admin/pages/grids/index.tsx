import { useEffect, useState } from 'react'
import Taro, { useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { Field, TextInput } from '@/components/volunteer/Field'
import { Notice, ToneTag } from '@/components/volunteer/Notice'
import { Sheet } from '@/components/volunteer/Sheet'
import { callAction, type OutputOf } from '@/services/cloud'
import { useAction } from '@/services/useAction'
import { useBusy, useOffsetList, useOnShowAgain } from '@/services/volunteerHooks'
import { GRID_KIND_LABELS } from '../../constants'
import { AdminOnly } from '../../guard'
import '../../admin.scss'

const EDIT = '/packages/admin/pages/grid-edit/index'

type Street = OutputOf<'city', 'listStreets'>['items'][number]
interface PlaceForm {
  kind: 'district' | 'street'
  id?: string
  name: string
  /** District: its introduction; street: its 社区, separated by 、 or commas. */
  text: string
  lat: string
  lng: string
}
const splitNames = (s: string) => s.split(/[、,，\s]+/).map((x) => x.trim()).filter(Boolean)

/** Adds or edits a district or a street (with its 社区, which grids then belong to). */
function PlaceSheet({ form, setForm, districtId, onSaved }: { form: PlaceForm | null; setForm: (f: PlaceForm | null) => void; districtId: string | null; onSaved: (message: string) => void }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, run] = useBusy()
  const set = (patch: Partial<PlaceForm>) => form && setForm({ ...form, ...patch })
  const save = () =>
    run(async () => {
      if (!form) return
      const center = { lat: Number(form.lat), lng: Number(form.lng) }
      if (!form.lat.trim() || !form.lng.trim() || !Number.isFinite(center.lat) || !Number.isFinite(center.lng)) return setError('请填写中心点纬度和经度')
      if (form.name.trim().length < 2) return setError('请填写名称（至少 2 个字）')
      const base = { ...(form.id ? { id: form.id } : {}), name: form.name.trim(), center }
      const res =
        form.kind === 'district'
          ? await callAction('city', 'saveDistrict', { ...base, intro: form.text.trim() })
          : districtId
            ? await callAction('city', 'saveStreet', { ...base, districtId, communities: splitNames(form.text) })
            : null
      if (!res) return setError('请先选择辖区')
      if (!res.ok) return setError(res.message)
      setError(null)
      setForm(null)
      onSaved(`已保存${form.kind === 'district' ? '辖区' : '街道'} ${res.data.name}`)
    })
  const label = form?.kind === 'district' ? '辖区' : '街道'
  return (
    <Sheet id='place-sheet' visible={!!form} title={form?.id ? `编辑${label} · ${form.name}` : `新增${label}`} onClose={() => setForm(null)} confirmText='保存' busy={busy} onConfirm={save}>
      {form ? (
        <>
          <Field label={`${label}名称`} required>
            <TextInput id='place-name' value={form.name} onChange={(name) => set({ name })} maxlength={20} />
          </Field>
          <Field label={form.kind === 'district' ? '简介' : '社区（用顿号或逗号分隔）'}>
            <TextInput id='place-text' value={form.text} onChange={(text) => set({ text })} maxlength={form.kind === 'district' ? 200 : 1000} />
          </Field>
          <View className='cfg-two'>
            <Field label='中心纬度' required>
              <TextInput id='place-lat' type='digit' value={form.lat} onChange={(lat) => set({ lat })} maxlength={12} />
            </Field>
            <Field label='中心经度' required>
              <TextInput id='place-lng' type='digit' value={form.lng} onChange={(lng) => set({ lng })} maxlength={12} />
            </Field>
          </View>
          {error ? <Notice tone='red'>{error}</Notice> : null}
        </>
      ) : null}
    </Sheet>
  )
}

function Grids() {
  const districts = useAction('city', 'listDistricts', {})
  const [districtId, setDistrictId] = useState<string | null>(null)
  const streets = useAction('city', 'listStreets', districtId ? { districtId } : {}, [districtId])
  const [streetId, setStreetId] = useState<string | null>(null)
  const list = useOffsetList('city', 'listGrids', streetId ? { streetId } : { districtId: districtId ?? undefined }, [streetId, districtId], 50)
  useReachBottom(() => list.loadMore())
  useOnShowAgain(() => list.reload())

  const [place, setPlace] = useState<PlaceForm | null>(null)
  const [message, setMessage] = useState<string | null>(null)

  useEffect(() => {
    if (!districtId && districts.data?.items[0]) setDistrictId(districts.data.items[0].id)
  }, [districts.data, districtId])

  const district = districts.data?.items.find((d) => d.id === districtId) ?? null
  const street: Street | null = streets.data?.items.find((s) => s.id === streetId) ?? null
  const editStreet = () =>
    street
      ? setPlace({ kind: 'street', id: street.id, name: street.name, text: street.communities.join('、'), lat: String(street.center.lat), lng: String(street.center.lng) })
      : setPlace({ kind: 'street', name: '', text: '', lat: String(district?.center.lat ?? ''), lng: String(district?.center.lng ?? '') })

  if (districts.loading && !districts.data) return <Loading />
  if (districts.error) return <ErrorState error={districts.error} onRetry={districts.reload} />
  return (
    <>
      <ChoiceChips idPrefix='grid-district' row options={(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))} value={districtId} onChange={(v) => (setDistrictId(v), setStreetId(null))} />
      <ChoiceChips idPrefix='grid-street' row allowClear options={(streets.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} value={streetId} onChange={setStreetId} />
      <View className='cfg-actions'>
        <Button id='district-add' size='small' fill='outline' type='default' onClick={() => setPlace({ kind: 'district', name: '', text: '', lat: String(district?.center.lat ?? ''), lng: String(district?.center.lng ?? '') })}>
          新增辖区
        </Button>
        <Button id='street-edit' size='small' fill='outline' type='default' disabled={!districtId} onClick={editStreet}>
          {street ? `编辑${street.name}与社区` : '新增街道'}
        </Button>
      </View>
      {message ? (
        <Notice id='place-message' tone='green'>
          {message}
        </Notice>
      ) : null}
      <View className='cfg-bar'>
        <Text className='vol-muted'>点网格修改范围与包保单位；新的随手拍按新范围定位、按新包保单位推荐派单</Text>
        <View className='vol-spacer' />
        <Button id='grid-add' size='small' type='primary' disabled={!streetId} onClick={() => Taro.navigateTo({ url: `${EDIT}?streetId=${streetId}` })}>
          {streetId ? '新增网格' : '先选街道再新增'}
        </Button>
      </View>
      <View id='grid-list' className='cfg-list'>
        {list.loading ? (
          <Loading />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : list.items.length === 0 ? (
          <Empty icon='🗺️' title='这里还没有网格' />
        ) : (
          list.items.map((g) => (
            <View key={g.id} className='cfg-row grid-row' data-id={g.id} data-unit={g.unit?.id ?? ''} onClick={() => Taro.navigateTo({ url: `${EDIT}?id=${g.id}` })}>
              <View className='cfg-row__head'>
                <Text className='cfg-row__title'>{g.name}</Text>
                <ToneTag tone={g.kind === 'grid' ? 'blue' : 'grey'}>{GRID_KIND_LABELS[g.kind]}</ToneTag>
              </View>
              <Text className='cfg-row__meta grid-row__unit'>
                包保单位：{g.unit?.name ?? '未设置'} · {g.area.type === 'circle' ? `圆形 半径 ${g.area.radius} 米` : `多边形 ${g.area.points.length} 个顶点`}
              </Text>
            </View>
          ))
        )}
      </View>
      {list.hasMore ? (
        <View className='cfg-more' onClick={list.loadMore}>
          <Text>{list.loadingMore ? '加载中…' : '加载更多'}</Text>
        </View>
      ) : null}
      <PlaceSheet
        form={place}
        setForm={setPlace}
        districtId={districtId}
        onSaved={(m) => {
          setMessage(m)
          districts.reload()
          streets.reload()
        }}
      />
    </>
  )
}

/** 网格与包保. Test hooks: #page-admin-grids, #grid-district-<id>, #grid-street-<id>, #district-add, #street-edit, #place-sheet (#place-name, #place-text, #place-lat, #place-lng), #place-message, #grid-add, #grid-list .grid-row[data-id][data-unit]. */
export default function GridsPage() {
  return (
    <PageShell id='page-admin-grids' desk>
      <AdminOnly>
        <Grids />
      </AdminOnly>
    </PageShell>
  )
}
