import type { Collection, Command } from 'wx-server-sdk'
import { ActionError } from '../../src/domain/core/envelope'

/**
 * Keyset paging for user-facing lists: a page costs about `limit` documents however deep the list is (no
 * skip). The cursor is opaque, names its list (a cursor of another list is refused) and carries the last
 * row's sort value and `_id`.
 */

export type Key = string | number
export interface PageSpec {
  /** Which list the cursor belongs to (a cursor of another list is refused). */
  list: string
  field: string
  dir: 'asc' | 'desc'
  limit: number
  cursor?: string
}

export function encodeCursor(list: string, value: Key, id: string): string {
  return Buffer.from(JSON.stringify([list, value, id]), 'utf8').toString('base64url')
}

function decodeCursor(list: string, cursor: string): { value: Key; id: string } {
  const bad = () => new ActionError('INVALID_INPUT', '分页参数无效，请刷新列表后重试', [{ path: 'cursor', message: '分页参数无效' }])
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw bad()
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw bad()
  const [l, value, id] = parsed as unknown[]
  const okValue = (typeof value === 'string' && value.length <= 64) || (typeof value === 'number' && Number.isFinite(value))
  if (l !== list || !okValue || typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw bad()
  return { value: value as Key, id }
}

const valueAt = (doc: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((cur, k) => (cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined), doc)

/** One page of `where` in (field, _id) order, reading `limit + 1` documents from the index. */
export async function keysetPage<T extends { _id: string }>(
  coll: Collection,
  _: Command,
  where: Record<string, unknown>,
  spec: PageSpec,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const after = spec.cursor ? decodeCursor(spec.list, spec.cursor) : null
  const asc = spec.dir === 'asc'
  const cond = after
    ? _.and([
        where,
        { [spec.field]: asc ? _.gte(after.value) : _.lte(after.value) },
        _.or([{ [spec.field]: asc ? _.gt(after.value) : _.lt(after.value) }, { [spec.field]: after.value, _id: asc ? _.gt(after.id) : _.lt(after.id) }]),
      ])
    : where
  const res = await coll.where(cond).orderBy(spec.field, spec.dir).orderBy('_id', spec.dir).limit(spec.limit + 1).get()
  const data = res.data as T[]
  const items = data.slice(0, spec.limit)
  const last = items[items.length - 1]
  const nextCursor = data.length > spec.limit && last ? encodeCursor(spec.list, valueAt(last, spec.field) as Key, last._id) : null
  return { items, nextCursor }
}

