interface DevcloudGlobal {
  __DEVCLOUD__?: { clock?: { now(): Date | number } }
}

/**
 * The current time. Under devcloud a controllable clock is published on `globalThis.__DEVCLOUD__`
 * (tests move it forward to cross deadlines); in WeChat's cloud it is the system clock.
 */
export function now(): Date {
  const clock = (globalThis as DevcloudGlobal).__DEVCLOUD__?.clock
  if (clock && typeof clock.now === 'function') {
    const t = clock.now()
    return new Date(t instanceof Date ? t.getTime() : t)
  }
  return new Date(Date.now())
}
