'use strict'
// @ts-check

/**
 * wx-server-sdk calls accept `{ success, fail, complete }` as well as returning a promise;
 * with callbacks given the call resolves through them and returns undefined.
 * @param {any} options @param {() => Promise<any>} run
 */
function withCallbacks(options, run) {
  const hasCallbacks = options && ['success', 'fail', 'complete'].some((k) => typeof options[k] === 'function')
  const promise = run()
  if (!hasCallbacks) return promise
  promise.then(
    (res) => { options.success?.(res); options.complete?.(res) },
    (err) => { options.fail?.(err); options.complete?.(err) },
  )
  return undefined
}

module.exports = { withCallbacks }
