'use strict'
// @ts-check
/**
 * devcloud: a local stand-in for WeChat cloud development. Functions written for production
 * (`require('wx-server-sdk')`) run on it unchanged; the H5 build talks to it over HTTP.
 *
 *   const { createRuntime } = require('./devcloud')
 *   const rt = createRuntime({ functionsDir, dev: true })
 *   await rt.start(); await rt.listen(8080)
 */
const { createRuntime } = require('./runtime')
const { loadProjectConfig, CONFIG_FILE } = require('./lib/project-config')
const { resolveSettings } = require('./lib/settings')
const { parseCron, formatTriggerTime } = require('./triggers/cron')
const { parseCliArgs, runCli } = require('./cli')

module.exports = { createRuntime, loadProjectConfig, resolveSettings, CONFIG_FILE, parseCron, formatTriggerTime, parseCliArgs, runCli }
