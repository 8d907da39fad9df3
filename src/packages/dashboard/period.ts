/** Period presets for the dashboard, on the China calendar (UTC+8), as `YYYY-MM-DD`. */
const DAY_MS = 86_400_000
const OFFSET_MS = 8 * 3_600_000
const dayOf = (t: number) => new Date(t + OFFSET_MS).toISOString().slice(0, 10)

export type Preset = '7d' | '30d' | 'month' | '90d'
export const PRESETS: { key: Preset; label: string; bucket: 'day' | 'week' }[] = [
  { key: '7d', label: '近7天', bucket: 'day' },
  { key: '30d', label: '近30天', bucket: 'day' },
  { key: 'month', label: '本月', bucket: 'day' },
  { key: '90d', label: '近90天', bucket: 'week' },
]

export function periodOf(preset: Preset, now = Date.now()): { from: string; to: string } {
  const to = dayOf(now)
  if (preset === 'month') return { from: `${to.slice(0, 7)}-01`, to }
  const days = preset === '7d' ? 7 : preset === '30d' ? 30 : 90
  return { from: dayOf(now - (days - 1) * DAY_MS), to }
}

/** The last full period before today, for publishing (a 通报 covers ended days only). */
export function lastWeek(now = Date.now()): { from: string; to: string } {
  return { from: dayOf(now - 7 * DAY_MS), to: dayOf(now - DAY_MS) }
}

export const formatRate = (r: { rate: number | null }) => (r.rate === null ? '—' : `${Number((r.rate * 100).toFixed(1))}%`)
export const formatHours = (h: number | null) => (h === null ? '—' : `${h} 小时`)
