'use strict'
// @ts-check

/** doc(id): get / set / update / remove / field, with wx-server-sdk result shapes. */

const ops = require('../collection-ops')
const { withCallbacks } = require('./callbacks')
const { toProjection } = require('./query')

class DocumentReference {
  /**
   * @param {import('./database').Database} db @param {string} collection @param {string | number} id
   * @param {Record<string, any> | null} [projection]
   */
  constructor(db, collection, id, projection = null) {
    /** @private */
    this._db = db
    /** @private */
    this._collection = collection
    /** @private */
    this._projection = projection
    this.id = id
  }

  /** @param {Record<string, unknown>} projection */
  field(projection) {
    return new DocumentReference(this._db, this._collection, this.id, toProjection('document.field', projection))
  }

  /** → { data }; throws if the document does not exist. @param {any} [options] */
  get(options) {
    return withCallbacks(options, () => ops.docGet(this._db._engine, this._collection, this.id, this._projection, this._db.throwOnNotFound))
  }

  /** Replaces the whole document (creates it if missing) → { _id, stats: { updated, created } } @param {{ data: unknown }} options */
  set(options) {
    return withCallbacks(options, () => ops.docSet(this._db._engine, this._collection, this.id, options?.data))
  }

  /** → { stats: { updated } } (0 when missing) @param {{ data: unknown }} options */
  update(options) {
    return withCallbacks(options, () => ops.docUpdate(this._db._engine, this._collection, this.id, options?.data))
  }

  /** → { stats: { removed } } @param {any} [options] */
  remove(options) {
    return withCallbacks(options, () => ops.docRemove(this._db._engine, this._collection, this.id))
  }

  watch() {
    throw new Error('document.watch is not supported by devcloud')
  }
}

module.exports = { DocumentReference }
