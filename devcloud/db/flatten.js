'use strict'
// @ts-check

const { isPlainObject } = require('./values')
const { invalidParam } = require('./errors')

/**
 * WeChat's flattening of nested plain objects into dotted paths, applied to where() conditions
 * and to update data (the SDK's flattenQueryObject):
 *   { a: { b: 1, c: { d: 2 } } }  →  [['a.b', 1], ['a.c.d', 2]]
 * Arrays, Dates, RegExps, Geo objects, commands and other class instances are leaves. Keys
 * starting with '$' stay under their parent as a raw operator object. An empty object
 * disappears, as in the SDK (so `where({ a: {} })` has no condition on a).
 * @param {Record<string, unknown>} obj @param {string} api
 * @returns {[string, unknown][]}
 */
function flattenObject(obj, api) {
  return flatten(obj, api, [obj])
}

/**
 * @param {Record<string, unknown>} obj @param {string} api @param {unknown[]} seen
 * @returns {[string, unknown][]}
 */
function flatten(obj, api, seen) {
  /** @type {[string, unknown][]} */
  const out = []
  for (const key of Object.keys(obj)) {
    const value = obj[key]
    if (key.startsWith('$') || !isPlainObject(value)) {
      out.push([key, value])
      continue
    }
    if (seen.includes(value)) throw invalidParam(api, 'Cannot convert circular structure to JSON')
    /** @type {Record<string, unknown>} */
    const operators = {}
    let hasOperators = false
    for (const [childKey, childValue] of flatten(value, api, [...seen, value])) {
      if (childKey.startsWith('$')) {
        operators[childKey] = childValue
        hasOperators = true
      } else {
        out.push([`${key}.${childKey}`, childValue])
      }
    }
    if (hasOperators) out.push([key, operators])
  }
  return out
}

module.exports = { flattenObject }
