import { z } from 'zod'
import type { InputIssue } from '../../src/domain/core/envelope'

/** Keys that could reach an object's prototype if some code ever merged the payload into an object. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

export const PAYLOAD_LIMITS = { maxDepth: 12, maxNodes: 5000, maxStringLength: 20000 }

/** Half of a UTF-16 pair on its own: not Unicode text (it cannot be stored or shown, and breaks UTF-8). */
const LONE_SURROGATE = /\p{Cs}/u

export type PayloadCheck = { ok: true; value: Record<string, unknown> } | { ok: false; message: string; issues: InputIssue[] }

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/**
 * Accepts only what JSON can carry — plain objects, arrays, strings, finite numbers, booleans, null —
 * with no prototype-polluting keys, bounded depth and size. Returns a fresh copy (properties set to
 * `undefined` are dropped, as JSON would). A missing payload is `{}`.
 */
export function checkPayload(payload: unknown): PayloadCheck {
  if (payload === undefined || payload === null) return { ok: true, value: {} }
  if (!isPlainObject(payload)) {
    return { ok: false, message: '提交的内容格式不正确', issues: [{ path: '', message: '应为 JSON 对象' }] }
  }
  let nodes = 0
  const fail = (path: (string | number)[], message: string, top = '提交的内容格式不正确'): never => {
    throw Object.assign(new Error(message), { __payload: { message: top, issues: [{ path: path.join('.'), message }] } })
  }
  const copy = (v: unknown, path: (string | number)[], depth: number): unknown => {
    if (++nodes > PAYLOAD_LIMITS.maxNodes) fail(path, '内容过多', '提交的内容过多')
    if (depth > PAYLOAD_LIMITS.maxDepth) fail(path, '嵌套层级过深')
    if (v === null || typeof v === 'boolean') return v
    if (typeof v === 'string') {
      if (v.length > PAYLOAD_LIMITS.maxStringLength) fail(path, '文字过长', '提交的内容过多')
      if (LONE_SURROGATE.test(v)) fail(path, '含有无效字符')
      return v
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) fail(path, '数字无效')
      return v
    }
    if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype) fail(path, '不支持的数据类型')
      return v.map((item, i) => copy(item, [...path, i], depth + 1))
    }
    if (isPlainObject(v)) {
      const out: Record<string, unknown> = {}
      for (const key of Object.keys(v)) {
        if (FORBIDDEN_KEYS.has(key)) fail([...path, key], '不允许的字段名', '提交的内容包含不允许的字段')
        if (LONE_SURROGATE.test(key)) fail(path, '字段名含有无效字符')
        const item = v[key]
        if (item === undefined) continue
        out[key] = copy(item, [...path, key], depth + 1)
      }
      // Symbol keys and non-enumerable tricks are not JSON either.
      if (Object.getOwnPropertySymbols(v).length) fail(path, '不支持的数据类型')
      return out
    }
    return fail(path, '不支持的数据类型')
  }
  try {
    return { ok: true, value: copy(payload, [], 0) as Record<string, unknown> }
  } catch (e) {
    const detail = (e as { __payload?: { message: string; issues: InputIssue[] } }).__payload
    if (detail) return { ok: false, ...detail }
    throw e
  }
}

// ---------------------------------------------------------------------------------------------
// Zod issues → Chinese messages naming the fields.

type Issue = z.core.$ZodIssue
type RawIssue = z.core.$ZodRawIssue

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是/否',
  array: '列表',
  object: '对象',
  date: '日期',
  null: '空值',
}

/** Chinese default messages, used where a schema gives none (per-parse error map). */
export function zhErrorMap(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '必填'
      return `应为${TYPE_NAMES[issue.expected] ?? issue.expected}`
    case 'too_small': {
      const min = String(issue.minimum)
      if (issue.origin === 'string') return `至少 ${min} 个字`
      if (issue.origin === 'array' || issue.origin === 'set') return `至少 ${min} 项`
      return issue.inclusive === false ? `应大于 ${min}` : `不能小于 ${min}`
    }
    case 'too_big': {
      const max = String(issue.maximum)
      if (issue.origin === 'string') return `最多 ${max} 个字`
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${max} 项`
      return issue.inclusive === false ? `应小于 ${max}` : `不能大于 ${max}`
    }
    case 'invalid_format':
      return '格式不正确'
    case 'invalid_value':
      if (issue.input === undefined) return '必填'
      return `只能是：${issue.values.map((v) => String(v)).join('、')}`
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的倍数`
    case 'unrecognized_keys':
      return `不支持的字段：${issue.keys.join('、')}`
    case 'invalid_union':
      return '格式不正确'
    default:
      return '不符合要求'
  }
}

type AnySchema = z.core.$ZodType

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional', 'success'])

function titleOf(s: AnySchema): string | undefined {
  const meta = z.globalRegistry.get(s as z.ZodType) as { title?: string; description?: string } | undefined
  return meta?.title ?? meta?.description
}

/** Walks wrappers (optional, default, pipe …), collecting the first title met. */
function unwrap(s: AnySchema): { schema: AnySchema; title?: string } {
  let title = titleOf(s)
  let cur = s
  for (let i = 0; i < 20; i++) {
    const def = cur._zod.def as { type: string; innerType?: AnySchema; in?: AnySchema }
    const next = WRAPPERS.has(def.type) ? def.innerType : def.type === 'pipe' ? def.in : undefined
    if (!next) break
    cur = next
    title ??= titleOf(cur)
  }
  return { schema: cur, title }
}

/** The human label of the field at `path` (its `.meta({ title })`), if the schema gives one. */
export function labelAt(schema: AnySchema, path: readonly PropertyKey[]): string | undefined {
  let cur = unwrap(schema)
  for (const seg of path) {
    const def = cur.schema._zod.def as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema; valueType?: AnySchema }
    let next: AnySchema | undefined
    if (def.type === 'object' && def.shape && typeof seg === 'string') next = def.shape[seg]
    else if (def.type === 'array') next = def.element
    else if (def.type === 'record') next = def.valueType
    if (!next) return undefined
    cur = unwrap(next)
  }
  return cur.title
}

/** `{ message, issues }` for an INVALID_INPUT answer: each issue names its field, the message up to three. */
export function describeIssues(schema: AnySchema, issues: readonly Issue[]): { message: string; issues: InputIssue[] } {
  const flat: { path: PropertyKey[]; message: string }[] = []
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) flat.push({ path: [...issue.path, key], message: '不支持的字段' })
    } else {
      flat.push({ path: [...issue.path], message: issue.message })
    }
  }
  const parts = flat.map(({ path, message }) => {
    const label = labelAt(schema, path)
    const name = label ?? (path.length ? `“${path.map(String).join('.')}”` : '')
    if (!name || (label && message.includes(label))) return message
    if (message === '必填') return `${name}为必填项`
    if (message === '不支持的字段') return `不支持的字段${name}`
    return `${name}：${message}`
  })
  const shown = Array.from(new Set(parts)).slice(0, 3)
  const message = `提交的内容有误：${shown.join('；')}${parts.length > shown.length ? ' 等' : ''}`
  return { message, issues: flat.map(({ path, message }) => ({ path: path.map(String).join('.'), message })) }
}
