'use strict'
// @ts-check

/**
 * The database engine: collections in memory, durability through the write-ahead log and
 * snapshots, one write lock, and the plumbing every operation goes through (`read`/`write`
 * report to onOp, wait for durability, and turn unexpected failures into WeChat-style errors).
 * The operations themselves are in collection-ops.js and transactions.js; the wx-server-sdk
 * surface is in sdk/.
 */

const fs = require('node:fs')
const path = require('node:path')
const { AsyncLocalStorage } = require('node:async_hooks')
const { performance } = require('node:perf_hooks')
const { CollectionStore } = require('./collection-store')
const { WriteAheadLog } = require('./wal')
const { writeSnapshot, readSnapshot } = require('./snapshot')
const { lockDirectory } = require('./dir-lock')
const { WriteLock } = require('./write-lock')
const { parseIndexDeclaration } = require('./index-declaration')
const { encodeForDisk, decodeFromDisk } = require('./values')
const { DbError, ERR, fail, collectionNotExist, collectionExists, invalidParam } = require('./errors')

const DEFAULT_CHECKPOINT_BYTES = 16 * 1024 * 1024
const DEFAULT_TRANSACTION_TIMEOUT_MS = 30_000

/**
 * @typedef {{ t: 'create', c: string } | { t: 'put', c: string, doc: Record<string, any> } | { t: 'del', c: string, id: unknown }} Op
 * @typedef {{ collection: string, op: string, examined: number, returned: number, ms: number, plan?: string, error?: number }} OpReport
 * @typedef {{ result: any, examined?: number, returned?: number, plan?: string }} ReadOutcome
 * @typedef {ReadOutcome & { ops: Op[] }} WriteOutcome
 */

/**
 * @typedef {object} OpenOptions
 * @property {string} dir                       directory for the durable files (created if missing)
 * @property {unknown} [indexes]                parsed cloudfunctions/indexes.json
 * @property {() => number} [now]               clock for db.serverDate(); default Date.now
 * @property {(op: OpReport) => void} [onOp]    called once per database round trip
 * @property {string} [env]                     env id, default 'devcloud-local'
 * @property {number} [checkpointBytes]         log size that triggers a checkpoint (default 16 MiB)
 * @property {number} [transactionTimeoutMs]    an open transaction is rolled back after this (default 30 s)
 */

class Engine {
  /** @param {OpenOptions} options */
  static async open(options) {
    if (!options || typeof options.dir !== 'string' || !options.dir) throw invalidParam('openDatabase', 'dir is required')
    const dir = path.resolve(options.dir)
    fs.mkdirSync(dir, { recursive: true })
    const indexSpecs = parseIndexDeclaration(options.indexes)
    const dirLock = lockDirectory(dir)
    /** @type {WriteAheadLog | null} */
    let openedWal = null
    try {
      const snapshot = readSnapshot(dir)
      const snapshotSeq = snapshot?.seq ?? 0
      const { wal, records, recovery } = await WriteAheadLog.open(dir, snapshotSeq)
      openedWal = wal
      const engine = new Engine(dir, options, indexSpecs, wal, dirLock)
      for (const c of snapshot?.collections ?? []) engine.newStore(c.name).load(c.docs)
      for (const { payload } of records) engine.applyOps(payload.ops.map(decodeOp))
      engine.appliedSeq = wal.lastSeq
      engine.recovery = { snapshotSeq, ...recovery }
      engine.checkUniqueIndexes()
      const missing = [...indexSpecs.keys()].filter((name) => !engine.collections.has(name))
      if (missing.length) await engine.syncCommit(engine.commit(missing.map((c) => ({ t: 'create', c }))))
      return engine
    } catch (err) {
      await openedWal?.close().catch(() => {})
      dirLock.release()
      throw err
    }
  }

  /**
   * @param {string} dir @param {OpenOptions} options @param {Map<string, import('./index-declaration').IndexSpec[]>} indexSpecs
   * @param {WriteAheadLog} wal @param {{ release(): void }} dirLock
   */
  constructor(dir, options, indexSpecs, wal, dirLock) {
    this.dir = dir
    this.env = options.env ?? 'devcloud-local'
    this.now = options.now ?? Date.now
    this.onOp = options.onOp
    this.checkpointBytes = options.checkpointBytes ?? DEFAULT_CHECKPOINT_BYTES
    this.transactionTimeoutMs = options.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS
    this.indexSpecs = indexSpecs
    this.wal = wal
    this.dirLock = dirLock
    /** @type {Map<string, CollectionStore>} */
    this.collections = new Map()
    this.lock = new WriteLock()
    /** The transaction (if any) the current async context runs inside. @type {AsyncLocalStorage<{ tx: any }>} */
    this.txContext = new AsyncLocalStorage()
    /** sequence number of the last record applied in memory */
    this.appliedSeq = 0
    /** @type {any} */
    this.recovery = null
    this.closing = false
    this.closed = false
    /** @type {Promise<void>} */
    this.checkpointChain = Promise.resolve()
    this.checkpointQueued = false
    /** @type {Promise<void> | null} */
    this.closePromise = null
  }

  // ------------------------------------------------------------------------ public surface

  /**
   * A wx-server-sdk compatible Database (what cloud.database() returns).
   * @param {{ env?: unknown, throwOnNotFound?: boolean }} [options]
   */
  database(options = {}) {
    const { Database } = require('./sdk/database')
    return new Database(this, options)
  }

  /** @param {string} name */
  async createCollection(name) {
    const api = 'database.createCollection'
    return this.write(api, 'createCollection', name, () => {
      checkCollectionName(api, name)
      if (this.collections.has(name)) throw collectionExists(name)
      return { ops: [{ t: 'create', c: name }], result: { errMsg: 'createCollection:ok' } }
    })
  }

  /** Collection names in creation order. */
  listCollections() {
    return [...this.collections.keys()]
  }

  /** Writes a snapshot of everything committed and drops the log it covers. */
  async checkpoint() {
    this.assertUsable('checkpoint')
    this.assertNotInOwnTransaction('checkpoint')
    return this.queueCheckpoint()
  }

  /**
   * Flushes and closes; an open transaction is rolled back. Takes a checkpoint unless
   * `{ checkpoint: false }` (which leaves recovery to the log, as after a crash).
   * @param {{ checkpoint?: boolean }} [options]
   */
  close(options = {}) {
    this.closePromise ??= this.shutdown(options)
    return this.closePromise
  }

  /** @private @param {{ checkpoint?: boolean }} options */
  async shutdown(options) {
    this.closing = true
    const owner = /** @type {any} */ (this.lock.owner)
    if (owner && owner.isTransaction) require('./transactions').abortTransaction(this, owner, fail('database.close', ERR.COMMON, 'the database was closed; the transaction was rolled back'))
    try {
      await this.checkpointChain
      if (options.checkpoint !== false && !this.wal.failed) await this.takeCheckpoint()
      await this.wal.close()
    } finally {
      this.closed = true
      this.dirLock.release()
    }
  }

  // ------------------------------------------------------------------------ operation plumbing

  /**
   * Runs a read: `fn` computes synchronously from committed state; the result is returned once
   * everything it could have seen is durable.
   * Reads inside a transaction skip that wait: the transaction's commit waits for it instead.
   * @param {string} api @param {string} op @param {string} collection
   * @param {() => ReadOutcome} fn @param {{ waitDurable?: boolean }} [options]
   */
  async read(api, op, collection, fn, options = {}) {
    const started = performance.now()
    try {
      this.assertUsable(api)
      const out = fn()
      if (options.waitDurable !== false) await this.syncCommit(this.appliedSeq)
      this.report({ collection, op, examined: out.examined ?? 0, returned: out.returned ?? 0, ms: performance.now() - started, plan: out.plan })
      return out.result
    } catch (err) {
      const e = asDbError(api, err)
      this.report({ collection, op, examined: 0, returned: 0, ms: performance.now() - started, error: e.errCode })
      throw e
    }
  }

  /**
   * Runs a write: under the write lock, `fn` validates and returns the ops to commit (one log
   * record); they are applied, the lock released, and the result returned once durable.
   * Inside the transaction that holds the lock (same async context) it does not wait for it.
   * @param {string} api @param {string} op @param {string} collection
   * @param {() => WriteOutcome} fn
   */
  async write(api, op, collection, fn) {
    const started = performance.now()
    try {
      this.assertUsable(api)
      const release = await this.acquireWriteLock()
      let seq = 0
      /** @type {WriteOutcome} */
      let out
      try {
        this.assertUsable(api)
        out = fn()
        if (out.ops.length) seq = this.commit(out.ops)
      } finally {
        release()
      }
      if (seq) await this.syncCommit(seq)
      this.report({ collection, op, examined: out.examined ?? 0, returned: out.returned ?? 0, ms: performance.now() - started, plan: out.plan })
      return out.result
    } catch (err) {
      const e = asDbError(api, err)
      this.report({ collection, op, examined: 0, returned: 0, ms: performance.now() - started, error: e.errCode })
      throw e
    }
  }

  /** @returns {Promise<() => void>} */
  async acquireWriteLock() {
    const ctx = this.txContext.getStore()
    if (ctx?.tx && ctx.tx.active && this.lock.owner === ctx.tx) return () => {}
    const token = {}
    await this.lock.acquire(token)
    return () => this.lock.release(token)
  }

  /**
   * Appends one log record for the ops and applies them in memory. Synchronous: nothing can
   * interleave between validation, append and apply.
   * @param {Op[]} ops @returns {number} the record's sequence number
   */
  commit(ops) {
    const seq = this.wal.append({ ops: ops.map(encodeOp) })
    this.applyOps(ops)
    this.appliedSeq = seq
    return seq
  }

  /** Waits for a committed record to be durable, then maybe schedules a checkpoint. @param {number} seq */
  async syncCommit(seq) {
    await this.wal.sync(seq)
    if (this.wal.currentBytes > this.checkpointBytes && !this.checkpointQueued && !this.closing) {
      this.queueCheckpoint().catch(() => { /* the log records stay; retried at the next threshold or close */ })
    }
  }

  /**
   * Applies ops in order; runs of puts (or deletes) to one collection go in bulk.
   * @param {Op[]} ops
   */
  applyOps(ops) {
    for (let i = 0; i < ops.length;) {
      const op = ops[i]
      if (op.t === 'create') {
        if (!this.collections.has(op.c)) this.newStore(op.c)
        i++
        continue
      }
      let j = i + 1
      while (j < ops.length && ops[j].t === op.t && ops[j].c === op.c) j++
      const run = ops.slice(i, j)
      const store = this.collections.get(op.c) ?? this.newStore(op.c)
      if (op.t === 'put') store.putMany(run.map((o) => /** @type {any} */ (o).doc))
      else store.deleteMany(run.map((o) => /** @type {any} */ (o).id))
      i = j
    }
  }

  /** @param {string} name */
  newStore(name) {
    const store = new CollectionStore(name, this.indexSpecs.get(name) ?? [])
    this.collections.set(name, store)
    return store
  }

  /**
   * The collection's store, or WeChat's collection-not-exists error.
   * @param {string} api @param {unknown} name
   */
  store(api, name) {
    if (typeof name !== 'string' || !name) throw invalidParam(api, 'collection name must be a non-empty string')
    const store = this.collections.get(name)
    if (!store) throw collectionNotExist(api, name)
    return store
  }

  /** A declared unique index that the stored data violates cannot be built. */
  checkUniqueIndexes() {
    for (const store of this.collections.values()) {
      for (const idx of store.indexes) {
        if (!idx.unique) continue
        for (let i = 1; i < idx.entries.length; i++) {
          if (idx.comparePrefix(idx.entries[i - 1].key, idx.entries[i].key, idx.fields.length) === 0) {
            throw new DbError(ERR.DB_REQUEST_FAILED,
              `cannot build unique index ${idx.name} on ${store.name}: documents ${JSON.stringify(idx.entries[i - 1].id)} and ${JSON.stringify(idx.entries[i].id)} share the key ${JSON.stringify(idx.entries[i].key)}`,
              'DATABASE_DUPLICATE_KEY')
          }
        }
      }
    }
  }

  /** @param {OpReport} report */
  report(report) {
    if (!this.onOp) return
    if (report.plan === undefined) delete report.plan
    try {
      this.onOp(report)
    } catch {
      // a faulty observer must not fail database calls
    }
  }

  /** @param {string} api */
  assertUsable(api) {
    if (this.closing || this.closed) throw fail(api, ERR.SYSTEM, 'the database is closed', 'DATABASE_CLOSED')
    if (this.wal.failed) throw this.wal.failed
  }

  /** @param {string} api */
  assertNotInOwnTransaction(api) {
    const ctx = this.txContext.getStore()
    if (ctx?.tx && ctx.tx.active && this.lock.owner === ctx.tx) {
      throw fail(api, ERR.COMMON, 'cannot be called inside a transaction')
    }
  }

  // ------------------------------------------------------------------------ checkpoints

  queueCheckpoint() {
    this.checkpointQueued = true
    const run = this.checkpointChain.then(() => {
      this.checkpointQueued = false
      return this.takeCheckpoint()
    })
    this.checkpointChain = run.catch(() => {})
    return run
  }

  /**
   * Captures the committed state under the write lock (documents are immutable, so holding
   * references is a consistent snapshot), starts a new log segment, then writes the snapshot
   * while writers continue, and finally deletes the log segments it covers.
   */
  async takeCheckpoint() {
    const token = {}
    await this.lock.acquire(token)
    let seq
    let collections
    let newSegmentStart
    try {
      await this.wal.syncAll()
      seq = this.appliedSeq
      collections = [...this.collections.values()].map((s) => ({ name: s.name, docs: [...s.docs.values()] }))
      newSegmentStart = await this.wal.rotate()
    } finally {
      this.lock.release(token)
    }
    await writeSnapshot(this.dir, seq, collections)
    this.wal.removeSegmentsBefore(newSegmentStart)
  }
}

/** @param {string} api @param {unknown} name */
function checkCollectionName(api, name) {
  if (typeof name !== 'string' || !name || name.length > 128 || name.startsWith('$') || name.includes('\u0000')) {
    throw invalidParam(api, 'collection name must be a non-empty string of at most 128 characters')
  }
}

/** @param {Op} op */
function encodeOp(op) {
  if (op.t === 'put') return { t: 'put', c: op.c, d: encodeForDisk(op.doc) }
  if (op.t === 'del') return { t: 'del', c: op.c, id: op.id }
  return op
}

/** @param {any} raw @returns {Op} */
function decodeOp(raw) {
  if (raw.t === 'put') return { t: 'put', c: raw.c, doc: decodeFromDisk(raw.d) }
  return raw
}

/**
 * Unexpected errors (mingo rejecting an operator, a bad argument deep inside) become
 * WeChat-shaped database errors.
 * @param {string} api @param {unknown} err
 * @returns {DbError}
 */
function asDbError(api, err) {
  if (err instanceof DbError) return err
  const message = err instanceof Error ? err.message : String(err)
  return fail(api, ERR.DB_REQUEST_FAILED, `[FailedOperation] ${message}`, 'DATABASE_REQUEST_FAILED')
}

module.exports = { Engine, asDbError, checkCollectionName }
