'use strict'
// @ts-check
const { HttpError } = require('./respond')

/**
 * @typedef {{ name: string, filename?: string, contentType?: string, data: Buffer }} FormPart
 */

/**
 * Parses a buffered multipart/form-data body (what the H5 app's FormData uploads send).
 * @param {Buffer} body
 * @param {string} contentType  the request's Content-Type header, carrying the boundary
 * @returns {FormPart[]}
 */
function parseMultipart(body, contentType) {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  if (!m) throw invalid('multipart boundary missing')
  const boundary = m[1] ?? m[2]
  const opening = Buffer.from(`--${boundary}`)
  const separator = Buffer.from(`\r\n--${boundary}`)

  let pos = body.indexOf(opening)
  if (pos < 0) throw invalid('multipart body has no boundary')
  pos += opening.length
  /** @type {FormPart[]} */
  const parts = []
  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts // closing "--"
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) throw invalid('malformed multipart boundary line')
    pos += 2
    const headerEnd = body.indexOf('\r\n\r\n', pos)
    if (headerEnd < 0) throw invalid('multipart part without headers')
    const headers = parseHeaders(body.toString('utf8', pos, headerEnd))
    const dataStart = headerEnd + 4
    const dataEnd = body.indexOf(separator, dataStart)
    if (dataEnd < 0) throw invalid('multipart part is not terminated')
    const disposition = parseDisposition(headers['content-disposition'] ?? '')
    if (disposition.name !== undefined) {
      parts.push({ name: disposition.name, filename: disposition.filename, contentType: headers['content-type'], data: body.subarray(dataStart, dataEnd) })
    }
    pos = dataEnd + separator.length
  }
}

/** @param {string} block */
function parseHeaders(block) {
  /** @type {Record<string, string>} */
  const headers = {}
  for (const line of block.split('\r\n')) {
    const i = line.indexOf(':')
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim()
  }
  return headers
}

/** @param {string} value @returns {{ name?: string, filename?: string }} */
function parseDisposition(value) {
  /** @type {Record<string, string>} */
  const params = {}
  for (const m of value.matchAll(/;\s*([\w*]+)=(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
    params[m[1].toLowerCase()] = (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1')
  }
  let filename = params.filename
  const extended = params['filename*']
  if (extended) {
    const em = /^[\w-]+'[^']*'(.*)$/.exec(extended)
    try { filename = decodeURIComponent(em ? em[1] : extended) } catch { /* keep the plain one */ }
  }
  return { name: params.name, filename }
}

/** @param {string} why */
function invalid(why) {
  return new HttpError(400, 'INVALID_INPUT', `multipart/form-data 解析失败: ${why}`)
}

module.exports = { parseMultipart }
