'use strict'
// @ts-check

/**
 * Transactions: serializable through the engine's single write lock, held from start to
 * commit/rollback. Writes are buffered per document in the transaction and become visible
 * together at commit (one log record); reads inside see the transaction's own writes, reads
 * outside see only committed data. A transaction left open longer than the engine's
 * transactionTimeoutMs (30 s) is rolled back so the lock is released.
 */

const crypto = require('node:crypto')
const { encodeUpdate, isEmptyUpdate } = require('./encode-update')
const { applyUpdate } = require('./matcher')
const { cloneValue, toOutput } = require('./values')
const { newDocument, replacementDocument, checkId, assertUnique, sameStored, ctxOf } = require('./collection-ops')
const { fail, ERR, duplicateKey } = require('./errors')

/** @typedef {import('./engine').Engine} Engine */
/** @typedef {import('./collection-store').Doc} Doc */

class TransactionState {
  constructor() {
    this.id = crypto.randomBytes(12).toString('hex')
    this.isTransaction = true
    this.active = false
    /** buffered writes: collection → _id → new version (null: removed) @type {Map<string, Map<unknown, Doc | null>>} */
    this.writes = new Map()
    /** why the transaction ended without commit (timeout, close) @type {Error | null} */
    this.failure = null
    /** @type {NodeJS.Timeout | null} */
    this.timer = null
  }
}

/**
 * Waits for the write lock and starts a transaction.
 * @param {Engine} engine @param {string} api
 */
async function beginTransaction(engine, api) {
  engine.assertUsable(api)
  assertNotNested(engine, api)
  const tx = new TransactionState()
  await engine.lock.acquire(tx)
  try {
    engine.assertUsable(api)
  } catch (err) {
    engine.lock.release(tx)
    throw err
  }
  tx.active = true
  tx.timer = setTimeout(() => {
    abortTransaction(engine, tx, fail('transaction', ERR.DB_TIMEOUT,
      `the transaction was open longer than ${engine.transactionTimeoutMs} ms and was rolled back`, 'DATABASE_TRANSACTION_TIMEOUT'))
  }, engine.transactionTimeoutMs)
  tx.timer.unref?.()
  return tx
}

/**
 * Starting a transaction from inside the one this async context holds would wait for itself.
 * @param {Engine} engine @param {string} api
 */
function assertNotNested(engine, api) {
  const ctx = engine.txContext.getStore()
  if (ctx?.tx && ctx.tx.active && engine.lock.owner === ctx.tx) {
    throw fail(api, ERR.COMMON, 'a transaction is already open in this context; nested transactions are not supported', 'DATABASE_TRANSACTION_NESTED')
  }
}

/** Ends the transaction and releases the lock. @param {Engine} engine @param {TransactionState} tx */
function finish(engine, tx) {
  tx.active = false
  tx.writes.clear()
  if (tx.timer) clearTimeout(tx.timer)
  engine.lock.release(tx)
}

/** @param {Engine} engine @param {TransactionState} tx @param {Error} reason */
function abortTransaction(engine, tx, reason) {
  if (!tx.active) return
  tx.failure = reason
  finish(engine, tx)
}

/** @param {TransactionState} tx @param {string} api */
function assertActive(tx, api) {
  if (tx.active) return
  if (tx.failure) throw tx.failure
  throw fail(api, ERR.COMMON, 'the transaction has already been committed or rolled back', 'DATABASE_TRANSACTION_NOT_ACTIVE')
}

/**
 * The document as the transaction sees it.
 * @param {Engine} engine @param {TransactionState} tx @param {string} collection @param {unknown} id
 * @returns {Doc | undefined}
 */
function visible(engine, tx, collection, id) {
  const buffered = tx.writes.get(collection)
  if (buffered?.has(id)) return buffered.get(id) ?? undefined
  return engine.collections.get(collection)?.get(id)
}

/**
 * Buffers a new version (null: removal) after checking unique indexes against committed data
 * and the transaction's other writes.
 * @param {Engine} engine @param {TransactionState} tx @param {string} api
 * @param {import('./collection-store').CollectionStore} store @param {unknown} id @param {Doc | null} doc
 */
function buffer(engine, tx, api, store, id, doc) {
  const writes = tx.writes.get(store.name) ?? new Map()
  if (doc) {
    const others = [...writes].filter(([otherId, d]) => otherId !== id && d).map(([, d]) => /** @type {Doc} */ (d))
    assertUnique(api, store, [...others, doc], new Set([...writes.keys(), id]))
  }
  writes.set(id, doc)
  tx.writes.set(store.name, writes)
}

/**
 * One transactional round trip: checks, then reports like any read (no lock: the transaction
 * holds it).
 * @param {Engine} engine @param {TransactionState} tx @param {string} api @param {string} op
 * @param {string} collection @param {() => import('./engine').ReadOutcome} fn
 */
function txOp(engine, tx, api, op, collection, fn) {
  return engine.read(api, op, collection, () => {
    assertActive(tx, api)
    return fn()
  }, { waitDurable: false })
}

/**
 * transaction.collection(c).doc(id).get() → { data } (data is null when the document does not
 * exist, as the SDK's transactional get returns).
 * @param {Engine} engine @param {TransactionState} tx @param {string} collection @param {unknown} id
 */
function txGet(engine, tx, collection, id) {
  const api = 'transaction.get'
  return txOp(engine, tx, api, 'tx.get', collection, () => {
    engine.store(api, collection)
    const doc = visible(engine, tx, collection, id)
    return { result: { data: doc ? toOutput(doc) : null, errMsg: 'document.get:ok' }, examined: doc ? 1 : 0, returned: doc ? 1 : 0, plan: 'IDHACK' }
  })
}

/** @param {Engine} engine @param {TransactionState} tx @param {string} collection @param {unknown} data */
function txAdd(engine, tx, collection, data) {
  const api = 'transaction.add'
  return txOp(engine, tx, api, 'tx.add', collection, () => {
    const store = engine.store(api, collection)
    const doc = newDocument(api, data, engine)
    if (visible(engine, tx, collection, doc._id) !== undefined) throw duplicateKey(api, collection, '_id_', [doc._id])
    buffer(engine, tx, api, store, doc._id, doc)
    return { result: { _id: doc._id, errMsg: 'collection.add:ok' }, returned: 1 }
  })
}

/** @param {Engine} engine @param {TransactionState} tx @param {string} collection @param {unknown} id @param {unknown} data */
function txSet(engine, tx, collection, id, data) {
  const api = 'transaction.set'
  return txOp(engine, tx, api, 'tx.set', collection, () => {
    const store = engine.store(api, collection)
    checkId(api, id)
    const doc = replacementDocument(api, id, data, engine)
    const existing = visible(engine, tx, collection, id)
    const created = existing === undefined ? 1 : 0
    const updated = existing !== undefined && !sameStored(existing, doc) ? 1 : 0
    if (created || updated) buffer(engine, tx, api, store, id, doc)
    return { result: { _id: id, stats: { updated, created }, errMsg: 'document.set:ok' }, examined: existing ? 1 : 0, returned: 1 }
  })
}

/** @param {Engine} engine @param {TransactionState} tx @param {string} collection @param {unknown} id @param {unknown} data */
function txUpdate(engine, tx, collection, id, data) {
  const api = 'transaction.update'
  return txOp(engine, tx, api, 'tx.update', collection, () => {
    const store = engine.store(api, collection)
    const update = encodeUpdate(data, ctxOf(engine, api))
    const existing = visible(engine, tx, collection, id)
    let updated = 0
    if (existing !== undefined && !isEmptyUpdate(update)) {
      const copy = cloneValue(existing)
      if (applyUpdate(copy, update)) {
        buffer(engine, tx, api, store, id, copy)
        updated = 1
      }
    }
    return { result: { stats: { updated }, errMsg: 'document.update:ok' }, examined: existing ? 1 : 0, returned: updated }
  })
}

/** @param {Engine} engine @param {TransactionState} tx @param {string} collection @param {unknown} id */
function txRemove(engine, tx, collection, id) {
  const api = 'transaction.remove'
  return txOp(engine, tx, api, 'tx.remove', collection, () => {
    const store = engine.store(api, collection)
    const exists = visible(engine, tx, collection, id) !== undefined
    if (exists) buffer(engine, tx, api, store, id, null)
    return { result: { stats: { removed: exists ? 1 : 0 }, errMsg: 'document.remove:ok' }, examined: exists ? 1 : 0, returned: exists ? 1 : 0 }
  })
}

/**
 * Applies the buffered writes atomically (one log record), releases the lock, and resolves
 * once they — and everything the transaction read — are durable.
 * @param {Engine} engine @param {TransactionState} tx
 */
async function commitTransaction(engine, tx) {
  const api = 'transaction.commit'
  return engine.read(api, 'tx.commit', '', () => {
    assertActive(tx, api)
    try {
      engine.assertUsable(api)
      /** @type {import('./engine').Op[]} */
      const ops = []
      for (const [collection, writes] of tx.writes) {
        const store = engine.store(api, collection)
        const docs = [...writes.values()].filter((d) => d !== null)
        assertUnique(api, store, /** @type {Doc[]} */ (docs), new Set(writes.keys()))
        for (const [id, doc] of writes) {
          if (doc) ops.push({ t: 'put', c: collection, doc })
          else if (store.get(id) !== undefined) ops.push({ t: 'del', c: collection, id })
        }
      }
      if (ops.length) engine.commit(ops)
      return { result: { errMsg: 'transaction.commit:ok' }, returned: ops.length }
    } finally {
      // committed, or failed and rolled back: either way the lock is released
      finish(engine, tx)
    }
  })
}

/** @param {Engine} engine @param {TransactionState} tx */
async function rollbackTransaction(engine, tx) {
  const api = 'transaction.rollback'
  return engine.read(api, 'tx.rollback', '', () => {
    assertActive(tx, api)
    finish(engine, tx)
    return { result: { errMsg: 'transaction.rollback:ok' } }
  }, { waitDurable: false })
}

module.exports = {
  beginTransaction, abortTransaction, assertNotNested,
  txGet, txAdd, txSet, txUpdate, txRemove, commitTransaction, rollbackTransaction,
}
