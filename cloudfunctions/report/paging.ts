import type { Collection, Command } from 'wx-server-sdk'
import { ActionError } from '../../src/domain/core/envelope'

/**
 * Keyset paging. A page is read in index order starting just after the last item of the previous page,
 * so a page costs about `limit` documents however deep the list is, and items inserted or removed
 * meanwhile never shift the pages (no skip/offset).
 *
 * The sort field is either unique by itself (the report's `queueKey`/`taskKey`: value + id) — then "after
 * the cursor" is a plain range on it, exactly an index range — or a value with `_id` as the tie-break
 * (`createdAt` of one reporter's reports, where ties are rare): then the range starts at the value and an
 * `$or` skips the tied items already shown.
 *
 * The cursor handed to the client is opaque: base64url of `[list, value, _id]`. It is checked when it
 * comes back (right list, well-formed) and only ever used as a comparison value, never as a field name.
 *
 * A list over several statuses runs one query per status (each walks its own index range in order and
 * stops after `limit + 1`) and merges them: a `$in` over the statuses would make the database read and
 * sort every matching document instead.
 */

export interface PageSpec {
  /** Which list the cursor belongs to. */
  list: string
  /** Sort field (a dotted path holding strings: ISO timestamps or keys starting with one). */
  field: string
  /** The field's values are unique (no `_id` tie-break needed). */
  unique?: boolean
  dir: 'asc' | 'desc'
  limit: number
  cursor?: string
}

interface Keyset {
  value: string
  id: string
}

const ID = /^[A-Za-z0-9_-]{0,64}$/

export function encodeCursor(list: string, key: Keyset): string {
  return Buffer.from(JSON.stringify([list, key.value, key.id]), 'utf8').toString('base64url')
}

export function decodeCursor(list: string, cursor: string): Keyset {
  const bad = () => new ActionError('INVALID_INPUT', '分页参数无效，请刷新列表后重试', [{ path: 'cursor', message: '分页参数无效' }])
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw bad()
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw bad()
  const [l, value, id] = parsed as unknown[]
  if (l !== list || typeof value !== 'string' || value.length > 120 || typeof id !== 'string' || !ID.test(id)) throw bad()
  return { value, id }
}

/** The value at a dotted path. */
export function valueAt(doc: unknown, path: string): unknown {
  let cur: unknown = doc
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * One page of the union of `conditions` (e.g. one per status), in (field, _id) order. One query per
 * condition, all in parallel, each reading about `limit + 1` documents from its index.
 */
export async function fetchPage<T extends { _id: string }>(
  coll: Collection,
  _: Command,
  conditions: Record<string, unknown>[],
  spec: PageSpec,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const after = spec.cursor ? decodeCursor(spec.list, spec.cursor) : null
  const asc = spec.dir === 'asc'
  const { field } = spec
  const where = (base: Record<string, unknown>) => {
    if (!after) return base
    if (spec.unique) return _.and([base, { [field]: asc ? _.gt(after.value) : _.lt(after.value) }])
    return _.and([
      base,
      { [field]: asc ? _.gte(after.value) : _.lte(after.value) },
      _.or([{ [field]: asc ? _.gt(after.value) : _.lt(after.value) }, { [field]: after.value, _id: asc ? _.gt(after.id) : _.lt(after.id) }]),
    ])
  }
  const results = await Promise.all(
    conditions.map((c) => {
      const q = coll.where(where(c)).orderBy(field, spec.dir)
      return (spec.unique ? q : q.orderBy('_id', spec.dir)).limit(spec.limit + 1).get()
    }),
  )
  const sign = asc ? 1 : -1
  const key = (d: T) => String(valueAt(d, field) ?? '')
  const merged = results
    .flatMap((r) => r.data as T[])
    .sort((a, b) => sign * (cmp(key(a), key(b)) || cmp(a._id, b._id)))
  const items = merged.slice(0, spec.limit)
  const last = items[items.length - 1]
  const nextCursor = merged.length > spec.limit && last ? encodeCursor(spec.list, { value: key(last), id: spec.unique ? '' : last._id }) : null
  return { items, nextCursor }
}
