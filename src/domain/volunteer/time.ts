/**
 * Beijing time (UTC+8, no daylight saving — a constant offset, so the same arithmetic runs in a cloud
 * function and in the mini-program without a time-zone database). Months, days and weekdays of volunteer
 * service are Beijing calendar ones.
 */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000
export const MINUTE_MS = 60 * 1000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

const shifted = (t: Date | string): Date => new Date((typeof t === 'string' ? Date.parse(t) : t.getTime()) + CHINA_OFFSET_MS)

/** Days since 1970-01-01 on the Beijing calendar. */
export const chinaDayNumber = (t: Date | string): number => Math.floor(shifted(t).getTime() / DAY_MS)

/** `2026-11` — the Beijing month of an instant (rankings, certificates). */
export function monthKey(t: Date | string): string {
  const s = shifted(t)
  return `${s.getUTCFullYear()}-${String(s.getUTCMonth() + 1).padStart(2, '0')}`
}

/** `20261127` — the Beijing date of an instant (ids of series events). */
export function dateKey(t: Date | string): string {
  const s = shifted(t)
  return `${s.getUTCFullYear()}${String(s.getUTCMonth() + 1).padStart(2, '0')}${String(s.getUTCDate()).padStart(2, '0')}`
}

/** The Beijing year of an instant. */
export const chinaYear = (t: Date | string): number => shifted(t).getUTCFullYear()

/** ISO weekday in Beijing: 1 = Monday … 7 = Sunday. */
export function chinaWeekday(t: Date | string): number {
  const d = shifted(t).getUTCDay()
  return d === 0 ? 7 : d
}

/** [start, end) instants of a Beijing month `YYYY-MM`. */
export function monthBounds(month: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number)
  return { start: new Date(Date.UTC(y, m - 1, 1) - CHINA_OFFSET_MS), end: new Date(Date.UTC(y, m, 1) - CHINA_OFFSET_MS) }
}

/** The instant of Beijing day number `day` at `HH:mm`. */
export function atChinaTime(day: number, hhmm: string): Date {
  const [hh, mm] = hhmm.split(':').map(Number)
  return new Date(day * DAY_MS - CHINA_OFFSET_MS + hh * HOUR_MS + mm * MINUTE_MS)
}

/**
 * The next `count` dates falling on ISO `weekday` whose `HH:mm` start is still ahead of `now` (today counts
 * when the start time has not passed), as Beijing day numbers.
 */
export function nextWeekdays(now: Date, weekday: number, hhmm: string, count: number): number[] {
  const out: number[] = []
  let day = chinaDayNumber(now)
  while (out.length < count) {
    const dow = ((day + 3) % 7) + 1 // 1970-01-01 was a Thursday (ISO 4)
    if (dow === weekday && atChinaTime(day, hhmm).getTime() > now.getTime()) out.push(day)
    day++
  }
  return out
}

function parts(t: Date | string) {
  const s = shifted(t)
  return { y: s.getUTCFullYear(), m: s.getUTCMonth() + 1, d: s.getUTCDate(), hh: s.getUTCHours(), mm: s.getUTCMinutes() }
}

/** `2026年11月27日` (Beijing). */
export function formatChinaDate(t: Date | string): string {
  const p = parts(t)
  return `${p.y}年${p.m}月${p.d}日`
}

/** `2026年11月27日 14:30` (Beijing). */
export function formatChinaDateTime(t: Date | string): string {
  const p = parts(t)
  return `${formatChinaDate(t)} ${String(p.hh).padStart(2, '0')}:${String(p.mm).padStart(2, '0')}`
}

/** `2026-11-27 14:30:00` (Beijing), for exports. */
export function formatExportDateTime(t: Date | string): string {
  const p = parts(t)
  const s = shifted(t).getUTCSeconds()
  const z = (n: number) => String(n).padStart(2, '0')
  return `${p.y}-${z(p.m)}-${z(p.d)} ${z(p.hh)}:${z(p.mm)}:${z(s)}`
}
