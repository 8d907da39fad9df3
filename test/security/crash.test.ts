/**
 * kill -9 at the process level: a real devcloud process (the `user` function bundled as for WeChat)
 * takes a burst of HTTP action calls from 30 residents, is SIGKILLed in the middle of it, and restarts
 * on the same data directory. The store opens cleanly and every acknowledged write is there.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from '../support/runtime'

jest.setTimeout(120_000)

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wenming-crash-'))
const functionsDir = path.join(work, 'functions')
const dataDir = path.join(work, 'data')

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

async function startDevcloud(port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'devcloud', 'bin', 'devcloud.js'), '--port', String(port), '--host', '127.0.0.1', '--data', dataDir, '--functions', functionsDir, '--h5', path.join(work, 'no-h5'), '--dev'],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr?.on('data', (d) => (stderr += d))
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`devcloud exited with ${child.exitCode}: ${stderr}`)
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  child.kill('SIGKILL')
  throw new Error(`devcloud did not start: ${stderr}`)
}

const callAs = async (port: number, openid: string, action: string, payload: unknown = {}) => {
  const res = await fetch(`http://127.0.0.1:${port}/api/fn/user`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dev-user': openid },
    body: JSON.stringify({ action, payload }),
  })
  return (await res.json()) as { ok: boolean; data?: { nickname: string; registeredAt: string | null }; code?: string }
}

let child: ChildProcess | undefined
beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'config', 'build-functions.mjs'), '--out', functionsDir, 'user'], { cwd: ROOT, stdio: 'ignore' })
})
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL')
  fs.rmSync(work, { recursive: true, force: true })
})

it('keeps every acknowledged write through kill -9 during a burst, and reopens cleanly', async () => {
  const port = await freePort()
  child = await startDevcloud(port)

  /** Per resident: when their record was created, the last rename acknowledged, and the one in flight. */
  const acked = new Map<string, { registeredAt: string | null; nickname: string | null; inFlight: string | null }>()
  let stop = false
  const residents = Array.from({ length: 30 }, (_, i) => `o-crash-${i}`)
  const writer = async (openid: string) => {
    try {
      const me = await callAs(port, openid, 'me')
      if (!me.ok) throw new Error(JSON.stringify(me))
      const state = { registeredAt: me.data!.registeredAt, nickname: null as string | null, inFlight: null as string | null }
      acked.set(openid, state)
      // Under the per-minute write limit: a person renaming themselves, quickly.
      for (let n = 0; n < 25 && !stop; n++) {
        const nickname = `第${n}次改名`
        state.inFlight = nickname
        const res = await callAs(port, openid, 'updateProfile', { nickname })
        if (!res.ok) throw new Error(JSON.stringify(res))
        state.nickname = res.data!.nickname
        state.inFlight = null
      }
    } catch (err) {
      if (!stop) throw err // a call cut off by the kill is simply not acknowledged
    }
  }
  const burst = Promise.all(residents.map(writer))
  // Kill in the thick of it: once a good number of renames are acknowledged (and more are in flight).
  const renamed = () => [...acked.values()].filter((st) => st.nickname !== null).length
  for (let i = 0; i < 1200 && renamed() < 20; i++) await new Promise((r) => setTimeout(r, 25))
  await new Promise((r) => setTimeout(r, 30))
  stop = true
  // Listen before killing: the exit may come before the burst settles, and a late listener would wait forever.
  const exited = new Promise((r) => child!.once('exit', r))
  child.kill('SIGKILL')
  await burst
  await exited

  expect(renamed()).toBeGreaterThanOrEqual(20)
  expect([...acked.values()].some((st) => st.inFlight !== null)).toBe(true)

  // Same directory: the dead process's lock is taken over, a torn log tail (if any) is dropped.
  child = await startDevcloud(port)
  for (const [openid, state] of acked) {
    const me = await callAs(port, openid, 'me')
    expect(me).toMatchObject({ ok: true })
    // The record is the one acknowledged before the kill (not created again now) …
    expect([openid, me.data!.registeredAt]).toEqual([openid, state.registeredAt])
    // … with the last acknowledged rename, or the one that was in flight when the process died.
    if (state.nickname !== null) expect([openid, [state.nickname, state.inFlight]]).toEqual([openid, expect.arrayContaining([me.data!.nickname])])
  }
  // And it takes new writes.
  expect(await callAs(port, 'o-crash-0', 'updateProfile', { nickname: '重启后改名' })).toMatchObject({ ok: true, data: { nickname: '重启后改名' } })
  child.kill('SIGKILL')
})
