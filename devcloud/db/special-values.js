'use strict'
// @ts-check

/** db.serverDate() and db.RegExp() values; resolved when a request is executed. */

const { invalidParam } = require('./errors')

/** Placeholder replaced by the engine clock's time (+ offset ms) when the write or query runs. */
class ServerDate {
  /** @param {{ offset?: number }} [options] */
  constructor(options = {}) {
    const offset = options?.offset ?? 0
    if (typeof offset !== 'number' || !Number.isFinite(offset)) throw invalidParam('serverDate', 'offset must be a number of milliseconds')
    this.offset = offset
  }
}

/** db.RegExp({ regexp, options }): a MongoDB-style regular expression. */
class DbRegExp {
  /** @param {{ regexp: string, options?: string }} init */
  constructor(init) {
    if (!init || typeof init.regexp !== 'string') throw invalidParam('RegExp', 'db.RegExp needs { regexp: string, options?: string }')
    this.regexp = init.regexp
    this.options = init.options ?? ''
  }

  /** A native RegExp; MongoDB's `x` (extended) flag has no JS equivalent and is dropped. */
  toRegExp() {
    const flags = [...new Set(this.options.replace(/[^imsu]/g, ''))].join('')
    try {
      return new RegExp(this.regexp, flags)
    } catch (err) {
      throw invalidParam('RegExp', `invalid regular expression: ${/** @type {Error} */ (err).message}`)
    }
  }
}

module.exports = { ServerDate, DbRegExp }
