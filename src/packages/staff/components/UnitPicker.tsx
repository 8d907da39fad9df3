import { useEffect, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Sheet, TextBox } from '@/components/report'
import { loadAllUnits, type Unit } from '@/services/catalog'

export interface UnitRef {
  id: string
  name: string
  type: string
}

/**
 * 选择责任单位: the proposal's candidates first, then every unit by type, with a search box.
 * Test hooks: #staff-unit-sheet, #staff-unit-search (input), `.unit-option` with `data-id`.
 */
export function UnitPicker({
  visible,
  value,
  candidates,
  avoid,
  onPick,
  onClose,
}: {
  visible: boolean
  value: string | null
  candidates: UnitRef[]
  /** A unit that just returned the report (marked, not hidden). */
  avoid?: string
  onPick: (u: UnitRef) => void
  onClose: () => void
}) {
  const [units, setUnits] = useState<Unit[] | null>(null)
  const [failed, setFailed] = useState(false)
  const [q, setQ] = useState('')
  useEffect(() => {
    if (!visible || units) return
    loadAllUnits().then((all) => (all ? setUnits(all) : setFailed(true)))
  }, [visible, units])

  const groups = useMemo(() => {
    const match = (u: { name: string; type: string }) => !q.trim() || u.name.includes(q.trim()) || u.type.includes(q.trim())
    const out: { title: string; items: UnitRef[] }[] = []
    const rec = candidates.filter(match)
    if (rec.length) out.push({ title: '推荐（按问题类型和属地）', items: rec })
    const byType = new Map<string, UnitRef[]>()
    for (const u of units ?? []) {
      if (!match(u) || rec.some((r) => r.id === u.id)) continue
      byType.set(u.type, [...(byType.get(u.type) ?? []), { id: u.id, name: u.name, type: u.type }])
    }
    for (const [type, items] of byType) out.push({ title: type, items })
    return out
  }, [candidates, units, q])

  return (
    <Sheet visible={visible} title='选择责任单位' onClose={onClose} id='staff-unit-sheet'>
      <View className='unit-search'>
        <TextBox single id='staff-unit-search' value={q} onChange={setQ} max={20} placeholder='搜索单位名称或类型' />
      </View>
      {failed ? <Text className='sheet-error'>单位列表加载失败，请关闭后重试</Text> : null}
      {!units && !failed ? <Text className='staff-section-note'>正在加载全部单位…</Text> : null}
      {groups.map((g) => (
        <View key={g.title}>
          <Text className='unit-group-title'>{g.title}</Text>
          <View className='option-list'>
            {g.items.map((u) => (
              <View
                key={u.id}
                className={`option unit-option${u.id === value ? ' is-active' : ''}`}
                data-id={u.id}
                onClick={() => {
                  onPick(u)
                  onClose()
                }}
              >
                <View>
                  <Text>{u.name}</Text>
                  <Text className='option__sub'>
                    {u.type}
                    {u.id === avoid ? ' · 刚退回此件' : ''}
                  </Text>
                </View>
                {u.id === value ? <Text className='option__check'>✓</Text> : null}
              </View>
            ))}
          </View>
        </View>
      ))}
    </Sheet>
  )
}
