'use strict'
// @ts-check

/**
 * CollectionReference and Query: immutable builders (every call returns a new query) over the
 * engine's collection operations, with wx-server-sdk's names and argument forms.
 */

const ops = require('../collection-ops')
const { encodeWhere } = require('../encode-query')
const { LogicCommand, QueryCommand } = require('../commands')
const { isPlainObject } = require('../values')
const { invalidParam } = require('../errors')
const { withCallbacks } = require('./callbacks')

/** @typedef {import('../collection-ops').QuerySpec} QuerySpec */

class Query {
  /**
   * @param {import('./database').Database} db @param {string} name
   * @param {Omit<QuerySpec, 'collection'>} [state]
   */
  constructor(db, name, state = { where: null, orders: [], skip: 0, limit: null, projection: null }) {
    /** @private */
    this._db = db
    /** @private */
    this._name = name
    /** @private */
    this._state = Object.freeze(state)
  }

  /** @private @param {Partial<Omit<QuerySpec, 'collection'>>} change */
  _with(change) {
    return new Query(this._db, this._name, { ...this._state, ...change })
  }

  /** @private @returns {QuerySpec} */
  _spec() {
    return { collection: this._name, ...this._state }
  }

  /** Replaces the condition. @param {unknown} query */
  where(query) {
    const api = 'collection.where'
    if (!isPlainObject(query) && !(query instanceof LogicCommand) && !(query instanceof QueryCommand && query.op === 'expr')) {
      throw invalidParam(api, 'query must be an object')
    }
    encodeWhere(query, { now: () => 0, api }) // reject bad conditions at the call, as the SDK does
    return this._with({ where: query })
  }

  /**
   * Adds a sort field (several calls sort by several fields, first call first).
   * @param {string} fieldPath @param {'asc' | 'desc'} [order]
   */
  orderBy(fieldPath, order = 'asc') {
    const api = 'collection.orderBy'
    if (typeof fieldPath !== 'string' || !fieldPath) throw invalidParam(api, 'fieldPath must be a non-empty string')
    const o = String(order).toLowerCase()
    if (o !== 'asc' && o !== 'desc') throw invalidParam(api, `order must be 'asc' or 'desc', got ${String(order)}`)
    return this._with({ orders: [...this._state.orders, { path: fieldPath, dir: o === 'asc' ? 1 : -1 }] })
  }

  /** @param {number} n */
  skip(n) {
    if (!Number.isInteger(n) || n < 0) throw invalidParam('collection.skip', 'skip must be a non-negative integer')
    return this._with({ skip: n })
  }

  /**
   * At most n results; server side the default is 100 and values above 1000 are capped at 1000.
   * @param {number} n
   */
  limit(n) {
    if (!Number.isInteger(n) || n < 0) throw invalidParam('collection.limit', 'limit must be a non-negative integer')
    return this._with({ limit: n === 0 ? null : n })
  }

  /** Projection: `{ a: true }` keeps a (and _id), `{ a: false }` drops it. @param {Record<string, unknown>} projection */
  field(projection) {
    return this._with({ projection: toProjection('collection.field', projection) })
  }

  /** → { data: [...] } @param {any} [options] */
  get(options) {
    return withCallbacks(options, () => ops.find(this._db._engine, this._spec()))
  }

  /** → { total } @param {any} [options] */
  count(options) {
    return withCallbacks(options, () => ops.count(this._db._engine, this._spec()))
  }

  /** Updates every matching document → { stats: { updated } } @param {{ data: unknown }} options */
  update(options) {
    return withCallbacks(options, () => ops.updateWhere(this._db._engine, this._spec(), options?.data))
  }

  /** Removes every matching document → { stats: { removed } } @param {any} [options] */
  remove(options) {
    return withCallbacks(options, () => ops.removeWhere(this._db._engine, this._spec()))
  }

  watch() {
    throw invalidParam('collection.watch', 'watch is not supported by devcloud')
  }
}

class CollectionReference extends Query {
  /** @param {import('./database').Database} db @param {string} name */
  constructor(db, name) {
    super(db, name)
  }

  get name() { return /** @type {any} */ (this)._name }
  get collectionName() { return /** @type {any} */ (this)._name }

  /** @param {string | number} id */
  doc(id) {
    const { DocumentReference } = require('./document')
    if (!((typeof id === 'string' && id) || typeof id === 'number')) throw invalidParam('collection.doc', 'docId must be a non-empty string or a number')
    return new DocumentReference(/** @type {any} */ (this)._db, this.name, id)
  }

  /** → { _id } (array data → { _ids }) @param {{ data: unknown }} options */
  add(options) {
    return withCallbacks(options, () => ops.add(/** @type {any} */ (this)._db._engine, this.name, options?.data))
  }

  aggregate() {
    const { Aggregate } = require('./aggregate')
    return new Aggregate(/** @type {any} */ (this)._db, this.name)
  }
}

/**
 * field() argument → MongoDB projection: truthy → 1, falsy → 0, `_.project.slice/elemMatch`
 * kept as operators.
 * @param {string} api @param {unknown} projection
 * @returns {Record<string, any>}
 */
function toProjection(api, projection) {
  if (!isPlainObject(projection)) throw invalidParam(api, 'projection must be an object')
  /** @type {Record<string, any>} */
  const out = {}
  for (const [k, v] of Object.entries(projection)) {
    if (isPlainObject(v) && '$slice' in v) out[k] = { $slice: v.$slice }
    else if (isPlainObject(v) && '$elemMatch' in v) out[k] = { $elemMatch: encodeWhere(v.$elemMatch, { now: Date.now, api }) }
    else out[k] = v ? 1 : 0
  }
  return out
}

module.exports = { Query, CollectionReference, toProjection }
