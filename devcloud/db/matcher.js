'use strict'
// @ts-check

/**
 * mingo, configured once: every query/expression/pipeline operator plus devcloud's geo
 * operators ($geoNear / $geoWithin / $geoIntersects as query operators, $geoNear as the
 * aggregation stage), which mingo does not provide, and $in/$nin accepting regular
 * expressions among their values as MongoDB does.
 */

const { Query, Aggregator, Context } = require('mingo')
const createFullContext = require('mingo/init/context').default
const { $in: mingoIn } = require('mingo/operators/query/comparison')
const { update: mingoUpdate } = require('mingo/updater')
const { resolve } = require('mingo/util')
const { Lazy } = require('mingo/lazy')
const { isGeoJSON } = require('./geo')
const { distanceToGeometry, withinPolygons, withinCircle, intersects } = require('./geo-math')

/** @param {unknown} v @returns {any[]} */
const geometriesAt = (v) => (Array.isArray(v) ? v.filter(isGeoJSON) : isGeoJSON(v) ? [v] : [])

/** @param {unknown} v @returns {v is RegExp} */
const isRegExp = (v) => Object.prototype.toString.call(v) === '[object RegExp]'

/** @param {string} selector @param {any} values @param {any} options @returns {(obj: any) => boolean} */
const $in = (selector, values, options) => {
  const regexps = values.filter(isRegExp)
  const plain = mingoIn(selector, values.filter((/** @type {unknown} */ v) => !isRegExp(v)), options)
  if (!regexps.length) return plain
  return (obj) => {
    if (plain(obj)) return true
    const v = resolve(obj, selector, { unwrapArray: true })
    return (Array.isArray(v) ? v : [v]).some((x) => typeof x === 'string' && regexps.some((/** @type {RegExp} */ r) => { r.lastIndex = 0; return r.test(x) }))
  }
}

/** @param {string} selector @param {any} values @param {any} options @returns {(obj: any) => boolean} */
const $nin = (selector, values, options) => {
  const test = $in(selector, values, options)
  return (obj) => !test(obj)
}

/** @param {string} selector @param {any} spec @returns {(obj: any) => boolean} */
const $geoNear = (selector, spec) => (obj) => geometriesAt(resolve(obj, selector)).some((g) => {
  const d = distanceToGeometry(g, spec.point)
  return (spec.maxDistance === undefined || d <= spec.maxDistance) && (spec.minDistance === undefined || d >= spec.minDistance)
})

/** @param {string} selector @param {any} spec @returns {(obj: any) => boolean} */
const $geoWithin = (selector, spec) => (obj) => geometriesAt(resolve(obj, selector)).some((g) =>
  spec.geometry ? withinPolygons(g, spec.geometry) : withinCircle(g, spec.center, spec.radius))

/** @param {string} selector @param {any} spec @returns {(obj: any) => boolean} */
const $geoIntersects = (selector, spec) => (obj) => geometriesAt(resolve(obj, selector)).some((g) => intersects(g, spec.geometry))

/**
 * The aggregate geoNear stage: { near: [lng, lat], distanceField, maxDistance?, minDistance?,
 * query?, key?, includeLocs?, distanceMultiplier? } (near already converted to coordinates).
 * @param {import('mingo/lazy').Iterator} collection @param {any} expr @param {any} options
 */
const $geoNearStage = (collection, expr, options) => {
  const test = expr.query ? new Query(expr.query, options) : null
  const rows = []
  for (const doc of /** @type {any[]} */ (collection.value())) {
    if (test && !test.test(doc)) continue
    const key = expr.key ?? Object.keys(doc).find((k) => isGeoJSON(doc[k]))
    if (!key) continue
    const geos = geometriesAt(resolve(doc, key))
    if (!geos.length) continue
    const distance = Math.min(...geos.map((g) => distanceToGeometry(g, expr.near)))
    if (expr.maxDistance !== undefined && distance > expr.maxDistance) continue
    if (expr.minDistance !== undefined && distance < expr.minDistance) continue
    rows.push({ doc, distance, loc: geos[0] })
  }
  rows.sort((a, b) => a.distance - b.distance)
  return Lazy(rows.map(({ doc, distance, loc }) => {
    const out = { ...doc, [expr.distanceField]: distance * (expr.distanceMultiplier ?? 1) }
    if (expr.includeLocs) out[expr.includeLocs] = loc
    return out
  }))
}

// operators already in a context win over later additions, so ours go in first
const context = Context.merge(
  Context.init({ query: { $in, $nin, $geoNear, $geoWithin, $geoIntersects }, pipeline: { $geoNear: $geoNearStage } }),
  createFullContext(),
)

/** Options for every mingo call. @type {Partial<import('mingo/core').Options>} */
const MINGO_OPTIONS = Object.freeze({ context, idKey: '_id', useStrictMode: true })

/**
 * @param {Record<string, any>} query
 * @returns {{ test(doc: Record<string, any>): boolean }}
 */
function compileQuery(query) {
  if (Object.keys(query).length === 0) return { test: () => true }
  return new Query(query, MINGO_OPTIONS)
}

/**
 * Applies projection `{ a: 1, b: 0 }` to documents.
 * @param {Record<string, any>[]} docs @param {Record<string, any>} projection
 */
function project(docs, projection) {
  return new Query({}, MINGO_OPTIONS).find(docs, projection).all()
}

/**
 * Applies a MongoDB update (several operators) to a document copy in place.
 * @param {Record<string, any>} doc @param {Record<string, Record<string, unknown>>} update
 * @returns {boolean} whether anything changed
 */
function applyUpdate(doc, update) {
  let changed = false
  for (const [op, args] of Object.entries(update)) {
    const paths = mingoUpdate(doc, /** @type {any} */ ({ [op]: args }), [], {}, { cloneMode: 'deep', queryOptions: MINGO_OPTIONS })
    if (paths.length) changed = true
  }
  return changed
}

/**
 * @param {Record<string, any>[]} docs @param {Record<string, any>[]} pipeline
 * @param {(name: string) => Record<string, any>[]} collectionResolver
 */
function runPipeline(docs, pipeline, collectionResolver) {
  return new Aggregator(pipeline, { ...MINGO_OPTIONS, collectionResolver }).run(docs)
}

module.exports = { compileQuery, project, applyUpdate, runPipeline, MINGO_OPTIONS }
