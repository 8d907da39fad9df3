'use strict'
// @ts-check

/**
 * Query planning over one collection's indexes.
 *
 * From the query's top-level conjunction (fields and `$and` parts) it takes, per field, an
 * equality ({a: v}, $eq, $in of scalars) or a range ($gt/$gte/$lt/$lte on numbers, strings or
 * dates). An index is usable when its leading fields have equalities, optionally followed by a
 * range, or when it yields the orderBy order. Candidates come from a binary-search seek and are
 * still tested against the whole query by mingo, so the index only has to return a superset.
 * When the walk order is the requested order the caller can stop after skip + limit matches.
 * `_id` equality is answered from the id map directly.
 */

const { Bound, RANK, rankOf } = require('./value-order')
const { isDate, isPlainObject } = require('./values')

/** @typedef {import('./collection-store').CollectionStore} CollectionStore */
/** @typedef {import('./collection-store').Doc} Doc */
/** @typedef {{ path: string, dir: 1 | -1 }} Order */
/** @typedef {{ value: unknown, inclusive: boolean }} Limit */
/** @typedef {{ lo: Limit, hi: Limit }} Range */

/**
 * @typedef {object} Plan
 * @property {string} describe          'IDHACK', 'IXSCAN <index>' or 'COLLSCAN'
 * @property {() => Iterable<Doc>} candidates
 * @property {boolean} ordered          candidates already come in the requested order
 * @property {number | null} exactCount the number of matches when the seek alone answers the query
 */

/** Scalars an index can seek on exactly. @param {unknown} v */
const isSeekable = (v) => v === null || typeof v === 'string' || typeof v === 'boolean' ||
  (typeof v === 'number' && !Number.isNaN(v)) || (isDate(v) && !Number.isNaN(v.getTime()))

/** @type {Set<number>} */
const RANGE_RANKS = new Set([RANK.number, RANK.string, RANK.date])

/**
 * What the conditions on one field allow.
 * @param {unknown[]} conds
 * @returns {{ eq: unknown[] | null, range: Range | null, exact: boolean }}
 */
function analyzeField(conds) {
  /** @type {unknown[] | null} */
  let eq = null
  /** @type {Range | null} */
  let range = null
  let rank = 0
  let exact = conds.length === 1
  const setEq = (/** @type {unknown[]} */ values) => { if (eq) exact = false; else eq = values }
  for (const cond of conds) {
    if (isSeekable(cond)) { setEq([cond]); continue }
    if (!isPlainObject(cond) || !Object.keys(cond).every((k) => k.startsWith('$'))) { exact = false; continue }
    for (const [op, val] of Object.entries(cond)) {
      if (op === '$eq' && isSeekable(val)) setEq([val])
      else if (op === '$in' && Array.isArray(val) && val.every(isSeekable)) setEq(dedupe(val))
      else if ((op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') && isSeekable(val) && RANGE_RANKS.has(rankOf(val))) {
        const r = rankOf(val)
        if (rank && r !== rank) { exact = false; continue }
        rank = r
        range ??= { lo: { value: new Bound(r, -1), inclusive: true }, hi: { value: new Bound(r, 1), inclusive: true } }
        // tighten only by replacing a sentinel; two bounds on one side are left to mingo
        const side = op === '$gt' || op === '$gte' ? 'lo' : 'hi'
        if (range[side].value instanceof Bound) range[side] = { value: val, inclusive: op.endsWith('e') }
        else exact = false
      } else {
        exact = false
      }
    }
  }
  if (eq && range) { range = null; exact = false }
  return { eq, range, exact }
}

/** @param {unknown[]} values */
function dedupe(values) {
  /** @type {unknown[]} */
  const out = []
  for (const v of values) if (!out.some((o) => o === v || (isDate(o) && isDate(v) && o.getTime() === v.getTime()))) out.push(v)
  return out
}

/**
 * Field conditions of the top-level conjunction; `other` when something else (e.g. $or) is
 * also required.
 * @param {Record<string, any>} query
 */
function conjuncts(query) {
  /** @type {Map<string, unknown[]>} */
  const fields = new Map()
  let other = false
  const walk = (/** @type {Record<string, any>} */ q) => {
    for (const [key, value] of Object.entries(q)) {
      if (key === '$and' && Array.isArray(value)) value.forEach(walk)
      else if (key.startsWith('$')) other = true
      else fields.set(key, [...(fields.get(key) ?? []), value])
    }
  }
  walk(query)
  return { fields, other }
}

/**
 * @param {CollectionStore} store @param {Record<string, any>} query @param {Order[]} orders
 * @returns {Plan}
 */
function planQuery(store, query, orders) {
  const { fields, other } = conjuncts(query)
  /** @type {Map<string, ReturnType<typeof analyzeField>>} */
  const info = new Map()
  for (const [path, conds] of fields) info.set(path, analyzeField(conds))

  const idInfo = info.get('_id')
  if (idInfo?.eq) {
    const ids = idInfo.eq
    return {
      describe: 'IDHACK',
      candidates: () => ids.map((id) => store.get(id)).filter((d) => d !== undefined),
      ordered: orders.length === 0,
      exactCount: !other && fields.size === 1 && idInfo.exact ? ids.filter((id) => store.get(id) !== undefined).length : null,
    }
  }

  let best = null
  let bestScore = 0
  for (const idx of store.indexes) {
    if (idx.multikey) continue
    /** @type {unknown[][]} */
    const eqLists = []
    let k = 0
    while (k < idx.fields.length && info.get(idx.fields[k].path)?.eq) {
      eqLists.push(/** @type {unknown[]} */ (info.get(idx.fields[k].path)?.eq))
      k++
    }
    const range = k < idx.fields.length ? info.get(idx.fields[k].path)?.range ?? null : null
    const seeks = eqLists.reduce((n, l) => n * l.length, 1)
    if (seeks > 256) continue
    const direction = sortDirection(idx, k, eqLists, orders)
    const score = k * 4 + (range ? 2 : 0) + (direction && orders.length ? 1 : 0)
    if (score > bestScore) {
      bestScore = score
      best = { idx, k, eqLists, range, direction }
    }
  }

  if (!best) {
    const everything = fields.size === 0 && !other
    return { describe: 'COLLSCAN', candidates: () => store.docs.values(), ordered: orders.length === 0, exactCount: everything ? store.size : null }
  }

  const { idx, k, eqLists, range, direction } = best
  const usedPaths = idx.fields.slice(0, k + (range ? 1 : 0)).map((f) => f.path)
  const exact = !other && fields.size === usedPaths.length && usedPaths.every((p) => info.get(p)?.exact)
  const slices = cartesian(eqLists).map((equal) => idx.seek(equal, range))
  const backward = direction === -1
  return {
    describe: `IXSCAN ${idx.name}`,
    candidates: function* () {
      const list = backward ? [...slices].reverse() : slices
      for (const [start, end] of list) {
        if (backward) {
          for (let i = end - 1; i >= start; i--) yield /** @type {Doc} */ (store.get(idx.entries[i].id))
        } else {
          for (let i = start; i < end; i++) yield /** @type {Doc} */ (store.get(idx.entries[i].id))
        }
      }
    },
    ordered: orders.length === 0 || direction !== 0,
    exactCount: exact ? slices.reduce((n, [s, e]) => n + (e - s), 0) : null,
  }
}

/**
 * 1 when walking the index forward yields the requested order, -1 backward, 0 neither.
 * Fields pinned to a single value by equality drop out of the order.
 * @param {import('./sorted-index').SortedIndex} idx @param {number} k @param {unknown[][]} eqLists @param {Order[]} orders
 * @returns {0 | 1 | -1}
 */
function sortDirection(idx, k, eqLists, orders) {
  const pinned = new Set(idx.fields.slice(0, k).filter((_, i) => eqLists[i].length === 1).map((f) => f.path))
  const rest = orders.filter((o) => !pinned.has(o.path))
  if (rest.length === 0) return 1
  if (eqLists.some((l) => l.length > 1)) return 0
  if (k + rest.length > idx.fields.length) return 0
  let dir = 0
  for (let i = 0; i < rest.length; i++) {
    const field = idx.fields[k + i]
    if (field.path !== rest[i].path) return 0
    const d = field.dir === rest[i].dir ? 1 : -1
    if (dir && d !== dir) return 0
    dir = d
  }
  return /** @type {1 | -1} */ (dir)
}

/** @param {unknown[][]} lists @returns {unknown[][]} */
function cartesian(lists) {
  /** @type {unknown[][]} */
  let acc = [[]]
  for (const list of lists) acc = acc.flatMap((prefix) => list.map((v) => [...prefix, v]))
  return acc
}

module.exports = { planQuery }
