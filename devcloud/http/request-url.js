'use strict'
// @ts-check
const { HttpError } = require('./respond')

/**
 * Splits a raw request URL without WHATWG normalisation, so `..` (also as `%2e%2e`) is seen
 * and refused rather than silently resolved.
 * @param {string} rawUrl
 * @returns {{ path: string, segments: string[], query: URLSearchParams }}
 */
function parseRequestUrl(rawUrl) {
  const q = rawUrl.indexOf('?')
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q)
  const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1))
  if (!rawPath.startsWith('/')) throw new HttpError(400, 'INVALID_INPUT', '无效的请求路径')
  const segments = rawPath.slice(1).split('/').map((raw) => {
    let s
    try {
      s = decodeURIComponent(raw)
    } catch {
      throw new HttpError(400, 'INVALID_INPUT', '无效的路径编码')
    }
    // eslint-disable-next-line no-control-regex
    if (s === '..' || s === '.' || /[/\\\u0000]/.test(s)) throw new HttpError(400, 'INVALID_PATH', '路径不合法')
    return s
  })
  return { path: rawPath, segments, query }
}

module.exports = { parseRequestUrl }
