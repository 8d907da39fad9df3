'use strict'
// @ts-check

/** Log levels in increasing verbosity; LOG_LEVEL=silent turns everything off. */
const LEVELS = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 }

/**
 * @typedef {{ error: (...a: any[]) => void, warn: (...a: any[]) => void, info: (...a: any[]) => void, debug: (...a: any[]) => void, level: string }} Logger
 */

/**
 * A minimal leveled logger writing to stderr/stdout, so the server's output stays greppable.
 * @param {{ level?: string, prefix?: string }} [options]
 * @returns {Logger}
 */
function createLogger(options = {}) {
  const level = normaliseLevel(options.level ?? process.env.LOG_LEVEL)
  const threshold = LEVELS[level]
  const prefix = options.prefix ?? '[devcloud]'
  /** @param {keyof typeof LEVELS} name @param {(...a: any[]) => void} sink */
  const at = (name, sink) => (/** @type {any[]} */ ...args) => { if (LEVELS[name] <= threshold) sink(prefix, ...args) }
  return {
    level,
    error: at('error', console.error),
    warn: at('warn', console.warn),
    info: at('info', console.log),
    debug: at('debug', console.log),
  }
}

/** @param {string | undefined} value @returns {keyof typeof LEVELS} */
function normaliseLevel(value) {
  const lower = String(value ?? 'info').toLowerCase()
  return lower in LEVELS ? /** @type {keyof typeof LEVELS} */ (lower) : 'info'
}

module.exports = { createLogger, LEVELS }
