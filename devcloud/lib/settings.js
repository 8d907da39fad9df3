'use strict'
// @ts-check
const fs = require('node:fs')
const path = require('node:path')
const { loadProjectConfig } = require('./project-config')
const { DEFAULT_WORD_LIST_FILE } = require('../openapi/wordlist')

/**
 * @typedef {object} RuntimeOptions
 * @property {string} [rootDir]              project root (default: cwd); devcloud.config.json is read from here
 * @property {string | false} [configFile]   explicit config file, or false to ignore devcloud.config.json
 * @property {string} [dataDir]              default DATA_DIR or `.devcloud`
 * @property {string} [functionsDir]         folder of `<name>/index.js` functions
 * @property {string} [indexesFile]          default `cloudfunctions/indexes.json` when it exists
 * @property {string} [h5Dir]                default `dist/h5`
 * @property {string} [wordListFile]         default devcloud/openapi/wordlist.txt
 * @property {string} [messagePushFunction]  function receiving message-push events
 * @property {boolean} [dev]                 dev mode: X-Dev-User identity, /api/dev routes, CORS
 * @property {boolean} [timers]              schedule timer triggers while running (default off)
 * @property {string} [env]                  cloud env id (default `devcloud-local`)
 * @property {string} [appid]                mini-program AppID reported in getWXContext
 * @property {string} [originalId]           mini-program gh_ id (ToUserName of pushes)
 * @property {string} [publicUrl]            absolute origin for temp URLs (default: the request's own origin)
 * @property {number} [maxBodyBytes]         JSON body limit (default 1 MiB)
 * @property {number} [maxUploadBytes]       upload limit (default 10 MiB, WeChat's media-check limit)
 * @property {number} [mediaCheckDelayMs]    delay before the wxa_media_check push (default 100)
 * @property {string} [mediaRiskMarker]      marker making media checks risky (default BLOCKME)
 * @property {number} [defaultTimeoutMs]     function time limit when config.json sets none (default 60000)
 * @property {string} [logLevel]             silent|error|warn|info|debug (default LOG_LEVEL or info)
 * @property {import('./logger').Logger} [logger]
 */

/**
 * Precedence: explicit options (CLI flags) > environment variables > devcloud.config.json > defaults.
 * @param {RuntimeOptions} options
 * @param {NodeJS.ProcessEnv} [environment]
 */
function resolveSettings(options = {}, environment = process.env) {
  const rootDir = path.resolve(options.rootDir ?? process.cwd())
  const project = options.configFile === false ? {} : loadProjectConfig(rootDir, options.configFile || undefined)
  const e = environment
  /** @param {string | undefined} p */
  const abs = (p) => (p ? path.resolve(rootDir, p) : undefined)
  const defaultIndexes = path.join(rootDir, 'cloudfunctions', 'indexes.json')

  return {
    rootDir,
    configFile: /** @type {any} */ (project).file,
    dataDir: abs(options.dataDir ?? e.DATA_DIR ?? '.devcloud'),
    functionsDir: abs(options.functionsDir ?? e.DEVCLOUD_FUNCTIONS_DIR ?? project.functionsDir),
    indexesFile: abs(options.indexesFile ?? e.DEVCLOUD_INDEXES_FILE ?? project.indexesFile ?? (fs.existsSync(defaultIndexes) ? defaultIndexes : undefined)),
    h5Dir: /** @type {string} */ (abs(options.h5Dir ?? e.DEVCLOUD_H5_DIR ?? project.h5Dir ?? 'dist/h5')),
    wordListFile: /** @type {string} */ (abs(options.wordListFile ?? e.DEVCLOUD_WORDLIST ?? project.wordListFile) ?? DEFAULT_WORD_LIST_FILE),
    messagePushFunction: options.messagePushFunction ?? e.DEVCLOUD_MESSAGE_PUSH_FUNCTION ?? project.messagePushFunction,
    dev: options.dev ?? flag(e.DEVCLOUD_DEV) ?? false,
    timers: options.timers ?? flag(e.DEVCLOUD_TIMERS) ?? false,
    env: options.env ?? e.DEVCLOUD_ENV ?? project.env ?? 'devcloud-local',
    appid: options.appid ?? e.DEVCLOUD_APPID ?? project.appid ?? 'wx0000000000000000',
    originalId: options.originalId ?? 'gh_000000000000',
    publicUrl: trimSlash(options.publicUrl ?? e.DEVCLOUD_PUBLIC_URL),
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    maxUploadBytes: options.maxUploadBytes ?? 10 * 1024 * 1024,
    mediaCheckDelayMs: options.mediaCheckDelayMs ?? 100,
    mediaRiskMarker: options.mediaRiskMarker ?? 'BLOCKME',
    defaultTimeoutMs: options.defaultTimeoutMs ?? 60_000,
    logLevel: options.logLevel ?? e.LOG_LEVEL ?? 'info',
  }
}

/** @param {string | undefined} v @returns {boolean | undefined} */
function flag(v) {
  if (v === undefined || v === '') return undefined
  return /^(1|true|yes|on)$/i.test(v)
}

/** @param {string | undefined} url */
function trimSlash(url) {
  return url ? url.replace(/\/+$/, '') : undefined
}

/** @typedef {ReturnType<typeof resolveSettings>} Settings */

module.exports = { resolveSettings }
