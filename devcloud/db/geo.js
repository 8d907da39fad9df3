'use strict'
// @ts-check

/**
 * db.Geo: Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon.
 *
 * Shaped like the wx-server-sdk classes (a Point has `longitude`/`latitude`, a LineString
 * `points`, a Polygon `lines`, …) and serialised with `toJSON()` to GeoJSON, which is how they
 * are stored. Values read back from the database are instances of these classes again, as the
 * SDK returns them; their `type`/`coordinates` getters expose the GeoJSON form directly too.
 * Each constructor works with or without `new`, as WeChat's examples use both.
 */

const { invalidParam } = require('./errors')

const API = 'Geo'

/** @param {unknown} lng @param {unknown} lat */
function checkLngLat(lng, lat) {
  if (typeof lng !== 'number' || !Number.isFinite(lng) || lng < -180 || lng > 180) {
    throw invalidParam(API, `"longitude" must be a number in [-180, 180], got ${String(lng)}`)
  }
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    throw invalidParam(API, `"latitude" must be a number in [-90, 90], got ${String(lat)}`)
  }
}

/**
 * @constructor
 * @this {any}
 * @param {number} longitude @param {number} latitude
 * @returns {any}
 */
function Point(longitude, latitude) {
  if (!(this instanceof Point)) return new Point(longitude, latitude)
  checkLngLat(longitude, latitude)
  this.longitude = longitude
  this.latitude = latitude
}
/** @this {any} */
Point.prototype.toJSON = function () { return { type: 'Point', coordinates: [this.longitude, this.latitude] } }

/** @param {unknown} p @returns {any} */
function asPoint(p) {
  if (p instanceof Point) return p
  if (Array.isArray(p) && p.length === 2) return new Point(p[0], p[1])
  throw invalidParam(API, 'expected a db.Geo.Point')
}

/**
 * @constructor
 * @this {any}
 * @param {any[]} points
 * @returns {any}
 */
function LineString(points) {
  if (!(this instanceof LineString)) return new LineString(points)
  if (!Array.isArray(points) || points.length < 2) throw invalidParam(API, 'LineString needs at least 2 points')
  this.points = points.map(asPoint)
}
/** @this {any} */
LineString.prototype.toJSON = function () {
  return { type: 'LineString', coordinates: this.points.map((/** @type {any} */ p) => [p.longitude, p.latitude]) }
}

/** @param {any} line */
function isClosed(line) {
  const first = line.points[0]
  const last = line.points[line.points.length - 1]
  return line.points.length >= 4 && first.longitude === last.longitude && first.latitude === last.latitude
}

/** @param {unknown} l @returns {any} */
function asLine(l) {
  if (l instanceof LineString) return l
  if (Array.isArray(l)) return new LineString(l)
  throw invalidParam(API, 'expected a db.Geo.LineString')
}

/**
 * @constructor
 * @this {any}
 * @param {any[]} lines  outer ring first, then holes; each ring closed (first point = last point)
 * @returns {any}
 */
function Polygon(lines) {
  if (!(this instanceof Polygon)) return new Polygon(lines)
  if (!Array.isArray(lines) || lines.length === 0) throw invalidParam(API, 'Polygon needs at least one LineString')
  this.lines = lines.map(asLine)
  for (const line of this.lines) {
    if (!isClosed(line)) throw invalidParam(API, 'each LineString of a Polygon must be closed (first point equals last) with at least 4 points')
  }
}
/** @this {any} */
Polygon.prototype.toJSON = function () {
  return { type: 'Polygon', coordinates: this.lines.map((/** @type {any} */ l) => l.toJSON().coordinates) }
}

/**
 * @constructor
 * @this {any}
 * @param {any[]} points
 * @returns {any}
 */
function MultiPoint(points) {
  if (!(this instanceof MultiPoint)) return new MultiPoint(points)
  if (!Array.isArray(points) || points.length === 0) throw invalidParam(API, 'MultiPoint needs at least 1 point')
  this.points = points.map(asPoint)
}
/** @this {any} */
MultiPoint.prototype.toJSON = function () {
  return { type: 'MultiPoint', coordinates: this.points.map((/** @type {any} */ p) => [p.longitude, p.latitude]) }
}

/**
 * @constructor
 * @this {any}
 * @param {any[]} lines
 * @returns {any}
 */
function MultiLineString(lines) {
  if (!(this instanceof MultiLineString)) return new MultiLineString(lines)
  if (!Array.isArray(lines) || lines.length === 0) throw invalidParam(API, 'MultiLineString needs at least 1 LineString')
  this.lines = lines.map(asLine)
}
/** @this {any} */
MultiLineString.prototype.toJSON = function () {
  return { type: 'MultiLineString', coordinates: this.lines.map((/** @type {any} */ l) => l.toJSON().coordinates) }
}

/**
 * @constructor
 * @this {any}
 * @param {any[]} polygons
 * @returns {any}
 */
function MultiPolygon(polygons) {
  if (!(this instanceof MultiPolygon)) return new MultiPolygon(polygons)
  if (!Array.isArray(polygons) || polygons.length === 0) throw invalidParam(API, 'MultiPolygon needs at least 1 Polygon')
  this.polygons = polygons.map((p) => {
    if (p instanceof Polygon) return p
    throw invalidParam(API, 'expected a db.Geo.Polygon')
  })
}
/** @this {any} */
MultiPolygon.prototype.toJSON = function () {
  return { type: 'MultiPolygon', coordinates: this.polygons.map((/** @type {any} */ p) => p.toJSON().coordinates) }
}

const CLASSES = { Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon }

// GeoJSON views on every class, non-enumerable (on the prototype) so instances compare by their
// SDK fields only.
for (const [type, ctor] of Object.entries(CLASSES)) {
  Object.defineProperty(ctor.prototype, 'type', { get() { return type }, configurable: true })
  Object.defineProperty(ctor.prototype, 'coordinates', { get() { return /** @type {any} */ (this).toJSON().coordinates }, configurable: true })
}

/** @param {unknown} v @returns {boolean} */
const isGeoInstance = (v) => Object.values(CLASSES).some((C) => v instanceof C)

/** @param {unknown} c */
const isPosition = (c) => Array.isArray(c) && c.length === 2 &&
  typeof c[0] === 'number' && typeof c[1] === 'number' &&
  c[0] >= -180 && c[0] <= 180 && c[1] >= -90 && c[1] <= 90
/** @param {unknown} c @param {number} min */
const isPositions = (c, min) => Array.isArray(c) && c.length >= min && c.every(isPosition)
/** @param {unknown} c */
const isRing = (c) => isPositions(c, 4)
/** @param {unknown} c */
const isRings = (c) => Array.isArray(c) && c.length > 0 && c.every(isRing)

/** GeoJSON coordinate shape check per type. */
const SHAPES = {
  Point: isPosition,
  LineString: (/** @type {unknown} */ c) => isPositions(c, 2),
  Polygon: isRings,
  MultiPoint: (/** @type {unknown} */ c) => isPositions(c, 1),
  MultiLineString: (/** @type {unknown} */ c) => Array.isArray(c) && c.length > 0 && c.every((l) => isPositions(l, 2)),
  MultiPolygon: (/** @type {unknown} */ c) => Array.isArray(c) && c.length > 0 && c.every(isRings),
}

/**
 * A stored plain object that is a GeoJSON geometry of one of the six supported types
 * (exactly the keys `type` and `coordinates`).
 * @param {any} v
 */
function isGeoJSON(v) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false
  const keys = Object.keys(v)
  if (keys.length !== 2 || !('type' in v) || !('coordinates' in v)) return false
  const check = SHAPES[/** @type {keyof typeof SHAPES} */ (v.type)]
  return Boolean(check && check(v.coordinates))
}

/** @param {number[]} c */
const pointOf = (c) => new Point(c[0], c[1])
/** @param {number[][]} c */
const lineOf = (c) => new LineString(c.map(pointOf))
/** @param {number[][][]} c */
const polygonOf = (c) => new Polygon(c.map(lineOf))

/**
 * GeoJSON (as stored) → db.Geo instance (as returned by get()).
 * @param {any} json
 */
function geoFromJSON(json) {
  switch (json.type) {
    case 'Point': return pointOf(json.coordinates)
    case 'LineString': return lineOf(json.coordinates)
    case 'Polygon': return polygonOf(json.coordinates)
    case 'MultiPoint': return new MultiPoint(json.coordinates.map(pointOf))
    case 'MultiLineString': return new MultiLineString(json.coordinates.map(lineOf))
    case 'MultiPolygon': return new MultiPolygon(json.coordinates.map(polygonOf))
    default: throw invalidParam(API, `unsupported geometry type ${json.type}`)
  }
}

/**
 * A geometry argument (db.Geo instance or GeoJSON object) → GeoJSON.
 * @param {unknown} g @param {string} api
 * @returns {{ type: string, coordinates: any }}
 */
function toGeoJSON(g, api) {
  if (isGeoInstance(g)) return /** @type {any} */ (g).toJSON()
  if (isGeoJSON(g)) return /** @type {any} */ (g)
  throw invalidParam(api, 'geometry must be a db.Geo object (Point, Polygon, …)')
}

module.exports = { ...CLASSES, isGeoInstance, isGeoJSON, geoFromJSON, toGeoJSON }
