#!/usr/bin/env node
// `npm start`: build what is stale, start devcloud (the local WeChat cloud) in dev mode with the
// demo city seeded, serve the H5 app, and print where to open it and who to be.
//
// Flags: --port N (default $PORT or 8080; 0 = any free port), --data DIR (default $DATA_DIR or .devcloud),
//        --no-build (use dist/ as it is), --no-seed, --no-timers.
import { createRequire } from 'node:module'
import { spawnSync } from 'node:child_process'
import { existsSync, statSync, readdirSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

const require = createRequire(import.meta.url)
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT || '8080' },
    data: { type: 'string', default: process.env.DATA_DIR || path.join(root, '.devcloud') },
    'no-build': { type: 'boolean', default: false },
    'no-seed': { type: 'boolean', default: false },
    'no-timers': { type: 'boolean', default: false },
  },
})

/** Newest modification time under a folder (skipping dependencies), to tell whether a build is stale. */
function newestMtime(dir) {
  let newest = 0
  if (!existsSync(dir)) return newest
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

function buildIfStale(name, outputMarker, sources) {
  const marker = path.join(root, outputMarker)
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0
  const changed = Math.max(...sources.map((s) => newestMtime(path.join(root, s))))
  if (built && built >= changed) return
  console.log(`[start] ${name} is ${built ? 'stale' : 'missing'} — building …`)
  const run = spawnSync('npm', ['run', '--silent', name], { cwd: root, stdio: 'inherit' })
  if (run.status !== 0) {
    console.error(`[start] ${name} failed; fix the error above and run npm start again.`)
    process.exit(1)
  }
}

/** The demo seed is TypeScript; bundle it once per start with esbuild and load it. */
async function loadSeed() {
  const esbuild = require('esbuild')
  const outfile = path.join(root, '.tmp', 'seed.cjs')
  mkdirSync(path.dirname(outfile), { recursive: true })
  await esbuild.build({
    entryPoints: [path.join(root, 'scripts/seed/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['wx-server-sdk'],
    logLevel: 'warning',
    alias: { '@': path.join(root, 'src') },
  })
  delete require.cache[outfile]
  return require(outfile)
}

async function main() {
  if (!args['no-build']) {
    buildIfStale('build:functions', 'dist/cloudfunctions/user/index.js', ['cloudfunctions', 'src/domain'])
    buildIfStale('build:h5', 'dist/h5/index.html', ['src', 'config'])
  }
  const { createRuntime } = require(path.join(root, 'devcloud'))
  const rt = createRuntime({
    dataDir: path.resolve(args.data),
    functionsDir: path.join(root, 'dist/cloudfunctions'),
    indexesFile: path.join(root, 'cloudfunctions/indexes.json'),
    h5Dir: path.join(root, 'dist/h5'),
    dev: true,
    timers: !args['no-timers'],
  })
  await rt.start()

  let accounts = []
  if (!args['no-seed']) {
    const seed = await loadSeed()
    const sdk = require(path.join(root, 'devcloud/sdk'))
    const summary = await seed.seedDemoCity(sdk.database(), { now: () => new Date(rt.clock.now()) })
    accounts = seed.DEMO_ACCOUNTS || []
    if (summary) console.log(`[start] demo city ready: ${typeof summary === 'string' ? summary : JSON.stringify(summary)}`)
  }

  const server = await rt.listen(Number(args.port))
  const { port } = server.address()
  const url = `http://localhost:${port}/`
  const shutdown = async (signal) => {
    console.log(`[start] ${signal}: stopping devcloud …`)
    await rt.close()
    process.exit(0)
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))

  console.log('')
  console.log(`  文明同行 is running: ${url}`)
  console.log(`  data: ${path.resolve(args.data)}   (delete it to start over with fresh demo data)`)
  if (accounts.length) {
    console.log('  demo accounts — switch with the 身份 button at the bottom left, or open ' + `${url}?as=<openid>`)
    for (const a of accounts) console.log(`    ${a.openid.padEnd(16)} ${a.label}`)
  }
  console.log('')
  console.log(`READY ${url}`)
}

main().catch((err) => {
  console.error('[start] failed:', err)
  process.exit(1)
})
