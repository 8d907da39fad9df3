'use strict'
// @ts-check
const { HttpError } = require('./respond')

/**
 * 云开发 HTTP 访问服务: a path prefix routed to a cloud function. WeChat's gateway calls the function with
 * an HTTP-shaped event (`path`, `httpMethod`, `headers`, `queryStringParameters`, `body`,
 * `isBase64Encoded`) and no caller identity, and sends back the `{ statusCode, headers, body }` it returns
 * (a non-object result goes out as JSON with 200).
 */
const HTTP_ACCESS_ROUTES = /** @type {Record<string, string>} */ ({
  // Open311 GeoReport v2 (read-only open data): /open311/v2/services.json, /open311/v2/requests.json …
  '/open311/v2': 'open311',
})

/** The function a path belongs to, or null. @param {string} path */
function httpAccessTarget(path) {
  for (const [prefix, fn] of Object.entries(HTTP_ACCESS_ROUTES)) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return fn
  }
  return null
}

/**
 * @param {any} rt
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ fn: string, path: string, query: URLSearchParams }} target
 */
async function serveHttpAccess(rt, req, res, { fn, path, query }) {
  if (!rt.getFunction(fn)) throw new HttpError(404, 'FUNCTION_NOT_FOUND', `云函数不存在: ${fn}`)
  req.resume()
  /** @type {Record<string, string>} */
  const headers = {}
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v
  const event = {
    path,
    httpMethod: req.method,
    headers,
    queryStringParameters: Object.fromEntries(query),
    body: '',
    isBase64Encoded: false,
    requestContext: { sourceIp: req.socket.remoteAddress },
  }
  let result
  try {
    result = await rt.invoke(fn, event, { source: 'wx_http', clientIp: req.socket.remoteAddress })
  } catch (err) {
    rt.logger.error(`cloud function "${fn}" failed on HTTP access:`, /** @type {any} */ (err)?.stack ?? err)
    throw new HttpError(500, 'INTERNAL', '服务器内部错误')
  }
  const r = /** @type {any} */ (result)
  if (!r || typeof r !== 'object' || typeof r.statusCode !== 'number') {
    const text = JSON.stringify(result ?? null)
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
    return res.end(req.method === 'HEAD' ? undefined : text)
  }
  const body = r.isBase64Encoded ? Buffer.from(String(r.body ?? ''), 'base64') : Buffer.from(String(r.body ?? ''), 'utf8')
  res.writeHead(r.statusCode, { ...(r.headers ?? {}), 'Content-Length': body.length })
  res.end(req.method === 'HEAD' ? undefined : body)
}

module.exports = { HTTP_ACCESS_ROUTES, httpAccessTarget, serveHttpAccess }
