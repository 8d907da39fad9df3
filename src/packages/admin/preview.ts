/**
 * A schematic of a grid against its neighbours, as an SVG image (no map tiles needed): the shape being
 * edited in red, the street's other grids in grey, north up, a scale bar. Pure, so it is unit-tested.
 */
export interface LatLng {
  lat: number
  lng: number
}
export type ShapeArea = { type: 'circle'; radius: number } | { type: 'polygon'; points: LatLng[] }
export interface Shape {
  center: LatLng
  area: ShapeArea
}

const M_PER_DEG_LAT = 110540
const mPerDegLng = (lat: number) => 111320 * Math.cos((lat * Math.PI) / 180)

/** Metres east/north of `origin`. */
function local(origin: LatLng, p: LatLng): [number, number] {
  return [(p.lng - origin.lng) * mPerDegLng(origin.lat), (p.lat - origin.lat) * M_PER_DEG_LAT]
}

/** Corners of a shape's bounding box in local metres. */
function extent(origin: LatLng, s: Shape): [number, number][] {
  if (s.area.type === 'polygon') return s.area.points.map((p) => local(origin, p))
  const [x, y] = local(origin, s.center)
  const r = s.area.radius
  return [
    [x - r, y - r],
    [x + r, y + r],
  ]
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString()

function draw(origin: LatLng, s: Shape, toPx: (m: [number, number]) => [number, number], scale: number, style: string): string {
  if (s.area.type === 'circle') {
    const [cx, cy] = toPx(local(origin, s.center))
    return `<circle cx="${fmt(cx)}" cy="${fmt(cy)}" r="${fmt(Math.max(1, s.area.radius * scale))}" ${style}/>`
  }
  const pts = s.area.points.map((p) => toPx(local(origin, p)).map(fmt).join(',')).join(' ')
  return `<polygon points="${pts}" ${style}/>`
}

/** A round length for the scale bar (1, 2, 5 × 10^n metres) about a quarter of the view. */
function scaleBar(metres: number): number {
  const target = metres / 4
  const pow = 10 ** Math.floor(Math.log10(Math.max(target, 1)))
  return [5, 2, 1].map((k) => k * pow).find((v) => v <= target) ?? pow
}

export function previewSvg(target: Shape | null, neighbours: readonly Shape[], size = 320): string {
  const all = [...(target ? [target] : []), ...neighbours]
  if (!all.length) return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"/>`
  const origin = (target ?? all[0]).center
  const corners = (target ? [target] : all).flatMap((s) => extent(origin, s))
  // Frame the edited shape with room around it for its neighbours.
  const xs = corners.map((c) => c[0])
  const ys = corners.map((c) => c[1])
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 100) * 2.2
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2
  const scale = size / span
  const toPx = ([x, y]: [number, number]): [number, number] => [size / 2 + (x - cx) * scale, size / 2 - (y - cy) * scale]
  const bar = scaleBar(span)
  const parts = [
    `<rect width="${size}" height="${size}" fill="#fbf8f3"/>`,
    ...neighbours.map((s) => draw(origin, s, toPx, scale, 'fill="#d9d2c8" fill-opacity="0.35" stroke="#8e857c" stroke-width="1"')),
    ...(target ? [draw(origin, target, toPx, scale, 'fill="#c8161d" fill-opacity="0.25" stroke="#c8161d" stroke-width="2"')] : []),
    ...(target ? [`<circle cx="${fmt(toPx(local(origin, target.center))[0])}" cy="${fmt(toPx(local(origin, target.center))[1])}" r="3" fill="#c8161d"/>`] : []),
    `<line x1="10" y1="${size - 12}" x2="${fmt(10 + bar * scale)}" y2="${size - 12}" stroke="#333" stroke-width="2"/>`,
    `<text x="10" y="${size - 18}" font-size="11" fill="#333">${bar >= 1000 ? `${bar / 1000} km` : `${bar} m`}</text>`,
    `<text x="${size - 18}" y="18" font-size="12" fill="#333">N</text>`,
  ]
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${parts.join('')}</svg>`
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Base64 of an ASCII string (the mini-program has no btoa; the SVG above is ASCII only). */
export function asciiBase64(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i += 3) {
    const [a, b, c] = [s.charCodeAt(i), s.charCodeAt(i + 1), s.charCodeAt(i + 2)]
    const n = (a << 16) | ((b || 0) << 8) | (c || 0)
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < s.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < s.length ? B64[n & 63] : '=')
  }
  return out
}

export const svgDataUri = (svg: string): string => `data:image/svg+xml;base64,${asciiBase64(svg)}`

/** "lat,lng" per line (or separated by ;) → points; null with the line number of the first bad one. */
export function parsePoints(text: string): { points: LatLng[] } | { error: string } {
  const lines = text.split(/[\n;]+/).map((l) => l.trim()).filter(Boolean)
  const points: LatLng[] = []
  for (let i = 0; i < lines.length; i++) {
    const m = /^(-?\d+(?:\.\d+)?)\s*[,，\s]\s*(-?\d+(?:\.\d+)?)$/.exec(lines[i])
    if (!m) return { error: `第 ${i + 1} 行应为“纬度,经度”，如 34.6201,112.4512` }
    const lat = Number(m[1])
    const lng = Number(m[2])
    if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return { error: `第 ${i + 1} 行的坐标超出范围` }
    points.push({ lat, lng })
  }
  if (points.length < 3) return { error: '多边形至少需要 3 个顶点' }
  return { points }
}

export const formatPoints = (points: readonly LatLng[]): string => points.map((p) => `${p.lat},${p.lng}`).join('\n')
