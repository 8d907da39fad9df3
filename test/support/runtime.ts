/**
 * Test harness: a devcloud runtime on a fresh temp directory, our TypeScript functions registered
 * (imported through jest, so `wx-server-sdk` is devcloud's SDK), optionally the demo city seeded.
 *
 *   const cloud = await startCloud({ seed: true })
 *   const me = await cloud.as('demo-resident').call('user', 'me')
 *   await cloud.close()
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Database } from 'wx-server-sdk'
import type { Envelope, Fail } from '../../src/domain/core/envelope'
import type { ActionInput, ActionName, ActionOutput } from '../../src/domain/core/contract'
import type { Contracts, FunctionName } from '../../src/domain/contracts'
import { seedDemoCity, type SeedResult } from '../../scripts/seed'

export const ROOT = path.resolve(__dirname, '..', '..')
export const INDEXES_FILE = path.join(ROOT, 'cloudfunctions', 'indexes.json')

/** The slice of devcloud's runtime the tests use. */
export interface DevcloudRuntime {
  start(): Promise<unknown>
  close(): Promise<void>
  registerFunction(name: string, moduleExports: unknown, config?: Record<string, unknown>): unknown
  invoke(name: string, event?: unknown, identity?: { openid?: string; source?: string }): Promise<unknown>
  invokeWithStats(
    name: string,
    event?: unknown,
    identity?: { openid?: string },
  ): Promise<{ result: unknown; stats: { dbRoundTrips: number; docsExamined: number; ops: { collection: string; op: string; examined?: number; returned?: number; plan?: string }[] } }>
  database(options?: Record<string, unknown>): Database
  contracts(): { functions: Record<string, { actions: Record<string, unknown> }> }
  clock: { now(): number; set(t: number | Date | string): number; advance(ms: number): number; reset(): number }
  /** Fires a timer trigger declared in the function's config.json. */
  runTrigger(fn: string, trigger: string): Promise<any>
  /** Subscribe messages sent (openapi.subscribeMessage.send), oldest first. */
  outbox: { touser: string; templateId: string; page?: string; data: Record<string, { value: string }>; sentAt: string; fromFunction?: string }[]
  /** Media checks requested (openapi.security.mediaCheckAsync) and their verdicts. */
  mediaChecks: { traceId: string; mediaUrl: string; openid?: string; suggest: string }[]
  /** Waits for delayed work (media-check pushes). */
  settle(): Promise<void>
  /** Storage as the SDK and HTTP routes use it; `by.uploader` records who uploaded. */
  storageApi: { uploadFile(params: { cloudPath: string; fileContent: Buffer | string }, by?: { uploader?: string | null }): Promise<{ fileID: string }> }
}

export function loadDevcloud(): { createRuntime(options: Record<string, unknown>): DevcloudRuntime } {
  return require('../../devcloud')
}

/** Our functions, as TypeScript sources. */
export function sourceFunctions(): Record<string, unknown> {
  return {
    user: require('../../cloudfunctions/user/index'),
    city: require('../../cloudfunctions/city/index'),
    report: require('../../cloudfunctions/report/index'),
    volunteer: require('../../cloudfunctions/volunteer/index'),
    board: require('../../cloudfunctions/board/index'),
    audit: require('../../cloudfunctions/audit/index'),
    stats: require('../../cloudfunctions/stats/index'),
    assess: require('../../cloudfunctions/assess/index'),
    ledger: require('../../cloudfunctions/ledger/index'),
    open311: require('../../cloudfunctions/open311/index'),
  }
}

/** cloudfunctions/<name>/config.json, if the function has one. */
export function functionConfig(name: string): Record<string, unknown> | undefined {
  const file = path.join(ROOT, 'cloudfunctions', name, 'config.json')
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined
}

type Payload<F extends FunctionName, A extends string> = A extends ActionName<Contracts[F]> ? ActionInput<Contracts[F], A> : Record<string, unknown>
type Data<F extends FunctionName, A extends string> = A extends ActionName<Contracts[F]> ? ActionOutput<Contracts[F], A> : unknown

export interface Caller {
  /** The raw envelope. Action names and payloads are typed for our contracts, loose otherwise. */
  call<F extends FunctionName, A extends string>(fn: F, action: A, payload?: Payload<F, A> | unknown): Promise<Envelope<Data<F, A>>>
  call(fn: string, action: string, payload?: unknown): Promise<Envelope<any>>
  /** The data of a successful call; throws with the envelope otherwise. */
  ok<F extends FunctionName, A extends ActionName<Contracts[F]>>(fn: F, action: A, payload?: ActionInput<Contracts[F], A>): Promise<ActionOutput<Contracts[F], A>>
  ok(fn: string, action: string, payload?: unknown): Promise<any>
  /** The failure of a call; throws if it succeeded. */
  fail(fn: string, action: string, payload?: unknown): Promise<Fail>
}

export interface TestCloud {
  rt: DevcloudRuntime
  db: Database
  dataDir: string
  seed?: SeedResult
  as(openid: string): Caller
  /** A caller without OPENID (as a timer or an unidentified HTTP call would be). */
  anonymous: Caller
  /** Raw event, e.g. `{ action, payload }` or a timer event. */
  invoke(fn: string, event: unknown, openid?: string): Promise<any>
  close(): Promise<void>
}

export interface StartOptions {
  /** Seed the demo city (default true). */
  seed?: boolean
  /** Functions to register (default: our TypeScript sources). */
  functions?: Record<string, unknown>
  /**
   * config.json per function (openapi permissions, triggers). Default: cloudfunctions/<name>/config.json
   * where it exists, so devcloud holds the functions to the permissions they declare.
   */
  configs?: Record<string, Record<string, unknown>>
  /** Time the clock is set to before seeding. */
  now?: Date
  /** The function WeChat delivers message pushes (media-check verdicts) to; default `report`, as in devcloud.config.json. */
  messagePushFunction?: string
}

export async function startCloud(opts: StartOptions = {}): Promise<TestCloud> {
  const { createRuntime } = loadDevcloud()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenming-test-'))
  const rt = createRuntime({
    rootDir: ROOT,
    configFile: false,
    dataDir,
    indexesFile: INDEXES_FILE,
    dev: true,
    logLevel: 'error',
    messagePushFunction: opts.messagePushFunction ?? 'report',
  })
  await rt.start()
  if (opts.now) rt.clock.set(opts.now)
  for (const [name, mod] of Object.entries(opts.functions ?? sourceFunctions())) {
    rt.registerFunction(name, mod, opts.configs ? opts.configs[name] : functionConfig(name))
  }
  const db = rt.database()
  const seed = opts.seed === false ? undefined : await seedDemoCity(db, { now: new Date(rt.clock.now()) })

  const caller = (openid: string | undefined): Caller => {
    const call = (fn: string, action: string, payload?: unknown) =>
      rt.invoke(fn, payload === undefined ? { action } : { action, payload }, openid ? { openid } : {}) as Promise<Envelope<any>>
    return {
      call,
      async ok(fn: string, action: string, payload?: unknown) {
        const res = await call(fn, action, payload)
        if (!res.ok) throw new Error(`${fn}.${action} as ${openid ?? '(anonymous)'} failed: ${JSON.stringify(res)}`)
        return res.data
      },
      async fail(fn: string, action: string, payload?: unknown) {
        const res = await call(fn, action, payload)
        if (res.ok) throw new Error(`${fn}.${action} as ${openid ?? '(anonymous)'} unexpectedly succeeded: ${JSON.stringify(res.data).slice(0, 300)}`)
        return res
      },
    } as Caller
  }

  return {
    rt,
    db,
    dataDir,
    seed,
    as: (openid) => caller(openid),
    anonymous: caller(undefined),
    invoke: (fn, event, openid) => rt.invoke(fn, event, openid ? { openid } : {}),
    async close() {
      await rt.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Number of documents matching a condition (the whole collection by default). */
export async function countDocs(db: Database, collection: string, where: Record<string, unknown> = {}): Promise<number> {
  const res = await db.collection(collection).where(where).count()
  return res.total
}
