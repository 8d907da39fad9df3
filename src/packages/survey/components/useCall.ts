import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import { useDevUserId, type ClientEnvelope, type ClientFail } from '@/services'

export interface CallState<T> {
  data: T | undefined
  error: ClientFail | null
  loading: boolean
  reload: () => void
  /** Replace the data locally (after a mutation answered with the new state). */
  setData: (data: T) => void
}

/**
 * Like `useAction`, for calls chosen at run time (which action depends on the page's mode) and pages that
 * update the data from a mutation's answer. Re-runs on `deps`, on `reload()` and (H5) on an identity switch.
 */
export function useCall<T>(call: () => Promise<ClientEnvelope<T>>, deps: DependencyList): CallState<T> {
  const identity = useDevUserId()
  const ref = useRef(call)
  ref.current = call
  const [state, setState] = useState<{ data: T | undefined; error: ClientFail | null; loading: boolean }>({ data: undefined, error: null, loading: true })
  const [nonce, setNonce] = useState(0)
  useEffect(() => {
    let alive = true
    setState((s) => ({ ...s, error: null, loading: true }))
    ref.current().then((res) => {
      if (!alive) return
      setState(res.ok ? { data: res.data, error: null, loading: false } : { data: undefined, error: res, loading: false })
    })
    return () => {
      alive = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [identity, nonce, ...deps])
  const reload = useCallback(() => setNonce((n) => n + 1), [])
  const setData = useCallback((data: T) => setState({ data, error: null, loading: false }), [])
  return { ...state, reload, setData }
}
