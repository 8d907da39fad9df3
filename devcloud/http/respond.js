'use strict'
// @ts-check

/**
 * An HTTP failure with the JSON envelope the app understands: `{ ok: false, code, message }`.
 */
class HttpError extends Error {
  /** @param {number} status @param {string} code @param {string} message @param {Record<string, string>} [headers] */
  constructor(status, code, message, headers = {}) {
    super(message)
    this.name = 'HttpError'
    this.status = status
    this.code = code
    this.headers = headers
  }
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body   serialised as JSON; Dates become ISO strings, as on the real wire
 * @param {Record<string, string>} [headers]
 */
function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body === undefined ? null : body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  })
  res.end(res.req?.method === 'HEAD' ? undefined : text)
}

/** @param {import('node:http').ServerResponse} res @param {HttpError} err */
function sendError(res, err) {
  sendJson(res, err.status, { ok: false, code: err.code, message: err.message }, err.headers)
}

module.exports = { HttpError, sendJson, sendError }
