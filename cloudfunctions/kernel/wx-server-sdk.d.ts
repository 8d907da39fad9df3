/**
 * The part of `wx-server-sdk` the kernel and functions use, typed. The package itself is not a
 * dependency of the project (bundles keep it external; in tests and devcloud it resolves to
 * `devcloud/sdk`), so the types live here.
 */
declare module 'wx-server-sdk' {
  export type DocData = Record<string, any>

  export interface QueryResult<T = DocData> {
    data: T[]
    errMsg?: string
  }
  export interface DocResult<T = DocData> {
    data: T
    errMsg?: string
  }
  export interface AddResult {
    _id: string
    errMsg?: string
  }
  export interface WriteResult {
    stats: { updated?: number; removed?: number; created?: number }
    _id?: string
    errMsg?: string
  }
  export interface CountResult {
    total: number
    errMsg?: string
  }

  export interface Query<T = DocData> {
    where(condition: Record<string, unknown>): Query<T>
    orderBy(field: string, order: 'asc' | 'desc'): Query<T>
    skip(n: number): Query<T>
    limit(n: number): Query<T>
    field(projection: Record<string, boolean | 0 | 1>): Query<T>
    get(): Promise<QueryResult<T>>
    count(): Promise<CountResult>
    update(options: { data: Record<string, unknown> }): Promise<WriteResult>
    remove(): Promise<WriteResult>
  }

  export interface DocumentReference<T = DocData> {
    get(): Promise<DocResult<T>>
    set(options: { data: Record<string, unknown> }): Promise<WriteResult>
    update(options: { data: Record<string, unknown> }): Promise<WriteResult>
    remove(): Promise<WriteResult>
  }

  /** collection.aggregate(): stages chain, `end()` runs them (`$` operators are `db.command.aggregate`). */
  export interface Aggregate {
    match(condition: Record<string, unknown>): Aggregate
    group(spec: Record<string, unknown>): Aggregate
    project(spec: Record<string, unknown>): Aggregate
    addFields(spec: Record<string, unknown>): Aggregate
    sort(spec: Record<string, 1 | -1>): Aggregate
    skip(n: number): Aggregate
    limit(n: number): Aggregate
    end(): Promise<{ list: any[]; errMsg?: string }>
  }

  export interface Collection<T = DocData> extends Query<T> {
    doc(id: string): DocumentReference<T>
    add(options: { data: Record<string, unknown> }): Promise<AddResult>
    aggregate(): Aggregate
  }

  /** Query and update operators (`db.command`). Values are opaque to the caller. */
  export interface Command {
    eq(v: unknown): any
    neq(v: unknown): any
    gt(v: unknown): any
    gte(v: unknown): any
    lt(v: unknown): any
    lte(v: unknown): any
    in(v: unknown[]): any
    nin(v: unknown[]): any
    exists(v: boolean): any
    and(...conds: unknown[]): any
    or(...conds: unknown[]): any
    elemMatch(cond: Record<string, unknown>): any
    all(v: unknown[]): any
    size(n: number): any
    inc(n: number): any
    mul(n: number): any
    set(v: unknown): any
    remove(): any
    push(v: unknown): any
    pull(v: unknown): any
    addToSet(v: unknown): any
    [op: string]: any
  }

  export interface Database {
    collection<T = DocData>(name: string): Collection<T>
    command: Command
    serverDate(options?: { offset?: number }): any
    RegExp(options: { regexp: string; options?: string }): any
    Geo: any
    /**
     * Runs `callback` in a transaction: commits when it resolves (with its value), rolls back when it throws
     * (rejecting with that error) or calls `transaction.rollback(reason)` (rejecting with `reason`).
     */
    runTransaction<T>(callback: (transaction: Transaction) => Promise<T>, retries?: number): Promise<T>
    startTransaction(): Promise<Transaction>
  }

  /** Inside a transaction only `doc(id).get/set/update/remove` and `add` exist (no where-queries). */
  export interface Transaction {
    collection<T = DocData>(name: string): TransactionCollection<T>
    commit(): Promise<unknown>
    rollback(reason?: unknown): Promise<unknown>
  }
  export interface TransactionCollection<T = DocData> {
    doc(id: string): TransactionDocument<T>
    add(options: { data: Record<string, unknown> }): Promise<AddResult>
  }
  export interface TransactionDocument<T = DocData> {
    /** `data` is null when the document does not exist. */
    get(): Promise<{ data: T | null }>
    set(options: { data: Record<string, unknown> }): Promise<WriteResult>
    update(options: { data: Record<string, unknown> }): Promise<WriteResult>
    remove(): Promise<WriteResult>
  }

  export interface WXContext {
    OPENID?: string
    APPID?: string
    UNIONID?: string
    ENV?: string
    SOURCE?: string
    FROM_OPENID?: string
    FROM_APPID?: string
    FROM_UNIONID?: string
  }

  export const DYNAMIC_CURRENT_ENV: symbol | string
  export function init(options?: { env?: unknown; traceUser?: boolean; throwOnNotFound?: boolean }): void
  export function database(options?: { env?: unknown; throwOnNotFound?: boolean }): Database
  export function getWXContext(context?: unknown): WXContext
  export function callFunction(options: { name: string; data?: unknown }): Promise<{ result: unknown }>
  export interface TempFileURL {
    fileID: string
    tempFileURL: string
    /** 0 when the file exists. */
    status: number
    errMsg: string
    maxAge?: number
  }
  export function getTempFileURL(options: { fileList: (string | { fileID: string; maxAge?: number })[] }): Promise<{ fileList: TempFileURL[] }>
  export function uploadFile(options: { cloudPath: string; fileContent: Uint8Array | string }): Promise<{ fileID: string }>
  /** At most 50 files per call; `status` 0 when deleted (a missing file answers non-zero). */
  export function deleteFile(options: { fileList: string[] }): Promise<{ fileList: { fileID: string; status: number; errMsg: string }[] }>
  export const openapi: any
}
