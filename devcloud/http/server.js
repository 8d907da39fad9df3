'use strict'
// @ts-check
const http = require('node:http')
const crypto = require('node:crypto')
const { performance } = require('node:perf_hooks')
const { HttpError, sendError } = require('./respond')
const { parseRequestUrl } = require('./request-url')
const { API_ROUTES } = require('./routes')
const { serveH5 } = require('./static')
const { httpAccessTarget, serveHttpAccess } = require('./http-access')

/**
 * The HTTP front door: /api/* for the H5 app and tools, everything else serves the H5 build.
 * No request, however malformed, may take the process down: every handler's failure ends
 * as a JSON envelope (or a destroyed socket once headers are out).
 * @param {any} rt  the runtime
 */
function createHttpServer(rt) {
  const server = http.createServer((req, res) => {
    const started = performance.now()
    const requestId = crypto.randomUUID()
    res.setHeader('X-Request-Id', requestId)
    const rawPath = (req.url ?? '/').split('?')[0]
    res.on('finish', () => rt.logger.info(`${req.method} ${rawPath} ${res.statusCode} ${Math.round(performance.now() - started)}ms`))

    handle(rt, req, res, requestId).catch((err) => {
      if (err instanceof HttpError) {
        if (!res.headersSent) return sendError(res, err)
      } else {
        rt.logger.error(`unhandled error on ${req.method} ${rawPath} (request ${requestId}):`, err)
        if (!res.headersSent) return sendError(res, mapUnexpected(err))
      }
      res.destroy()
    })
  })

  // Malformed HTTP never reaches the handler; answer it and move on.
  server.on('clientError', (err, socket) => {
    if (socket.writable && !(/** @type {any} */ (err)).code?.startsWith?.('ECONNRESET')) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    } else {
      socket.destroy()
    }
  })
  return server
}

/**
 * @param {any} rt
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} requestId
 */
async function handle(rt, req, res, requestId) {
  req.on('error', () => { /* aborted uploads surface through readBody */ })
  const { path, segments, query } = parseRequestUrl(req.url ?? '/')

  const httpFunction = httpAccessTarget(path)
  if (httpFunction) return await serveHttpAccess(rt, req, res, { fn: httpFunction, path, query })

  if (segments[0] === 'api') {
    if (rt.dev) applyDevCors(req, res)
    if (req.method === 'OPTIONS' && rt.dev) {
      res.writeHead(204)
      return res.end()
    }
    const route = Object.hasOwn(API_ROUTES, segments[1] ?? '') ? API_ROUTES[segments[1]] : undefined
    if (!route) throw new HttpError(404, 'NOT_FOUND', '接口不存在')
    return await route({ req, res, rt, segments: segments.slice(1), query, requestId })
  }

  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new HttpError(405, 'METHOD_NOT_ALLOWED', `不支持 ${req.method} 方法`, { Allow: 'GET, HEAD' })
  }
  req.resume()
  serveH5(req, res, rt.settings.h5Dir, segments)
}

/**
 * In dev mode the H5 dev server (another port) calls devcloud directly, so allow any origin
 * and the X-Dev-User header.
 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
 */
function applyDevCors(req, res) {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*')
  res.setHeader('Vary', 'Origin')
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS')
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Dev-User')
  res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id')
  res.setHeader('Access-Control-Max-Age', '600')
}

/** CloudErrors thrown by storage/openapi map to statuses; anything else is a 500. @param {any} err */
function mapUnexpected(err) {
  if (err?.code === 'INVALID_INPUT') return new HttpError(400, 'INVALID_INPUT', err.errMsg ?? '请求参数不合法')
  if (err?.code === 'NOT_FOUND') return new HttpError(404, 'NOT_FOUND', err.errMsg ?? '资源不存在')
  return new HttpError(500, 'INTERNAL', '服务器内部错误')
}

module.exports = { createHttpServer }
