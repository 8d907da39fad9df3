'use strict'
// @ts-check

/** The Database object cloud.database() returns. */

const { Command } = require('../commands')
const Geo = require('../geo')
const { ServerDate, DbRegExp } = require('../special-values')
const { invalidParam } = require('../errors')
const { CollectionReference } = require('./query')
const { runTransaction, startTransaction } = require('./transaction')

class Database {
  /**
   * @param {import('../engine').Engine} engine
   * @param {{ env?: unknown, throwOnNotFound?: boolean }} [options]  throwOnNotFound: false makes
   *   doc(id).get() resolve { data: null } for a missing document instead of throwing
   */
  constructor(engine, options = {}) {
    /** @internal */
    this._engine = engine
    this.config = { env: typeof options.env === 'string' ? options.env : engine.env }
    this.throwOnNotFound = options.throwOnNotFound !== false
    this.command = Command
    this.Geo = {
      Point: Geo.Point,
      LineString: Geo.LineString,
      Polygon: Geo.Polygon,
      MultiPoint: Geo.MultiPoint,
      MultiLineString: Geo.MultiLineString,
      MultiPolygon: Geo.MultiPolygon,
    }
  }

  /** @param {string} name */
  collection(name) {
    if (typeof name !== 'string' || !name) throw invalidParam('database.collection', 'collection name must be a non-empty string')
    return new CollectionReference(this, name)
  }

  /** @param {{ offset?: number }} [options] */
  serverDate(options) {
    return new ServerDate(options)
  }

  /** @param {{ regexp: string, options?: string }} options */
  RegExp(options) {
    return new DbRegExp(options)
  }

  /** @param {string} name */
  createCollection(name) {
    return this._engine.createCollection(name)
  }

  /**
   * @template T
   * @param {(transaction: import('./transaction').Transaction) => T | Promise<T>} callback
   * @param {number} [_retries]
   * @returns {Promise<T>}
   */
  runTransaction(callback, _retries) {
    return runTransaction(this, callback)
  }

  startTransaction() {
    return startTransaction(this)
  }
}

module.exports = { Database }
