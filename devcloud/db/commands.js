'use strict'
// @ts-check

/**
 * db.command (`_`): query, logic and update commands as inert descriptions; the encoders
 * (encode-query.js, encode-update.js) turn them into MongoDB operators. Also
 * `db.command.aggregate` (`$`): any operator name maps to `{ $name: arg }`.
 */

const { invalidParam } = require('./errors')

const API = 'db.command'

/** @param {IArguments | unknown[]} args */
const listArgs = (args) => (args.length === 1 && Array.isArray(args[0]) ? [...args[0]] : [...args])

class LogicCommand {
  /** @param {'and'|'or'|'nor'|'not'} op @param {unknown[]} operands */
  constructor(op, operands) {
    this.op = op
    this.operands = operands
  }

  /** @param {...unknown} args */
  and(...args) { return new LogicCommand('and', [this, ...listArgs(args)]) }

  /** @param {...unknown} args */
  or(...args) { return new LogicCommand('or', [this, ...listArgs(args)]) }
}

class QueryCommand {
  /** @param {string} op @param {unknown[]} operands */
  constructor(op, operands) {
    this.op = op
    this.operands = operands
  }

  /** `_.gt(1).and(_.lt(5))` @param {...unknown} args */
  and(...args) { return new LogicCommand('and', [this, ...listArgs(args)]) }

  /** `_.lt(1).or(_.gt(5))` @param {...unknown} args */
  or(...args) { return new LogicCommand('or', [this, ...listArgs(args)]) }
}

class UpdateCommand {
  /** @param {string} op @param {unknown[]} operands */
  constructor(op, operands) {
    this.op = op
    this.operands = operands
  }
}

/** @param {unknown} v */
const isCommand = (v) => v instanceof QueryCommand || v instanceof LogicCommand || v instanceof UpdateCommand

/** @param {string} op @returns {(value: unknown) => QueryCommand} */
const unary = (op) => (value) => new QueryCommand(op, [value])

/** @param {string} name @param {unknown} v */
function requireArray(name, v) {
  if (!Array.isArray(v)) throw invalidParam(API, `${name} expects an array`)
  return v
}

const command = {
  // comparison
  eq: unary('eq'),
  neq: unary('neq'),
  lt: unary('lt'),
  lte: unary('lte'),
  gt: unary('gt'),
  gte: unary('gte'),
  /** @param {unknown[]} values */
  in: (values) => new QueryCommand('in', requireArray('in', values)),
  /** @param {unknown[]} values */
  nin: (values) => new QueryCommand('nin', requireArray('nin', values)),

  // element / array / evaluation
  /** @param {boolean} value */
  exists: (value) => new QueryCommand('exists', [value]),
  /** `_.mod(divisor, remainder)`, also `_.mod([d, r])` / `_.mod({ divisor, remainder })` @param {any} divisor @param {number} [remainder] */
  mod: (divisor, remainder) => {
    const pair = Array.isArray(divisor) ? divisor
      : divisor && typeof divisor === 'object' ? [divisor.divisor, divisor.remainder] : [divisor, remainder]
    if (typeof pair[0] !== 'number' || typeof pair[1] !== 'number') throw invalidParam(API, 'mod expects (divisor: number, remainder: number)')
    return new QueryCommand('mod', [pair])
  },
  /** @param {number} n */
  size: (n) => new QueryCommand('size', [n]),
  /** @param {unknown[]} values */
  all: (values) => new QueryCommand('all', requireArray('all', values)),
  /** @param {unknown} condition */
  elemMatch: (condition) => new QueryCommand('elemMatch', [condition]),
  /** @param {unknown} aggregateExpression */
  expr: (aggregateExpression) => new QueryCommand('expr', [aggregateExpression]),

  // geo
  /** @param {{ geometry: unknown, maxDistance?: number, minDistance?: number }} options */
  geoNear: (options) => new QueryCommand('geoNear', [options]),
  /** @param {{ geometry?: unknown, centerSphere?: [[number, number], number] }} options */
  geoWithin: (options) => new QueryCommand('geoWithin', [options]),
  /** @param {{ geometry: unknown }} options */
  geoIntersects: (options) => new QueryCommand('geoIntersects', [options]),

  // logic
  /** @param {...unknown} args */
  and: (...args) => new LogicCommand('and', listArgs(args)),
  /** @param {...unknown} args */
  or: (...args) => new LogicCommand('or', listArgs(args)),
  /** @param {...unknown} args */
  nor: (...args) => new LogicCommand('nor', listArgs(args)),
  /** @param {unknown} condition */
  not: (condition) => new LogicCommand('not', [condition]),

  // update
  /** @param {unknown} value */
  set: (value) => new UpdateCommand('set', [value]),
  remove: () => new UpdateCommand('remove', []),
  /** @param {number} n */
  inc: (n) => new UpdateCommand('inc', [n]),
  /** @param {number} n */
  mul: (n) => new UpdateCommand('mul', [n]),
  /** @param {unknown} value */
  min: (value) => new UpdateCommand('min', [value]),
  /** @param {unknown} value */
  max: (value) => new UpdateCommand('max', [value]),
  /** @param {string} newName */
  rename: (newName) => new UpdateCommand('rename', [newName]),
  /** `_.push(value)`, `_.push([v1, v2])`, `_.push({ each, position, sort, slice })` @param {...unknown} args */
  push: (...args) => new UpdateCommand('push', args.length > 1 ? [args] : [args[0]]),
  pop: () => new UpdateCommand('pop', []),
  shift: () => new UpdateCommand('shift', []),
  /** `_.unshift(value)` or `_.unshift([v1, v2])` @param {...unknown} args */
  unshift: (...args) => new UpdateCommand('unshift', args.length > 1 ? [args] : [args[0]]),
  /** `_.addToSet(value)` or `_.addToSet({ each: [...] })` @param {unknown} value */
  addToSet: (value) => new UpdateCommand('addToSet', [value]),
  /** `_.pull(value | command | condition object)` @param {unknown} condition */
  pull: (condition) => new UpdateCommand('pull', [condition]),
  /** @param {unknown[]} values */
  pullAll: (values) => new UpdateCommand('pullAll', [requireArray('pullAll', values)]),
}

/** Aggregation operator names whose MongoDB spelling differs from WeChat's. */
const AGGREGATE_ALIASES = { neq: 'ne' }

/**
 * `$.sum('$x')` → `{ $sum: '$x' }` for any operator name; `$.pipeline()` builds a sub-pipeline
 * for lookup's pipeline form.
 */
const aggregateCommand = new Proxy(/** @type {Record<string, any>} */ ({}), {
  get(_target, name) {
    if (typeof name !== 'string' || name === 'then') return undefined
    if (name === 'pipeline') return () => new (require('./sdk/aggregate').PipelineBuilder)()
    const mongoName = AGGREGATE_ALIASES[/** @type {keyof typeof AGGREGATE_ALIASES} */ (name)] ?? name
    return (/** @type {unknown} */ arg) => ({ [`$${mongoName}`]: arg })
  },
})

/** Projection operators for field(): `{ arr: _.project.slice(2) }`, `{ arr: _.project.elemMatch({ v: _.gt(1) }) }`. */
const projectCommand = Object.freeze({
  /** @param {number | [number, number]} arg */
  slice: (arg) => ({ $slice: arg }),
  /** @param {unknown} condition */
  elemMatch: (condition) => ({ $elemMatch: condition }),
})

/** @type {typeof command & { aggregate: Record<string, any>, project: typeof projectCommand }} */
const Command = Object.freeze({ ...command, aggregate: aggregateCommand, project: projectCommand })

module.exports = { Command, QueryCommand, LogicCommand, UpdateCommand, isCommand }
