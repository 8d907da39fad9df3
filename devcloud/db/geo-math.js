'use strict'
// @ts-check

/**
 * Geometry on stored GeoJSON for geoNear / geoWithin / geoIntersects.
 *
 * Distances are great-circle distances on a sphere of radius 6378100 m (what WeChat documents
 * for geoNear). Containment treats polygon edges as straight lines in longitude/latitude
 * (ray casting), which matches MongoDB's geodesic edges closely for city-sized polygons but not
 * for polygons spanning large parts of the globe.
 */

const EARTH_RADIUS_M = 6378100

/** @typedef {[number, number]} Position */

const rad = (/** @type {number} */ d) => (d * Math.PI) / 180

/**
 * Haversine distance in metres.
 * @param {Position} a @param {Position} b
 */
function distanceMeters(a, b) {
  const dLat = rad(b[1] - a[1])
  const dLng = rad(b[0] - a[0])
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/**
 * Every vertex of a geometry.
 * @param {{ type: string, coordinates: any }} g
 * @returns {Position[]}
 */
function positionsOf(g) {
  switch (g.type) {
    case 'Point': return [g.coordinates]
    case 'LineString': case 'MultiPoint': return g.coordinates
    case 'Polygon': case 'MultiLineString': return g.coordinates.flat()
    case 'MultiPolygon': return g.coordinates.flat(2)
    default: return []
  }
}

/**
 * Segments (pairs of positions) of a geometry's lines and rings.
 * @param {{ type: string, coordinates: any }} g
 * @returns {[Position, Position][]}
 */
function segmentsOf(g) {
  /** @type {Position[][]} */
  let lines = []
  if (g.type === 'LineString') lines = [g.coordinates]
  else if (g.type === 'Polygon' || g.type === 'MultiLineString') lines = g.coordinates
  else if (g.type === 'MultiPolygon') lines = g.coordinates.flat()
  /** @type {[Position, Position][]} */
  const out = []
  for (const line of lines) for (let i = 0; i + 1 < line.length; i++) out.push([line[i], line[i + 1]])
  return out
}

/**
 * Polygons (lists of rings) of a geometry.
 * @param {{ type: string, coordinates: any }} g
 * @returns {Position[][][]}
 */
function polygonsOf(g) {
  if (g.type === 'Polygon') return [g.coordinates]
  if (g.type === 'MultiPolygon') return g.coordinates
  return []
}

/** @param {Position} p @param {Position} a @param {Position} b */
function onSegment(p, a, b) {
  const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
  if (Math.abs(cross) > 1e-12) return false
  return p[0] >= Math.min(a[0], b[0]) - 1e-12 && p[0] <= Math.max(a[0], b[0]) + 1e-12 &&
    p[1] >= Math.min(a[1], b[1]) - 1e-12 && p[1] <= Math.max(a[1], b[1]) + 1e-12
}

/**
 * Ray casting; points on the boundary count as inside.
 * @param {Position} p @param {Position[]} ring
 */
function inRing(p, ring) {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]
    const b = ring[j]
    if (onSegment(p, a, b)) return true
    if ((a[1] > p[1]) !== (b[1] > p[1]) && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside
  }
  return inside
}

/**
 * Inside the outer ring and not strictly inside a hole.
 * @param {Position} p @param {Position[][]} rings
 */
function inPolygon(p, rings) {
  if (!inRing(p, rings[0])) return false
  for (const hole of rings.slice(1)) {
    if (inRing(p, hole) && !hole.some((_, i) => i > 0 && onSegment(p, hole[i - 1], hole[i]))) return false
  }
  return true
}

/** @param {Position} a @param {Position} b @param {Position} c */
const orient = (a, b, c) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]))

/** @param {[Position, Position]} s @param {[Position, Position]} t */
function segmentsCross(s, t) {
  const [p1, p2] = s
  const [q1, q2] = t
  const o1 = orient(p1, p2, q1)
  const o2 = orient(p1, p2, q2)
  const o3 = orient(q1, q2, p1)
  const o4 = orient(q1, q2, p2)
  if (o1 !== o2 && o3 !== o4) return true
  return onSegment(q1, p1, p2) || onSegment(q2, p1, p2) || onSegment(p1, q1, q2) || onSegment(p2, q1, q2)
}

/**
 * $geoWithin with a Polygon/MultiPolygon: every vertex of the document's geometry inside.
 * @param {{ type: string, coordinates: any }} docGeo @param {{ type: string, coordinates: any }} area
 */
function withinPolygons(docGeo, area) {
  const polys = polygonsOf(area)
  const pts = positionsOf(docGeo)
  return pts.length > 0 && pts.every((p) => polys.some((rings) => inPolygon(p, rings)))
}

/**
 * $geoWithin with centerSphere: every vertex within radius (radians) of the centre.
 * @param {{ type: string, coordinates: any }} docGeo @param {Position} center @param {number} radiusRadians
 */
function withinCircle(docGeo, center, radiusRadians) {
  const limit = radiusRadians * EARTH_RADIUS_M
  const pts = positionsOf(docGeo)
  return pts.length > 0 && pts.every((p) => distanceMeters(p, center) <= limit)
}

/**
 * Do two geometries share at least one point?
 * @param {{ type: string, coordinates: any }} a @param {{ type: string, coordinates: any }} b
 */
function intersects(a, b) {
  const aPts = positionsOf(a)
  const bPts = positionsOf(b)
  const aSegs = segmentsOf(a)
  const bSegs = segmentsOf(b)
  const aPolys = polygonsOf(a)
  const bPolys = polygonsOf(b)
  const same = (/** @type {Position} */ p, /** @type {Position} */ q) => p[0] === q[0] && p[1] === q[1]
  if (aPts.some((p) => bPts.some((q) => same(p, q)))) return true
  if (aPts.some((p) => bSegs.some(([s, t]) => onSegment(p, s, t)))) return true
  if (bPts.some((p) => aSegs.some(([s, t]) => onSegment(p, s, t)))) return true
  if (aSegs.some((s) => bSegs.some((t) => segmentsCross(s, t)))) return true
  if (aPts.some((p) => bPolys.some((rings) => inPolygon(p, rings)))) return true
  if (bPts.some((p) => aPolys.some((rings) => inPolygon(p, rings)))) return true
  return false
}

/**
 * Distance from a point to a geometry: exact for points, nearest vertex otherwise (0 inside a
 * polygon).
 * @param {{ type: string, coordinates: any }} docGeo @param {Position} point
 */
function distanceToGeometry(docGeo, point) {
  if (docGeo.type === 'Point') return distanceMeters(docGeo.coordinates, point)
  if (polygonsOf(docGeo).some((rings) => inPolygon(point, rings))) return 0
  let best = Infinity
  for (const p of positionsOf(docGeo)) best = Math.min(best, distanceMeters(p, point))
  return best
}

module.exports = { EARTH_RADIUS_M, distanceMeters, distanceToGeometry, withinPolygons, withinCircle, intersects }
