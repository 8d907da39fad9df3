'use strict'
// @ts-check

/**
 * @typedef {{ now(): number, set(msOrDate: number | Date | string): number, advance(ms: number): number, reset(): number, readonly offsetMs: number }} Clock
 */

/**
 * A controllable clock: real time plus an offset, so "three days later" can be tested
 * without faking timers. db.serverDate() and functions (via __DEVCLOUD__.clock) read it.
 * @param {() => number} [realNow]
 * @returns {Clock}
 */
function createClock(realNow = Date.now) {
  let offsetMs = 0
  return {
    now: () => realNow() + offsetMs,
    set(msOrDate) {
      const target = toMs(msOrDate)
      offsetMs = target - realNow()
      return target
    },
    advance(ms) {
      if (!Number.isFinite(ms)) throw new TypeError('clock.advance(ms) needs a finite number')
      offsetMs += ms
      return realNow() + offsetMs
    },
    reset() {
      offsetMs = 0
      return realNow()
    },
    get offsetMs() { return offsetMs },
  }
}

/** @param {number | Date | string} value */
function toMs(value) {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : value
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new TypeError(`not a time: ${String(value)}`)
  return ms
}

module.exports = { createClock, toMs }
