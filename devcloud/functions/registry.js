'use strict'
// @ts-check
const fs = require('node:fs')
const path = require('node:path')
const { parseCron } = require('../triggers/cron')

/**
 * @typedef {object} TimerTrigger
 * @property {string} name
 * @property {'timer'} type
 * @property {string} config                          the 7-field cron expression
 * @property {import('../triggers/cron').CronSchedule} schedule
 *
 * @typedef {object} FunctionEntry
 * @property {string} name
 * @property {((event: any, context: any) => any) | undefined} main
 * @property {any} module
 * @property {Record<string, any> | null} config      null: registered without config (openapi permissions not enforced)
 * @property {{ actions: Record<string, unknown> } | null} contract
 * @property {TimerTrigger[]} triggers
 * @property {string | undefined} dir
 * @property {Error | undefined} loadError            set when the folder's function failed to load
 */

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$/
const TRIGGER_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/

function createFunctionRegistry() {
  /** @type {Map<string, FunctionEntry>} */
  const entries = new Map()

  /**
   * @param {string} name
   * @param {any} moduleExports
   * @param {Record<string, any> | null | undefined} config
   * @param {{ dir?: string }} [origin]
   */
  function register(name, moduleExports, config, origin = {}) {
    if (!NAME_PATTERN.test(name)) throw new Error(`invalid cloud function name "${name}"`)
    const main = pickExport(moduleExports, 'main')
    if (typeof main !== 'function') throw new Error(`cloud function "${name}" does not export main(event, context)`)
    const contract = pickExport(moduleExports, 'contract')
    /** @type {FunctionEntry} */
    const entry = {
      name,
      main,
      module: moduleExports,
      config: config ?? null,
      contract: contract && typeof contract === 'object' ? contract : null,
      triggers: parseTriggers(name, config),
      dir: origin.dir,
      loadError: undefined,
    }
    entries.set(name, entry)
    return entry
  }

  /** Keeps a function that failed to load visible, so calling it explains why. @param {string} name @param {Error} error @param {string} dir */
  function registerBroken(name, error, dir) {
    entries.set(name, { name, main: undefined, module: undefined, config: null, contract: null, triggers: [], dir, loadError: error })
  }

  return {
    register,
    registerBroken,
    /** @param {string} name */
    get: (name) => entries.get(name),
    /** @param {string} name */
    has: (name) => entries.has(name),
    list: () => [...entries.values()],
    clear: () => entries.clear(),
  }
}

/** TypeScript compiled to CommonJS may put exports under `default`. @param {any} mod @param {string} key */
function pickExport(mod, key) {
  if (mod == null) return undefined
  if (mod[key] !== undefined) return mod[key]
  return mod.default?.[key]
}

/** @param {string} fnName @param {Record<string, any> | null | undefined} config @returns {TimerTrigger[]} */
function parseTriggers(fnName, config) {
  const list = config?.triggers
  if (list === undefined) return []
  if (!Array.isArray(list)) throw new Error(`${fnName}/config.json: "triggers" must be an array`)
  const seen = new Set()
  return list.map((t) => {
    if (!t || typeof t !== 'object') throw new Error(`${fnName}/config.json: each trigger must be an object`)
    if (t.type !== 'timer') throw new Error(`${fnName}/config.json: trigger "${t.name}" has type "${t.type}"; only "timer" exists`)
    if (typeof t.name !== 'string' || !TRIGGER_NAME_PATTERN.test(t.name)) throw new Error(`${fnName}/config.json: invalid trigger name "${t.name}"`)
    if (seen.has(t.name)) throw new Error(`${fnName}/config.json: duplicate trigger "${t.name}"`)
    seen.add(t.name)
    return { name: t.name, type: 'timer', config: t.config, schedule: parseCron(t.config) }
  })
}

/**
 * Finds the functions in a folder: each subfolder with an index.js, plus its config.json.
 * @param {string} functionsDir
 * @returns {{ name: string, dir: string, entryFile: string, configFile: string | undefined }[]}
 */
function discoverFunctions(functionsDir) {
  if (!fs.existsSync(functionsDir)) return []
  return fs.readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules')
    .map((d) => {
      const dir = path.join(functionsDir, d.name)
      const configFile = path.join(dir, 'config.json')
      return { name: d.name, dir, entryFile: path.join(dir, 'index.js'), configFile: fs.existsSync(configFile) ? configFile : undefined }
    })
    .filter((f) => fs.existsSync(f.entryFile))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** @param {string} file */
function readConfigFile(file) {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8'))
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('must hold a JSON object')
    return parsed
  } catch (err) {
    throw new Error(`cannot read ${file}: ${/** @type {Error} */ (err).message}`)
  }
}

module.exports = { createFunctionRegistry, discoverFunctions, readConfigFile, parseTriggers }
