'use strict'
// @ts-check
const crypto = require('node:crypto')
const { CloudError } = require('../lib/errors')

/**
 * wx-server-sdk accepts openapi parameters in camelCase and converts them to the HTTP API's
 * snake_case; callers use both in the wild, so read either.
 * @param {Record<string, any>} params @param {string} camel @param {string} snake
 */
function param(params, camel, snake) {
  return params[camel] !== undefined ? params[camel] : params[snake]
}

/** @param {string} apiName @param {number} errCode @param {string} reason */
function openapiError(apiName, errCode, reason) {
  return new CloudError({ errCode, errMsg: `openapi.${apiName}:fail ${reason}`, code: 'OPENAPI_ERROR' })
}

/** Trace ids look like WeChat's: `65557e88-016af6aa-17e69df6` (first group = unix seconds). */
function newTraceId(/** @type {number} */ nowMs) {
  const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, '0')
  return `${seconds}-${crypto.randomBytes(4).toString('hex')}-${crypto.randomBytes(4).toString('hex')}`
}

module.exports = { param, openapiError, newTraceId }
