/**
 * Hooks the 志愿服务 screens share: offset-paged lists (the volunteer contract pages by `offset`/`limit` and
 * answers `{ items, hasMore }`), refresh when a page comes back to the front, a ticking clock.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { FunctionName } from '@/domain/contracts'
import { callAction, type ActionsOf, type ClientFail, type InputOf, type OutputOf } from './cloud'
import { useDevUserId } from './useAction'

type ItemOf<O> = O extends { items: Array<infer T> } ? T : never

export interface OffsetList<T> {
  items: T[]
  loading: boolean
  loadingMore: boolean
  error: ClientFail | null
  moreError: ClientFail | null
  hasMore: boolean
  loadMore: () => void
  reload: () => void
  /** Replace one item in place (after an action answered with its new state). */
  patch: (match: (item: T) => boolean, next: T) => void
}

/**
 * A list read `limit` at a time. `payload` (without offset/limit) is read at call time; list what it
 * depends on in `deps`. A reload keeps the items on screen until the answer comes.
 */
export function useOffsetList<F extends FunctionName, A extends ActionsOf<F>>(
  fn: F,
  action: A,
  payload: Omit<InputOf<F, A>, 'offset' | 'limit'>,
  deps: DependencyList = [],
  limit = 20,
): OffsetList<ItemOf<OutputOf<F, A>>> {
  type T = ItemOf<OutputOf<F, A>>
  const identity = useDevUserId()
  const payloadRef = useRef(payload)
  payloadRef.current = payload
  const [items, setItems] = useState<T[]>([])
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<ClientFail | null>(null)
  const [moreError, setMoreError] = useState<ClientFail | null>(null)
  const [hasMore, setHasMore] = useState(false)
  const [nonce, setNonce] = useState(0)
  const generation = useRef(0)
  const count = useRef(0)
  count.current = items.length

  const fetchPage = (offset: number) =>
    callAction(fn, action, { ...payloadRef.current, offset, limit } as unknown as InputOf<F, A>) as Promise<
      { ok: true; data: { items: T[]; hasMore: boolean } } | ClientFail
    >

  useEffect(() => {
    const gen = ++generation.current
    setLoading(true)
    setError(null)
    setMoreError(null)
    fetchPage(0).then((res) => {
      if (gen !== generation.current) return
      setLoading(false)
      if (res.ok) {
        setItems(res.data.items)
        setHasMore(res.data.hasMore)
      } else {
        setItems([])
        setHasMore(false)
        setError(res)
      }
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [identity, nonce, ...deps])

  const loadMore = useCallback(() => {
    if (!hasMore || loadingMore || loading) return
    const gen = generation.current
    setLoadingMore(true)
    setMoreError(null)
    fetchPage(count.current).then((res) => {
      if (gen !== generation.current) return
      setLoadingMore(false)
      if (res.ok) {
        setItems((prev) => [...prev, ...res.data.items])
        setHasMore(res.data.hasMore)
      } else setMoreError(res)
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hasMore, loadingMore, loading])

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  const patch = useCallback((match: (item: T) => boolean, next: T) => setItems((prev) => prev.map((it) => (match(it) ? next : it))), [])
  return { items, loading: loading && items.length === 0, loadingMore, error, moreError, hasMore, loadMore, reload, patch }
}

/** Calls `onShow` each time the page comes to the front again (not the first time). */
export function useOnShowAgain(onShow: () => void): void {
  const first = useRef(true)
  const ref = useRef(onShow)
  ref.current = onShow
  useDidShow(() => {
    if (first.current) first.current = false
    else ref.current()
  })
}

/** The device clock, ticking every `intervalMs`. */
export function useTick(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(t)
  }, [intervalMs])
  return now
}

/** A mutation's busy flag, guarded against double taps. */
export function useBusy(): [boolean, <R>(work: () => Promise<R>) => Promise<R | undefined>] {
  const [busy, setBusy] = useState(false)
  const ref = useRef(false)
  const run = useCallback(async <R,>(work: () => Promise<R>): Promise<R | undefined> => {
    if (ref.current) return undefined
    ref.current = true
    setBusy(true)
    try {
      return await work()
    } finally {
      ref.current = false
      setBusy(false)
    }
  }, [])
  return [busy, run]
}
