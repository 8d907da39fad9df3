'use strict'
// @ts-check
const fs = require('node:fs')
const path = require('node:path')
const { contentTypeFor } = require('../storage/mime')

/**
 * Serves the built H5 app. Unknown paths without a file extension get index.html (the app's
 * router handles them); unknown asset paths are real 404s, so a missing chunk is not masked
 * by HTML. Segments were already checked for traversal by parseRequestUrl.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} h5Dir
 * @param {string[]} segments  decoded, traversal-free path segments
 */
function serveH5(req, res, h5Dir, segments) {
  const root = path.resolve(h5Dir)
  const indexFile = path.join(root, 'index.html')
  if (!isFile(indexFile)) return sendMissingBuild(res, root)

  const wanted = path.resolve(root, ...segments.filter(Boolean))
  if (wanted !== root && !wanted.startsWith(root + path.sep)) return sendText(res, 400, 'Bad path')
  if (isFile(wanted)) return sendFile(req, res, wanted)
  const dirIndex = path.join(wanted, 'index.html')
  if (isFile(dirIndex)) return sendFile(req, res, dirIndex)
  const last = segments[segments.length - 1] ?? ''
  if (path.extname(last)) return sendText(res, 404, 'Not found')
  return sendFile(req, res, indexFile)
}

/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {string} file */
function sendFile(req, res, file) {
  const size = fs.statSync(file).size
  res.writeHead(200, {
    'Content-Type': contentTypeFor(file),
    'Content-Length': size,
    // Dev server: always revalidate, so a rebuilt app shows up on reload.
    'Cache-Control': 'no-cache',
  })
  if (req.method === 'HEAD') return res.end()
  const stream = fs.createReadStream(file)
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}

/** @param {import('node:http').ServerResponse} res @param {string} root */
function sendMissingBuild(res, root) {
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>文明同行 · devcloud</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.6;color:#222}code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}</style></head>
<body><h1>devcloud 正在运行</h1>
<p>还没有找到 H5 构建产物（<code>${escapeHtml(path.join(root, 'index.html'))}</code>）。</p>
<p>请先运行 <code>npm run build:h5</code>，然后刷新本页。云函数接口已可用：</p>
<ul><li><a href="/api/health">/api/health</a></li><li><a href="/api/contracts">/api/contracts</a></li></ul>
</body></html>`
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), 'Cache-Control': 'no-store' })
  res.end(res.req?.method === 'HEAD' ? undefined : html)
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {string} text */
function sendText(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
  res.end(res.req?.method === 'HEAD' ? undefined : text)
}

/** @param {string} file */
function isFile(file) {
  try { return fs.statSync(file).isFile() } catch { return false }
}

/** @param {string} s */
function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

module.exports = { serveH5 }
