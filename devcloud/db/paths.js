'use strict'
// @ts-check

/** Dotted field paths ('a.b.0.c') over stored documents. */

const { isPlainObject } = require('./values')

/**
 * The value at a dotted path. Crossing an array without a numeric step collects the values
 * of its elements into an array, as MongoDB does for multikey fields.
 * @param {unknown} obj @param {string} path
 * @returns {unknown}
 */
function resolvePath(obj, path) {
  const parts = path.split('.')
  let cur = obj
  for (let i = 0; i < parts.length; i++) {
    if (cur === null || cur === undefined) return undefined
    if (Array.isArray(cur)) {
      if (/^\d+$/.test(parts[i])) { cur = cur[Number(parts[i])]; continue }
      const rest = parts.slice(i).join('.')
      const values = []
      for (const el of cur) {
        const v = resolvePath(el, rest)
        if (v === undefined) continue
        if (Array.isArray(v)) values.push(...v)
        else values.push(v)
      }
      return values
    }
    if (!isPlainObject(cur)) return undefined
    cur = /** @type {Record<string, unknown>} */ (cur)[parts[i]]
  }
  return cur
}

module.exports = { resolvePath }
