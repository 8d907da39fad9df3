// Starts the product the way a newcomer does (scripts/start.mjs, i.e. `npm start`) on a free port with
// a fresh data folder, waits for READY, and hands the URL to the tests.
const { spawn } = require('node:child_process')
const { mkdtempSync } = require('node:fs')
const os = require('node:os')
const path = require('node:path')

module.exports = async function globalSetup() {
  const root = path.resolve(__dirname, '../../..')
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wmtx-e2e-'))
  const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--data', dataDir, '--no-build', '--no-timers'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`devcloud did not become ready in 60 s:\n${output}`)), 60000)
    const onData = (chunk) => {
      output += chunk
      const m = /READY (http\S+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (c) => (output += c))
    child.on('exit', (code) => reject(new Error(`devcloud exited with ${code} before ready:\n${output}`)))
  })
  process.env.E2E_BASE_URL = url
  process.env.E2E_DATA_DIR = dataDir
  globalThis.__E2E_DEVCLOUD__ = child
}
