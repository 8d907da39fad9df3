'use strict'
// @ts-check

/**
 * A total order over stored values, following MongoDB's cross-type order
 * (null/missing < numbers < strings < objects < arrays < booleans < dates < regexps).
 * Used for index keys and orderBy; within a type it agrees with mingo's comparisons, so index
 * range scans return a superset of what mingo's type-bracketed $gt/$lt accept.
 */

const { isDate, isRegExp } = require('./values')

const RANK = Object.freeze({ null: 1, number: 2, string: 3, object: 4, array: 5, boolean: 6, date: 7, regexp: 8 })

/** A sentinel sorting before (side -1) or after (side +1) every value of one type rank. */
class Bound {
  /** @param {number} rank @param {-1|1} side */
  constructor(rank, side) {
    this.rank = rank
    this.side = side
  }
}

/** @param {unknown} v @returns {number} */
function rankOf(v) {
  if (v === null || v === undefined) return RANK.null
  switch (typeof v) {
    case 'number': return RANK.number
    case 'string': return RANK.string
    case 'boolean': return RANK.boolean
    case 'object':
      if (Array.isArray(v)) return RANK.array
      if (isDate(v)) return RANK.date
      if (isRegExp(v)) return RANK.regexp
      return RANK.object
    default: return RANK.object
  }
}

/**
 * @param {unknown} a @param {unknown} b
 * @returns {number} negative, zero or positive
 */
function compareValues(a, b) {
  if (a instanceof Bound || b instanceof Bound) return compareWithBound(a, b)
  const ra = rankOf(a)
  const rb = rankOf(b)
  if (ra !== rb) return ra - rb
  switch (ra) {
    case RANK.null: return 0
    case RANK.number: {
      const x = /** @type {number} */ (a)
      const y = /** @type {number} */ (b)
      if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1
      return x < y ? -1 : x > y ? 1 : 0
    }
    case RANK.string: {
      const x = /** @type {string} */ (a)
      const y = /** @type {string} */ (b)
      return x < y ? -1 : x > y ? 1 : 0
    }
    case RANK.boolean: return Number(a) - Number(b)
    case RANK.date: {
      const x = /** @type {Date} */ (a).getTime()
      const y = /** @type {Date} */ (b).getTime()
      return x < y ? -1 : x > y ? 1 : 0
    }
    case RANK.regexp: {
      const x = String(a)
      const y = String(b)
      return x < y ? -1 : x > y ? 1 : 0
    }
    case RANK.array: {
      const x = /** @type {unknown[]} */ (a)
      const y = /** @type {unknown[]} */ (b)
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i])
        if (c) return c
      }
      return x.length - y.length
    }
    default: {
      // objects: field by field in stored order, names first then values
      const x = /** @type {Record<string, unknown>} */ (a)
      const y = /** @type {Record<string, unknown>} */ (b)
      const kx = Object.keys(x)
      const ky = Object.keys(y)
      for (let i = 0; i < Math.min(kx.length, ky.length); i++) {
        if (kx[i] !== ky[i]) return kx[i] < ky[i] ? -1 : 1
        const c = compareValues(x[kx[i]], y[ky[i]])
        if (c) return c
      }
      return kx.length - ky.length
    }
  }
}

/** @param {unknown} a @param {unknown} b */
function compareWithBound(a, b) {
  const ra = a instanceof Bound ? a.rank : rankOf(a)
  const rb = b instanceof Bound ? b.rank : rankOf(b)
  if (ra !== rb) return ra - rb
  const sa = a instanceof Bound ? a.side : 0
  const sb = b instanceof Bound ? b.side : 0
  return sa - sb
}

/**
 * Value used to order a document by a field, as MongoDB sorts: missing is null, an array sorts
 * by its smallest element ascending and its largest descending.
 * @param {unknown} v @param {1|-1} dir
 */
function sortKey(v, dir) {
  if (!Array.isArray(v)) return v === undefined ? null : v
  if (v.length === 0) return null
  let best = v[0]
  for (const x of v) if (compareValues(x, best) * dir < 0) best = x
  return best
}

module.exports = { RANK, Bound, rankOf, compareValues, sortKey }
