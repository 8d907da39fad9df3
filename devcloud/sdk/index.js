'use strict'
// @ts-check
/**
 * devcloud's `wx-server-sdk`: what `require('wx-server-sdk')` returns inside functions run by
 * devcloud. Every call finds its runtime through globalThis.__DEVCLOUD__ at call time (the
 * runtime of the current invocation, else the latest started), so modules that call
 * `cloud.database()` at load time keep working across runtimes and before one starts.
 */
const { devcloudGlobal } = require('../lib/invocation-context')
const { CloudError, ERR } = require('../lib/errors')

const DYNAMIC_CURRENT_ENV = Symbol.for('DYNAMIC_CURRENT_ENV')

/** @returns {any} */
function runtime() {
  const rt = devcloudGlobal().runtime
  if (!rt) throw new Error('wx-server-sdk (devcloud): no devcloud runtime is running; create one with createRuntime() and await rt.start()')
  return rt
}

const currentInvocation = () => devcloudGlobal().context

/** @type {Record<string, unknown>} */
let initOptions = {}

/**
 * wx-server-sdk APIs accept success/fail/complete callbacks as well as returning a promise.
 * @template T @param {() => Promise<T>} run @param {any} options @returns {Promise<T>}
 */
function withCallbacks(run, options) {
  const promise = Promise.resolve().then(run)
  if (options && (options.success || options.fail || options.complete)) {
    promise.then(
      (res) => { options.success?.(res); options.complete?.(res) },
      (err) => { options.fail?.(err); options.complete?.(err) },
    )
  }
  return promise
}

// ---------------------------------------------------------------------------- init & context

/** @param {{ env?: string | symbol | Record<string, string>, traceUser?: boolean, throwOnNotFound?: boolean }} [options] */
function init(options = {}) {
  initOptions = { ...options }
}

function getWXContext() {
  const ctx = currentInvocation()
  /** @type {Partial<import('../lib/invocation-context').InvocationContext['wx']>} */
  const wx = ctx?.wx ?? { ENV: devcloudGlobal().runtime?.env }
  return {
    OPENID: wx.OPENID,
    APPID: wx.APPID,
    UNIONID: wx.UNIONID,
    ENV: wx.ENV,
    SOURCE: wx.SOURCE,
    CLIENTIP: wx.CLIENTIP,
  }
}

// ---------------------------------------------------------------------------- database

/**
 * A Database whose members are looked up on the runtime when used. Before any runtime exists
 * (a test file importing a function at the top), member chains are recorded and replayed at
 * call time, so `const _ = db.command` at module level still works.
 * @param {Record<string, unknown>} [options]
 */
function database(options = {}) {
  const resolve = () => runtime().database({ ...pickDbInit(), ...options })
  return lazyMember(resolve, [])
}

function pickDbInit() {
  /** @type {Record<string, unknown>} */
  const out = {}
  if (initOptions.throwOnNotFound !== undefined) out.throwOnNotFound = initOptions.throwOnNotFound
  return out
}

/**
 * @param {() => any} resolveRoot @param {PropertyKey[]} chain
 * @returns {any}
 */
function lazyMember(resolveRoot, chain) {
  /** Reads the chain on the live root; `thisArg` is the owner of the last member. */
  const locate = () => {
    let owner = undefined
    let value = resolveRoot()
    for (const key of chain) { owner = value; value = value[key] }
    return { owner, value }
  }
  const hasRuntime = () => Boolean(devcloudGlobal().runtime?.ready)
  return new Proxy(function lazyDatabaseMember() {}, {
    get(_target, key) {
      if (key === 'then' && chain.length === 0) return undefined // not a thenable
      if (hasRuntime()) {
        const { value } = locate()
        const member = value[key]
        return typeof member === 'function' && !isClass(member) ? member.bind(value) : member
      }
      return lazyMember(resolveRoot, [...chain, key])
    },
    apply(_target, _this, args) {
      const { owner, value } = locate()
      return Reflect.apply(value, owner, args)
    },
    construct(_target, args) {
      const { value } = locate()
      return Reflect.construct(value, args)
    },
  })
}

/** @param {Function} fn */
function isClass(fn) {
  return /^class[\s{]/.test(Function.prototype.toString.call(fn))
}

// ---------------------------------------------------------------------------- functions

/** @param {{ name: string, data?: unknown, config?: unknown, success?: Function, fail?: Function, complete?: Function }} options */
function callFunction(options) {
  return withCallbacks(async () => {
    if (!options || typeof options.name !== 'string' || !options.name) {
      throw new CloudError({ errCode: ERR.INVALID_PARAM, errMsg: 'cloud.callFunction:fail parameter.name should be a non-empty string', code: 'INVALID_INPUT' })
    }
    const rt = runtime()
    try {
      const { result, requestId } = await rt.callFromFunction(options.name, options.data, currentInvocation())
      return { result, errMsg: 'cloud.callFunction:ok', requestID: requestId }
    } catch (err) {
      throw toCallFunctionError(/** @type {any} */ (err))
    }
  }, options)
}

/** @param {any} err */
function toCallFunctionError(err) {
  if (err?.code === 'FUNCTION_NOT_FOUND') {
    return new CloudError({ errCode: ERR.FUNCTION_NOT_FOUND, errMsg: `cloud.callFunction:fail requestID , errCode ${ERR.FUNCTION_NOT_FOUND} | errMsg: [ResourceNotFound.Function] ${err.errMsg}`, code: 'FUNCTION_NOT_FOUND' })
  }
  if (err?.code === 'TIMEOUT') {
    return new CloudError({ errCode: err.errCode, errMsg: `cloud.callFunction:fail ${err.errMsg}`, code: 'TIMEOUT' })
  }
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err)
  return new CloudError({ errCode: ERR.FUNCTION_EXECUTE_FAIL, errMsg: `cloud.callFunction:fail errCode: ${ERR.FUNCTION_EXECUTE_FAIL} functions execute fail | errMsg: ${message}`, code: 'FUNCTION_FAILED' })
}

// ---------------------------------------------------------------------------- storage

/** @param {{ cloudPath: string, fileContent: unknown, success?: Function, fail?: Function, complete?: Function }} options */
function uploadFile(options) {
  return withCallbacks(() => runtime().storageApi.uploadFile(options, { uploader: currentInvocation()?.wx.OPENID ?? null }), options)
}

/** @param {{ fileList: (string | { fileID: string, maxAge?: number })[] }} options */
function getTempFileURL(options) {
  return withCallbacks(() => runtime().storageApi.getTempFileURL(options, currentInvocation()?.origin), options)
}

/** @param {{ fileList: string[] }} options */
function deleteFile(options) {
  return withCallbacks(() => runtime().storageApi.deleteFile(options), options)
}

/** @param {{ fileID: string }} options */
function downloadFile(options) {
  return withCallbacks(() => runtime().storageApi.downloadFile(options), options)
}

// ---------------------------------------------------------------------------- openapi

/**
 * `cloud.openapi.<namespace>.<method>(params)`; any name resolves, and the runtime answers
 * unknown ones with WeChat-like errors.
 */
const openapi = new Proxy({}, {
  get(_t, namespace) {
    if (typeof namespace !== 'string' || namespace === 'then') return undefined
    return new Proxy({}, {
      get(_u, method) {
        if (typeof method !== 'string' || method === 'then') return undefined
        return (/** @type {any} */ params) => withCallbacks(
          () => runtime().openapi.call(`${namespace}.${method}`, params, currentInvocation()),
          params,
        )
      },
    })
  },
})

// ---------------------------------------------------------------------------- logger

/** cloud.logger(): each call logs one record (an object of searchable key/values). */
function logger() {
  /** @param {'info' | 'warn' | 'error'} level */
  const at = (level) => (/** @type {any[]} */ ...args) => {
    const ctx = currentInvocation()
    const rt = devcloudGlobal().runtime
    const sink = rt?.logger ?? console
    sink[level](`[fn ${ctx?.functionName ?? '-'}${ctx ? ` ${ctx.requestId.slice(0, 8)}` : ''}]`, ...args)
  }
  return { log: at('info'), info: at('info'), warn: at('warn'), error: at('error') }
}

module.exports = {
  init,
  DYNAMIC_CURRENT_ENV,
  SYMBOL_CURRENT_ENV: DYNAMIC_CURRENT_ENV,
  getWXContext,
  database,
  callFunction,
  uploadFile,
  getTempFileURL,
  deleteFile,
  downloadFile,
  openapi,
  logger,
}
