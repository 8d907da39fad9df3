'use strict'
// @ts-check

/**
 * The engine's single write lock (FIFO). A transaction holds it from start to commit/rollback;
 * a plain write holds it for its synchronous apply only. Reads never take it: they see the last
 * committed state, and a transaction's writes stay buffered until commit.
 */

class WriteLock {
  constructor() {
    /** @type {object | null} */
    this.owner = null
    /** @type {{ token: object, grant: () => void }[]} */
    this.queue = []
  }

  /** @param {object} token @returns {Promise<void>} */
  acquire(token) {
    if (this.owner === null) {
      this.owner = token
      return Promise.resolve()
    }
    return new Promise((grant) => this.queue.push({ token, grant }))
  }

  /** @param {object} token */
  release(token) {
    if (this.owner !== token) return
    const next = this.queue.shift()
    if (next) {
      this.owner = next.token
      next.grant()
    } else {
      this.owner = null
    }
  }
}

module.exports = { WriteLock }
