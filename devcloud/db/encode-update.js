'use strict'
// @ts-check

/**
 * update({ data }) (WeChat form) → MongoDB update operators, as the SDK's UpdateSerializer:
 * nested plain objects are flattened to dotted `$set` paths (a deep merge: only the named leaves
 * change), `_.set(obj)` replaces the object, and each update command maps to its operator.
 * `_id` cannot be changed. Paths that overlap (`a` and `a.b`) are rejected as MongoDB does.
 */

const { UpdateCommand, QueryCommand, LogicCommand } = require('./commands')
const { isPlainObject, materialize } = require('./values')
const { flattenObject } = require('./flatten')
const { encodeObject, encodeOperator } = require('./encode-query')
const { invalidParam, fail, ERR } = require('./errors')

/** @typedef {import('./values').MaterializeContext} Ctx */
/** @typedef {Record<string, Record<string, unknown>>} MongoUpdate  e.g. { $set: { 'a.b': 1 }, $inc: { n: 1 } } */

/**
 * @param {unknown} data @param {Ctx} ctx
 * @returns {MongoUpdate}  possibly empty (nothing to change)
 */
function encodeUpdate(data, ctx) {
  if (!isPlainObject(data)) throw invalidParam(ctx.api, 'data must be an object')
  /** @type {MongoUpdate} */
  const update = {}
  const paths = []
  for (const [path, value] of flattenObject(data, ctx.api)) {
    if (value === undefined) continue
    if (path.startsWith('$') || path.split('.').some((p) => p.startsWith('$'))) {
      throw invalidParam(ctx.api, `field names cannot start with '$' ("${path}")`)
    }
    if (path === '_id' || path.startsWith('_id.')) throw invalidParam(ctx.api, '不能更新_id的值 (_id cannot be updated)')
    const [op, operand] = value instanceof UpdateCommand ? encodeCommand(value, path, ctx) : ['$set', materialize(value, ctx, path)]
    ;(update[op] ??= {})[path] = operand
    paths.push(path)
    if (op === '$rename') paths.push(/** @type {string} */ (operand))
  }
  checkConflicts(paths, ctx)
  return update
}

/**
 * @param {UpdateCommand} cmd @param {string} path @param {Ctx} ctx
 * @returns {[string, unknown]}
 */
function encodeCommand(cmd, path, ctx) {
  const [a] = cmd.operands
  const mat = (/** @type {unknown} */ v) => materialize(v, ctx, path)
  const number = (/** @type {unknown} */ v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidParam(ctx.api, `_.${cmd.op} expects a number (field "${path}")`)
    return v
  }
  switch (cmd.op) {
    case 'set': return ['$set', mat(a)]
    case 'remove': return ['$unset', '']
    case 'inc': return ['$inc', number(a)]
    case 'mul': return ['$mul', number(a)]
    case 'min': return ['$min', mat(a)]
    case 'max': return ['$max', mat(a)]
    case 'rename':
      if (typeof a !== 'string' || !a || a === '_id') throw invalidParam(ctx.api, `_.rename expects a new field name (field "${path}")`)
      return ['$rename', a]
    case 'push': return ['$push', encodePush(a, mat, ctx)]
    case 'unshift': return ['$push', { $each: Array.isArray(a) ? mat(a) : [mat(a)], $position: 0 }]
    case 'pop': return ['$pop', 1]
    case 'shift': return ['$pop', -1]
    case 'addToSet': {
      const opts = /** @type {any} */ (a)
      if (isPlainObject(opts) && Array.isArray(opts.each)) return ['$addToSet', { $each: mat(opts.each) }]
      return ['$addToSet', mat(a)]
    }
    case 'pull': return ['$pull', encodePullCondition(a, ctx)]
    case 'pullAll': return ['$pullAll', mat(a)]
    default: throw invalidParam(ctx.api, `unsupported update command ${cmd.op}`)
  }
}

/**
 * `_.push(v)`, `_.push([v1, v2])`, `_.push({ each, position, sort, slice })`.
 * @param {unknown} a @param {(v: unknown) => any} mat @param {Ctx} ctx
 */
function encodePush(a, mat, ctx) {
  if (Array.isArray(a)) return { $each: mat(a) }
  const opts = /** @type {any} */ (a)
  if (isPlainObject(opts) && Array.isArray(opts.each)) {
    /** @type {Record<string, unknown>} */
    const out = { $each: mat(opts.each) }
    if (opts.position !== undefined) out.$position = opts.position
    if (opts.sort !== undefined) out.$sort = opts.sort
    if (opts.slice !== undefined) out.$slice = opts.slice
    return out
  }
  if (isPlainObject(opts) && 'each' in opts) throw invalidParam(ctx.api, '_.push each must be an array')
  return { $each: [mat(a)] }
}

/**
 * `_.pull(3)`, `_.pull(_.in([1, 2]))`, `_.pull({ score: _.gt(5) })`.
 * @param {unknown} cond @param {Ctx} ctx
 */
function encodePullCondition(cond, ctx) {
  if (cond instanceof QueryCommand) return encodeOperator(cond, ctx)
  if (cond instanceof LogicCommand) throw invalidParam(ctx.api, '_.pull does not accept _.and/_.or; use a condition object')
  if (isPlainObject(cond)) return encodeObject(cond, '', ctx)
  return materialize(cond, ctx)
}

/**
 * MongoDB refuses an update touching a path and one of its sub-paths.
 * @param {string[]} paths @param {Ctx} ctx
 */
function checkConflicts(paths, ctx) {
  for (let i = 0; i < paths.length; i++) {
    for (let j = 0; j < paths.length; j++) {
      if (i !== j && (paths[j].startsWith(`${paths[i]}.`) || (i < j && paths[i] === paths[j]))) {
        throw fail(ctx.api, ERR.DB_REQUEST_FAILED, `[FailedOperation] Updating the path '${paths[j]}' would create a conflict at '${paths[i]}'`, 'DATABASE_REQUEST_FAILED')
      }
    }
  }
}

/** @param {MongoUpdate} update */
const isEmptyUpdate = (update) => Object.keys(update).length === 0

module.exports = { encodeUpdate, isEmptyUpdate }
