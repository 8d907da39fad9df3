/**
 * Hostile input, derived from each action's input schema (as JSON Schema): wrong types, 1 MB strings,
 * huge arrays, 200-deep nesting, `__proto__` / `constructor` / `prototype` keys, lone surrogates,
 * out-of-range coordinates and impossible dates. Every action answers INVALID_INPUT (or a domain error)
 * with a Chinese message — never INTERNAL — and the server keeps answering.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import { z } from 'zod'
import type { Envelope } from '../../src/domain/core/envelope'
import type { TestCloud } from '../support/runtime'
import { allActions, callerFor, CHINESE, contractFunctions, startSecurityCloud, type ActionEntry } from './support'

let cloud: TestCloud
let errorSpy: jest.SpyInstance
beforeAll(async () => {
  cloud = await startSecurityCloud()
  // The router logs unexpected errors; any would fail the INTERNAL checks below anyway.
  errorSpy = jest.spyOn(console, 'error').mockImplementation(() => {})
})
afterAll(async () => {
  errorSpy?.mockRestore()
  await cloud?.close()
})

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; format?: string; anyOf?: JsonSchema[] }
type Path = string[]

const schemaOf = (a: ActionEntry) => z.toJSONSchema(a.def.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema

/** Every property path in nested objects, with its schema. */
function propertyPaths(schema: JsonSchema, prefix: Path = []): { path: Path; schema: JsonSchema }[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, s]) => [{ path: [...prefix, key], schema: s }, ...propertyPaths(s, [...prefix, key])])
}

const setAt = (path: Path, value: unknown): Record<string, unknown> =>
  path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>

/** A value of a type the schema does not accept (null for a schema with no single type). */
function wrongTypeFor(s: JsonSchema): unknown | undefined {
  const t = Array.isArray(s.type) ? null : s.type
  if (t === 'string') return 12345
  if (t === 'number' || t === 'integer') return '一二三'
  if (t === 'boolean') return 'yes'
  if (t === 'array') return { not: 'a list' }
  if (t === 'object') return 42
  return undefined
}

const OUT_OF_RANGE = { lat: [91, -90.5, 1e9], lng: [181, -180.5, -1e9] } as Record<string, number[]>
const BAD_DATES = ['2025-13-45T99:99:99.000Z', 'not a date', '2025-02-30T00:00:00.000Z', '']

async function call(a: ActionEntry, payload: unknown): Promise<Envelope<unknown>> {
  return cloud.as(callerFor(a.def)).call(a.fn, a.action, payload)
}

/** Never INTERNAL; a refusal says what is wrong in Chinese. */
function expectHandled(a: ActionEntry, payload: unknown, res: Envelope<unknown>) {
  const label = `${a.fn}.${a.action} ${JSON.stringify(payload)?.slice(0, 200)}`
  if (!res.ok) {
    expect([label, res.code]).not.toEqual([label, 'INTERNAL'])
    expect([label, CHINESE.test(res.message)]).toEqual([label, true])
  }
}

/** INVALID_INPUT naming the path that is wrong. */
function expectRefusedAt(a: ActionEntry, path: Path, res: Envelope<unknown>) {
  const label = `${a.fn}.${a.action} ${path.join('.')}`
  expect([label, res.ok ? 'ok' : res.code]).toEqual([label, 'INVALID_INPUT'])
  if (!res.ok) {
    expect(res.message).toMatch(CHINESE)
    expect([label, (res.issues ?? []).some((i) => i.path === path.join('.') || i.path.startsWith(`${path.join('.')}.`))]).toEqual([label, true])
  }
}

// Functions not written yet are named by the authorisation matrix; here only those that exist.
const present = new Set(Object.keys(contractFunctions()))
const ACTIONS = allActions().filter((a) => present.has(a.fn))

describe.each(ACTIONS.map((a) => [`${a.fn}.${a.action}`, a] as const))('%s', (_label, a) => {
  const schema = schemaOf(a)
  const paths = propertyPaths(schema)
  const top = Object.keys(schema.properties ?? {})

  it('refuses wrong types field by field, naming the field', async () => {
    for (const { path, schema: s } of paths) {
      const wrong = wrongTypeFor(s)
      if (wrong === undefined) continue
      expectRefusedAt(a, path, await call(a, setAt(path, wrong)))
    }
  })

  it('refuses out-of-range coordinates and impossible dates', async () => {
    for (const { path, schema: s } of paths) {
      const key = path[path.length - 1]
      const bad = OUT_OF_RANGE[key] ?? (s.format === 'date-time' || s.format === 'date' ? BAD_DATES : [])
      for (const v of bad) expectRefusedAt(a, path, await call(a, setAt(path, v)))
    }
  })

  it('refuses huge, deep, prototype-polluting and non-Unicode payloads before anything else', async () => {
    const field = top[0] ?? 'x'
    let deep: unknown = '底'
    for (let i = 0; i < 200; i++) deep = { d: deep }
    const cases: [string, unknown][] = [
      ['1 MB string', { [field]: 'x'.repeat(1 << 20) }],
      ['huge array', { [field]: Array.from({ length: 100_000 }, (_, i) => i) }],
      ['200-deep nesting', { [field]: deep }],
      ['__proto__ key', JSON.parse(`{"${field}": {"__proto__": {"isAdmin": true}}}`)],
      ['top-level __proto__', JSON.parse('{"__proto__": {"roles": ["admin"]}}')],
      ['constructor key', { constructor: { prototype: { isAdmin: true } } }],
      ['prototype key', { [field]: [{ prototype: 1 }] }],
      ['lone surrogate value', { [field]: '正常文字\uD800' }],
      ['lone surrogate key', { ['\uDC00']: 1 }],
      ['not an object', ['a', 'list']],
      ['a string', 'payload'],
    ]
    for (const [what, payload] of cases) {
      const res = await call(a, payload)
      expect([what, res.ok ? 'ok' : res.code]).toEqual([what, 'INVALID_INPUT'])
      expectHandled(a, payload, res)
    }
  })

  it('answers random JSON in its fields with a handled error (property-based)', async () => {
    const arb = top.length
      ? fc.record(Object.fromEntries(top.map((k) => [k, fc.jsonValue({ maxDepth: 3 })])), { requiredKeys: [] })
      : fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
    await fc.assert(
      fc.asyncProperty(arb, async (payload) => {
        expectHandled(a, payload, await call(a, payload))
      }),
      { numRuns: 5, seed: 20250601 },
    )
  })
})

describe('the server', () => {
  it('keeps answering over HTTP: oversized and malformed bodies are refused, health stays green', async () => {
    const server = (await (cloud.rt as unknown as { listen(port: number, host?: string): Promise<http.Server> }).listen(0, '127.0.0.1')) as http.Server
    const { port } = server.address() as AddressInfo
    const post = (path: string, body: string) =>
      fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-user': 'demo-resident' }, body })
    try {
      const big = await post('/api/fn/report', JSON.stringify({ action: 'submit', payload: { description: 'x'.repeat(2 << 20) } }))
      expect(big.status).toBe(413)
      const broken = await post('/api/fn/report', '{"action": "submit", "payload": {')
      expect(broken.status).toBe(400)
      const surrogate = await post('/api/fn/report', '{"action":"myList","payload":{"cursor":"\\ud800"}}')
      expect(await surrogate.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
      expect(await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()).toMatchObject({ ok: true })
      expect(await (await post('/api/fn/user', JSON.stringify({ action: 'me' }))).json()).toMatchObject({ ok: true })
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
