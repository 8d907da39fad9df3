'use strict'
// @ts-check

/**
 * The stored value model and its conversions.
 *
 * Stored documents are plain trees of objects, arrays, primitives, Dates and RegExps, with
 * geometries as GeoJSON objects. They are never mutated once stored (writers replace whole
 * documents), so snapshots and index keys can share them; callers only ever get deep copies.
 */

const { isGeoInstance, isGeoJSON, geoFromJSON } = require('./geo')
const { ServerDate, DbRegExp } = require('./special-values')
const { isCommand } = require('./commands')
const { invalidParam } = require('./errors')

const toStringTag = (/** @type {unknown} */ v) => Object.prototype.toString.call(v)
/** @param {unknown} v @returns {v is Date} */
const isDate = (v) => toStringTag(v) === '[object Date]'
/** @param {unknown} v @returns {v is RegExp} */
const isRegExp = (v) => toStringTag(v) === '[object RegExp]'

/**
 * An object literal (from any realm: jest runs tests in their own vm context).
 * @param {unknown} v @returns {v is Record<string, any>}
 */
function isPlainObject(v) {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v)
  return proto === null || Object.getPrototypeOf(proto) === null
}

/**
 * Deep copy of a stored value.
 * @template T @param {T} v @returns {T}
 */
function cloneValue(v) {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) return /** @type {any} */ (v.map(cloneValue))
  if (isDate(v)) return /** @type {any} */ (new Date(v.getTime()))
  if (isRegExp(v)) return /** @type {any} */ (new RegExp(v.source, v.flags))
  /** @type {Record<string, any>} */
  const out = {}
  for (const key of Object.keys(v)) out[key] = cloneValue(/** @type {any} */ (v)[key])
  return /** @type {any} */ (out)
}

/**
 * @typedef {object} MaterializeContext
 * @property {() => number} now        the engine clock, for db.serverDate()
 * @property {string} api              for error messages
 */

/**
 * Caller-supplied data → stored representation: serverDate resolved, Geo objects to GeoJSON,
 * db.RegExp to RegExp, copies of everything; undefined object fields and functions dropped
 * (as JSON does on the wire). Commands are rejected: they only make sense where an encoder
 * handles them.
 * @param {unknown} v @param {MaterializeContext} ctx @param {string} [path]
 * @returns {any}
 */
function materialize(v, ctx, path = '') {
  if (v === null || v === undefined) return v
  switch (typeof v) {
    case 'string': case 'boolean': case 'number': return v
    case 'bigint': throw invalidParam(ctx.api, `BigInt is not supported${path ? ` (field ${path})` : ''}`)
    case 'function': case 'symbol': return undefined
  }
  if (Array.isArray(v)) return v.map((x, i) => { const m = materialize(x, ctx, `${path}.${i}`); return m === undefined ? null : m })
  if (isDate(v)) return new Date(v.getTime())
  if (isRegExp(v)) return new RegExp(v.source, v.flags)
  if (v instanceof ServerDate) return new Date(ctx.now() + v.offset)
  if (v instanceof DbRegExp) return v.toRegExp()
  if (isGeoInstance(v)) return /** @type {any} */ (v).toJSON()
  if (isCommand(v)) throw invalidParam(ctx.api, `a db.command cannot be used here${path ? ` (field ${path.replace(/^\./, '')})` : ''}`)
  const obj = /** @type {any} */ (v)
  if (!isPlainObject(obj) && typeof obj.toJSON === 'function') return materialize(obj.toJSON(), ctx, path)
  /** @type {Record<string, any>} */
  const out = {}
  for (const key of Object.keys(obj)) {
    const m = materialize(obj[key], ctx, path ? `${path}.${key}` : key)
    if (m !== undefined) out[key] = m
  }
  return out
}

/**
 * Stored value → what get() returns: a deep copy with GeoJSON turned into db.Geo objects.
 * @param {unknown} v @returns {any}
 */
function toOutput(v) {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) return v.map(toOutput)
  if (isDate(v)) return new Date(v.getTime())
  if (isRegExp(v)) return new RegExp(v.source, v.flags)
  if (isGeoJSON(v)) return geoFromJSON(v)
  /** @type {Record<string, any>} */
  const out = {}
  for (const key of Object.keys(v)) out[key] = toOutput(/** @type {any} */ (v)[key])
  return out
}

// ------------------------------------------------------------------ lossless disk encoding
// JSON plus tags: {$d: ms} Date, {$re: [source, flags]} RegExp, {$n: '-0'|'NaN'|'Infinity'|
// '-Infinity'} numbers JSON cannot hold, {$o: {...}} an object whose own keys start with '$'
// (escaped so user data can never be mistaken for a tag).

/** @param {unknown} v @returns {any} */
function encodeForDisk(v) {
  if (v === null || v === undefined) return null
  if (typeof v === 'number') {
    if (Object.is(v, -0)) return { $n: '-0' }
    if (!Number.isFinite(v)) return { $n: String(v) }
    return v
  }
  if (typeof v !== 'object') return v
  if (Array.isArray(v)) return v.map(encodeForDisk)
  if (isDate(v)) { const t = v.getTime(); return { $d: Number.isNaN(t) ? null : t } }
  if (isRegExp(v)) return { $re: [v.source, v.flags] }
  /** @type {Record<string, any>} */
  const out = {}
  let escape = false
  for (const key of Object.keys(v)) {
    if (key.startsWith('$')) escape = true
    out[key] = encodeForDisk(/** @type {any} */ (v)[key])
  }
  return escape ? { $o: out } : out
}

/** @param {any} v @returns {any} */
function decodeFromDisk(v) {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) return v.map(decodeFromDisk)
  const keys = Object.keys(v)
  if (keys.length === 1) {
    switch (keys[0]) {
      case '$d': return new Date(v.$d === null ? NaN : v.$d)
      case '$re': return new RegExp(v.$re[0], v.$re[1])
      case '$n': return Number(v.$n)
      case '$o': return decodeObject(v.$o)
    }
  }
  return decodeObject(v)
}

/** @param {Record<string, any>} o */
function decodeObject(o) {
  /** @type {Record<string, any>} */
  const out = {}
  for (const key of Object.keys(o)) out[key] = decodeFromDisk(o[key])
  return out
}

module.exports = { isDate, isRegExp, isPlainObject, cloneValue, materialize, toOutput, encodeForDisk, decodeFromDisk }
