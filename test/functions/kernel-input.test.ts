import { z } from 'zod'
import { checkPayload, describeIssues, labelAt, zhErrorMap } from '../../cloudfunctions/kernel/input'
import { now } from '../../cloudfunctions/kernel/clock'

describe('checkPayload', () => {
  it('turns a missing payload into {} and copies plain JSON', () => {
    expect(checkPayload(undefined)).toEqual({ ok: true, value: {} })
    expect(checkPayload(null)).toEqual({ ok: true, value: {} })
    const input = { a: 1, b: ['x', { c: null }], d: undefined }
    const res = checkPayload(input)
    expect(res).toEqual({ ok: true, value: { a: 1, b: ['x', { c: null }] } })
    if (res.ok) expect(res.value).not.toBe(input)
    expect(checkPayload(Object.create(null)).ok).toBe(true)
  })

  it('rejects what JSON cannot carry', () => {
    for (const bad of [
      'x',
      [],
      new Date(),
      { f: () => 1 },
      { n: NaN },
      { n: Infinity },
      { d: new Date() },
      { m: new Map() },
      { s: Symbol('x') },
      { b: BigInt(1) },
      { [Symbol('k')]: 1 },
      { c: new (class Foo {})() },
    ]) {
      expect(checkPayload(bad).ok).toBe(false)
    }
  })

  it('rejects prototype keys at any depth, naming the path', () => {
    expect(checkPayload(JSON.parse('{"__proto__":{"x":1}}'))).toMatchObject({ ok: false, issues: [{ path: '__proto__' }] })
    expect(checkPayload({ a: [{ b: { prototype: 1 } }] })).toMatchObject({ ok: false, issues: [{ path: 'a.0.b.prototype' }] })
    expect(checkPayload({ constructor: 'x' }).ok).toBe(false)
  })

  it('bounds size', () => {
    expect(checkPayload({ s: 'x'.repeat(20001) })).toMatchObject({ ok: false, message: '提交的内容过多' })
    expect(checkPayload({ list: Array.from({ length: 6000 }, () => 1) })).toMatchObject({ ok: false, message: '提交的内容过多' })
  })
})

describe('Chinese input messages', () => {
  const schema = z
    .object({
      nickname: z.string().min(1).max(5).meta({ title: '昵称' }),
      age: z.number().int().min(0).optional().meta({ title: '年龄' }),
      kind: z.enum(['grid', 'micro']).meta({ title: '网格类型' }),
      points: z.array(z.object({ lat: z.number().meta({ title: '纬度' }) })).max(2),
    })
    .strict()

  const run = (input: unknown) => {
    const r = schema.safeParse(input, { error: zhErrorMap })
    if (r.success) throw new Error('expected failure')
    return describeIssues(schema, r.error.issues)
  }

  it('finds labels through wrappers, arrays and nested objects', () => {
    expect(labelAt(schema, ['nickname'])).toBe('昵称')
    expect(labelAt(schema, ['age'])).toBe('年龄')
    expect(labelAt(schema, ['points', 0, 'lat'])).toBe('纬度')
    expect(labelAt(schema, ['nope'])).toBeUndefined()
  })

  it('names each field in the message and lists issues by path', () => {
    const { message, issues } = run({ nickname: '123456', age: -1, kind: 'x', points: [{ lat: 'n' }], extra: 1 })
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'nickname', message: '最多 5 个字' },
        { path: 'age', message: '不能小于 0' },
        { path: 'kind', message: '只能是：grid、micro' },
        { path: 'points.0.lat', message: '应为数字' },
        { path: 'extra', message: '不支持的字段' },
      ]),
    )
    expect(message).toMatch(/^提交的内容有误：昵称：最多 5 个字；年龄：不能小于 0；网格类型：只能是：grid、micro 等$/)
  })

  it('says which fields are required', () => {
    expect(run({}).message).toBe('提交的内容有误：昵称为必填项；网格类型为必填项；“points”为必填项')
  })
})

describe('clock', () => {
  it('reads devcloud’s clock when present, else the system clock', () => {
    const g = globalThis as { __DEVCLOUD__?: unknown }
    const saved = Object.getOwnPropertyDescriptor(g, '__DEVCLOUD__')
    try {
      if (saved) delete g.__DEVCLOUD__
      expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000)
      Object.defineProperty(g, '__DEVCLOUD__', { value: { clock: { now: () => Date.parse('2030-01-01T00:00:00Z') } }, configurable: true })
      expect(now().toISOString()).toBe('2030-01-01T00:00:00.000Z')
    } finally {
      delete g.__DEVCLOUD__
      if (saved) Object.defineProperty(g, '__DEVCLOUD__', saved)
    }
  })
})
