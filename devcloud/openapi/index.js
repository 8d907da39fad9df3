'use strict'
// @ts-check
const { ERR } = require('../lib/errors')
const { openapiError } = require('./params')
const security = require('./security')
const subscribeMessage = require('./subscribe-message')

/**
 * What an openapi handler may use from the runtime.
 * @typedef {object} OpenApiServices
 * @property {() => number} now
 * @property {() => import('./wordlist').WordEntry[]} wordList
 * @property {() => string} mediaRiskMarker
 * @property {() => string} appid
 * @property {() => string} originalId                    the mini-program's gh_ id (ToUserName)
 * @property {(task: () => Promise<void>) => void} later   runs a task shortly, tracked for rt.settle()
 * @property {(event: object, openid: string | undefined) => Promise<unknown>} pushMessage
 * @property {(cloudPath: string) => Promise<{ content: Buffer } | null>} readStoredFile
 * @property {(url: string) => string | null} cloudPathFromUrl
 * @property {(message: object) => void} recordOutbox
 * @property {(entry: object) => void} recordMediaCheck
 *
 * @typedef {OpenApiServices & { invocation: import('../lib/invocation-context').InvocationContext | undefined }} OpenApiEnv
 */

/** @type {Record<string, (params: Record<string, any>, env: OpenApiEnv) => Promise<object>>} */
const HANDLERS = {
  'security.msgSecCheck': security.msgSecCheck,
  'security.mediaCheckAsync': security.mediaCheckAsync,
  'subscribeMessage.send': subscribeMessage.send,
}

/** @param {OpenApiServices} services */
function createOpenApi(services) {
  return {
    /**
     * @param {string} apiName   e.g. `security.msgSecCheck`
     * @param {unknown} params
     * @param {import('../lib/invocation-context').InvocationContext | undefined} invocation
     */
    async call(apiName, params, invocation) {
      const handler = Object.hasOwn(HANDLERS, apiName) ? HANDLERS[apiName] : undefined
      if (!handler) {
        throw openapiError(apiName, ERR.OPENAPI_NOT_FOUND, `api not found: devcloud does not implement openapi.${apiName}`)
      }
      // WeChat requires each function to declare the openapi it calls in config.json;
      // functions that came with a config are held to it (see README of devcloud).
      const config = invocation?.config
      if (config) {
        const allowed = config.permissions?.openapi
        if (!Array.isArray(allowed) || !allowed.includes(apiName)) {
          throw openapiError(apiName, ERR.OPENAPI_NO_PERMISSION, `system error: error code: -604101 (add "${apiName}" to permissions.openapi in ${invocation?.functionName}/config.json)`)
        }
      }
      const input = params && typeof params === 'object' ? /** @type {Record<string, any>} */ (params) : {}
      return handler(input, { ...services, invocation })
    },
    implemented: Object.keys(HANDLERS),
  }
}

module.exports = { createOpenApi }
