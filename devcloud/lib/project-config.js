'use strict'
// @ts-check
const fs = require('node:fs')
const path = require('node:path')

/**
 * The optional project file `devcloud.config.json` at the project root.
 * @typedef {object} ProjectConfig
 * @property {string} [functionsDir]          folder of `<name>/index.js` functions
 * @property {string} [indexesFile]           `cloudfunctions/indexes.json`-shaped file
 * @property {string} [messagePushFunction]   receives message-push events (wxa_media_check)
 * @property {string} [wordListFile]          msgSecCheck word list
 * @property {string} [env]                   cloud environment id
 * @property {string} [h5Dir]                 built H5 app to serve at /
 * @property {string} [appid]
 */

const CONFIG_FILE = 'devcloud.config.json'
const PATH_KEYS = /** @type {const} */ (['functionsDir', 'indexesFile', 'wordListFile', 'h5Dir'])

/**
 * Reads `devcloud.config.json` from rootDir; paths in it are resolved against rootDir.
 * A missing file is an empty config; a malformed one is an error worth stopping for.
 * @param {string} rootDir
 * @param {string} [file]  explicit config path (overrides the default location)
 * @returns {ProjectConfig & { file?: string }}
 */
function loadProjectConfig(rootDir, file) {
  const configPath = path.resolve(rootDir, file ?? CONFIG_FILE)
  if (!fs.existsSync(configPath)) {
    if (file) throw new Error(`devcloud config not found: ${configPath}`)
    return {}
  }
  let raw
  try {
    raw = JSON.parse(fs.readFileSync(configPath, 'utf8'))
  } catch (err) {
    throw new Error(`cannot parse ${configPath}: ${/** @type {Error} */ (err).message}`)
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${configPath} must hold a JSON object`)
  /** @type {any} */
  const config = { ...raw, file: configPath }
  const base = path.dirname(configPath)
  for (const key of PATH_KEYS) {
    if (typeof config[key] === 'string') config[key] = path.resolve(base, config[key])
  }
  return config
}

module.exports = { loadProjectConfig, CONFIG_FILE }
