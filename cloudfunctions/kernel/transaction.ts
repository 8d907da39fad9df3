import type { Database } from 'wx-server-sdk'

/** `db.runTransaction`, typed here (the kernel's SDK typings do not declare it). */
export interface TxDoc {
  get(): Promise<{ data: Record<string, any> | null }>
  update(o: { data: Record<string, unknown> }): Promise<unknown>
  set(o: { data: Record<string, unknown> }): Promise<unknown>
}
export interface Tx {
  collection(name: string): { doc(id: string): TxDoc; add(o: { data: Record<string, unknown> }): Promise<unknown> }
}
export function runTransaction<T>(db: Database, run: (t: Tx) => Promise<T>): Promise<T> {
  return (db as unknown as { runTransaction(cb: (t: Tx) => Promise<T>, retries?: number): Promise<T> }).runTransaction(run, 10)
}

/** A document read inside a transaction, or null (WeChat throws for a missing doc, devcloud answers null). */
export async function txGet<T>(t: Tx, collection: string, id: string): Promise<T | null> {
  try {
    const res = await t.collection(collection).doc(id).get()
    return (res?.data as T | null) ?? null
  } catch (err) {
    if (/not exist|cannot find|does not exist/i.test(String((err as { errMsg?: string; message?: string })?.errMsg ?? (err as Error)?.message ?? ''))) return null
    throw err
  }
}
