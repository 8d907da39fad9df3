/**
 * Pin maths and place names for 随手拍, pure (no Taro): metres ↔ degrees around a fix, readable offsets,
 * the address sent with a report. `location.ts` adds the device's fix.
 */
import type { OutputOf } from './cloud'

export interface Point {
  lat: number
  lng: number
}

// ---------------------------------------------------------------------------------------------------------
// Metres ↔ degrees (equirectangular: exact enough for a few hundred metres)

const M_PER_DEG_LAT = 110540
const mPerDegLng = (lat: number) => 111320 * Math.cos((lat * Math.PI) / 180)
const round6 = (n: number) => Math.round(n * 1e6) / 1e6

/** `p` moved `eastM` metres east and `northM` metres north. */
export function offsetPoint(p: Point, eastM: number, northM: number): Point {
  return { lat: round6(p.lat + northM / M_PER_DEG_LAT), lng: round6(p.lng + eastM / mPerDegLng(p.lat)) }
}

/** Metres east/north from `from` to `to`. */
export function offsetBetween(from: Point, to: Point): { eastM: number; northM: number } {
  return { eastM: (to.lng - from.lng) * mPerDegLng(from.lat), northM: (to.lat - from.lat) * M_PER_DEG_LAT }
}

export function distanceMeters(a: Point, b: Point): number {
  const rad = (d: number) => (d * Math.PI) / 180
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** `东 20 米 · 北 10 米`, or `定位点` when not moved. */
export function describeOffset(eastM: number, northM: number): string {
  const parts: string[] = []
  const e = Math.round(eastM)
  const n = Math.round(northM)
  if (e) parts.push(`${e > 0 ? '东' : '西'} ${Math.abs(e)} 米`)
  if (n) parts.push(`${n > 0 ? '北' : '南'} ${Math.abs(n)} 米`)
  return parts.length ? parts.join(' · ') : '定位点'
}

/** `34.62130, 112.45012`. */
export const formatPoint = (p: Point): string => `${p.lat.toFixed(5)}, ${p.lng.toFixed(5)}`

// ---------------------------------------------------------------------------------------------------------
// Readable place

export type Located = OutputOf<'city', 'locate'>

export interface Place {
  /** `文华区 · 人民路街道`. */
  area: string
  /** `幸福里社区第一网格 · 幸福里小区1-3号楼`, or ''. */
  grid: string
  /** False when the point is outside every mapped district. */
  inCity: boolean
}

export function describePlace(found: Located | null | undefined): Place {
  if (!found || (!found.district && !found.street && !found.grid)) return { area: '', grid: '', inCity: false }
  const area = [found.district?.name, found.street?.name].filter(Boolean).join(' · ')
  const grid = [found.grid?.name, found.micro?.name].filter(Boolean).join(' · ')
  return { area, grid, inCity: true }
}

/**
 * The address sent with a report (1–`max` characters): the place name, then what the resident added
 * (a doorway, a landmark). Outside the map it falls back to the coordinates, so it is never empty.
 */
export function composeAddress(place: Place, point: Point, detail: string, max: number): string {
  const base = place.inCity ? [place.area.replace(/ · /g, ''), place.grid.split(' · ').pop() ?? ''].filter(Boolean).join(' ') : `位置 ${formatPoint(point)}`
  const extra = detail.trim()
  const full = extra ? `${base}（${extra}）` : base
  return full.length <= max ? full : full.slice(0, max)
}
