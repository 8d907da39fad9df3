'use strict'
// @ts-check

/**
 * collection.aggregate(): a stage builder ending in end() → { list }, run by mingo.
 * Stages keep the caller's arguments until end(), when they are encoded: match (and geoNear's
 * query) with the where() rules and db.command, Geo objects to GeoJSON, serverDate to a date.
 * `$.pipeline()` (db.command.aggregate.pipeline()) builds the sub-pipeline of lookup's
 * pipeline form; `.done()` returns its stages.
 */

const ops = require('../collection-ops')
const { encodeWhere } = require('../encode-query')
const { materialize, isPlainObject } = require('../values')
const { toGeoJSON } = require('../geo')
const { invalidParam } = require('../errors')
const { withCallbacks } = require('./callbacks')

const API = 'collection.aggregate'

/** WeChat stage method → MongoDB stage. */
const STAGES = {
  addFields: '$addFields',
  bucket: '$bucket',
  bucketAuto: '$bucketAuto',
  count: '$count',
  geoNear: '$geoNear',
  group: '$group',
  limit: '$limit',
  lookup: '$lookup',
  match: '$match',
  project: '$project',
  replaceRoot: '$replaceRoot',
  sample: '$sample',
  skip: '$skip',
  sort: '$sort',
  sortByCount: '$sortByCount',
  unwind: '$unwind',
}

class StageList {
  constructor() {
    /** @type {Record<string, unknown>[]} */
    this._stages = []
  }

  /** @param {string} stage @param {unknown} arg */
  _add(stage, arg) {
    if (arg === undefined) throw invalidParam(API, `${stage} needs an argument`)
    this._stages.push({ [stage]: arg })
    return this
  }
}

// every stage method: builder.match(...), builder.group(...), … (chainable)
for (const [method, stage] of Object.entries(STAGES)) {
  Object.defineProperty(StageList.prototype, method, {
    value(/** @type {unknown} */ arg) { return /** @type {StageList} */ (this)._add(stage, arg) },
    writable: true,
    configurable: true,
  })
}

/** @typedef {StageList & Record<keyof typeof STAGES, (arg: unknown) => any>} StageBuilder */

class Aggregate extends StageList {
  /** @param {import('./database').Database} db @param {string} collection */
  constructor(db, collection) {
    super()
    this._db = db
    this._collection = collection
  }

  /** Runs the pipeline → { list } @param {any} [options] */
  end(options) {
    return withCallbacks(options, () => {
      const engine = this._db._engine
      /** @type {Record<string, any>[]} */
      let stages
      try {
        stages = encodeStages(this._stages, { now: engine.now, api: API })
      } catch (err) {
        return Promise.reject(err)
      }
      return ops.aggregate(engine, this._collection, stages)
    })
  }
}

/** lookup's sub-pipeline. */
class PipelineBuilder extends StageList {
  /** The stages, for `lookup({ ..., pipeline })`. */
  done() {
    return [...this._stages]
  }
}

/**
 * @param {Record<string, unknown>[]} stages @param {import('../values').MaterializeContext} ctx
 * @returns {Record<string, any>[]}
 */
function encodeStages(stages, ctx) {
  if (!Array.isArray(stages)) throw invalidParam(ctx.api, 'pipeline must be an array of stages')
  return stages.map((stage) => {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) throw invalidParam(ctx.api, 'each stage must be an object with one stage operator')
    const [[name, arg]] = Object.entries(stage)
    return { [name]: encodeStageArg(name, arg, ctx) }
  })
}

/** @param {string} name @param {any} arg @param {import('../values').MaterializeContext} ctx */
function encodeStageArg(name, arg, ctx) {
  switch (name) {
    case '$match':
      return encodeWhere(arg, ctx)
    case '$lookup': {
      if (!isPlainObject(arg)) throw invalidParam(ctx.api, 'lookup needs an object')
      const { pipeline, ...rest } = arg
      const out = materialize(rest, ctx)
      if (pipeline !== undefined) out.pipeline = encodeStages(pipeline, ctx)
      return out
    }
    case '$geoNear': {
      if (!isPlainObject(arg)) throw invalidParam(ctx.api, 'geoNear needs an object')
      const { near, query, ...rest } = arg
      if (typeof rest.distanceField !== 'string') throw invalidParam(ctx.api, 'geoNear needs distanceField')
      const near_ = toGeoJSON(near, ctx.api)
      if (near_.type !== 'Point') throw invalidParam(ctx.api, 'geoNear near must be a Point')
      return { ...materialize(rest, ctx), near: near_.coordinates, ...(query !== undefined ? { query: encodeWhere(query, ctx) } : {}) }
    }
    default:
      return materialize(arg, ctx)
  }
}

module.exports = { Aggregate, PipelineBuilder, STAGES }
