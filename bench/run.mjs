#!/usr/bin/env node
// `npm run bench`: bundles the benchmark (TypeScript, it reuses the domain and the seed) with esbuild and
// runs it in a node with room for the 100k city in memory. Options: see bench/main.ts.
import { createRequire } from 'node:module'
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const require = createRequire(import.meta.url)
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const outfile = path.join(root, '.tmp', 'bench.cjs')

require('esbuild').buildSync({
  entryPoints: [path.join(root, 'bench/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // devcloud is loaded at run time (it resolves wx-server-sdk for the seed and the functions); chromium's driver too.
  external: ['wx-server-sdk', 'playwright-core', 'esbuild'],
  alias: { '@': path.join(root, 'src') },
  logLevel: 'warning',
})
const run = spawnSync(process.execPath, ['--max-old-space-size=8192', outfile, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
process.exit(run.status ?? 1)
