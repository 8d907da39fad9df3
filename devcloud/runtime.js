'use strict'
// @ts-check
const fs = require('node:fs')
const path = require('node:path')
const crypto = require('node:crypto')
const { performance } = require('node:perf_hooks')
const { createLogger } = require('./lib/logger')
const { createClock } = require('./lib/clock')
const { storage: invocationStorage, devcloudGlobal } = require('./lib/invocation-context')
const { newStats, recordOp } = require('./lib/stats')
const { CloudError, ERR } = require('./lib/errors')
const { installSdkResolver } = require('./lib/sdk-resolver')
const { resolveSettings } = require('./lib/settings')
const { createFunctionRegistry, discoverFunctions, readConfigFile } = require('./functions/registry')
const { createStorage } = require('./storage')
const { createStorageApi } = require('./storage/api')
const { cloudPathOf } = require('./storage/file-id')
const { createOpenApi } = require('./openapi')
const { loadWordList } = require('./openapi/wordlist')
const { createScheduler } = require('./triggers/scheduler')
const { formatTriggerTime } = require('./triggers/cron')

const RECENT_STATS_KEPT = 100

/**
 * Who is calling: the mini-program user (openid) and how the call arrived.
 * @typedef {{ openid?: string, appid?: string, unionid?: string, source?: string, clientIp?: string, origin?: string }} CallerIdentity
 */

/**
 * The local stand-in for a WeChat cloud environment: functions, database, storage, openapi,
 * timer triggers and an HTTP front door.
 * @param {import('./lib/settings').RuntimeOptions} [options]
 */
function createRuntime(options = {}) {
  const settings = resolveSettings(options)
  const logger = options.logger ?? createLogger({ level: settings.logLevel })
  const clock = createClock()
  const registry = createFunctionRegistry()
  /** @type {Set<Promise<void>>} */
  const pending = new Set()
  /** @type {Set<import('node:http').Server>} */
  const servers = new Set()
  /** @type {any} */
  let engine
  /** @type {Map<string, any>} */
  const databases = new Map()
  /** @type {import('./openapi/wordlist').WordEntry[]} */
  let wordList = []
  let state = /** @type {'new' | 'starting' | 'ready' | 'closed'} */ ('new')
  /** @type {import('./lib/stats').InvocationStats | undefined} */
  let lastInvocationStats
  /** @type {import('./lib/stats').InvocationStats[]} */
  const recentStats = []

  const storage = createStorage({ dir: path.join(/** @type {string} */ (settings.dataDir), 'storage'), env: settings.env, now: clock.now })
  const storageApi = createStorageApi({ storage, publicBase: (origin) => settings.publicUrl ?? origin ?? listeningOrigin() ?? '' })

  const scheduler = createScheduler({ fire: (fn, trigger) => rt.runTrigger(fn, trigger), logger })

  const openapi = createOpenApi({
    now: clock.now,
    wordList: () => wordList,
    mediaRiskMarker: () => settings.mediaRiskMarker,
    appid: () => settings.appid,
    originalId: () => settings.originalId,
    later: (task) => runLater(task, settings.mediaCheckDelayMs),
    pushMessage: (event, openid) => pushMessage(event, openid),
    readStoredFile: (cloudPath) => storage.get(cloudPath),
    cloudPathFromUrl,
    recordOutbox: (message) => rt.outbox.push(message),
    recordMediaCheck: (entry) => rt.mediaChecks.push({ ...entry, at: new Date(clock.now()).toISOString() }),
  })

  function listeningOrigin() {
    for (const server of servers) {
      const address = server.address()
      if (address && typeof address === 'object') return `http://127.0.0.1:${address.port}`
    }
    return undefined
  }

  /** Tracks fire-and-forget work (media-check pushes) so tests and close() can wait for it. */
  function runLater(/** @type {() => Promise<void>} */ task, /** @type {number} */ delayMs) {
    const job = new Promise((resolve) => setTimeout(resolve, delayMs))
      .then(task)
      .catch((err) => logger.error('background task failed:', err))
      .finally(() => pending.delete(job))
    pending.add(job)
  }

  /** Delivers a message-push event the way WeChat does: by invoking the configured function. */
  async function pushMessage(/** @type {object} */ event, /** @type {string | undefined} */ openid) {
    const target = settings.messagePushFunction
    if (!target || !registry.has(target)) {
      logger.warn(`message push dropped: ${target ? `function "${target}" is not loaded` : 'no messagePushFunction configured'} (event ${JSON.stringify(event).slice(0, 200)})`)
      return undefined
    }
    return execute(target, event, {
      wx: { OPENID: openid || undefined, APPID: settings.appid, ENV: settings.env, SOURCE: 'wx_unknown' },
    })
  }

  /** @param {string} url @returns {string | null} */
  function cloudPathFromUrl(url) {
    try {
      if (url.startsWith('cloud://')) return cloudPathOf(url)
      const { pathname } = new URL(url, 'http://devcloud.invalid')
      const prefix = '/api/storage/file/'
      if (!pathname.startsWith(prefix)) return null
      return pathname.slice(prefix.length).split('/').map(decodeURIComponent).join('/')
    } catch {
      return null
    }
  }

  /** Engine round trips count toward the invocation they happen in and all its callers. */
  function onOp(/** @type {any} */ op) {
    for (let ctx = invocationStorage.getStore(); ctx; ctx = ctx.parent) {
      if (ctx.runtime === rt && ctx.stats) recordOp(ctx.stats, op)
    }
  }

  function assertReady() {
    if (state !== 'ready') throw new Error(`devcloud runtime is ${state}; call await rt.start() first`)
  }

  /**
   * Runs one invocation inside its own async context.
   * @param {string} name
   * @param {unknown} event
   * @param {{ wx: import('./lib/invocation-context').InvocationContext['wx'], origin?: string, parent?: import('./lib/invocation-context').InvocationContext, onStats?: (stats: import('./lib/stats').InvocationStats) => void }} call
   */
  async function execute(name, event, call) {
    assertReady()
    const fn = registry.get(name)
    if (!fn) {
      throw new CloudError({ errCode: ERR.FUNCTION_NOT_FOUND, errMsg: `FunctionName parameter could not be found: ${name}`, code: 'FUNCTION_NOT_FOUND' })
    }
    if (fn.loadError || !fn.main) throw new Error(`cloud function "${name}" failed to load: ${fn.loadError?.message}`)
    const main = fn.main
    const requestId = crypto.randomUUID()
    const stats = newStats({ requestId, functionName: name, source: call.wx.SOURCE, startedAt: clock.now() })
    /** @type {import('./lib/invocation-context').InvocationContext} */
    const ctx = { runtime: rt, requestId, functionName: name, wx: call.wx, origin: call.origin, stats, parent: call.parent, config: fn.config }
    const timeoutMs = typeof fn.config?.timeout === 'number' ? fn.config.timeout * 1000 : settings.defaultTimeoutMs
    const started = performance.now()
    try {
      return await invocationStorage.run(ctx, () => withTimeout(
        Promise.resolve().then(() => main(event, wechatContext(ctx, timeoutMs))),
        timeoutMs,
        name,
      ))
    } catch (err) {
      stats.failed = true
      throw err
    } finally {
      stats.durationMs = performance.now() - started
      if (call.parent?.stats) call.parent.stats.nestedCalls += 1
      if (!call.parent) {
        lastInvocationStats = stats
        recentStats.push(stats)
        if (recentStats.length > RECENT_STATS_KEPT) recentStats.shift()
      }
      call.onStats?.(stats)
    }
  }

  /** @param {string} name @param {any} exports @param {Record<string, any> | null | undefined} config @param {string} [dir] */
  function addFunction(name, exports, config, dir) {
    const entry = registry.register(name, exports, config, { dir })
    scheduler.add(entry)
    return entry
  }

  /** Requires a function folder inside a loading context, so top-level SDK calls find this runtime. */
  function loadFunctionsDir(/** @type {string} */ functionsDir) {
    if (!fs.existsSync(functionsDir)) logger.warn(`functions folder ${functionsDir} does not exist`)
    const found = discoverFunctions(functionsDir)
    for (const f of found) {
      try {
        const config = f.configFile ? readConfigFile(f.configFile) : {}
        forgetCachedModules(f.dir)
        const exports = invocationStorage.run(loadingContext(), () => require(f.entryFile))
        addFunction(f.name, exports, config, f.dir)
      } catch (err) {
        logger.error(`cloud function "${f.name}" failed to load:`, err)
        registry.registerBroken(f.name, /** @type {Error} */ (err), f.dir)
      }
    }
    logger.info(`loaded ${found.length} cloud function(s) from ${functionsDir}`)
  }

  /** @returns {import('./lib/invocation-context').InvocationContext} */
  function loadingContext() {
    return { runtime: rt, requestId: 'load', functionName: undefined, wx: { ENV: settings.env }, origin: undefined, stats: undefined, parent: undefined, config: undefined }
  }

  const rt = {
    settings,
    logger,
    clock,
    storage,
    storageApi,
    openapi,
    /** Subscribe messages sent through openapi.subscribeMessage.send, newest last. @type {any[]} */
    outbox: [],
    /** Media checks requested and their verdicts, newest last. @type {any[]} */
    mediaChecks: [],
    get env() { return settings.env },
    get appid() { return settings.appid },
    get dev() { return settings.dev },
    get ready() { return state === 'ready' },
    get engine() { return engine },
    /** Stats of the most recent top-level invocation. */
    get lastInvocationStats() { return lastInvocationStats },
    /** Stats of recent top-level invocations, oldest first (at most 100). */
    get recentInvocationStats() { return [...recentStats] },

    async start() {
      if (state !== 'new') throw new Error(`devcloud runtime cannot start: it is ${state}`)
      state = 'starting'
      try {
        installSdkResolver()
        wordList = loadWordList(settings.wordListFile)
        const indexes = settings.indexesFile ? readIndexes(settings.indexesFile) : { collections: {} }
        const { openDatabase } = require('./db')
        engine = await openDatabase({ dir: path.join(/** @type {string} */ (settings.dataDir), 'db'), indexes, now: clock.now, onOp, env: settings.env })
      } catch (err) {
        state = 'closed'
        throw err
      }
      state = 'ready'
      devcloudGlobal().attach(rt)
      if (settings.functionsDir) loadFunctionsDir(settings.functionsDir)
      if (settings.timers) rt.startTimers()
      return rt
    },

    /** The wx-server-sdk Database for this environment (one per distinct options). */
    database(/** @type {Record<string, unknown>} */ options = {}) {
      assertReady()
      const key = JSON.stringify(options ?? {})
      if (!databases.has(key)) databases.set(key, engine.database(options))
      return databases.get(key)
    },

    /**
     * Adds or replaces a function (tests register TypeScript sources loaded by jest).
     * Registered without config, its openapi calls are not checked against permissions.
     * @param {string} name @param {any} moduleExports @param {Record<string, any>} [config]
     */
    registerFunction(name, moduleExports, config) {
      addFunction(name, moduleExports, config)
      return rt
    },

    listFunctions: () => registry.list().map((f) => f.name),
    /** @param {string} name */
    getFunction: (name) => registry.get(name),

    /**
     * Calls a function as the mini-program would (SOURCE wx_client): returns its return value,
     * lets its exceptions propagate. The event crosses a JSON boundary as on the wire.
     * @param {string} name @param {unknown} [event] @param {CallerIdentity} [identity]
     */
    async invoke(name, event = {}, identity = {}) {
      return (await rt.invokeWithStats(name, event, identity)).result
    },

    /**
     * Like invoke, also returning this invocation's own stats (safe under concurrency,
     * unlike lastInvocationStats).
     * @param {string} name @param {unknown} [event] @param {CallerIdentity} [identity]
     */
    async invokeWithStats(name, event = {}, identity = {}) {
      /** @type {any} */
      let captured
      const source = identity.source ?? 'wx_client'
      const wx = {
        OPENID: identity.openid || undefined,
        APPID: identity.openid ? (identity.appid ?? settings.appid) : identity.appid,
        UNIONID: identity.unionid || undefined,
        ENV: settings.env,
        SOURCE: source,
        CLIENTIP: identity.clientIp,
      }
      const wireEvent = withUserInfo(jsonClone(event ?? {}), wx)
      const result = await execute(name, wireEvent, { wx, origin: identity.origin, onStats: (stats) => { captured = stats } })
      return { result, stats: captured }
    },

    /**
     * cloud.callFunction from inside a function: the callee sees the caller's OPENID and a
     * SOURCE chain ending in `scf`, as in WeChat. Resolves `{ result, requestId }`.
     * @param {string} name @param {unknown} data @param {import('./lib/invocation-context').InvocationContext | undefined} caller
     */
    async callFromFunction(name, data, caller) {
      const parentWx = caller?.wx ?? { ENV: settings.env }
      const wx = { ...parentWx, ENV: settings.env, SOURCE: parentWx.SOURCE ? `${parentWx.SOURCE},scf` : 'scf' }
      let requestId = ''
      const result = await execute(name, jsonClone(data ?? {}), {
        wx, origin: caller?.origin, parent: caller?.functionName ? caller : undefined, onStats: (stats) => { requestId = stats.requestId },
      })
      return { result: jsonClone(result), requestId }
    },

    /**
     * Fires a timer trigger now, with WeChat's timer event.
     * @param {string} fnName @param {string} triggerName
     */
    async runTrigger(fnName, triggerName) {
      const fn = registry.get(fnName)
      if (!fn) throw new CloudError({ errCode: ERR.FUNCTION_NOT_FOUND, errMsg: `FunctionName parameter could not be found: ${fnName}`, code: 'FUNCTION_NOT_FOUND' })
      const trigger = fn.triggers.find((t) => t.name === triggerName)
      if (!trigger) throw new CloudError({ errCode: ERR.INVALID_PARAM, errMsg: `function "${fnName}" has no trigger "${triggerName}"`, code: 'TRIGGER_NOT_FOUND' })
      const event = { Type: 'Timer', TriggerName: triggerName, Time: formatTriggerTime(clock.now()) }
      return execute(fnName, event, { wx: { ENV: settings.env, SOURCE: 'wx_trigger' } })
    },

    startTimers() {
      assertReady()
      scheduler.start(registry.list())
    },
    stopTimers: () => scheduler.stop(),
    armedTimers: () => scheduler.armed(),

    /** `{ functions: { name: { actions } } }` from each module's exported `contract`. */
    contracts() {
      /** @type {Record<string, any>} */
      const functions = {}
      for (const fn of registry.list()) {
        functions[fn.name] = { actions: fn.contract?.actions ?? {}, ...(fn.loadError ? { loadError: fn.loadError.message } : {}) }
      }
      return { functions }
    },

    /** Waits until delayed work (message pushes) has finished. */
    async settle() {
      while (pending.size) await Promise.allSettled([...pending])
    },

    /**
     * Starts the HTTP server. Resolves once listening; port 0 picks a free port.
     * @param {number} [port] @param {string} [host]
     * @returns {Promise<import('node:http').Server>}
     */
    async listen(port = 0, host) {
      assertReady()
      const { createHttpServer } = require('./http/server')
      const server = createHttpServer(rt)
      await new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => { server.off('error', reject); resolve(undefined) })
      })
      servers.add(server)
      server.once('close', () => servers.delete(server))
      return server
    },

    async close() {
      if (state === 'closed') return
      const wasReady = state === 'ready'
      scheduler.stop()
      await Promise.all([...servers].map((s) => new Promise((resolve) => {
        s.close(() => resolve(undefined))
        s.closeAllConnections?.()
      })))
      if (wasReady) await rt.settle()
      state = 'closed'
      devcloudGlobal().detach(rt)
      if (engine) {
        await engine.close()
        engine = undefined
      }
    },
  }
  return rt
}

/** @param {string} file */
function readIndexes(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(`cannot read indexes file ${file}: ${/** @type {Error} */ (err).message}`)
  }
}

/** The `context` argument WeChat passes to main (SCF's fields; environ carries WX_* keys). */
function wechatContext(/** @type {import('./lib/invocation-context').InvocationContext} */ ctx, /** @type {number} */ timeoutMs) {
  const environ = Object.entries({ WX_OPENID: ctx.wx.OPENID, WX_APPID: ctx.wx.APPID, WX_UNIONID: ctx.wx.UNIONID, WX_ENV: ctx.wx.ENV, WX_SOURCE: ctx.wx.SOURCE })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(';')
  return {
    callbackWaitsForEmptyEventLoop: false,
    memory_limit_in_mb: 256,
    time_limit_in_ms: timeoutMs,
    request_id: ctx.requestId,
    environ,
    function_version: '$LATEST',
    function_name: ctx.functionName,
    namespace: ctx.wx.ENV,
  }
}

/** WeChat adds `userInfo` to events sent by a mini-program user. @param {any} event @param {any} wx */
function withUserInfo(event, wx) {
  if (!wx.OPENID || wx.SOURCE !== 'wx_client' || !event || typeof event !== 'object' || Array.isArray(event)) return event
  return { ...event, userInfo: { appId: wx.APPID, openId: wx.OPENID } }
}

/** Values cross WeChat's boundaries as JSON: Dates become ISO strings, undefined drops. @param {unknown} value */
function jsonClone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value))
}

/** @template T @param {Promise<T>} promise @param {number} ms @param {string} name @returns {Promise<T>} */
function withTimeout(promise, ms, name) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new CloudError({ errCode: -504003, errMsg: `Invoking task timed out after ${ms / 1000} seconds (${name})`, code: 'TIMEOUT' })), ms)
    timer.unref?.()
  })
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout])).finally(() => clearTimeout(timer))
}

/** Drops Node's cached copies of a function's files so each runtime loads its own instance. @param {string} dir */
function forgetCachedModules(dir) {
  const cache = require.cache
  if (!cache || typeof cache !== 'object') return
  const prefix = dir + path.sep
  for (const key of Object.keys(cache)) {
    if (key.startsWith(prefix) && !key.includes(`${path.sep}node_modules${path.sep}`)) delete cache[key]
  }
}

module.exports = { createRuntime }
