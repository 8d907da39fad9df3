'use strict'
// @ts-check

/**
 * db.runTransaction(callback, retries) and db.startTransaction(), with the SDK's transaction
 * surface: transaction.collection(c).doc(id).get/set/update/remove, .collection(c).add,
 * commit(), rollback(reason). Where-queries are not available inside transactions, as in
 * WeChat.
 */

const tx = require('../transactions')
const { invalidParam } = require('../errors')

const NO_QUERIES = 'only doc(id).get/set/update/remove and add are available inside a transaction (WeChat transactions do not support where-queries)'

class Transaction {
  /** @param {import('./database').Database} db @param {any} state */
  constructor(db, state) {
    /** @private */
    this._db = db
    /** @private */
    this._state = state
    this.aborted = false
    /** @type {unknown} */
    this.abortReason = undefined
  }

  /** @private */
  get _engine() { return this._db._engine }

  /** @param {string} name */
  collection(name) {
    if (typeof name !== 'string' || !name) throw invalidParam('transaction.collection', 'collection name must be a non-empty string')
    return new TransactionCollection(this, name)
  }

  commit() {
    return tx.commitTransaction(this._engine, this._state)
  }

  /**
   * Rolls back; inside runTransaction, runTransaction then rejects with `reason`.
   * @param {unknown} [reason]
   */
  rollback(reason) {
    this.aborted = true
    this.abortReason = reason
    return tx.rollbackTransaction(this._engine, this._state)
  }
}

class TransactionCollection {
  /** @param {Transaction} transaction @param {string} name */
  constructor(transaction, name) {
    /** @private */
    this._t = transaction
    this.name = name
  }

  /** @param {string | number} id */
  doc(id) {
    if (!((typeof id === 'string' && id) || typeof id === 'number')) throw invalidParam('transaction.doc', 'docId must be a non-empty string or a number')
    return new TransactionDocument(this._t, this.name, id)
  }

  /** @param {{ data: unknown }} options */
  add(options) {
    const t = /** @type {any} */ (this._t)
    return tx.txAdd(t._engine, t._state, this.name, options?.data)
  }
}

for (const method of ['where', 'get', 'count', 'update', 'remove', 'orderBy', 'skip', 'limit', 'field', 'aggregate', 'watch']) {
  Object.defineProperty(TransactionCollection.prototype, method, {
    value() { throw invalidParam(`transaction.collection.${method}`, NO_QUERIES) },
    configurable: true,
  })
}

class TransactionDocument {
  /** @param {Transaction} transaction @param {string} collection @param {string | number} id */
  constructor(transaction, collection, id) {
    /** @private */
    this._t = /** @type {any} */ (transaction)
    /** @private */
    this._collection = collection
    this.id = id
  }

  /** → { data } (null when the document does not exist) */
  get() { return tx.txGet(this._t._engine, this._t._state, this._collection, this.id) }

  /** @param {{ data: unknown }} options */
  set(options) { return tx.txSet(this._t._engine, this._t._state, this._collection, this.id, options?.data) }

  /** @param {{ data: unknown }} options */
  update(options) { return tx.txUpdate(this._t._engine, this._t._state, this._collection, this.id, options?.data) }

  remove() { return tx.txRemove(this._t._engine, this._t._state, this._collection, this.id) }

  /** alias used by some SDK versions */
  delete() { return this.remove() }
}

/**
 * Runs `callback(transaction)` holding the write lock; commits when it returns and resolves
 * with its return value. A throwing callback rolls back and rejects with its error;
 * transaction.rollback(reason) makes it reject with `reason`. `retries` is accepted for SDK
 * compatibility: with a lock there are no write conflicts to retry.
 * @param {import('./database').Database} db @param {(t: Transaction) => any} callback
 */
async function runTransaction(db, callback) {
  if (typeof callback !== 'function') throw invalidParam('runTransaction', 'callback must be a function')
  const engine = db._engine
  const state = await tx.beginTransaction(engine, 'runTransaction')
  const transaction = new Transaction(db, state)
  let result
  try {
    result = await engine.txContext.run({ tx: state }, () => callback(transaction))
  } catch (err) {
    tx.abortTransaction(engine, state, /** @type {Error} */ (err))
    if (transaction.aborted) throw transaction.abortReason
    throw err
  }
  if (transaction.aborted) throw transaction.abortReason
  if (!state.active && state.failure) throw state.failure
  if (state.active) await tx.commitTransaction(engine, state)
  return result
}

/**
 * Starts a transaction the caller commits or rolls back. The caller's async context is marked
 * as inside it, so plain db calls made meanwhile from the same flow do not wait for its lock.
 * @param {import('./database').Database} db
 */
function startTransaction(db) {
  const engine = db._engine
  try {
    tx.assertNotNested(engine, 'startTransaction')
  } catch (err) {
    return Promise.reject(err)
  }
  const holder = { tx: /** @type {any} */ (null) }
  engine.txContext.enterWith(holder)
  return tx.beginTransaction(engine, 'startTransaction').then((state) => {
    holder.tx = state
    return new Transaction(db, state)
  })
}

module.exports = { Transaction, runTransaction, startTransaction }
