/**
 * `npm run bench` (bench/run.mjs bundles and starts this): builds under the shared dist lock and copies
 * the output, measures package sizes and the photo pipeline, then for each scale seeds a fresh devcloud,
 * serves it over HTTP, drives every key action from a second process (bench/load.mjs) for latencies, and
 * counts one call's database round trips and documents examined. Prints a table and writes
 * bench/results.json.
 *
 *   npm run bench                              # 1k, 10k, 100k
 *   npm run bench -- --sizes 1k,10k            # a quicker run
 *   npm run bench -- --no-build --no-photo     # reuse dist/ as it is; skip chromium
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { seedDemoCity } from '../scripts/seed'
import { ACTION_SPECS, surveyAnswers, type BenchRequest, type SpecContext } from './actions'
import { photoBench } from './photo'
import { percentile, resultsSchema, SCALE_LABELS, SCALES, type ActionResult, type Results, type ScaleLabel } from './results'
import { seedScale } from './seed'
import { functionSizes, h5FirstLoad, weappSizes } from './sizes'
import { printTable } from './table'

const ROOT = path.resolve(__dirname, '..')
const DIST_LOCK = '/tmp/dist.lock'

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: SCALE_LABELS.join(',') },
    requests: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '10' },
    out: { type: 'string', default: path.join(ROOT, 'bench/results.json') },
    'no-build': { type: 'boolean', default: false },
    'no-photo': { type: 'boolean', default: false },
  },
})

const log = (msg: string) => console.log(`[bench] ${msg}`)

/** Builds (unless --no-build) and copies dist/ while holding the lock others build under. */
function snapshotDist(into: string): void {
  const build = args['no-build'] ? '' : 'npm run build:functions && npm run build:h5 && npm run build:weapp && '
  const logFile = path.join(ROOT, 'bench/data/build.log')
  log(`${build ? 'building and copying' : 'copying'} dist/ under ${DIST_LOCK} (build output: bench/data/build.log) …`)
  const run = spawnSync('flock', [DIST_LOCK, '-c', `${build}cp -r dist/weapp dist/h5 dist/cloudfunctions ${JSON.stringify(into)}`], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  writeFileSync(logFile, `${run.stdout ?? ''}${run.stderr ?? ''}`)
  if (run.status !== 0) throw new Error(`build or copy of dist/ failed (exit ${run.status}); see bench/data/build.log`)
}

interface DevcloudRuntime {
  start(): Promise<unknown>
  close(): Promise<void>
  listen(port: number, host?: string): Promise<import('node:http').Server>
  listFunctions(): string[]
  database(): any
  invokeWithStats(name: string, event: unknown, identity: { openid: string }): Promise<{ result: any; stats: { dbRoundTrips: number; docsExamined: number; ops: { collection: string; op: string; examined: number; plan?: string }[] } }>
  clock: { now(): number }
  storageApi: SpecContext['rt']['storageApi']
}

const INDEXES_FILE = path.join(ROOT, 'cloudfunctions/indexes.json')

function newRuntime(dataDir: string, functionsDir?: string): DevcloudRuntime {
  const { createRuntime } = require(path.join(ROOT, 'devcloud')) as { createRuntime(o: Record<string, unknown>): DevcloudRuntime }
  return createRuntime({ rootDir: ROOT, configFile: false, dataDir, functionsDir, indexesFile: INDEXES_FILE, dev: true, timers: false, logLevel: 'silent', messagePushFunction: 'report' })
}

/**
 * The demo city through a runtime (its photos go to storage), then the bulk straight into the database
 * engine with checkpoints deferred to the close: a checkpoint rewrites the whole store, and one every
 * 16 MiB of log while 100k documents arrive would write it dozens of times over.
 */
async function seedCity(dataDir: string, reports: number, now: Date): Promise<Record<string, number>> {
  const demo = newRuntime(dataDir)
  await demo.start()
  await seedDemoCity(demo.database(), { now })
  await demo.close()
  const { openDatabase } = require(path.join(ROOT, 'devcloud/db')) as { openDatabase(o: Record<string, unknown>): Promise<{ database(): any; close(): Promise<void> }> }
  const engine = await openDatabase({ dir: path.join(dataDir, 'db'), indexes: JSON.parse(readFileSync(INDEXES_FILE, 'utf8')), checkpointBytes: Number.MAX_SAFE_INTEGER })
  try {
    return await seedScale(engine.database(), reports, now)
  } finally {
    await engine.close()
  }
}

interface LoadOutput {
  [key: string]: { ms: number[]; failures: number; firstError: string | null }
}

function runLoad(planFile: string): Promise<LoadOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bench/load.mjs'), planFile], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator exited with ${code}`))))
  })
}

interface ScaleFigures {
  seeded: Record<string, number>
  actions: Record<string, { p50: number; p95: number; trips: number; examined: number; plans: string[]; requests: number; failures: number } | { missing: string }>
}

async function measureScale(label: ScaleLabel, functionsDir: string, opts: { requests: number; concurrency: number; warmup: number }): Promise<ScaleFigures> {
  const reports = SCALES[label]
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `wenming-bench-${label}-`))
  const rt = newRuntime(dataDir, functionsDir)
  try {
    let t = Date.now()
    const now = new Date()
    const seeded = await seedCity(dataDir, reports, now)
    log(`${label}: seeded ${Object.entries(seeded).map(([c, n]) => `${n} ${c}`).join(', ')} in ${((Date.now() - t) / 1000).toFixed(1)} s`)
    await rt.start()

    const server = await rt.listen(0, '127.0.0.1')
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`
    const ctx: SpecContext = { rt, tag: `${label}-${Date.now().toString(36)}`, reports, surveyAnswers: await surveyAnswers(rt.database()) }
    const present = new Set(rt.listFunctions())
    const figures: ScaleFigures = { seeded, actions: {} }
    const planned: { key: string; concurrency: number; warmup: number; requests: BenchRequest[] }[] = []
    t = Date.now()
    for (const spec of ACTION_SPECS) {
      if (!present.has(spec.fn)) {
        figures.actions[spec.key] = { missing: `cloud function ${spec.fn} does not exist yet` }
        continue
      }
      const warmup = spec.warmup ?? opts.warmup
      const count = warmup + Math.min(opts.requests, spec.requests ?? opts.requests)
      const requests: BenchRequest[] = []
      for (let i = 0; i < count; i++) requests.push(await spec.request(i, ctx))
      planned.push({ key: spec.key, concurrency: opts.concurrency, warmup, requests })
    }
    const planFile = path.join(dataDir, 'plan.json')
    writeFileSync(planFile, JSON.stringify({ url, actions: planned }))
    log(`${label}: load from a second process (${opts.concurrency} in flight) …`)
    const load = await runLoad(planFile)
    log(`${label}: load done in ${((Date.now() - t) / 1000).toFixed(1)} s`)

    // One more call of each, in-process, for the database cost devcloud counts per invocation.
    for (const spec of ACTION_SPECS) {
      const timing = load[spec.key]
      if (!timing) continue
      const req = await spec.request(opts.warmup + opts.requests + 1, ctx)
      const { result, stats } = await rt.invokeWithStats(req.fn, { action: req.action, payload: req.payload }, { openid: req.openid })
      if (!result?.ok) {
        figures.actions[spec.key] = { missing: `${spec.key} failed: ${JSON.stringify(result).slice(0, 200)}` }
        continue
      }
      if (timing.failures) log(`${label}: ${spec.key}: ${timing.failures} of ${timing.ms.length} failed, first: ${timing.firstError}`)
      figures.actions[spec.key] = {
        p50: percentile(timing.ms, 50),
        p95: percentile(timing.ms, 95),
        trips: stats.dbRoundTrips,
        examined: stats.docsExamined,
        plans: [...new Set(stats.ops.filter((o) => o.plan).map((o) => `${o.collection} ${o.plan}`))].sort(),
        requests: timing.ms.length,
        failures: timing.failures,
      }
    }
    return figures
  } finally {
    await rt.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

function combine(scales: ScaleLabel[], perScale: Record<string, ScaleFigures>, concurrency: number): Results['actions'] {
  const actions: Results['actions'] = {}
  for (const spec of ACTION_SPECS) {
    const measured = scales.map((s) => [s, perScale[s].actions[spec.key]] as const)
    const missing = measured.find(([, f]) => !f || 'missing' in f)
    if (missing) {
      const f = missing[1]
      actions[spec.key] = { missing: f && 'missing' in f ? f.missing : 'not measured' }
      continue
    }
    const ok = measured as (readonly [ScaleLabel, Exclude<ScaleFigures['actions'][string], { missing: string }>])[]
    const first = ok[0][1]
    const last = ok[ok.length - 1][1]
    const entry: ActionResult = {
      db_round_trips: last.trips,
      docs_examined: last.examined,
      p50_ms: Object.fromEntries(ok.map(([s, f]) => [s, f.p50])),
      p95_ms: Object.fromEntries(ok.map(([s, f]) => [s, f.p95])),
      db_round_trips_by_scale: Object.fromEntries(ok.map(([s, f]) => [s, f.trips])),
      docs_examined_by_scale: Object.fromEntries(ok.map(([s, f]) => [s, f.examined])),
      p95_ratio: ok.length > 1 && first.p95 > 0 ? Math.round((last.p95 / first.p95) * 100) / 100 : null,
      plans: last.plans,
      requests: last.requests,
      concurrency,
      failures: ok.reduce((n, [, f]) => n + f.failures, 0),
    }
    actions[spec.key] = entry
  }
  return actions
}

async function main() {
  const started = Date.now()
  const scales = args.sizes.split(',').map((s) => s.trim()) as ScaleLabel[]
  for (const s of scales) if (!(s in SCALES)) throw new Error(`unknown size ${s}; use ${SCALE_LABELS.join(',')}`)
  scales.sort((a, b) => SCALES[a] - SCALES[b])
  const opts = { requests: Number(args.requests), concurrency: Number(args.concurrency), warmup: Number(args.warmup) }

  mkdirSync(path.join(ROOT, 'bench/data'), { recursive: true })
  const snap = mkdtempSync(path.join(os.tmpdir(), 'wenming-bench-dist-'))
  try {
    snapshotDist(snap)
    const fn = functionSizes(path.join(snap, 'cloudfunctions'), path.join(ROOT, 'devcloud/lib/sdk-resolver.js'))
    const h5 = h5FirstLoad(path.join(snap, 'h5'))
    const sizes = { ...weappSizes(path.join(snap, 'weapp')), h5_first_load_js_bytes: h5.bytes, h5_first_load_js_gzip_bytes: h5.gzipBytes, ...fn }
    log('sizes measured')

    let photo: Results['photo'] | null = null
    if (!args['no-photo']) {
      photo = await photoBench()
      log(`photo: ${photo.bytes_in} → ${photo.bytes_out} bytes in ${photo.ms} ms`)
    }

    const perScale: Record<string, ScaleFigures> = {}
    for (const s of scales) perScale[s] = await measureScale(s, path.join(snap, 'cloudfunctions'), opts)

    const results: Results = {
      actions: combine(scales, perScale, opts.concurrency),
      sizes,
      photo,
      meta: {
        generatedAt: new Date().toISOString(),
        command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, ''),
        scales,
        seeded: Object.fromEntries(scales.map((s) => [s, perScale[s].seeded])),
        node: process.version,
        cpus: os.cpus().length,
        durationSec: Math.round((Date.now() - started) / 1000),
      },
    }
    resultsSchema.parse(results)
    writeFileSync(args.out, JSON.stringify(results, null, 2) + '\n')
    printTable(results)
    log(`wrote ${path.relative(process.cwd(), args.out)} in ${results.meta.durationSec} s`)
  } finally {
    rmSync(snap, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error('[bench] failed:', err)
  process.exit(1)
})
