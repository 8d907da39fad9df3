import type { Collection, Command } from 'wx-server-sdk'

/** Where a keyset walk stopped: the sort value and `_id` of the last row written. */
export interface Keyset {
  at: string
  id: string
}

export const encodeKeyset = (k: Keyset): string => JSON.stringify([k.at, k.id])
export function decodeKeyset(s: string | null): Keyset | null {
  if (!s) return null
  const [at, id] = JSON.parse(s) as [string, string]
  return { at, id }
}

/**
 * The next `limit` documents in (`field`, `_id`) order within [lo, hi), after `cursor`. Ties on `field`
 * (reports created in the same millisecond) are walked by `_id` first, so no row is skipped or repeated
 * however many share a time; both queries ride the (`field`, `_id`) index. `next` is null when the range
 * is exhausted.
 */
export async function keysetPage<T extends { _id: string }>(
  coll: Collection,
  _: Command,
  where: Record<string, unknown>,
  field: string,
  range: { lo: string | Date; hi: string | Date },
  cursor: Keyset | null,
  limit: number,
): Promise<{ docs: T[]; next: Keyset | null }> {
  const docs: T[] = []
  if (cursor) {
    const ties = await coll.where({ ...where, [field]: cursor.at, _id: _.gt(cursor.id) }).orderBy('_id', 'asc').limit(limit).get()
    docs.push(...(ties.data as T[]))
  }
  const rest = limit - docs.length
  let more = docs.length === limit
  if (rest > 0) {
    const lower = cursor ? _.gt(cursor.at) : _.gte(range.lo)
    const res = await coll
      .where({ ...where, [field]: _.and(lower, _.lt(range.hi)) })
      .orderBy(field, 'asc')
      .orderBy('_id', 'asc')
      .limit(rest)
      .get()
    docs.push(...(res.data as T[]))
    more = res.data.length === rest
  }
  const last = docs[docs.length - 1] as (T & Record<string, unknown>) | undefined
  const lastAt = last ? last[field] : undefined
  const at = lastAt instanceof Date ? lastAt.toISOString() : String(lastAt)
  return { docs, next: more && last ? { at, id: last._id } : null }
}
