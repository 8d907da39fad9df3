'use strict'
// @ts-check
const { HttpError } = require('./respond')

/**
 * Buffers a request body up to `limit` bytes. Past the limit it rejects with 413 at once
 * and keeps draining (discarding) the rest, so the client can still read the answer.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<Buffer>}
 */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new HttpError(413, 'PAYLOAD_TOO_LARGE', `请求体超过上限 ${limit} 字节`)
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      req.resume()
      reject(tooLarge())
      return
    }
    /** @type {Buffer[]} */
    const chunks = []
    let size = 0
    let overflowed = false
    req.on('data', (/** @type {Buffer} */ chunk) => {
      if (overflowed) return
      size += chunk.length
      if (size > limit) {
        overflowed = true
        chunks.length = 0
        reject(tooLarge())
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => { if (!overflowed) resolve(Buffer.concat(chunks)) })
    req.on('error', (err) => reject(new HttpError(400, 'INVALID_INPUT', `请求读取失败: ${err.message}`)))
  })
}

/**
 * Parses a JSON object body; an empty body is `{}` (callFunction without data).
 * @param {Buffer} body
 * @returns {Record<string, unknown>}
 */
function parseJsonObject(body) {
  const text = body.toString('utf8').trim()
  if (!text) return {}
  let value
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new HttpError(400, 'INVALID_INPUT', `请求体不是合法的 JSON: ${/** @type {Error} */ (err).message}`)
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'INVALID_INPUT', '请求体必须是 JSON 对象')
  }
  return value
}

module.exports = { readBody, parseJsonObject }
