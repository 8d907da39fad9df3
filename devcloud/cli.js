'use strict'
// @ts-check
const { parseArgs } = require('node:util')

const USAGE = `usage: devcloud [options]
  --port <n>          HTTP port (default PORT or 8080)
  --host <addr>       bind address (default all interfaces)
  --data <dir>        data directory (default DATA_DIR or .devcloud/)
  --functions <dir>   folder of <name>/index.js cloud functions
  --indexes <file>    indexes.json (default cloudfunctions/indexes.json)
  --h5 <dir>          built H5 app to serve at / (default dist/h5)
  --config <file>     devcloud.config.json to use (default ./devcloud.config.json)
  --env <id>          cloud environment id
  --wordlist <file>   msgSecCheck word list
  --dev               dev mode: X-Dev-User identity, /api/dev routes, CORS
  --timers            run timer triggers on the real clock
  --help`

/**
 * Turns CLI flags into createRuntime options (flags left out stay undefined, so environment
 * variables and devcloud.config.json still apply).
 * @param {string[]} argv  arguments after the script name
 */
function parseCliArgs(argv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      functions: { type: 'string' },
      indexes: { type: 'string' },
      h5: { type: 'string' },
      config: { type: 'string' },
      env: { type: 'string' },
      wordlist: { type: 'string' },
      dev: { type: 'boolean' },
      timers: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  })
  const port = Number(values.port ?? process.env.PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`)
  return {
    help: Boolean(values.help),
    port,
    host: values.host,
    /** @type {import('./lib/settings').RuntimeOptions} */
    options: {
      dataDir: values.data,
      functionsDir: values.functions,
      indexesFile: values.indexes,
      h5Dir: values.h5,
      configFile: values.config,
      env: values.env,
      wordListFile: values.wordlist,
      dev: values.dev,
      timers: values.timers,
    },
  }
}

/**
 * Starts runtime + server and stops both on SIGINT/SIGTERM. `beforeListen(rt)` lets a start
 * script seed data once the runtime is up and before requests arrive.
 * @param {string[]} argv
 * @param {{ beforeListen?: (rt: any) => unknown }} [hooks]
 */
async function runCli(argv, hooks = {}) {
  const { createRuntime } = require('./runtime')
  const cli = parseCliArgs(argv)
  if (cli.help) {
    console.log(USAGE)
    return undefined
  }
  const rt = createRuntime(cli.options)
  await rt.start()
  await hooks.beforeListen?.(rt)
  const server = await rt.listen(cli.port, cli.host)
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  rt.logger.info(`listening on http://localhost:${address.port} (env ${rt.env}${rt.dev ? ', dev mode' : ''}${rt.settings.timers ? ', timers on' : ''}; data ${rt.settings.dataDir})`)
  const stop = async (/** @type {string} */ signal) => {
    rt.logger.info(`${signal}: shutting down`)
    await rt.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
  return { rt, server }
}

module.exports = { parseCliArgs, runCli, USAGE }
