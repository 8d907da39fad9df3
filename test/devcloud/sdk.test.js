'use strict'
// SDK conformance: what `require('wx-server-sdk')` gives functions running on devcloud must
// behave like WeChat's — identity per invocation, callFunction shapes and identity
// propagation, and the invocation's database.
const cloud = require('wx-server-sdk')
const { startRuntime, closeAll } = require('./helpers')

afterAll(closeAll)

const tick = () => new Promise((r) => setTimeout(r, 5))

describe('getWXContext', () => {
  let rt
  beforeAll(async () => {
    rt = await startRuntime()
    rt.registerFunction('whoami', {
      main: async (event) => {
        // Interleave with other invocations before reading the context again.
        for (let i = 0; i < event.hops; i++) await tick()
        return cloud.getWXContext()
      },
    })
  })

  test('each concurrent invocation sees only its own OPENID (WeChat runs every call in its own context)', async () => {
    const users = Array.from({ length: 20 }, (_, i) => `user-${i}`)
    const results = await Promise.all(users.map((openid, i) => rt.invoke('whoami', { hops: (i * 7) % 5 }, { openid })))
    expect(results.map((r) => r.OPENID)).toEqual(users)
  })

  test('a mini-program call carries OPENID, APPID, ENV and SOURCE wx_client', async () => {
    const ctx = await rt.invoke('whoami', { hops: 0 }, { openid: 'o-alice', unionid: 'u-alice' })
    expect(ctx).toMatchObject({ OPENID: 'o-alice', APPID: rt.appid, UNIONID: 'u-alice', ENV: rt.env, SOURCE: 'wx_client' })
  })

  test('without a caller identity OPENID and APPID are absent, as for non-client sources', async () => {
    const ctx = await rt.invoke('whoami', { hops: 0 }, {})
    expect(ctx.OPENID).toBeUndefined()
    expect(ctx.APPID).toBeUndefined()
    expect(ctx.ENV).toBe(rt.env)
  })

  test('outside any invocation there is no caller (WeChat: no context outside exports.main)', () => {
    expect(cloud.getWXContext().OPENID).toBeUndefined()
  })
})

describe('invocation event and context', () => {
  let rt
  beforeAll(async () => {
    rt = await startRuntime()
    rt.registerFunction('inspect', { main: async (event, context) => ({ event, context }) })
  })

  test('events from the mini-program gain userInfo { appId, openId } as WeChat injects it', async () => {
    const { event } = await rt.invoke('inspect', { action: 'x' }, { openid: 'o-1' })
    expect(event).toEqual({ action: 'x', userInfo: { appId: rt.appid, openId: 'o-1' } })
  })

  test('events cross a JSON boundary: Dates arrive as ISO strings', async () => {
    const at = new Date('2024-05-01T00:00:00.000Z')
    const { event } = await rt.invoke('inspect', { at }, {})
    expect(event.at).toBe('2024-05-01T00:00:00.000Z')
  })

  test('main receives an SCF-style context with request_id and WX_* environ', async () => {
    const { context } = await rt.invoke('inspect', {}, { openid: 'o-2' })
    expect(context.request_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(context.function_name).toBe('inspect')
    expect(context.environ).toContain('WX_OPENID=o-2')
  })
})

describe('callFunction', () => {
  let rt
  beforeAll(async () => {
    rt = await startRuntime()
    rt.registerFunction('callee', {
      main: async (event) => ({ got: event, ctx: cloud.getWXContext(), at: new Date('2024-01-02T03:04:05.000Z') }),
    })
    rt.registerFunction('caller', {
      main: async (event) => cloud.callFunction({ name: event.target ?? 'callee', data: { n: 1 } }),
    })
    rt.registerFunction('failing', { main: async () => { throw new Error('kaput') } })
    rt.registerFunction('callsFailing', {
      main: async () => {
        try {
          await cloud.callFunction({ name: 'failing', data: {} })
          return 'no error'
        } catch (err) {
          return { errCode: err.errCode, errMsg: err.errMsg }
        }
      },
    })
    rt.registerFunction('callsMissing', {
      main: async () => cloud.callFunction({ name: 'nope' }).catch((err) => ({ errCode: err.errCode, errMsg: err.errMsg })),
    })
  })

  test('resolves { result, errMsg: "cloud.callFunction:ok", requestID }', async () => {
    const res = await rt.invoke('caller', {}, { openid: 'o-carol' })
    expect(res.errMsg).toBe('cloud.callFunction:ok')
    expect(res.requestID).toMatch(/^[0-9a-f-]{36}$/)
    expect(res.result.got).toEqual({ n: 1 })
  })

  test('the callee sees the caller\'s OPENID and SOURCE "wx_client,scf"', async () => {
    const res = await rt.invoke('caller', {}, { openid: 'o-carol' })
    expect(res.result.ctx).toMatchObject({ OPENID: 'o-carol', APPID: rt.appid, SOURCE: 'wx_client,scf' })
  })

  test('results cross JSON like on WeChat: Dates become ISO strings', async () => {
    const res = await rt.invoke('caller', {}, { openid: 'o-carol' })
    expect(res.result.at).toBe('2024-01-02T03:04:05.000Z')
  })

  test('a failing callee rejects with errCode -504002 "functions execute fail"', async () => {
    const res = await rt.invoke('callsFailing', {}, { openid: 'o' })
    expect(res.errCode).toBe(-504002)
    expect(res.errMsg).toMatch(/^cloud\.callFunction:fail .*functions execute fail.*kaput/)
  })

  test('an unknown function rejects with errCode -501000', async () => {
    const res = await rt.invoke('callsMissing', {}, { openid: 'o' })
    expect(res.errCode).toBe(-501000)
    expect(res.errMsg).toMatch(/^cloud\.callFunction:fail/)
  })

  test('rt.invoke of an unknown function rejects with code FUNCTION_NOT_FOUND', async () => {
    await expect(rt.invoke('nope', {})).rejects.toMatchObject({ code: 'FUNCTION_NOT_FOUND' })
  })

  test('exceptions in main propagate out of rt.invoke unchanged', async () => {
    await expect(rt.invoke('failing', {})).rejects.toThrow('kaput')
  })
})

describe('database through the SDK', () => {
  let rt
  beforeAll(async () => {
    rt = await startRuntime()
    // Module-level database(), as in real functions, even before this runtime existed.
    const db = cloud.database()
    const _ = db.command
    rt.registerFunction('notes', {
      main: async (event) => {
        const { OPENID } = cloud.getWXContext()
        if (event.action === 'add') {
          const res = await db.collection('notes').add({ data: { text: event.text, owner: OPENID, at: db.serverDate() } })
          return res._id
        }
        const { data } = await db.collection('notes').where({ owner: OPENID, text: _.neq('') }).get()
        return data
      },
    })
  })

  test('writes and reads go to the runtime\'s engine; serverDate follows rt.clock', async () => {
    rt.clock.set(Date.parse('2030-01-01T00:00:00.000Z'))
    await rt.invoke('notes', { action: 'add', text: 'hello' }, { openid: 'o-dan' })
    rt.clock.reset()
    const notes = await rt.invoke('notes', { action: 'list' }, { openid: 'o-dan' })
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatchObject({ text: 'hello', owner: 'o-dan' })
    // The runtime clock keeps running from the time it was set to.
    expect(Math.abs(new Date(notes[0].at).getTime() - Date.parse('2030-01-01T00:00:00.000Z'))).toBeLessThan(1000)
    expect(await rt.invoke('notes', { action: 'list' }, { openid: 'o-erin' })).toEqual([])
  })

  test('per-invocation stats count db round trips and documents examined', async () => {
    const { stats } = await rt.invokeWithStats('notes', { action: 'list' }, { openid: 'o-dan' })
    expect(stats.functionName).toBe('notes')
    expect(stats.dbRoundTrips).toBe(1)
    expect(stats.docsExamined).toBeGreaterThanOrEqual(1)
    expect(stats.ops[0]).toMatchObject({ collection: 'notes' })
    expect(rt.lastInvocationStats).toBe(stats)
  })

  test('globalThis.__DEVCLOUD__.clock is the runtime clock', () => {
    rt.clock.set(Date.parse('2031-06-01T00:00:00.000Z'))
    try {
      expect(Math.abs(globalThis.__DEVCLOUD__.clock.now() - Date.parse('2031-06-01T00:00:00.000Z'))).toBeLessThan(1000)
    } finally {
      rt.clock.reset()
    }
  })
})

describe('clock', () => {
  test('set, advance and reset move only the runtime\'s notion of now', async () => {
    const rt = await startRuntime()
    rt.clock.set(new Date('2025-03-01T00:00:00.000Z'))
    rt.clock.advance(3 * 24 * 3600 * 1000)
    expect(Math.abs(rt.clock.now() - Date.parse('2025-03-04T00:00:00.000Z'))).toBeLessThan(1000)
    rt.clock.reset()
    expect(Math.abs(rt.clock.now() - Date.now())).toBeLessThan(1000)
  })
})

describe('logger', () => {
  test('cloud.logger() offers log/info/warn/error', () => {
    const log = cloud.logger()
    for (const level of ['log', 'info', 'warn', 'error']) expect(typeof log[level]).toBe('function')
  })
})
