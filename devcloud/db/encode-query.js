'use strict'
// @ts-check

/**
 * where() conditions (WeChat form, with db.command) → a MongoDB query for mingo.
 * Mirrors the SDK's QuerySerializer: nested plain objects are flattened to dotted paths
 * (so `{ a: { b: 1 } }` matches `{ a: { b: 1, c: 2 } }`), `_.eq(obj)` is an exact match, commands
 * on the same field are merged, field-level `_.and/_.or` become `$and/$or` of conditions on that
 * field. Geo commands become devcloud's own `$geoNear/$geoWithin/$geoIntersects` operators
 * (matcher.js evaluates them).
 */

const { QueryCommand, LogicCommand, UpdateCommand } = require('./commands')
const { DbRegExp } = require('./special-values')
const { isPlainObject, isRegExp, materialize } = require('./values')
const { toGeoJSON } = require('./geo')
const { flattenObject } = require('./flatten')
const { invalidParam } = require('./errors')

/** @typedef {import('./values').MaterializeContext} Ctx */
/** @typedef {Record<string, any>} MongoQuery */

/**
 * @param {unknown} query  a plain object, `_.and/_.or/_.nor(...)`, or `_.expr(...)`
 * @param {Ctx} ctx
 * @returns {MongoQuery}
 */
function encodeWhere(query, ctx) {
  if (query instanceof LogicCommand) return encodeLogic(query, null, ctx)
  if (query instanceof QueryCommand && query.op === 'expr') return { $expr: materialize(query.operands[0], ctx) }
  if (!isPlainObject(query)) throw invalidParam(ctx.api, 'query must be an object, or _.and/_.or/_.nor/_.expr')
  return encodeObject(query, '', ctx)
}

/**
 * @param {Record<string, unknown>} obj @param {string} prefix  field path the object is under
 * @param {Ctx} ctx @returns {MongoQuery}
 */
function encodeObject(obj, prefix, ctx) {
  /** @type {MongoQuery} */
  const fields = {}
  /** @type {MongoQuery[]} */
  const extra = []
  for (const [key, value] of flattenObject(obj, ctx.api)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (value === undefined) throw invalidParam(ctx.api, `query condition of field "${path}" is undefined`)
    if (key.startsWith('$')) {
      if (prefix) addCondition(fields, extra, prefix, { [key]: encodeRawOperand(key, value, ctx) })
      else extra.push(encodeTopOperator(key, value, ctx))
    } else if (value instanceof LogicCommand) {
      extra.push(encodeLogic(value, path, ctx))
    } else if (value instanceof QueryCommand) {
      addCondition(fields, extra, path, encodeOperator(value, ctx))
    } else if (value instanceof UpdateCommand) {
      throw invalidParam(ctx.api, `update command _.${value.op} cannot be used in a query (field "${path}")`)
    } else if (isPlainObject(value)) {
      // raw MongoDB operators left under the field by flattening, e.g. { a: { $gt: 1 } }
      /** @type {Record<string, unknown>} */
      const ops = {}
      for (const [op, operand] of Object.entries(value)) ops[op] = encodeRawOperand(op, operand, ctx)
      addCondition(fields, extra, path, ops)
    } else {
      addCondition(fields, extra, path, leaf(value, ctx))
    }
  }
  const parts = [...(Object.keys(fields).length ? [fields] : []), ...extra]
  if (parts.length === 0) return {}
  if (parts.length === 1) return parts[0]
  return { $and: parts }
}

/** @param {unknown} v */
const isOperatorObject = (v) => isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'))

/**
 * Several conditions on one path merge into one operator object when they can (`_.gt(1)` and
 * `_.lt(5)` → `{ $gt: 1, $lt: 5 }`), otherwise they are ANDed.
 * @param {MongoQuery} fields @param {MongoQuery[]} extra @param {string} path @param {unknown} cond
 */
function addCondition(fields, extra, path, cond) {
  if (!(path in fields)) {
    fields[path] = cond
    return
  }
  const prev = fields[path]
  if (isOperatorObject(prev) && isOperatorObject(cond) && !Object.keys(/** @type {object} */ (cond)).some((k) => k in prev)) {
    Object.assign(prev, cond)
  } else {
    extra.push({ [path]: cond })
  }
}

/**
 * @param {string} key @param {unknown} value @param {Ctx} ctx
 * @returns {MongoQuery}
 */
function encodeTopOperator(key, value, ctx) {
  if (key === '$and' || key === '$or' || key === '$nor') {
    if (!Array.isArray(value) || value.length === 0) throw invalidParam(ctx.api, `${key} needs a non-empty array`)
    return { [key]: value.map((q) => encodeWhere(q, ctx)) }
  }
  if (key === '$expr') return { $expr: materialize(value, ctx) }
  throw invalidParam(ctx.api, `unsupported top-level operator ${key}`)
}

/** @param {string} op @param {unknown} operand @param {Ctx} ctx */
function encodeRawOperand(op, operand, ctx) {
  if (operand instanceof QueryCommand || operand instanceof LogicCommand) {
    throw invalidParam(ctx.api, `a db.command cannot be nested inside ${op}`)
  }
  return materialize(operand, ctx)
}

/**
 * An equality operand: data converted (serverDate, Geo, db.RegExp), RegExps kept as regex
 * matches.
 * @param {unknown} v @param {Ctx} ctx
 */
function leaf(v, ctx) {
  return materialize(v, ctx)
}

/**
 * A comparison/element/array/geo command → the operator object for its field.
 * @param {QueryCommand} cmd @param {Ctx} ctx
 * @returns {Record<string, unknown>}
 */
function encodeOperator(cmd, ctx) {
  const [a] = cmd.operands
  switch (cmd.op) {
    case 'eq': return { $eq: leaf(a, ctx) }
    case 'neq': return { $ne: leaf(a, ctx) }
    case 'lt': case 'lte': case 'gt': case 'gte': return { [`$${cmd.op}`]: leaf(a, ctx) }
    case 'in': case 'nin': return { [`$${cmd.op}`]: cmd.operands.map((v) => leaf(v, ctx)) }
    case 'all': return {
      $all: cmd.operands.map((v) => (v instanceof QueryCommand && v.op === 'elemMatch' ? encodeOperator(v, ctx) : leaf(v, ctx))),
    }
    case 'exists': return { $exists: Boolean(a) }
    case 'size':
      if (!Number.isInteger(a) || /** @type {number} */ (a) < 0) throw invalidParam(ctx.api, '_.size expects a non-negative integer')
      return { $size: a }
    case 'mod': return { $mod: a }
    case 'elemMatch': return { $elemMatch: encodeElemMatch(a, ctx) }
    case 'geoNear': return { $geoNear: encodeGeoNear(a, ctx) }
    case 'geoWithin': return { $geoWithin: encodeGeoWithin(a, ctx) }
    case 'geoIntersects': {
      const opts = /** @type {any} */ (a)
      return { $geoIntersects: { geometry: toGeoJSON(opts?.geometry, ctx.api) } }
    }
    case 'expr': throw invalidParam(ctx.api, '_.expr can only be used as the whole query: where(_.expr(...))')
    default: throw invalidParam(ctx.api, `unsupported query command ${cmd.op}`)
  }
}

/**
 * `_.elemMatch({ a: _.gt(1) })` on arrays of objects, `_.elemMatch(_.gt(1).and(_.lt(5)))` on
 * arrays of scalars.
 * @param {unknown} cond @param {Ctx} ctx
 */
function encodeElemMatch(cond, ctx) {
  if (cond instanceof QueryCommand) return encodeOperator(cond, ctx)
  if (cond instanceof LogicCommand && cond.op === 'and' && cond.operands.every((o) => o instanceof QueryCommand)) {
    return Object.assign({}, ...cond.operands.map((o) => encodeOperator(/** @type {QueryCommand} */ (o), ctx)))
  }
  if (isPlainObject(cond)) return encodeObject(cond, '', ctx)
  throw invalidParam(ctx.api, '_.elemMatch expects a condition object or comparison commands')
}

/** @param {any} opts @param {Ctx} ctx */
function encodeGeoNear(opts, ctx) {
  const geometry = toGeoJSON(opts?.geometry, ctx.api)
  if (geometry.type !== 'Point') throw invalidParam(ctx.api, 'geoNear geometry must be a Point')
  for (const k of ['maxDistance', 'minDistance']) {
    if (opts[k] !== undefined && (typeof opts[k] !== 'number' || opts[k] < 0)) throw invalidParam(ctx.api, `geoNear ${k} must be a non-negative number of metres`)
  }
  return { point: geometry.coordinates, maxDistance: opts.maxDistance, minDistance: opts.minDistance }
}

/** @param {any} opts @param {Ctx} ctx */
function encodeGeoWithin(opts, ctx) {
  if (opts?.centerSphere) {
    const [center, radius] = opts.centerSphere
    const c = center && typeof center === 'object' && !Array.isArray(center) ? toGeoJSON(center, ctx.api).coordinates : center
    if (!Array.isArray(c) || c.length !== 2 || typeof radius !== 'number') {
      throw invalidParam(ctx.api, 'geoWithin centerSphere must be [[longitude, latitude], radiusInRadians]')
    }
    return { center: c, radius }
  }
  const geometry = toGeoJSON(opts?.geometry, ctx.api)
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') throw invalidParam(ctx.api, 'geoWithin geometry must be a Polygon or MultiPolygon')
  return { geometry }
}

/**
 * @param {LogicCommand} cmd @param {string | null} path  field the command is on (null at top level)
 * @param {Ctx} ctx @returns {MongoQuery}
 */
function encodeLogic(cmd, path, ctx) {
  if (cmd.op === 'not') {
    const [inner] = cmd.operands
    if (!path) throw invalidParam(ctx.api, '_.not must be used on a field, e.g. { a: _.not(_.eq(1)) }')
    if (inner instanceof QueryCommand) return { [path]: { $not: encodeOperator(inner, ctx) } }
    if (isRegExp(inner) || inner instanceof DbRegExp) return { [path]: { $not: leaf(inner, ctx) } }
    if (inner instanceof LogicCommand) return { $nor: [encodeLogic(inner, path, ctx)] }
    throw invalidParam(ctx.api, '_.not expects a query command or a regular expression')
  }
  if (cmd.operands.length === 0) throw invalidParam(ctx.api, `_.${cmd.op} needs at least one condition`)
  return { [`$${cmd.op}`]: cmd.operands.map((operand) => encodeLogicOperand(operand, path, ctx)) }
}

/** @param {unknown} operand @param {string | null} path @param {Ctx} ctx @returns {MongoQuery} */
function encodeLogicOperand(operand, path, ctx) {
  if (operand instanceof LogicCommand) return encodeLogic(operand, path, ctx)
  if (operand instanceof QueryCommand) {
    if (operand.op === 'expr') return { $expr: materialize(operand.operands[0], ctx) }
    if (!path) throw invalidParam(ctx.api, `_.${operand.op} inside a top-level _.and/_.or needs a field: use { field: _.${operand.op}(…) }`)
    return { [path]: encodeOperator(operand, ctx) }
  }
  if (isPlainObject(operand)) return encodeObject(operand, path ?? '', ctx)
  if (operand === undefined) throw invalidParam(ctx.api, `a condition in _.and/_.or is undefined`)
  if (!path) throw invalidParam(ctx.api, 'top-level _.and/_.or/_.nor expects condition objects')
  return { [path]: leaf(operand, ctx) }
}

/**
 * The geoNear condition of a query (top level or inside a top-level $and): results are then
 * ordered by distance, as WeChat does.
 * @param {MongoQuery} query
 * @returns {{ path: string, point: [number, number] } | null}
 */
function findGeoNear(query) {
  for (const [key, value] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) {
        const found = findGeoNear(part)
        if (found) return found
      }
    } else if (!key.startsWith('$') && isPlainObject(value) && value.$geoNear) {
      return { path: key, point: value.$geoNear.point }
    }
  }
  return null
}

module.exports = { encodeWhere, encodeObject, encodeOperator, findGeoNear }
