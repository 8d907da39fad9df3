'use strict'
// @ts-check
const fs = require('node:fs')
const { HttpError, sendJson } = require('./respond')
const { readBody, parseJsonObject } = require('./body')
const { parseMultipart } = require('./multipart')
const { cloudPathProblem } = require('../storage/file-id')

/**
 * @typedef {object} RouteContext
 * @property {import('node:http').IncomingMessage} req
 * @property {import('node:http').ServerResponse} res
 * @property {any} rt                    the runtime
 * @property {string[]} segments         decoded path segments after /api/
 * @property {URLSearchParams} query
 * @property {string} requestId          this HTTP request's id (also in X-Request-Id)
 */

const DEV_USER_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Who the caller is. Only in dev mode does `X-Dev-User` name the mini-program user; outside
 * dev mode nothing on the request can claim an identity.
 * @param {RouteContext} c
 * @returns {import('../runtime').CallerIdentity}
 */
function callerIdentity({ req, rt }) {
  const base = { origin: requestOrigin(req), clientIp: req.socket.remoteAddress }
  if (!rt.dev) return { ...base, source: 'wx_http' }
  const header = req.headers['x-dev-user']
  if (header === undefined || header === '') return { ...base, source: 'wx_client' }
  if (typeof header !== 'string' || !DEV_USER_PATTERN.test(header)) {
    throw new HttpError(400, 'INVALID_INPUT', 'X-Dev-User 必须是 1-64 位字母、数字、_ 或 -')
  }
  return { ...base, source: 'wx_client', openid: header }
}

/** The origin the client used, for temp URLs that work from a phone on the LAN too. @param {import('node:http').IncomingMessage} req */
function requestOrigin(req) {
  const host = req.headers.host
  if (!host || !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return undefined
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim()
  return `${forwarded === 'https' ? 'https' : 'http'}://${host}`
}

/** @param {RouteContext} c @param {string[]} methods */
function allow({ req }, methods) {
  if (!methods.includes(req.method ?? '')) {
    throw new HttpError(405, 'METHOD_NOT_ALLOWED', `不支持 ${req.method} 方法`, { Allow: methods.join(', ') })
  }
}

// ---------------------------------------------------------------------------- core

/** @param {RouteContext} c */
function health(c) {
  allow(c, ['GET', 'HEAD'])
  if (!c.rt.ready) throw new HttpError(503, 'NOT_READY', 'devcloud 尚未就绪')
  sendJson(c.res, 200, { ok: true })
}

/** @param {RouteContext} c */
function contracts(c) {
  allow(c, ['GET', 'HEAD'])
  sendJson(c.res, 200, c.rt.contracts())
}

/** POST /api/fn/<name>: the function's return value as JSON. @param {RouteContext} c */
async function callFunction(c) {
  const name = c.segments[1]
  if (!name || c.segments.length !== 2) throw new HttpError(404, 'NOT_FOUND', '接口不存在')
  allow(c, ['POST'])
  if (!c.rt.getFunction(name)) throw new HttpError(404, 'FUNCTION_NOT_FOUND', `云函数不存在: ${name}`)
  const identity = callerIdentity(c)
  const event = parseJsonObject(await readBody(c.req, c.rt.settings.maxBodyBytes))
  try {
    const result = await c.rt.invoke(name, event, identity)
    sendJson(c.res, 200, result)
  } catch (err) {
    throw functionFailure(c, name, err)
  }
}

/** Logs the real error (with stack) and answers with an envelope that reveals nothing. @param {RouteContext} c @param {string} name @param {unknown} err */
function functionFailure(c, name, err) {
  const e = /** @type {any} */ (err)
  c.rt.logger.error(`cloud function "${name}" failed (request ${c.requestId}):`, e?.stack ?? e)
  if (e?.code === 'TIMEOUT') return new HttpError(504, 'TIMEOUT', '云函数执行超时')
  return new HttpError(500, 'INTERNAL', '服务器内部错误')
}

// ---------------------------------------------------------------------------- storage

/** POST /api/storage/upload?cloudPath=…  (raw body, or multipart/form-data with a `file` field) @param {RouteContext} c */
async function upload(c) {
  allow(c, ['POST'])
  const identity = callerIdentity(c)
  const body = await readBody(c.req, c.rt.settings.maxUploadBytes)
  const type = String(c.req.headers['content-type'] ?? '')
  let cloudPath = c.query.get('cloudPath') ?? undefined
  let content = body
  let contentType = type
  if (/^multipart\/form-data/i.test(type)) {
    const parts = parseMultipart(body, type)
    const file = parts.find((p) => p.name === 'file')
    if (!file) throw new HttpError(400, 'INVALID_INPUT', 'multipart 请求缺少 file 字段')
    cloudPath ??= parts.find((p) => p.name === 'cloudPath')?.data.toString('utf8')
    content = file.data
    contentType = file.contentType ?? ''
  }
  const problem = cloudPathProblem(cloudPath)
  if (problem) throw new HttpError(400, 'INVALID_INPUT', `cloudPath 不合法: ${problem}`)
  const { fileID } = await c.rt.storageApi.uploadFile({ cloudPath, fileContent: content, contentType }, { uploader: identity.openid ?? null })
  sendJson(c.res, 200, { fileID })
}

/** GET /api/storage/file/<cloudPath>?sign=…&t=…  @param {RouteContext} c */
async function serveStoredFile(c) {
  allow(c, ['GET', 'HEAD'])
  const cloudPath = c.segments.slice(2).join('/')
  const problem = cloudPathProblem(cloudPath)
  if (problem) throw new HttpError(400, 'INVALID_PATH', `路径不合法: ${problem}`)
  const verdict = c.rt.storage.verify(cloudPath, c.query.get('sign'), c.query.get('t'))
  if (verdict === 'expired') throw new HttpError(403, 'URL_EXPIRED', '临时链接已过期')
  if (verdict !== 'ok') throw new HttpError(403, 'FORBIDDEN', '签名无效')
  const meta = await c.rt.storage.stat(cloudPath)
  if (!meta) throw new HttpError(404, 'NOT_FOUND', '文件不存在')
  c.res.writeHead(200, {
    'Content-Type': meta.contentType,
    'Content-Length': meta.size,
    'Cache-Control': 'private, max-age=600',
    // Uploaded files share the app's origin: never let one run as a page.
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox",
  })
  if (c.req.method === 'HEAD') return c.res.end()
  const stream = fs.createReadStream(c.rt.storage.dataPath(cloudPath))
  stream.on('error', () => c.res.destroy())
  stream.pipe(c.res)
}

/** POST /api/storage/temp-urls { fileList }  @param {RouteContext} c */
async function tempUrls(c) {
  allow(c, ['POST'])
  const body = parseJsonObject(await readBody(c.req, c.rt.settings.maxBodyBytes))
  try {
    const { fileList } = await c.rt.storageApi.getTempFileURL({ fileList: body.fileList }, requestOrigin(c.req))
    sendJson(c.res, 200, { fileList })
  } catch (err) {
    const e = /** @type {any} */ (err)
    if (e?.code === 'INVALID_INPUT') throw new HttpError(400, 'INVALID_INPUT', e.errMsg)
    throw err
  }
}

/** @param {RouteContext} c */
function storage(c) {
  switch (c.segments[1]) {
    case 'upload': return upload(c)
    case 'file': return serveStoredFile(c)
    case 'temp-urls': return tempUrls(c)
    default: throw new HttpError(404, 'NOT_FOUND', '接口不存在')
  }
}

// ---------------------------------------------------------------------------- dev

/** /api/dev/* exists only in dev mode. @param {RouteContext} c */
async function dev(c) {
  if (!c.rt.dev) throw new HttpError(404, 'NOT_FOUND', '接口不存在')
  const { rt, res } = c
  switch (c.segments[1]) {
    case 'outbox':
      allow(c, ['GET', 'HEAD', 'DELETE'])
      if (c.req.method === 'DELETE') rt.outbox.length = 0
      return sendJson(res, 200, { messages: rt.outbox })
    case 'media-checks':
      allow(c, ['GET', 'HEAD'])
      return sendJson(res, 200, { checks: rt.mediaChecks })
    case 'clock':
      allow(c, ['GET', 'HEAD', 'POST'])
      if (c.req.method === 'POST') setClock(rt.clock, parseJsonObject(await readBody(c.req, rt.settings.maxBodyBytes)))
      return sendJson(res, 200, clockView(rt.clock))
    case 'stats':
      allow(c, ['GET', 'HEAD'])
      return sendJson(res, 200, { last: rt.lastInvocationStats ?? null, recent: rt.recentInvocationStats })
    case 'trigger':
      return trigger(c)
    default:
      throw new HttpError(404, 'NOT_FOUND', '接口不存在')
  }
}

/** @param {{ now(): number, offsetMs: number }} clock */
function clockView(clock) {
  const now = clock.now()
  return { now: new Date(now).toISOString(), nowMs: now, offsetMs: clock.offsetMs }
}

/** @param {any} clock @param {Record<string, unknown>} body */
function setClock(clock, body) {
  try {
    if (body.reset === true) clock.reset()
    else if (body.now !== undefined) clock.set(/** @type {any} */ (body.now))
    else if (body.advanceMs !== undefined) clock.advance(Number(body.advanceMs))
    else throw new Error('需要 { now } 或 { advanceMs } 或 { reset: true }')
  } catch (err) {
    throw new HttpError(400, 'INVALID_INPUT', /** @type {Error} */ (err).message)
  }
}

/** POST /api/dev/trigger/<fn>/<trigger>  @param {RouteContext} c */
async function trigger(c) {
  allow(c, ['POST'])
  const [, , fnName, triggerName] = c.segments
  if (!fnName || !triggerName || c.segments.length !== 4) throw new HttpError(404, 'NOT_FOUND', '接口不存在')
  try {
    const result = await c.rt.runTrigger(fnName, triggerName)
    sendJson(c.res, 200, { ok: true, result })
  } catch (err) {
    const e = /** @type {any} */ (err)
    if (e?.code === 'FUNCTION_NOT_FOUND' || e?.code === 'TRIGGER_NOT_FOUND') throw new HttpError(404, e.code, e.errMsg)
    throw functionFailure(c, fnName, err)
  }
}

/** Routes keyed by the first segment after /api/. */
const API_ROUTES = /** @type {Record<string, (c: RouteContext) => unknown>} */ ({
  health,
  contracts,
  fn: callFunction,
  storage,
  dev,
})

module.exports = { API_ROUTES, callerIdentity, requestOrigin }
