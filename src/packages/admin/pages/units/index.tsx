import { useState } from 'react'
import { useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { Field, TextArea, TextInput } from '@/components/volunteer/Field'
import { Notice, ToneTag } from '@/components/volunteer/Notice'
import { Sheet } from '@/components/volunteer/Sheet'
import type { UnitType } from '@/domain/city/unit'
import { callAction, type OutputOf } from '@/services/cloud'
import { useAction } from '@/services/useAction'
import { useBusy, useOffsetList } from '@/services/volunteerHooks'
import { UNIT_TYPES } from '../../constants'
import { AdminOnly } from '../../guard'
import '../../admin.scss'

type Unit = OutputOf<'city', 'listAllUnits'>['items'][number]
type Status = 'active' | 'inactive'

interface Form {
  id?: string
  name: string
  shortName: string
  type: UnitType | null
  districtId: string
  address: string
  duties: string
  contactName: string
  contactPhone: string
}
const EMPTY: Form = { name: '', shortName: '', type: null, districtId: '', address: '', duties: '', contactName: '', contactPhone: '' }
const toForm = (u: Unit): Form => ({
  id: u.id,
  name: u.name,
  shortName: u.shortName,
  type: u.type,
  districtId: u.districtId ?? '',
  address: u.address,
  duties: u.duties,
  contactName: u.contact.name,
  contactPhone: u.contact.phone,
})

/** The users bound to a unit (its 经办人). */
function Handlers({ unitId }: { unitId: string }) {
  const res = useAction('user', 'listUsers', { unitId, limit: 50 }, [unitId])
  if (res.loading) return <Loading text='正在读取经办人…' />
  if (res.error) return <ErrorState compact error={res.error} onRetry={res.reload} />
  const items = res.data?.items ?? []
  return (
    <View id='unit-handlers'>
      {items.length === 0 ? (
        <Text className='vol-muted'>暂无绑定的经办人（在“用户与角色”中授予责任单位角色并选择本单位）</Text>
      ) : (
        items.map((u) => (
          <Text key={u.openid} className='cfg-row__meta unit-handler' data-openid={u.openid}>
            {u.nickname}（{u.openid}）
          </Text>
        ))
      )}
    </View>
  )
}

function Units() {
  const [status, setStatus] = useState<Status>('active')
  const list = useOffsetList('city', 'listAllUnits', { active: status === 'active' }, [status])
  const districts = useAction('city', 'listDistricts', {})
  const [form, setForm] = useState<Form | null>(null)
  const [sheetError, setSheetError] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, run] = useBusy()
  useReachBottom(() => list.loadMore())
  const set = (patch: Partial<Form>) => setForm((f) => (f ? { ...f, ...patch } : f))
  const districtName = (id: string | null) => (id ? (districts.data?.items.find((d) => d.id === id)?.name ?? id) : '全市')

  const save = () =>
    run(async () => {
      if (!form) return
      if (form.name.trim().length < 2 || !form.shortName.trim()) return setSheetError('请填写单位名称和简称')
      if (!form.type) return setSheetError('请选择单位类型')
      if (!form.contactName.trim()) return setSheetError('请填写联系人')
      const res = await callAction('city', 'saveUnit', {
        ...(form.id ? { id: form.id } : {}),
        name: form.name.trim(),
        shortName: form.shortName.trim(),
        type: form.type,
        districtId: form.districtId || null,
        address: form.address.trim(),
        duties: form.duties.trim(),
        contact: { name: form.contactName.trim(), phone: form.contactPhone.trim() },
      })
      if (!res.ok) return setSheetError(res.message)
      setMessage(`已保存 ${res.data.name}`)
      setForm(null)
      list.reload()
    })

  const toggle = (u: Unit) =>
    run(async () => {
      const res = await callAction('city', 'setUnitActive', { id: u.id, active: !u.active })
      setMessage(res.ok ? `${res.data.name} 已${res.data.active ? '启用' : '停用'}` : res.message)
      if (res.ok) list.reload()
    })

  return (
    <>
      <View className='cfg-bar'>
        <ChoiceChips
          idPrefix='unit-status'
          row
          options={[
            { value: 'active', label: '在用' },
            { value: 'inactive', label: '已停用' },
          ]}
          value={status}
          onChange={(v) => v && setStatus(v)}
        />
        <View className='vol-spacer' />
        <Button id='unit-add' size='small' type='primary' onClick={() => (setForm(EMPTY), setSheetError(null))}>
          新增单位
        </Button>
      </View>
      {message ? (
        <Notice id='unit-message' tone='blue'>
          {message}
        </Notice>
      ) : null}
      <View id='unit-list' className='cfg-list'>
        {list.loading ? (
          <Loading />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : list.items.length === 0 ? (
          <Empty icon='🏢' title={status === 'active' ? '暂无责任单位' : '没有停用的单位'} />
        ) : (
          list.items.map((u) => (
            <View key={u.id} className={`cfg-row unit-row${u.active ? '' : ' is-inactive'}`} data-id={u.id}>
              <View className='cfg-row__head'>
                <Text className='cfg-row__title'>{u.name}</Text>
                <ToneTag tone='blue'>{u.type}</ToneTag>
              </View>
              <Text className='cfg-row__meta'>
                {districtName(u.districtId)} · 联系人 {u.contact.name} {u.contact.phone}
              </Text>
              <View className='cfg-actions'>
                <Button className='unit-toggle' size='small' fill='outline' type='default' disabled={busy} onClick={() => toggle(u)}>
                  {u.active ? '停用' : '启用'}
                </Button>
                <Button className='unit-edit' size='small' type='primary' onClick={() => (setForm(toForm(u)), setSheetError(null))}>
                  编辑
                </Button>
              </View>
            </View>
          ))
        )}
      </View>
      {list.hasMore ? (
        <View className='cfg-more' onClick={list.loadMore}>
          <Text>{list.loadingMore ? '加载中…' : '加载更多'}</Text>
        </View>
      ) : null}

      <Sheet id='unit-sheet' visible={!!form} title={form?.id ? `编辑 · ${form.name}` : '新增责任单位'} onClose={() => setForm(null)} confirmText='保存' busy={busy} onConfirm={save}>
        {form ? (
          <>
            <Field label='单位名称' required>
              <TextInput id='unit-name' value={form.name} onChange={(name) => set({ name })} maxlength={60} placeholder='如 示范市城市管理综合执法局文华分局' />
            </Field>
            <Field label='简称' required>
              <TextInput id='unit-short' value={form.shortName} onChange={(shortName) => set({ shortName })} maxlength={20} placeholder='如 文华城管' />
            </Field>
            <Field label='单位类型' required>
              <ChoiceChips idPrefix='unit-type' options={UNIT_TYPES.map((t) => ({ value: t, label: t }))} value={form.type} onChange={(type) => set({ type })} />
            </Field>
            <Field label='辖区（不选为全市）'>
              <ChoiceChips
                idPrefix='unit-district'
                allowClear
                options={(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
                value={form.districtId || null}
                onChange={(v) => set({ districtId: v ?? '' })}
              />
            </Field>
            <View className='cfg-two'>
              <Field label='联系人' required>
                <TextInput id='unit-contact' value={form.contactName} onChange={(contactName) => set({ contactName })} maxlength={20} />
              </Field>
              <Field label='联系电话（仅创城办、管理员及本单位可见）'>
                <TextInput id='unit-phone' value={form.contactPhone} onChange={(contactPhone) => set({ contactPhone })} maxlength={20} />
              </Field>
            </View>
            <Field label='地址'>
              <TextInput id='unit-address' value={form.address} onChange={(address) => set({ address })} maxlength={100} />
            </Field>
            <Field label='职责'>
              <TextArea id='unit-duties' value={form.duties} onChange={(duties) => set({ duties })} maxlength={500} />
            </Field>
            {form.id ? (
              <Field label='经办人'>
                <Handlers unitId={form.id} />
              </Field>
            ) : null}
            {sheetError ? <Notice tone='red'>{sheetError}</Notice> : null}
          </>
        ) : null}
      </Sheet>
    </>
  )
}

/** 责任单位. Test hooks: #page-admin-units, #unit-status-<active|inactive>, #unit-add, #unit-list .unit-row[data-id] (.unit-edit, .unit-toggle), #unit-sheet (#unit-name …, #unit-sheet-confirm), #unit-handlers, #unit-message. */
export default function UnitsPage() {
  return (
    <PageShell id='page-admin-units' desk>
      <AdminOnly>
        <Units />
      </AdminOnly>
    </PageShell>
  )
}
