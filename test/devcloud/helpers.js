'use strict'
// Shared set-up for devcloud tests: each runtime gets its own temp data dir and an empty
// project root, so no developer's devcloud.config.json or DATA_DIR leaks in.
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { createRuntime } = require('../../devcloud')

const FIXTURES = path.join(__dirname, 'fixtures')
const FIXTURE_FUNCTIONS = path.join(FIXTURES, 'functions')
const FIXTURE_INDEXES = path.join(FIXTURES, 'indexes.json')

/** @type {Set<{ rt: any, dir: string }>} */
const open = new Set()

/**
 * @param {import('../../devcloud/lib/settings').RuntimeOptions} [options]
 */
async function startRuntime(options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devcloud-test-'))
  const rt = createRuntime({
    rootDir: dir,
    dataDir: path.join(dir, 'data'),
    h5Dir: path.join(dir, 'h5'),
    indexesFile: FIXTURE_INDEXES,
    logLevel: 'silent',
    mediaCheckDelayMs: 10,
    ...options,
  })
  await rt.start()
  open.add({ rt, dir })
  return rt
}

async function closeAll() {
  for (const entry of open) {
    await entry.rt.close()
    fs.rmSync(entry.dir, { recursive: true, force: true })
  }
  open.clear()
}

/** Base URL of a listening server. @param {import('node:http').Server} server */
function baseUrl(server) {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  return `http://127.0.0.1:${address.port}`
}

/** Polls until check() returns a truthy value or the time runs out. @template T @param {() => T | Promise<T>} check */
async function eventually(check, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

module.exports = { startRuntime, closeAll, baseUrl, eventually, FIXTURES, FIXTURE_FUNCTIONS, FIXTURE_INDEXES }
