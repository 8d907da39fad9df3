'use strict'
// @ts-check
const { AsyncLocalStorage } = require('node:async_hooks')

/**
 * What travels with one cloud-function invocation. Concurrent invocations in one process
 * each get their own store, so OPENID can never leak between callers.
 * @typedef {object} InvocationContext
 * @property {any} runtime                 the runtime that runs the invocation
 * @property {string} requestId
 * @property {string | undefined} functionName   undefined while modules load
 * @property {{ OPENID?: string, APPID?: string, UNIONID?: string, ENV: string, SOURCE?: string, CLIENTIP?: string }} wx
 * @property {string | undefined} origin         public origin of the HTTP request, for temp URLs
 * @property {import('./stats').InvocationStats | undefined} stats
 * @property {InvocationContext | undefined} parent   the caller when invoked through callFunction
 * @property {Record<string, any> | null | undefined} config   the function's config.json (permissions)
 */

// One storage per global: the SDK and the runtime may be evaluated as separate module
// instances (jest registries, a function's own node_modules), yet must share it.
const STORAGE_KEY = Symbol.for('devcloud.invocationStorage')
/** @type {AsyncLocalStorage<InvocationContext>} */
const storage = /** @type {any} */ (globalThis)[STORAGE_KEY] ??= new AsyncLocalStorage()

/** @returns {InvocationContext | undefined} */
const currentInvocation = () => storage.getStore()

/** The fallback clock when no runtime exists (production code may read __DEVCLOUD__ optionally). */
const realClock = { now: () => Date.now() }

/**
 * Installs globalThis.__DEVCLOUD__: the SDK's door to the runtime. `runtime` is the one
 * running the current invocation, else the most recently started one still open.
 * @returns {{ runtime: any, clock: { now(): number }, context: InvocationContext | undefined, storage: AsyncLocalStorage<InvocationContext>, attach(rt: any): void, detach(rt: any): void }}
 */
function devcloudGlobal() {
  const g = /** @type {any} */ (globalThis)
  if (g.__DEVCLOUD__) return g.__DEVCLOUD__
  /** @type {any[]} */
  const open = []
  const facade = {
    storage,
    get runtime() { return storage.getStore()?.runtime ?? open[open.length - 1] },
    get clock() { return facade.runtime?.clock ?? realClock },
    get context() { return storage.getStore() },
    /** @param {any} rt */
    attach(rt) { if (!open.includes(rt)) open.push(rt) },
    /** @param {any} rt */
    detach(rt) { const i = open.indexOf(rt); if (i >= 0) open.splice(i, 1) },
  }
  Object.defineProperty(g, '__DEVCLOUD__', { value: facade, configurable: true, enumerable: false, writable: false })
  return facade
}

module.exports = { storage, currentInvocation, devcloudGlobal }
