/**
 * The kernel's router, end to end through devcloud: a probe function built with createFunction,
 * registered next to the real ones.
 */
import { z } from 'zod'
import { createFunction } from '../../cloudfunctions/kernel'
import { defineAction, defineContract } from '../../src/domain/core/contract'
import { ActionError, DEFAULT_MESSAGES } from '../../src/domain/core/envelope'
import { roleSchema } from '../../src/domain/core/roles'
import { sourceFunctions, startCloud, type TestCloud } from '../support/runtime'

const probeContract = defineContract('probe', {
  whoami: defineAction({
    effect: 'read',
    summary: '调用者身份',
    roles: ['resident'],
    input: z.object({ openid: z.string().optional() }),
    output: z.object({ openid: z.string(), roles: z.array(roleSchema), hasUser: z.boolean(), now: z.string(), requestId: z.string() }),
  }),
  staffOnly: defineAction({
    summary: '仅创城办',
    roles: ['staff', 'admin'],
    input: z
      .object({
        title: z.string().trim().min(2).max(30).meta({ title: '标题' }),
        count: z.number().int().max(5).meta({ title: '数量' }),
        tags: z.array(z.string().max(4)).max(3).optional().meta({ title: '标签' }),
      })
      .strict(),
    output: z.object({ title: z.string(), count: z.number() }),
  }),
  boom: defineAction({ summary: '抛出异常', roles: ['resident'], input: z.object({}), output: z.object({}) }),
  refuse: defineAction({ summary: '业务拒绝', roles: ['resident'], input: z.object({}), output: z.object({}) }),
  leak: defineAction({ summary: '多余字段', roles: ['resident'], input: z.object({}), output: z.object({ name: z.string() }) }),
  badOutput: defineAction({ summary: '输出不符', roles: ['resident'], input: z.object({}), output: z.object({ name: z.string() }) }),
  echo: defineAction({
    summary: '回显',
    roles: ['resident'],
    input: z.object({ text: z.string().trim().max(10), nested: z.record(z.string(), z.unknown()).optional() }).strict(),
    output: z.object({ text: z.string(), nested: z.record(z.string(), z.unknown()).optional() }),
  }),
})

let timerRuns = 0
const probe = createFunction(
  probeContract,
  {
    whoami: (_input, ctx) => ({ openid: ctx.openid, roles: ctx.roles, hasUser: ctx.user !== null, now: ctx.now().toISOString(), requestId: ctx.requestId }),
    staffOnly: ({ title, count }) => ({ title, count }),
    boom: () => {
      throw new Error('connect ECONNREFUSED 10.0.0.8:27017 password=hunter2')
    },
    refuse: () => {
      throw new ActionError('CONFLICT', '该问题已被其他单位认领')
    },
    leak: () => ({ name: '文华城管', phone: '139-0000-1101', _secret: 1 }) as { name: string },
    badOutput: () => ({ name: 42 }) as unknown as { name: string },
    echo: (input) => input,
  },
  {
    timers: {
      tick: () => {
        timerRuns++
        return { ran: true }
      },
    },
  },
)

let cloud: TestCloud
let errorSpy: jest.SpyInstance

beforeAll(async () => {
  cloud = await startCloud({ functions: { ...sourceFunctions(), probe } })
})
afterAll(async () => {
  await cloud?.close()
})
beforeEach(() => {
  errorSpy = jest.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => {
  errorSpy.mockRestore()
})

describe('action dispatch', () => {
  it('answers UNKNOWN_ACTION for a missing, unknown or inherited action name', async () => {
    const resident = cloud.as('demo-resident')
    for (const event of [{}, { action: 'nope' }, { action: 'toString' }, { action: '__proto__' }, { action: 42 }, { payload: {} }]) {
      const res = await cloud.invoke('probe', event, 'demo-resident')
      expect(res).toEqual({ ok: false, code: 'UNKNOWN_ACTION', message: DEFAULT_MESSAGES.UNKNOWN_ACTION })
    }
    expect((await resident.fail('user', 'dropDatabase')).code).toBe('UNKNOWN_ACTION')
  })

  it('answers UNAUTHENTICATED without an OPENID', async () => {
    const res = await cloud.anonymous.fail('probe', 'whoami')
    expect(res).toEqual({ ok: false, code: 'UNAUTHENTICATED', message: DEFAULT_MESSAGES.UNAUTHENTICATED })
    expect((await cloud.anonymous.fail('user', 'me')).code).toBe('UNAUTHENTICATED')
  })

  it('takes the identity from WeChat, never from the payload', async () => {
    const data = await cloud.as('demo-resident').ok('probe', 'whoami', { openid: 'demo-admin' })
    expect(data).toMatchObject({ openid: 'demo-resident', roles: ['resident'], hasUser: true })
  })

  it('loads the caller and computes roles in one database round trip', async () => {
    const { result, stats } = await cloud.rt.invokeWithStats('probe', { action: 'whoami' }, { openid: 'demo-staff' })
    expect(result).toMatchObject({ ok: true, data: { openid: 'demo-staff', roles: ['resident', 'staff'], hasUser: true } })
    expect(stats.dbRoundTrips).toBe(1)
    expect(stats.ops[0].collection).toBe('users')
  })

  it('gives an unknown caller (no record yet) the resident role', async () => {
    const data = await cloud.as('o-newcomer-1').ok('probe', 'whoami')
    expect(data).toMatchObject({ roles: ['resident'], hasUser: false })
  })

  it('passes the request id WeChat gives and the devcloud clock', async () => {
    const before = Date.now()
    cloud.rt.clock.advance(3 * 24 * 3600 * 1000)
    try {
      const data = await cloud.as('demo-resident').ok('probe', 'whoami')
      expect(Date.parse(data.now)).toBeGreaterThanOrEqual(before + 3 * 24 * 3600 * 1000)
      expect(data.requestId).toMatch(/[0-9a-f-]{36}/)
    } finally {
      cloud.rt.clock.reset()
    }
  })
})

describe('roles before input', () => {
  it('answers FORBIDDEN — not INVALID_INPUT — to a caller without the role, whatever the payload', async () => {
    for (const payload of ['garbage', { title: 1 }, { __proto__x: 1 }, [1, 2], undefined]) {
      const res = await cloud.as('demo-resident').fail('probe', 'staffOnly', payload)
      expect(res).toEqual({ ok: false, code: 'FORBIDDEN', message: DEFAULT_MESSAGES.FORBIDDEN })
    }
    const proto = JSON.parse('{"__proto__": {"admin": true}}')
    expect((await cloud.as('demo-volunteer').fail('probe', 'staffOnly', proto)).code).toBe('FORBIDDEN')
  })

  it('lets any of the listed roles in', async () => {
    expect(await cloud.as('demo-staff').ok('probe', 'staffOnly', { title: '督办', count: 2 })).toEqual({ title: '督办', count: 2 })
    expect(await cloud.as('demo-admin').ok('probe', 'staffOnly', { title: ' 督办 ', count: 2 })).toEqual({ title: '督办', count: 2 })
  })
})

describe('input validation', () => {
  it('answers INVALID_INPUT naming each field, with issues', async () => {
    const res = await cloud.as('demo-staff').fail('probe', 'staffOnly', { title: ' a ', count: 1.5, extra: true })
    expect(res.code).toBe('INVALID_INPUT')
    expect(res.message).toMatch(/^提交的内容有误：/)
    expect(res.message).toContain('标题')
    expect(res.message).toContain('数量')
    expect(res.issues).toEqual(
      expect.arrayContaining([
        { path: 'title', message: '至少 2 个字' },
        { path: 'count', message: '应为整数' },
        { path: 'extra', message: '不支持的字段' },
      ]),
    )
  })

  it('names missing fields as required and nested paths with their index', async () => {
    const res = await cloud.as('demo-staff').fail('probe', 'staffOnly', { tags: ['ok', 'toolong'] })
    expect(res.issues).toEqual(
      expect.arrayContaining([
        { path: 'title', message: '必填' },
        { path: 'count', message: '必填' },
        { path: 'tags.1', message: '最多 4 个字' },
      ]),
    )
    expect(res.message).toContain('标题为必填项')
  })

  it('treats a missing payload as {}', async () => {
    const res = await cloud.as('demo-staff').fail('probe', 'staffOnly')
    expect(res.code).toBe('INVALID_INPUT')
    expect(res.issues?.map((i) => i.path).sort()).toEqual(['count', 'title'])
    expect(await cloud.as('demo-resident').ok('probe', 'echo', { text: '  你好 ' })).toEqual({ text: '你好' })
  })

  it('rejects payloads that are not plain JSON objects', async () => {
    for (const payload of ['text', 42, true, [1, 2, 3]]) {
      const res = await cloud.as('demo-resident').fail('probe', 'echo', payload)
      expect(res.code).toBe('INVALID_INPUT')
      expect(res.message).toBe('提交的内容格式不正确')
    }
  })

  it('rejects __proto__, constructor and prototype keys anywhere, before zod', async () => {
    const payloads = [
      JSON.parse('{"text":"hi","__proto__":{"isAdmin":true}}'),
      JSON.parse('{"text":"hi","nested":{"constructor":{"prototype":{"x":1}}}}'),
      { text: 'hi', nested: { list: [{ prototype: 1 }] } },
    ]
    for (const payload of payloads) {
      const res = await cloud.as('demo-resident').fail('probe', 'echo', payload)
      expect(res.code).toBe('INVALID_INPUT')
      expect(res.message).toBe('提交的内容包含不允许的字段')
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
    const res = await cloud.as('demo-resident').fail('probe', 'echo', payloads[1])
    expect(res.issues).toEqual([{ path: 'nested.constructor', message: '不允许的字段名' }])
  })

  it('bounds nesting depth', async () => {
    let deep: Record<string, unknown> = { end: true }
    for (let i = 0; i < 30; i++) deep = { d: deep }
    const res = await cloud.as('demo-resident').fail('probe', 'echo', { text: 'x', nested: deep })
    expect(res.code).toBe('INVALID_INPUT')
  })
})

describe('errors', () => {
  it('hides unexpected exceptions behind INTERNAL and logs them', async () => {
    const res = await cloud.as('demo-resident').fail('probe', 'boom')
    expect(res).toEqual({ ok: false, code: 'INTERNAL', message: '服务器开小差了，请稍后再试' })
    expect(JSON.stringify(res)).not.toMatch(/hunter2|ECONNREFUSED|at /)
    expect(errorSpy).toHaveBeenCalled()
    expect(String(errorSpy.mock.calls[0][0])).toContain('probe.boom')
  })

  it('passes an ActionError through with its code and message', async () => {
    expect(await cloud.as('demo-resident').fail('probe', 'refuse')).toEqual({ ok: false, code: 'CONFLICT', message: '该问题已被其他单位认领' })
    expect(errorSpy).not.toHaveBeenCalled()
  })

  it('strips fields the output schema does not name', async () => {
    const res = await cloud.as('demo-resident').call('probe', 'leak')
    expect(res).toEqual({ ok: true, data: { name: '文华城管' } })
  })

  it('answers INTERNAL when a handler breaks its output contract', async () => {
    expect((await cloud.as('demo-resident').fail('probe', 'badOutput')).code).toBe('INTERNAL')
    expect(errorSpy).toHaveBeenCalled()
  })
})

describe('timers', () => {
  it('runs a timer trigger when there is no caller', async () => {
    const before = timerRuns
    const res = await cloud.rt.invoke('probe', { Type: 'Timer', TriggerName: 'tick', Time: '2024-01-01T00:00:00Z' }, { source: 'wx_trigger' })
    expect(res).toEqual({ ok: true, data: { ran: true } })
    expect(timerRuns).toBe(before + 1)
  })

  it('does not let an unidentified HTTP caller fire a timer (no OPENID, but SOURCE is not the scheduler)', async () => {
    const before = timerRuns
    const res = (await cloud.rt.invoke('probe', { Type: 'Timer', TriggerName: 'tick' }, { source: 'wx_http' })) as { code: string }
    expect(res.code).toBe('UNKNOWN_ACTION')
    expect(timerRuns).toBe(before)
  })

  it('does not let a mini-program user fire a timer', async () => {
    const before = timerRuns
    const res = await cloud.invoke('probe', { Type: 'Timer', TriggerName: 'tick' }, 'demo-resident')
    expect(res.code).toBe('UNKNOWN_ACTION')
    expect(timerRuns).toBe(before)
  })

  it('answers UNKNOWN_ACTION for an unknown trigger', async () => {
    expect(((await cloud.rt.invoke('probe', { Type: 'Timer', TriggerName: 'nope' }, { source: 'wx_trigger' })) as { code: string }).code).toBe('UNKNOWN_ACTION')
  })
})

describe('contract export', () => {
  it('is JSON with roles, summary and JSON Schemas', () => {
    const json = JSON.parse(JSON.stringify(probe.contract))
    expect(json).toEqual(probe.contract)
    const a = probe.contract.actions.staffOnly
    expect(a.roles).toEqual(['staff', 'admin'])
    expect(a.summary).toBe('仅创城办')
    expect(a.input).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['title', 'count'],
      properties: { title: { type: 'string', title: '标题', minLength: 2, maxLength: 30 } },
    })
  })

  it('is what devcloud serves as the function contracts', () => {
    const served = cloud.rt.contracts().functions
    expect(Object.keys(served)).toEqual(expect.arrayContaining(['user', 'city', 'probe']))
    expect(Object.keys(served.city.actions)).toContain('listCategories')
  })

  it('refuses handlers missing for an action or beyond the contract', () => {
    const c = defineContract('t', { a: defineAction({ summary: 'a', roles: ['resident'], input: z.object({}), output: z.object({}) }) })
    expect(() => createFunction(c, {} as never)).toThrow(/t\.a has no handler/)
    expect(() => createFunction(c, { a: () => ({}), b: () => ({}) } as never)).toThrow(/t\.b is not in the contract/)
  })
})
