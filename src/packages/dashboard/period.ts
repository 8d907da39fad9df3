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

/** Whole days since 1970-01-01 of a `YYYY-MM-DD` (UTC arithmetic: the string already is a China day). */
const dayNo = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS)
const dayStr = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10)

/** What a 通报 can cover: an ended week or month, or chosen days (all before today). */
export type PublishKind = 'week' | 'month' | 'custom'
export const PUBLISH_KINDS: { value: PublishKind; label: string }[] = [
  { value: 'week', label: '上周' },
  { value: 'month', label: '上月' },
  { value: 'custom', label: '自定义' },
]

/** 上周: Monday to Sunday of the week before this one. */
export function lastWeek(now = Date.now()): { from: string; to: string } {
  const today = dayNo(dayOf(now))
  const monday = today - ((today + 3) % 7)
  return { from: dayStr(monday - 7), to: dayStr(monday - 1) }
}

/** 上月: the calendar month before this one. */
export function lastMonth(now = Date.now()): { from: string; to: string } {
  const firstOfThis = `${dayOf(now).slice(0, 7)}-01`
  const to = dayStr(dayNo(firstOfThis) - 1)
  return { from: `${to.slice(0, 7)}-01`, to }
}

export const yesterday = (now = Date.now()): string => dayOf(now - DAY_MS)

/** Longest period a 通报 may cover, in days (the server refuses longer ones too). */
export const PUBLISH_MAX_DAYS = 731

/** Why a chosen period cannot be published, or null when it can. */
export function publishPeriodError(p: { from: string; to: string }, now = Date.now()): string | null {
  if (!p.from || !p.to) return '请选择起止日期'
  if (p.from > p.to) return '起始日不能晚于截止日'
  if (p.to >= dayOf(now)) return '截止日须早于今天（当天数据尚未完整）'
  if (dayNo(p.to) - dayNo(p.from) + 1 > PUBLISH_MAX_DAYS) return `统计期最多 ${PUBLISH_MAX_DAYS} 天`
  return null
}

/** `2026年11月9日`-style label of a day, for titles. */
export const dayLabel = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** The title a 通报 gets unless staff change it. */
export function defaultTitle(kind: PublishKind, p: { from: string; to: string }): string {
  const [y, m] = p.from.split('-').map(Number)
  if (kind === 'month') return `${y}年${m}月责任单位整改排名通报`
  return `${dayLabel(p.from)}至${dayLabel(p.to)}责任单位整改排名通报`
}

export const formatRate = (r: { rate: number | null }) => (r.rate === null ? '—' : `${Number((r.rate * 100).toFixed(1))}%`)
export const formatHours = (h: number | null) => (h === null ? '—' : `${h} 小时`)
