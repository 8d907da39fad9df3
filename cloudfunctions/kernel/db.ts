import type { Collection, Database, DocData, Query } from 'wx-server-sdk'

/** The cloud database returns at most this many documents per `get()` from a cloud function. */
export const SERVER_PAGE = 100

/** One document by `_id`, or null — a query, so a missing document is not an exception. */
export async function findById<T = DocData>(coll: Collection, id: string): Promise<T | null> {
  const res = await coll.where({ _id: id }).limit(1).get()
  return (res.data[0] as T | undefined) ?? null
}

/** Documents by `_id`, in as few round trips as the page size allows (chunks run in parallel). */
export async function findByIds<T extends { _id: string } = DocData & { _id: string }>(
  db: Database,
  collection: string,
  ids: Iterable<string>,
): Promise<Map<string, T>> {
  const unique = Array.from(new Set(ids))
  const out = new Map<string, T>()
  if (!unique.length) return out
  const _ = db.command
  const chunks: string[][] = []
  for (let i = 0; i < unique.length; i += SERVER_PAGE) chunks.push(unique.slice(i, i + SERVER_PAGE))
  const results = await Promise.all(
    chunks.map((chunk) => db.collection(collection).where({ _id: _.in(chunk) }).limit(chunk.length).get()),
  )
  for (const r of results) for (const d of r.data as T[]) out.set(d._id, d)
  return out
}

/**
 * Every document a query matches, up to `max`, a page of 100 at a time. For small reference
 * collections (districts, categories); lists that grow are paged with `fetchPage`.
 */
export async function fetchAll<T = DocData>(query: Query, max = 1000): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; skip < max; skip += SERVER_PAGE) {
    const size = Math.min(SERVER_PAGE, max - skip)
    const res = await (skip ? query.skip(skip) : query).limit(size).get()
    out.push(...(res.data as T[]))
    if (res.data.length < size) break
  }
  return out
}

/** One page and whether there is more, in one round trip (asks for one extra document). */
export async function fetchPage<T = DocData>(query: Query, offset: number, limit: number): Promise<{ items: T[]; hasMore: boolean }> {
  const res = await (offset ? query.skip(offset) : query).limit(limit + 1).get()
  const data = res.data as T[]
  return { items: data.slice(0, limit), hasMore: data.length > limit }
}

/**
 * Inserts the documents whose `_id` is not yet in the collection and leaves existing ones alone
 * (idempotent seeding and back-fills). One query per 100 ids to find what exists, then the inserts
 * in parallel waves. Returns the ids inserted.
 */
export async function insertMissing<T extends { _id: string }>(
  db: Database,
  collection: string,
  docs: readonly T[],
  opts: { concurrency?: number } = {},
): Promise<string[]> {
  const existing = await findByIds(db, collection, docs.map((d) => d._id))
  const missing = docs.filter((d) => !existing.has(d._id))
  const coll = db.collection(collection)
  const concurrency = opts.concurrency ?? 20
  for (let i = 0; i < missing.length; i += concurrency) {
    await Promise.all(missing.slice(i, i + concurrency).map((d) => coll.add({ data: { ...d } })))
  }
  return missing.map((d) => d._id)
}

/** A unique-key violation on insert: WeChat passes MongoDB's E11000 text through. */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as { errMsg?: unknown; message?: unknown; code?: unknown } | null
  return !!e && (e.code === 'DATABASE_DUPLICATE_KEY' || /E11000|duplicate key/i.test(`${String(e.errMsg ?? '')} ${String(e.message ?? '')}`))
}
