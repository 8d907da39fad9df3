/**
 * 问题分类: the resident's most used categories first (counted on this device), the full catalogue by
 * group in a sheet. Test hooks: #report-categories, .report-category (data-id; `is-active` when chosen),
 * #report-category-more, #report-category-sheet with .report-category-option (data-id), #report-category-hint.
 */
import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { Category } from '@/domain/city/category'
import { categoryGlyph, groupGlyph } from '@/components'
import { Sheet } from '@/components/report'
import { sortByUsage } from '@/services/draft'

const TOP = 7

export function CategoryPicker({
  categories,
  usage,
  value,
  onChange,
  disabled,
}: {
  categories: Category[]
  usage: Record<string, number>
  value: string | null
  onChange: (id: string) => void
  disabled?: boolean
}) {
  const [open, setOpen] = useState(false)
  const active = useMemo(() => categories.filter((c) => c.active !== false), [categories])
  const sorted = useMemo(() => sortByUsage(active, usage), [active, usage])
  const top = useMemo(() => {
    const first = sorted.slice(0, TOP)
    const chosen = value ? active.find((c) => c.id === value) : undefined
    if (chosen && !first.some((c) => c.id === chosen.id)) first[first.length - 1] = chosen
    return first
  }, [sorted, active, value])
  const groups = useMemo(() => {
    const map = new Map<string, Category[]>()
    for (const c of [...active].sort((a, b) => a.order - b.order)) map.set(c.group, [...(map.get(c.group) ?? []), c])
    return Array.from(map)
  }, [active])
  const selected = value ? active.find((c) => c.id === value) : undefined

  const pick = (id: string) => {
    if (disabled) return
    onChange(id)
    setOpen(false)
  }

  return (
    <View id='report-categories'>
      <View className='cat-grid'>
        {top.map((c) => (
          <View
            key={c.id}
            className={`report-category cat-tile${c.id === value ? ' is-active' : ''}`}
            data-id={c.id}
            onClick={() => pick(c.id)}
          >
            <Text className='cat-tile__glyph'>{categoryGlyph(c.icon, c.group)}</Text>
            <Text className='cat-tile__name'>{c.name}</Text>
            {usage[c.id] ? <View className='cat-tile__dot' /> : null}
          </View>
        ))}
        <View id='report-category-more' className='cat-tile cat-tile--more' onClick={() => !disabled && setOpen(true)}>
          <Text className='cat-tile__glyph'>☰</Text>
          <Text className='cat-tile__name'>全部 {active.length} 类</Text>
        </View>
      </View>
      {selected ? (
        <View id='report-category-hint' className='cat-hint' data-id={selected.id}>
          <Text className='cat-hint__name'>
            {categoryGlyph(selected.icon, selected.group)} {selected.group} · {selected.name}
          </Text>
          <Text className='cat-hint__text'>
            {selected.hint} · 一般 {selected.deadlineDays} 天内整改
          </Text>
        </View>
      ) : (
        <Text className='rp-hint'>常用分类在前；找不到时点“全部”。</Text>
      )}
      <Sheet visible={open} title='选择问题分类' onClose={() => setOpen(false)} id='report-category-sheet'>
        {groups.map(([group, items]) => (
          <View key={group} className='cat-group'>
            <Text className='cat-group__title'>
              {groupGlyph(group)} {group}
            </Text>
            <View className='cat-group__items'>
              {items.map((c) => (
                <View
                  key={c.id}
                  className={`report-category-option cat-option${c.id === value ? ' is-active' : ''}`}
                  data-id={c.id}
                  onClick={() => pick(c.id)}
                >
                  <Text className='cat-option__glyph'>{categoryGlyph(c.icon, c.group)}</Text>
                  <View className='cat-option__text'>
                    <Text className='cat-option__name'>{c.name}</Text>
                    <Text className='cat-option__hint'>{c.hint}</Text>
                  </View>
                </View>
              ))}
            </View>
          </View>
        ))}
      </Sheet>
    </View>
  )
}
