import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type DependencyList } from 'react'
import type { FunctionName } from '@/domain/contracts'
import { callAction, type ActionsOf, type ClientFail, type InputOf, type OutputOf } from './cloud'
import { getDevUser, subscribeDevUser } from './devIdentity'

export interface ActionState<T> {
  /** The last successful result; undefined until the first success, and after a failure. */
  data: T | undefined
  /** The failure of the last call, or null. */
  error: ClientFail | null
  /** True while a call is in flight (including reloads, when `data` still holds the previous result). */
  loading: boolean
  /** Call again (retry buttons, pull-to-refresh). */
  reload: () => void
}

const noSubscribe = () => () => {}
const noIdentity = () => ''

/**
 * The caller's dev identity (H5). In the mini-program the identity is the WeChat user and never changes,
 * so this is a constant there.
 */
export function useDevUserId(): string {
  return useSyncExternalStore(
    process.env.TARO_ENV === 'h5' ? subscribeDevUser : noSubscribe,
    process.env.TARO_ENV === 'h5' ? getDevUser : noIdentity,
  )
}

/**
 * Run one action when the component mounts, when `deps` change, and (H5) when the dev identity changes.
 * `payload` is read at call time; list whatever it depends on in `deps`.
 */
export function useAction<F extends FunctionName, A extends ActionsOf<F>>(
  fn: F,
  action: A,
  payload: InputOf<F, A>,
  deps: DependencyList = [],
): ActionState<OutputOf<F, A>> {
  const [state, setState] = useState<Omit<ActionState<OutputOf<F, A>>, 'reload'>>({
    data: undefined,
    error: null,
    loading: true,
  })
  const [nonce, setNonce] = useState(0)
  const identity = useDevUserId()
  const payloadRef = useRef(payload)
  payloadRef.current = payload
  const lastIdentity = useRef(identity)

  useEffect(() => {
    let alive = true
    const identityChanged = lastIdentity.current !== identity
    lastIdentity.current = identity
    // Someone else's data must not linger while the new identity's loads.
    setState((s) => ({ data: identityChanged ? undefined : s.data, error: null, loading: true }))
    callAction(fn, action, payloadRef.current).then((res) => {
      if (!alive) return
      setState(res.ok ? { data: res.data, error: null, loading: false } : { data: undefined, error: res, loading: false })
    })
    return () => {
      alive = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fn, action, identity, nonce, ...deps])

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return { ...state, reload }
}
