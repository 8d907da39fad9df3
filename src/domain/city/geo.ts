import { z } from 'zod'

/**
 * A point on the map. Coordinates are GCJ-02 (what `wx.getLocation({ type: 'gcj02' })` returns and the
 * `<map>` component draws), in degrees.
 */
export const pointSchema = z.object({
  lat: z.number().min(-90, '纬度超出范围').max(90, '纬度超出范围'),
  lng: z.number().min(-180, '经度超出范围').max(180, '经度超出范围'),
})
export type Point = z.infer<typeof pointSchema>

/** The shape of a grid: a circle around its centre (small micro-grids) or a polygon (drawn grids). */
export const areaSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('circle'), radius: z.number().positive().max(20000) }),
  z.object({ type: z.literal('polygon'), points: z.array(pointSchema).min(3).max(500) }),
])
export type Area = z.infer<typeof areaSchema>

const EARTH_RADIUS_M = 6371008.8
const rad = (deg: number) => (deg * Math.PI) / 180

/** Great-circle distance in metres (haversine); accurate to well under a metre at city scale. */
export function distanceMeters(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Ray casting on lng/lat treated as planar — fine for polygons a few kilometres across. */
export function pointInPolygon(p: Point, polygon: readonly Point[]): boolean {
  let inside = false
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]
    const b = polygon[j]
    const crosses = a.lat > p.lat !== b.lat > p.lat && p.lng < ((b.lng - a.lng) * (p.lat - a.lat)) / (b.lat - a.lat) + a.lng
    if (crosses) inside = !inside
  }
  return inside
}

export function areaContains(center: Point, area: Area, p: Point): boolean {
  return area.type === 'circle' ? distanceMeters(center, p) <= area.radius : pointInPolygon(p, area.points)
}

/** Approximate size in square metres, used to prefer the smallest containing area. */
export function approximateAreaM2(center: Point, area: Area): number {
  if (area.type === 'circle') return Math.PI * area.radius ** 2
  // Shoelace on a local equirectangular projection around the centre.
  const kx = 111320 * Math.cos(rad(center.lat))
  const ky = 110540
  let sum = 0
  const pts = area.points
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    sum += (pts[j].lng * kx) * (pts[i].lat * ky) - (pts[i].lng * kx) * (pts[j].lat * ky)
  }
  return Math.abs(sum) / 2
}

/** A square polygon of `halfSideM` metres around a centre — handy for seeds and tests. */
export function squareAround(center: Point, halfSideM: number): Point[] {
  const dLat = halfSideM / 110540
  const dLng = halfSideM / (111320 * Math.cos(rad(center.lat)))
  const r = (n: number) => Math.round(n * 1e6) / 1e6
  return [
    { lat: r(center.lat - dLat), lng: r(center.lng - dLng) },
    { lat: r(center.lat - dLat), lng: r(center.lng + dLng) },
    { lat: r(center.lat + dLat), lng: r(center.lng + dLng) },
    { lat: r(center.lat + dLat), lng: r(center.lng - dLng) },
  ]
}

/** Offset a point by metres east/north (seed data and tests). */
export function offsetPoint(p: Point, eastM: number, northM: number): Point {
  const r = (n: number) => Math.round(n * 1e6) / 1e6
  return { lat: r(p.lat + northM / 110540), lng: r(p.lng + eastM / (111320 * Math.cos(rad(p.lat)))) }
}
