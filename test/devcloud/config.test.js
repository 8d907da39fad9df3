'use strict'
// Project configuration: devcloud.config.json at the project root, overridden by environment
// variables, overridden by explicit options (CLI flags).
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { resolveSettings, parseCliArgs } = require('../../devcloud')
const { startRuntime, closeAll, FIXTURE_FUNCTIONS } = require('./helpers')

afterAll(closeAll)

let root
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'devcloud-config-'))
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

const writeConfig = (config) => fs.writeFileSync(path.join(root, 'devcloud.config.json'), JSON.stringify(config))

test('devcloud.config.json is read from the project root; its paths are relative to it', () => {
  writeConfig({ functionsDir: 'build/functions', indexesFile: 'cf/indexes.json', messagePushFunction: 'onPush', wordListFile: 'words.txt', env: 'prod-like', h5Dir: 'out/h5' })
  const s = resolveSettings({ rootDir: root }, {})
  expect(s).toMatchObject({
    functionsDir: path.join(root, 'build/functions'),
    indexesFile: path.join(root, 'cf/indexes.json'),
    messagePushFunction: 'onPush',
    wordListFile: path.join(root, 'words.txt'),
    env: 'prod-like',
    h5Dir: path.join(root, 'out/h5'),
    dataDir: path.join(root, '.devcloud'),
    dev: false,
    timers: false,
  })
})

test('environment variables override the config file; options override both', () => {
  writeConfig({ env: 'from-file', functionsDir: 'a' })
  const environment = { DEVCLOUD_ENV: 'from-env', DEVCLOUD_FUNCTIONS_DIR: 'b', DATA_DIR: 'data-env', DEVCLOUD_DEV: '1' }
  expect(resolveSettings({ rootDir: root }, environment)).toMatchObject({
    env: 'from-env', functionsDir: path.join(root, 'b'), dataDir: path.join(root, 'data-env'), dev: true,
  })
  expect(resolveSettings({ rootDir: root, env: 'from-flag', dev: false }, environment)).toMatchObject({ env: 'from-flag', dev: false })
})

test('without a config file, defaults apply (indexes from cloudfunctions/indexes.json when present)', () => {
  fs.mkdirSync(path.join(root, 'cloudfunctions'))
  fs.writeFileSync(path.join(root, 'cloudfunctions', 'indexes.json'), '{"collections":{}}')
  const s = resolveSettings({ rootDir: root }, {})
  expect(s.indexesFile).toBe(path.join(root, 'cloudfunctions', 'indexes.json'))
  expect(s.h5Dir).toBe(path.join(root, 'dist/h5'))
  expect(s.functionsDir).toBeUndefined()
})

test('a malformed config file stops start-up with a clear error', () => {
  fs.writeFileSync(path.join(root, 'devcloud.config.json'), '{ nope')
  expect(() => resolveSettings({ rootDir: root }, {})).toThrow(/cannot parse .*devcloud\.config\.json/)
})

test('configFile: false ignores the project file', () => {
  writeConfig({ env: 'from-file' })
  expect(resolveSettings({ rootDir: root, configFile: false }, {}).env).toBe('devcloud-local')
})

test('a runtime started from the project file loads its functions', async () => {
  fs.writeFileSync(path.join(root, 'devcloud.config.json'), JSON.stringify({ functionsDir: FIXTURE_FUNCTIONS, env: 'cfg-env' }))
  const rt = await startRuntime({ rootDir: root })
  expect(rt.env).toBe('cfg-env')
  expect(rt.listFunctions()).toContain('quickstart')
})

test('CLI flags become runtime options; flags left out stay undefined so config and env apply', () => {
  const cli = parseCliArgs(['--port', '9000', '--data', 'd', '--functions', 'f', '--indexes', 'i.json', '--h5', 'h', '--dev', '--timers'])
  expect(cli.port).toBe(9000)
  expect(cli.options).toMatchObject({ dataDir: 'd', functionsDir: 'f', indexesFile: 'i.json', h5Dir: 'h', dev: true, timers: true })
  const bare = parseCliArgs([])
  expect(bare.options.dev).toBeUndefined()
  expect(bare.options.functionsDir).toBeUndefined()
  expect(() => parseCliArgs(['--bogus'])).toThrow()
})
