'use strict'
// @ts-check
const Module = require('node:module')
const path = require('node:path')

const SDK_REQUEST = 'wx-server-sdk'
const SDK_FILE = path.join(__dirname, '..', 'sdk', 'index.js')
const INSTALLED = Symbol.for('devcloud.sdkResolverInstalled')

/**
 * Makes `require('wx-server-sdk')` — from any file, including a function's own
 * node_modules — resolve to devcloud's SDK, so production function code runs unchanged.
 * Idempotent: installing twice does not stack hooks. (Under jest, moduleNameMapper does this.)
 */
function installSdkResolver() {
  const M = /** @type {any} */ (Module)
  if (M[INSTALLED]) return
  const original = M._resolveFilename
  M._resolveFilename = function resolveWithDevcloudSdk(/** @type {string} */ request, /** @type {any[]} */ ...rest) {
    if (request === SDK_REQUEST) return SDK_FILE
    return original.call(this, request, ...rest)
  }
  M[INSTALLED] = true
}

module.exports = { installSdkResolver, SDK_FILE }
