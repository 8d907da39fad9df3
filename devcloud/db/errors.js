'use strict'
// @ts-check

/**
 * Errors shaped like the ones wx-server-sdk rejects with: an `Error` carrying `errCode` and
 * `errMsg` (`<api>:fail <reason>`), and a message in the SDK's `errCode: … | errMsg: …` form.
 */

/** errCodes from the WeChat cloud errCode table that the database reproduces. */
const ERR = Object.freeze({
  COMMON: -1,
  SYSTEM: -501001,
  INVALID_PARAM: -501007,
  DB_REQUEST_FAILED: -502001,
  DB_INVALID_COMMAND: -502002,
  COLLECTION_NOT_EXIST: -502005,
  DB_OPERATION_FAILED: -502010,
  DB_TIMEOUT: -502011,
  CREATE_COLLECTION_FAILED: -502013,
})

/** The short texts WeChat prints after the code. @type {Record<number, string>} */
const SHORT = {
  [ERR.COMMON]: 'common error',
  [ERR.SYSTEM]: 'resource system error',
  [ERR.INVALID_PARAM]: 'invalid parameters',
  [ERR.DB_REQUEST_FAILED]: 'database request fail',
  [ERR.DB_INVALID_COMMAND]: 'database invalid command',
  [ERR.COLLECTION_NOT_EXIST]: 'database collection not exists',
  [ERR.DB_OPERATION_FAILED]: 'database operation failed',
  [ERR.DB_TIMEOUT]: 'database operation timeout',
  [ERR.CREATE_COLLECTION_FAILED]: 'database create collection failed',
}

class DbError extends Error {
  /**
   * @param {number} errCode
   * @param {string} errMsg
   * @param {string} [code]  tcb-style symbolic code, e.g. DATABASE_COLLECTION_NOT_EXIST
   */
  constructor(errCode, errMsg, code) {
    super(`errCode: ${errCode} ${SHORT[errCode] ?? ''} | errMsg: ${errMsg}`)
    this.name = 'DbError'
    this.errCode = errCode
    this.errMsg = errMsg
    if (code) this.code = code
  }
}

/**
 * `<api>:fail <code> <short>. <detail>` like WeChat's messages.
 * @param {string} api @param {number} errCode @param {string} detail @param {string} [code]
 */
function fail(api, errCode, detail, code) {
  return new DbError(errCode, `${api}:fail ${errCode} ${SHORT[errCode] ?? 'error'}. ${detail}`, code)
}

/** @param {string} api @param {string} detail */
const invalidParam = (api, detail) => fail(api, ERR.INVALID_PARAM, detail, 'INVALID_PARAM')

/** @param {string} api @param {string} name */
const collectionNotExist = (api, name) =>
  fail(api, ERR.COLLECTION_NOT_EXIST,
    `[ResourceNotFound] Db or Table not exist: ${name}. DATABASE_COLLECTION_NOT_EXIST`,
    'DATABASE_COLLECTION_NOT_EXIST')

/** @param {string} name */
const collectionExists = (name) =>
  fail('database.createCollection', ERR.CREATE_COLLECTION_FAILED,
    `[ResourceUnavailable] Table exist: collection ${name} already exists. DATABASE_COLLECTION_ALREADY_EXIST`,
    'DATABASE_COLLECTION_ALREADY_EXIST')

/**
 * The MongoDB E11000 text WeChat passes through for unique-index violations.
 * @param {string} api @param {string} collection @param {string} index @param {unknown[]} key
 */
const duplicateKey = (api, collection, index, key) =>
  fail(api, ERR.DB_REQUEST_FAILED,
    `[FailedOperation] E11000 duplicate key error collection: ${collection} index: ${index} dup key: { ${key.map((k) => `: ${JSON.stringify(k)}`).join(', ')} }`,
    'DATABASE_DUPLICATE_KEY')

/** @param {unknown} id */
const documentNotExist = (id) =>
  new DbError(ERR.COMMON, `document.get:fail document with _id ${String(id)} does not exist`, 'DATABASE_DOCUMENT_NOT_EXIST')

/** @param {unknown} err */
const isDbError = (err) => err instanceof DbError

module.exports = { ERR, DbError, fail, invalidParam, collectionNotExist, collectionExists, duplicateKey, documentNotExist, isDbError }
