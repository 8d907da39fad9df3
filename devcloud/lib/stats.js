'use strict'
// @ts-check

/**
 * Database cost of one invocation, fed by the engine's onOp (one call per round trip).
 * Nested callFunction invocations add to their callers too, so a top-level figure is the total.
 * @typedef {object} InvocationStats
 * @property {string} requestId
 * @property {string} functionName
 * @property {string | undefined} source
 * @property {number} startedAt          ms on the runtime clock
 * @property {number} durationMs
 * @property {number} dbRoundTrips
 * @property {number} docsExamined
 * @property {number} docsReturned
 * @property {number} dbMs
 * @property {{ collection: string, op: string, examined: number, returned: number, ms: number, plan?: string }[]} ops
 * @property {number} nestedCalls
 * @property {boolean} failed
 */

const MAX_OPS_KEPT = 500

/** @returns {InvocationStats} */
function newStats(/** @type {{ requestId: string, functionName: string, source?: string, startedAt: number }} */ init) {
  return {
    requestId: init.requestId,
    functionName: init.functionName,
    source: init.source,
    startedAt: init.startedAt,
    durationMs: 0,
    dbRoundTrips: 0,
    docsExamined: 0,
    docsReturned: 0,
    dbMs: 0,
    ops: [],
    nestedCalls: 0,
    failed: false,
  }
}

/**
 * @param {InvocationStats} stats
 * @param {{ collection?: string, op?: string, examined?: number, returned?: number, ms?: number, plan?: string }} op
 */
function recordOp(stats, op) {
  const entry = {
    collection: String(op.collection ?? ''),
    op: String(op.op ?? ''),
    examined: Number(op.examined) || 0,
    returned: Number(op.returned) || 0,
    ms: Number(op.ms) || 0,
    // The engine may say which plan (index or scan) served the query: benchmarks want it.
    ...(op.plan !== undefined ? { plan: String(op.plan) } : {}),
  }
  stats.dbRoundTrips += 1
  stats.docsExamined += entry.examined
  stats.docsReturned += entry.returned
  stats.dbMs += entry.ms
  if (stats.ops.length < MAX_OPS_KEPT) stats.ops.push(entry)
}

module.exports = { newStats, recordOp }
