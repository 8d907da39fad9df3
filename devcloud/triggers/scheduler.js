'use strict'
// @ts-check

const MAX_TIMEOUT_MS = 2 ** 31 - 1

/**
 * Fires timer triggers on the real clock while the server runs. Each trigger keeps one
 * pending setTimeout for its next firing; long waits are re-armed in steps because
 * setTimeout cannot wait longer than ~24.8 days.
 * @param {{ fire: (functionName: string, triggerName: string) => Promise<unknown>, now?: () => number, logger: import('../lib/logger').Logger }} deps
 */
function createScheduler({ fire, now = Date.now, logger }) {
  /** @type {Map<string, NodeJS.Timeout>} */
  const timers = new Map()
  let running = false

  /** @param {string} fnName @param {import('../functions/registry').TimerTrigger} trigger */
  function arm(fnName, trigger) {
    const key = `${fnName}/${trigger.name}`
    const dueAt = trigger.schedule.next(now())
    if (dueAt === null) { logger.info(`timer ${key} has no future firing`); return }
    const wait = () => {
      const remaining = dueAt - now()
      const timer = setTimeout(() => {
        if (!running) return
        if (dueAt - now() > 5) return wait()
        logger.debug(`timer ${key} fires`)
        fire(fnName, trigger.name).catch((err) => logger.error(`timer ${key} failed:`, err))
        arm(fnName, trigger)
      }, Math.min(Math.max(remaining, 0), MAX_TIMEOUT_MS))
      timer.unref?.()
      timers.set(key, timer)
    }
    wait()
  }

  return {
    get running() { return running },
    /** @param {import('../functions/registry').FunctionEntry[]} functions */
    start(functions) {
      running = true
      for (const fn of functions) this.add(fn)
    },
    /** (Re)arms one function's triggers; no-op while stopped. @param {import('../functions/registry').FunctionEntry} fn */
    add(fn) {
      if (!running) return
      this.remove(fn.name)
      for (const trigger of fn.triggers) arm(fn.name, trigger)
    },
    /** @param {string} fnName */
    remove(fnName) {
      for (const [key, timer] of timers) {
        if (key.startsWith(`${fnName}/`)) { clearTimeout(timer); timers.delete(key) }
      }
    },
    stop() {
      running = false
      for (const timer of timers.values()) clearTimeout(timer)
      timers.clear()
    },
    /** Keys `fn/trigger` currently armed (for diagnostics and tests). */
    armed: () => [...timers.keys()],
  }
}

module.exports = { createScheduler }
