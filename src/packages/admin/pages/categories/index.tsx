import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell, categoryGlyph } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { CheckBox, Field, TextInput } from '@/components/volunteer/Field'
import { Notice, ToneTag } from '@/components/volunteer/Notice'
import { Sheet } from '@/components/volunteer/Sheet'
import type { CategoryGroup } from '@/domain/city/category'
import type { UnitType } from '@/domain/city/unit'
import { callAction, type OutputOf } from '@/services/cloud'
import { useAction } from '@/services/useAction'
import { useBusy } from '@/services/volunteerHooks'
import { CATEGORY_GROUPS, UNIT_TYPES } from '../../constants'
import { AdminOnly } from '../../guard'
import '../../admin.scss'

type Category = OutputOf<'city', 'listAllCategories'>['items'][number]
interface Form {
  create: boolean
  id: string
  name: string
  group: CategoryGroup
  hint: string
  icon: string
  deadlineDays: string
  unitType: UnitType
  cgCode: string | null
  order: string
  active: boolean
}
const toForm = (c: Category): Form => ({ ...c, create: false, deadlineDays: String(c.deadlineDays), order: String(c.order) })

function Categories() {
  const list = useAction('city', 'listAllCategories', {})
  const [group, setGroup] = useState<CategoryGroup>(CATEGORY_GROUPS[0])
  const [form, setForm] = useState<Form | null>(null)
  const [sheetError, setSheetError] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, run] = useBusy()
  const set = (patch: Partial<Form>) => setForm((f) => (f ? { ...f, ...patch } : f))

  const add = () => {
    const last = (list.data?.items ?? []).filter((c) => c.group === group).reduce((m, c) => Math.max(m, c.order), 0)
    setForm({ create: true, id: '', name: '', group, hint: '', icon: 'other', deadlineDays: '3', unitType: '文明办', cgCode: null, order: String(last + 1), active: true })
    setSheetError(null)
  }

  const save = () =>
    run(async () => {
      if (!form) return
      const deadlineDays = Number(form.deadlineDays)
      if (!Number.isInteger(deadlineDays) || deadlineDays < 1 || deadlineDays > 60) return setSheetError('默认整改时限为 1–60 天')
      const order = Number(form.order)
      if (!Number.isInteger(order)) return setSheetError('排序应为整数')
      const { create, ...fields } = form
      const res = await callAction('city', 'saveCategory', { create, category: { ...fields, name: fields.name.trim(), hint: fields.hint.trim(), deadlineDays, order } })
      if (!res.ok) return setSheetError(res.message)
      setMessage(`已保存“${res.data.name}”：默认 ${res.data.deadlineDays} 天，${res.data.unitType}${res.data.active ? '' : '（已停用）'}。新的派单起生效。`)
      setForm(null)
      list.reload()
    })

  if (list.loading && !list.data) return <Loading />
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />
  const items = (list.data?.items ?? []).filter((c) => c.group === group).sort((a, b) => a.order - b.order)
  return (
    <>
      <ChoiceChips idPrefix='cat-group' row options={CATEGORY_GROUPS.map((g) => ({ value: g, label: g }))} value={group} onChange={(g) => g && setGroup(g)} />
      <View className='cfg-bar'>
        <Text className='vol-muted'>停用的分类不再出现在随手拍中；已有记录不受影响</Text>
        <View className='vol-spacer' />
        <Button id='cat-add' size='small' type='primary' onClick={add}>
          新增分类
        </Button>
      </View>
      {message ? (
        <Notice id='cat-message' tone='green'>
          {message}
        </Notice>
      ) : null}
      <View id='cat-list' className='cfg-list'>
        {items.length === 0 ? (
          <Empty icon='🏷️' title='这一组还没有分类' />
        ) : (
          items.map((c) => (
            <View key={c.id} className={`cfg-row cat-row${c.active ? '' : ' is-inactive'}`} data-id={c.id} onClick={() => (setForm(toForm(c)), setSheetError(null))}>
              <View className='cfg-row__head'>
                <Text className='cfg-row__title'>
                  {categoryGlyph(c.icon)} {c.name}
                </Text>
                {c.active ? null : <ToneTag tone='grey'>已停用</ToneTag>}
              </View>
              <Text className='cfg-row__meta'>
                默认 {c.deadlineDays} 天 · {c.unitType} · 排序 {c.order}
                {c.cgCode ? ` · ${c.cgCode}` : ''}
              </Text>
            </View>
          ))
        )}
      </View>

      <Sheet id='cat-sheet' visible={!!form} title={form?.create ? '新增分类' : `编辑 · ${form?.name ?? ''}`} onClose={() => setForm(null)} confirmText='保存' busy={busy} onConfirm={save}>
        {form ? (
          <>
            {form.create ? (
              <Field label='分类编号（创建后不能修改）' required hint='小写字母、数字和连字符，如 city-stall'>
                <TextInput id='cat-id' value={form.id} onChange={(id) => set({ id })} maxlength={40} />
              </Field>
            ) : null}
            <View className='cfg-two'>
              <Field label='名称' required>
                <TextInput id='cat-name' value={form.name} onChange={(name) => set({ name })} maxlength={12} />
              </Field>
              <Field label='图标' hint={`预览：${categoryGlyph(form.icon)}`}>
                <TextInput id='cat-icon' value={form.icon} onChange={(icon) => set({ icon })} maxlength={20} />
              </Field>
            </View>
            <Field label='说明（市民选择时看到）'>
              <TextInput id='cat-hint' value={form.hint} onChange={(hint) => set({ hint })} maxlength={60} />
            </Field>
            <View className='cfg-two'>
              <Field label='默认整改时限（天）' required>
                <TextInput id='cat-deadline' type='number' value={form.deadlineDays} onChange={(deadlineDays) => set({ deadlineDays })} maxlength={2} />
              </Field>
              <Field label='排序'>
                <TextInput id='cat-order' type='number' value={form.order} onChange={(order) => set({ order })} maxlength={6} />
              </Field>
            </View>
            <Field label='默认单位类型（用于推荐派单）'>
              <ChoiceChips idPrefix='cat-unit-type' options={UNIT_TYPES.map((t) => ({ value: t, label: t }))} value={form.unitType} onChange={(unitType) => unitType && set({ unitType })} />
            </Field>
            <CheckBox id='cat-active' checked={form.active} onChange={(active) => set({ active })}>
              启用（随手拍中可选）
            </CheckBox>
            {sheetError ? <Notice tone='red'>{sheetError}</Notice> : null}
          </>
        ) : null}
      </Sheet>
    </>
  )
}

/** 问题分类. Test hooks: #page-admin-categories, #cat-group-<group>, #cat-add, #cat-list .cat-row[data-id], #cat-sheet (#cat-deadline, #cat-active, #cat-sheet-confirm), #cat-message. */
export default function CategoriesPage() {
  return (
    <PageShell id='page-admin-categories' desk>
      <AdminOnly>
        <Categories />
      </AdminOnly>
    </PageShell>
  )
}
