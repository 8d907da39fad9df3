/**
 * The city's reference data as the 随手拍 screens use it: categories by id, district and street names,
 * units for the dispatch picker.
 */
import { useMemo } from 'react'
import type { Category } from '@/domain/city/category'
import { callAction, type OutputOf } from './cloud'
import { useAction, type ActionState } from './useAction'

export type Unit = OutputOf<'city', 'listUnits'>['items'][number]
export type District = OutputOf<'city', 'listDistricts'>['items'][number]
export type Street = OutputOf<'city', 'listStreets'>['items'][number]

export interface CategoryIndex {
  list: Category[]
  byId: Record<string, Category>
  state: ActionState<{ items: Category[] }>
}

/** `list`: the categories in use (pickers, filters); `byId` also names disabled ones, for older reports. */
export function useCategoryIndex(): CategoryIndex {
  const state = useAction('city', 'listCategories', { includeInactive: true })
  const list = useMemo(() => (state.data?.items ?? []).filter((c) => c.active).sort((a, b) => a.order - b.order), [state.data])
  const byId = useMemo(() => Object.fromEntries((state.data?.items ?? []).map((c) => [c.id, c])), [state.data])
  return { list, byId, state }
}

/** District and street names by id (public detail pages show a report's place at street level). */
export function usePlaceNames(): { district: Record<string, string>; street: Record<string, string>; districts: District[] } {
  const districts = useAction('city', 'listDistricts', {})
  const streets = useAction('city', 'listStreets', {})
  return useMemo(
    () => ({
      districts: districts.data?.items ?? [],
      district: Object.fromEntries((districts.data?.items ?? []).map((d) => [d.id, d.name])),
      street: Object.fromEntries((streets.data?.items ?? []).map((s) => [s.id, s.name])),
    }),
    [districts.data, streets.data],
  )
}

let unitsCache: Promise<Unit[] | null> | null = null

/** Every active unit (a city has dozens, not thousands): pages of 100 until done. Cached once it worked. */
export function loadAllUnits(): Promise<Unit[] | null> {
  if (!unitsCache) {
    unitsCache = (async () => {
      const all: Unit[] = []
      for (let offset = 0; offset < 2000; offset += 100) {
        const res = await callAction('city', 'listUnits', { offset, limit: 100 })
        if (!res.ok) return null
        all.push(...res.data.items)
        if (!res.data.hasMore) break
      }
      return all
    })().then((units) => {
      if (!units) unitsCache = null
      return units
    })
  }
  return unitsCache
}
