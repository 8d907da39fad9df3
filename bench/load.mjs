#!/usr/bin/env node
// Load generator, run as a separate process so the client's work does not share the server's event loop.
// Reads a plan (JSON file given as the first argument):
//   { url, actions: [{ key, concurrency, warmup, requests: [{ openid, fn, action, payload }] }] }
// For each action in turn, sends its first `warmup` requests (untimed), then the rest with `concurrency`
// in flight, each as `POST <url>api/fn/<fn>` with `X-Dev-User: <openid>` (devcloud's dev identity), and
// prints { [key]: { ms: number[], failures, firstError } } as JSON on stdout.
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'))

async function send(req) {
  const started = performance.now()
  const res = await fetch(`${plan.url}api/fn/${req.fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dev-user': req.openid },
    body: JSON.stringify({ action: req.action, payload: req.payload }),
  })
  const body = await res.json().catch(() => null)
  const ms = performance.now() - started
  return { ms, ok: res.ok && body?.ok === true, error: body?.ok === true ? null : `${res.status} ${JSON.stringify(body).slice(0, 300)}` }
}

async function run(action) {
  const warm = action.requests.slice(0, action.warmup)
  const timed = action.requests.slice(action.warmup)
  for (const req of warm) await send(req)
  const ms = []
  let failures = 0
  let firstError = null
  let next = 0
  const worker = async () => {
    while (next < timed.length) {
      const r = await send(timed[next++])
      ms.push(r.ms)
      if (!r.ok) {
        failures += 1
        firstError ??= r.error
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(action.concurrency, timed.length) }, worker))
  return { ms, failures, firstError }
}

const out = {}
for (const action of plan.actions) {
  const started = performance.now()
  out[action.key] = await run(action)
  process.stderr.write(`[load] ${action.key}: ${out[action.key].ms.length} requests in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
}
process.stdout.write(JSON.stringify(out))
