'use strict'
// @ts-check

/**
 * Collection and document operations, executed by the engine's read/write plumbing. Results
 * have wx-server-sdk's shapes: `{ data }`, `{ total }`, `{ _id }`, `{ stats: { updated } }`, …
 */

const crypto = require('node:crypto')
const { encodeWhere, findGeoNear } = require('./encode-query')
const { encodeUpdate, isEmptyUpdate } = require('./encode-update')
const { compileQuery, project, applyUpdate, runPipeline } = require('./matcher')
const { planQuery } = require('./planner')
const { materialize, toOutput, cloneValue, isPlainObject, encodeForDisk } = require('./values')
const { compareValues, sortKey } = require('./value-order')
const { resolvePath } = require('./paths')
const { isGeoJSON } = require('./geo')
const { distanceToGeometry } = require('./geo-math')
const { invalidParam, duplicateKey, documentNotExist } = require('./errors')

/** Server-side (cloud function) limits of WeChat: get() returns 100 by default, at most 1000. */
const GET_DEFAULT_LIMIT = 100
const GET_MAX_LIMIT = 1000
/** aggregate().end() returns 20 results unless the pipeline has a limit stage. */
const AGGREGATE_DEFAULT_LIMIT = 20

/** @typedef {import('./engine').Engine} Engine */
/** @typedef {import('./collection-store').CollectionStore} CollectionStore */
/** @typedef {import('./collection-store').Doc} Doc */
/** @typedef {import('./planner').Order} Order */

/**
 * @typedef {object} QuerySpec
 * @property {string} collection
 * @property {unknown} where            raw where() argument, or null
 * @property {Order[]} orders
 * @property {number} skip
 * @property {number | null} limit      null: default
 * @property {Record<string, any> | null} projection
 */

/** @param {Engine} engine @param {string} api */
const ctxOf = (engine, api) => ({ now: engine.now, api })

/** @param {unknown} where @param {Engine} engine @param {string} api */
const encodeCondition = (where, engine, api) => (where === null || where === undefined ? {} : encodeWhere(where, ctxOf(engine, api)))

/**
 * The matching documents in result order, with the number of documents tested.
 * @param {CollectionStore} store @param {Record<string, any>} query @param {Order[]} orders
 * @param {number} skip @param {number} limit
 */
function select(store, query, orders, skip, limit) {
  const plan = planQuery(store, query, orders)
  const matcher = compileQuery(query)
  const geo = findGeoNear(query)
  const stopAt = plan.ordered && !geo ? skip + limit : Infinity
  let examined = 0
  /** @type {Doc[]} */
  const matched = []
  for (const doc of plan.candidates()) {
    examined++
    if (matcher.test(doc)) {
      matched.push(doc)
      if (matched.length >= stopAt) break
    }
  }
  if (orders.length && !plan.ordered) sortDocs(matched, orders)
  else if (geo && !orders.length) sortByDistance(matched, geo.path, geo.point)
  return { docs: matched.slice(skip, skip + limit), examined, plan: plan.describe }
}

/** Stable sort by orderBy fields, MongoDB's cross-type order. @param {Doc[]} docs @param {Order[]} orders */
function sortDocs(docs, orders) {
  const keyed = docs.map((doc) => ({ doc, keys: orders.map((o) => sortKey(resolvePath(doc, o.path), o.dir)) }))
  keyed.sort((a, b) => {
    for (let i = 0; i < orders.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i]) * orders[i].dir
      if (c) return c
    }
    return 0
  })
  keyed.forEach((k, i) => { docs[i] = k.doc })
}

/** geoNear results come nearest first. @param {Doc[]} docs @param {string} path @param {[number, number]} point */
function sortByDistance(docs, path, point) {
  const distance = (/** @type {Doc} */ doc) => {
    const v = resolvePath(doc, path)
    const geos = (Array.isArray(v) ? v : [v]).filter(isGeoJSON)
    return geos.length ? Math.min(...geos.map((g) => distanceToGeometry(g, point))) : Infinity
  }
  const keyed = docs.map((doc) => ({ doc, d: distance(doc) }))
  keyed.sort((a, b) => a.d - b.d)
  keyed.forEach((k, i) => { docs[i] = k.doc })
}

/** @param {Doc[]} docs @param {Record<string, any> | null} projection */
const output = (docs, projection) => (projection ? project(docs, projection) : docs).map(toOutput)

/** 32 lowercase hex characters, like WeChat's generated ids. */
const newId = () => crypto.randomBytes(16).toString('hex')

/** @param {string} api @param {unknown} id */
function checkId(api, id) {
  if ((typeof id === 'string' && id.length > 0) || (typeof id === 'number' && Number.isFinite(id))) return
  throw invalidParam(api, '_id must be a non-empty string or a number')
}

/**
 * Rejects new document versions that would break a unique index.
 * @param {string} api @param {CollectionStore} store @param {Doc[]} docs @param {Set<unknown>} changedIds
 */
function assertUnique(api, store, docs, changedIds) {
  const violation = store.findUniqueViolation(docs, changedIds)
  if (violation) throw duplicateKey(api, store.name, violation.index, violation.key)
}

/** @param {unknown} a @param {unknown} b */
const sameStored = (a, b) => JSON.stringify(encodeForDisk(a)) === JSON.stringify(encodeForDisk(b))

// --------------------------------------------------------------------------- queries

/** @param {Engine} engine @param {QuerySpec} spec */
function find(engine, spec) {
  const api = 'collection.get'
  return engine.read(api, 'get', spec.collection, () => {
    const store = engine.store(api, spec.collection)
    const query = encodeCondition(spec.where, engine, api)
    const limit = Math.min(spec.limit ?? GET_DEFAULT_LIMIT, GET_MAX_LIMIT)
    const { docs, examined, plan } = select(store, query, spec.orders, spec.skip, limit)
    const data = output(docs, spec.projection)
    return { result: { data, errMsg: `${api}:ok` }, examined, returned: data.length, plan }
  })
}

/**
 * count() ignores skip/limit/orderBy. When an index seek alone decides the query the count
 * comes from the index without reading documents (examined 0).
 * @param {Engine} engine @param {QuerySpec} spec
 */
function count(engine, spec) {
  const api = 'collection.count'
  return engine.read(api, 'count', spec.collection, () => {
    const store = engine.store(api, spec.collection)
    const query = encodeCondition(spec.where, engine, api)
    const plan = planQuery(store, query, [])
    if (plan.exactCount !== null) {
      return { result: { total: plan.exactCount, errMsg: `${api}:ok` }, examined: 0, returned: plan.exactCount, plan: plan.describe }
    }
    const matcher = compileQuery(query)
    let examined = 0
    let total = 0
    for (const doc of plan.candidates()) {
      examined++
      if (matcher.test(doc)) total++
    }
    return { result: { total, errMsg: `${api}:ok` }, examined, returned: total, plan: plan.describe }
  })
}

/**
 * where(...).update({ data }): every matching document (skip/limit/orderBy do not apply).
 * All or nothing: one log record, no change if any document would violate a unique index.
 * @param {Engine} engine @param {QuerySpec} spec @param {unknown} data
 */
function updateWhere(engine, spec, data) {
  const api = 'collection.update'
  return engine.write(api, 'update', spec.collection, () => {
    const store = engine.store(api, spec.collection)
    const query = encodeCondition(spec.where, engine, api)
    const update = encodeUpdate(data, ctxOf(engine, api))
    if (isEmptyUpdate(update)) return { ops: [], result: { stats: { updated: 0 }, errMsg: `${api}:ok` } }
    const { docs, examined, plan } = select(store, query, [], 0, Infinity)
    const changed = []
    for (const doc of docs) {
      const copy = cloneValue(doc)
      if (applyUpdate(copy, update)) changed.push(copy)
    }
    assertUnique(api, store, changed, new Set(changed.map((d) => d._id)))
    return {
      ops: changed.map((doc) => ({ t: 'put', c: store.name, doc })),
      result: { stats: { updated: changed.length }, errMsg: `${api}:ok` },
      examined,
      returned: changed.length,
      plan,
    }
  })
}

/** @param {Engine} engine @param {QuerySpec} spec */
function removeWhere(engine, spec) {
  const api = 'collection.remove'
  return engine.write(api, 'remove', spec.collection, () => {
    const store = engine.store(api, spec.collection)
    const query = encodeCondition(spec.where, engine, api)
    const { docs, examined, plan } = select(store, query, [], 0, Infinity)
    return {
      ops: docs.map((doc) => ({ t: 'del', c: store.name, id: doc._id })),
      result: { stats: { removed: docs.length }, errMsg: `${api}:ok` },
      examined,
      returned: docs.length,
      plan,
    }
  })
}

// --------------------------------------------------------------------------- add

/**
 * A new document from add() data: materialized, `_id` first (generated if absent).
 * @param {string} api @param {unknown} data @param {Engine} engine
 * @returns {Doc}
 */
function newDocument(api, data, engine) {
  if (!isPlainObject(data)) throw invalidParam(api, 'data must be an object (or an array of objects)')
  const { _id, ...rest } = materialize(data, ctxOf(engine, api))
  const id = _id === undefined ? newId() : _id
  checkId(api, id)
  return { _id: id, ...rest }
}

/**
 * add({ data }) → { _id }; with an array of documents → { _ids } (all or nothing). Server-side
 * adds get no _openid.
 * @param {Engine} engine @param {string} collection @param {unknown} data
 */
function add(engine, collection, data) {
  const api = 'collection.add'
  return engine.write(api, 'add', collection, () => {
    const store = engine.store(api, collection)
    const many = Array.isArray(data)
    if (many && data.length === 0) throw invalidParam(api, 'data must not be an empty array')
    const docs = (many ? data : [data]).map((d) => newDocument(api, d, engine))
    const seen = new Set()
    for (const doc of docs) {
      if (store.get(doc._id) !== undefined || seen.has(doc._id)) throw duplicateKey(api, store.name, '_id_', [doc._id])
      seen.add(doc._id)
    }
    assertUnique(api, store, docs, new Set())
    const ids = docs.map((d) => d._id)
    return {
      ops: docs.map((doc) => ({ t: 'put', c: store.name, doc })),
      result: many ? { _ids: ids, errMsg: `${api}:ok` } : { _id: ids[0], errMsg: `${api}:ok` },
      returned: docs.length,
    }
  })
}

// --------------------------------------------------------------------------- doc(id)

/**
 * doc(id).get() → { data }; a missing document throws (unless the database was opened with
 * throwOnNotFound: false, then data is null).
 * @param {Engine} engine @param {string} collection @param {unknown} id
 * @param {Record<string, any> | null} projection @param {boolean} throwOnNotFound
 */
function docGet(engine, collection, id, projection, throwOnNotFound) {
  const api = 'document.get'
  return engine.read(api, 'doc.get', collection, () => {
    const store = engine.store(api, collection)
    const doc = store.get(id)
    if (doc === undefined) {
      if (throwOnNotFound) throw documentNotExist(id)
      return { result: { data: null, errMsg: `${api}:ok` }, plan: 'IDHACK' }
    }
    return { result: { data: output([doc], projection)[0], errMsg: `${api}:ok` }, examined: 1, returned: 1, plan: 'IDHACK' }
  })
}

/**
 * set({ data }) data → the complete new document (no `_id`, no update commands).
 * @param {string} api @param {unknown} id @param {unknown} data @param {Engine} engine
 */
function replacementDocument(api, id, data, engine) {
  if (!isPlainObject(data)) throw invalidParam(api, 'data must be an object')
  if (Object.prototype.hasOwnProperty.call(data, '_id')) throw invalidParam(api, '不能更新_id的值 (data must not contain _id)')
  return { _id: id, ...materialize(data, ctxOf(engine, api)) }
}

/**
 * doc(id).set({ data }): replaces the whole document, creating it if missing.
 * → { _id, stats: { updated, created } } (updated is 0 when the content is identical, as MongoDB
 * counts modifications).
 * @param {Engine} engine @param {string} collection @param {unknown} id @param {unknown} data
 */
function docSet(engine, collection, id, data) {
  const api = 'document.set'
  return engine.write(api, 'doc.set', collection, () => {
    const store = engine.store(api, collection)
    checkId(api, id)
    const doc = replacementDocument(api, id, data, engine)
    const existing = store.get(id)
    const created = existing === undefined ? 1 : 0
    const updated = existing !== undefined && !sameStored(existing, doc) ? 1 : 0
    if (!created && !updated) return { ops: [], result: { _id: id, stats: { updated: 0, created: 0 }, errMsg: `${api}:ok` }, examined: 1 }
    assertUnique(api, store, [doc], new Set([id]))
    return {
      ops: [{ t: 'put', c: store.name, doc }],
      result: { _id: id, stats: { updated, created }, errMsg: `${api}:ok` },
      examined: existing ? 1 : 0,
      returned: 1,
    }
  })
}

/**
 * doc(id).update({ data }) → { stats: { updated } }; 0 when the document is missing.
 * @param {Engine} engine @param {string} collection @param {unknown} id @param {unknown} data
 */
function docUpdate(engine, collection, id, data) {
  const api = 'document.update'
  return engine.write(api, 'doc.update', collection, () => {
    const store = engine.store(api, collection)
    const update = encodeUpdate(data, ctxOf(engine, api))
    const existing = store.get(id)
    const none = { ops: [], result: { stats: { updated: 0 }, errMsg: `${api}:ok` }, examined: existing ? 1 : 0 }
    if (existing === undefined || isEmptyUpdate(update)) return none
    const copy = cloneValue(existing)
    if (!applyUpdate(copy, update)) return none
    assertUnique(api, store, [copy], new Set([id]))
    return { ops: [{ t: 'put', c: store.name, doc: copy }], result: { stats: { updated: 1 }, errMsg: `${api}:ok` }, examined: 1, returned: 1 }
  })
}

/** @param {Engine} engine @param {string} collection @param {unknown} id */
function docRemove(engine, collection, id) {
  const api = 'document.remove'
  return engine.write(api, 'doc.remove', collection, () => {
    const store = engine.store(api, collection)
    const exists = store.get(id) !== undefined
    return {
      ops: exists ? [{ t: 'del', c: store.name, id }] : [],
      result: { stats: { removed: exists ? 1 : 0 }, errMsg: `${api}:ok` },
      examined: exists ? 1 : 0,
      returned: exists ? 1 : 0,
    }
  })
}

// --------------------------------------------------------------------------- aggregate

/**
 * Runs an (already encoded) pipeline with mingo. A leading $match is answered through the
 * planner (indexes); lookup reads other collections. Without a $limit stage the result is cut
 * to 20, as WeChat does.
 * @param {Engine} engine @param {string} collection @param {Record<string, any>[]} stages
 */
function aggregate(engine, collection, stages) {
  const api = 'collection.aggregate'
  return engine.read(api, 'aggregate', collection, () => {
    const store = engine.store(api, collection)
    let pipeline = stages
    /** @type {Doc[]} */
    let input
    /** @type {number} */
    let examined
    let plan = 'COLLSCAN'
    if (stages[0]?.$match) {
      const selected = select(store, stages[0].$match, [], 0, Infinity)
      input = selected.docs
      examined = selected.examined
      plan = selected.plan
      pipeline = stages.slice(1)
    } else {
      input = [...store.docs.values()]
      examined = input.length
    }
    if (!stages.some((s) => '$limit' in s)) pipeline = [...pipeline, { $limit: AGGREGATE_DEFAULT_LIMIT }]
    const resolveCollection = (/** @type {string} */ name) => {
      const other = engine.collections.get(name)
      if (!other) return []
      examined += other.size
      return [...other.docs.values()].map(cloneValue)
    }
    const list = runPipeline(input.map(cloneValue), pipeline, resolveCollection).map(toOutput)
    return { result: { list, errMsg: `${api}:ok` }, examined, returned: list.length, plan }
  })
}

module.exports = {
  find, count, updateWhere, removeWhere, add, docGet, docSet, docUpdate, docRemove, aggregate,
  newDocument, replacementDocument, checkId, assertUnique, sameStored, ctxOf,
  GET_DEFAULT_LIMIT, GET_MAX_LIMIT, AGGREGATE_DEFAULT_LIMIT,
}
