/**
 * Hotspots: where problems recur. Reports are counted per ~100 m cell of a fixed lat/lng grid
 * (0.001° ≈ 111 m north–south, ≈ 96 m east–west at 30°N) and per 网格/微网格; a cell or grid with two or
 * more reports in the period is a place where the problem came back.
 */
export const CELL_DEG = 0.001
/** A place with at least this many reports in the period recurs. */
export const REPEAT_MIN = 2

/** `c<lat index>_<lng index>` (negative indexes as `m…`, so it stays a valid field name). */
export function cellKeyOf(lat: number, lng: number): string {
  const part = (v: number) => {
    const i = Math.floor(v / CELL_DEG + 1e-9)
    return i < 0 ? `m${-i}` : String(i)
  }
  return `c${part(lat)}_${part(lng)}`
}

/** The centre of a cell, or null for a key that is not one. */
export function cellCenter(key: string): { lat: number; lng: number } | null {
  const m = /^c(m?)(\d+)_(m?)(\d+)$/.exec(key)
  if (!m) return null
  const idx = (neg: string, digits: string) => (neg ? -1 : 1) * Number(digits)
  return { lat: (idx(m[1], m[2]) + 0.5) * CELL_DEG, lng: (idx(m[3], m[4]) + 0.5) * CELL_DEG }
}

export interface HotspotCell {
  key: string
  lat: number
  lng: number
  count: number
}

/** The `limit` cells with the most reports (at least `min`), most first; ties by key for a stable order. */
export function topCells(counts: Record<string, number>, limit: number, min = REPEAT_MIN): HotspotCell[] {
  const out: HotspotCell[] = []
  for (const [key, count] of Object.entries(counts)) {
    const c = cellCenter(key)
    if (c && count >= min) out.push({ key, ...c, count })
  }
  return out.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1)).slice(0, limit)
}

/** The `limit` keys with the largest counts (at least `min`). */
export function topCounts(counts: Record<string, number>, limit: number, min = REPEAT_MIN): { id: string; count: number }[] {
  return Object.entries(counts)
    .filter(([, n]) => n >= min)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([id, count]) => ({ id, count }))
}

export interface Box {
  minLat: number
  maxLat: number
  minLng: number
  maxLng: number
}

/** Where a point falls in a box, as fractions from the left (x) and from the top (y), clamped to [0, 1]. */
export function placeInBox(p: { lat: number; lng: number }, box: Box): { x: number; y: number } {
  const clamp = (v: number) => Math.min(1, Math.max(0, v))
  const w = box.maxLng - box.minLng || 1
  const h = box.maxLat - box.minLat || 1
  return { x: clamp((p.lng - box.minLng) / w), y: clamp((box.maxLat - p.lat) / h) }
}

/** The box around some points, padded by `pad` of its size on each side (and at least ~200 m). */
export function boxAround(points: readonly { lat: number; lng: number }[], pad = 0.1): Box | null {
  if (!points.length) return null
  const lats = points.map((p) => p.lat)
  const lngs = points.map((p) => p.lng)
  const [minLat, maxLat, minLng, maxLng] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)]
  const dLat = Math.max((maxLat - minLat) * pad, 2 * CELL_DEG)
  const dLng = Math.max((maxLng - minLng) * pad, 2 * CELL_DEG)
  return { minLat: minLat - dLat, maxLat: maxLat + dLat, minLng: minLng - dLng, maxLng: maxLng + dLng }
}
