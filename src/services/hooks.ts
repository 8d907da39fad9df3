/**
 * Small hooks the 随手拍 screens share: cursor-paged lists, temp URLs of stored photos, a ticking clock.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import { useDidShow } from '@tarojs/taro'
import { getTempFileURLs, type ClientEnvelope, type ClientFail } from './cloud'
import { useDevUserId } from './useAction'

// ---------------------------------------------------------------------------------------------------------
// Cursor paging

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface PagedState<T> {
  items: T[]
  /** First page loading (or reloading with nothing shown yet). */
  loading: boolean
  /** A reload in progress while the previous items stay on screen (pull-down refresh). */
  refreshing: boolean
  loadingMore: boolean
  /** The first page failed. */
  error: ClientFail | null
  /** 加载更多 failed (the items so far stay). */
  moreError: ClientFail | null
  hasMore: boolean
  loadMore: () => void
  reload: () => void
}

/**
 * A list read page by page with the server's opaque cursor. `fetchPage(cursor)` is read at call time;
 * list what it depends on in `deps` (a change starts over from the first page).
 */
export function usePaged<T>(fetchPage: (cursor: string | undefined) => Promise<ClientEnvelope<Page<T>>>, deps: DependencyList): PagedState<T> {
  const identity = useDevUserId()
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  const [items, setItems] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [refreshing, setRefreshing] = useState(false)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<ClientFail | null>(null)
  const [moreError, setMoreError] = useState<ClientFail | null>(null)
  const [nonce, setNonce] = useState(0)
  // Answers of an outdated generation (filters changed meanwhile) are dropped.
  const generation = useRef(0)
  const hasItems = useRef(false)
  hasItems.current = items.length > 0
  const lastNonce = useRef(nonce)

  useEffect(() => {
    const gen = ++generation.current
    // A reload (pull-down, back from a detail) keeps the list on screen; new filters start empty.
    const keep = hasItems.current && nonce !== lastNonce.current
    lastNonce.current = nonce
    setLoading(!keep)
    setRefreshing(keep)
    setError(null)
    setMoreError(null)
    if (!keep) setItems([])
    fetchRef.current(undefined).then((res) => {
      if (gen !== generation.current) return
      setLoading(false)
      setRefreshing(false)
      if (res.ok) {
        setItems(res.data.items)
        setCursor(res.data.nextCursor)
      } else {
        setItems([])
        setCursor(null)
        setError(res)
      }
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [identity, nonce, ...deps])

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore || loading) return
    const gen = generation.current
    setLoadingMore(true)
    setMoreError(null)
    fetchRef.current(cursor).then((res) => {
      if (gen !== generation.current) return
      setLoadingMore(false)
      if (res.ok) {
        setItems((prev) => {
          const seen = new Set(prev.map((i) => (i as { id?: string }).id))
          return [...prev, ...res.data.items.filter((i) => !seen.has((i as { id?: string }).id))]
        })
        setCursor(res.data.nextCursor)
      } else setMoreError(res)
    })
  }, [cursor, loadingMore, loading])

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return { items, loading, refreshing, loadingMore, error, moreError, hasMore: cursor !== null, loadMore, reload }
}

// ---------------------------------------------------------------------------------------------------------
// Temp URLs of stored photos (cached for a few minutes: they are signed and expire)

const URL_TTL_MS = 8 * 60 * 1000
const urlCache = new Map<string, { url: string; at: number }>()

export function useTempUrls(fileIds: readonly string[]): { urls: Record<string, string>; failed: boolean } {
  const key = fileIds.join('|')
  const [state, setState] = useState<{ key: string; urls: Record<string, string>; failed: boolean }>(() => ({ key: '', urls: {}, failed: false }))
  useEffect(() => {
    let alive = true
    const now = Date.now()
    const cached: Record<string, string> = {}
    const missing: string[] = []
    for (const id of fileIds) {
      const hit = urlCache.get(id)
      if (hit && now - hit.at < URL_TTL_MS) cached[id] = hit.url
      else if (id) missing.push(id)
    }
    if (missing.length === 0) {
      setState({ key, urls: cached, failed: false })
      return
    }
    setState({ key, urls: cached, failed: false })
    getTempFileURLs(missing).then((res) => {
      if (!alive) return
      if (!res.ok) return setState({ key, urls: cached, failed: true })
      const urls = { ...cached }
      for (const f of res.data) {
        if (f.status === 0 && f.tempFileURL) {
          urls[f.fileID] = f.tempFileURL
          urlCache.set(f.fileID, { url: f.tempFileURL, at: Date.now() })
        }
      }
      setState({ key, urls, failed: res.data.some((f) => f.status !== 0) })
    })
    return () => {
      alive = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  return state.key === key ? state : { urls: {}, failed: false }
}

// ---------------------------------------------------------------------------------------------------------
// Now, ticking (countdowns)

export function useNow(intervalMs = 30000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(t)
  }, [intervalMs])
  return now
}

/** Calls `onShow` each time the page comes to the front again (not the first time): a list refreshes after its detail page changed something. */
export function useShownAgain(onShow: () => void): void {
  const first = useRef(true)
  const ref = useRef(onShow)
  ref.current = onShow
  useDidShow(() => {
    if (first.current) first.current = false
    else ref.current()
  })
}
