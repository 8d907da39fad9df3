'use strict'
// @ts-check

/**
 * Snapshots: `snapshot.jsonl`, one JSON value per line —
 *   {"format":"devcloud-db-snapshot","version":1,"seq":<last log record included>,"collections":[names]}
 *   ["<collection>", <document>]            (one line per document, natural order)
 *   {"end":true,"docs":<count>,"crc":<crc32 of the document lines>}
 * written to `snapshot.jsonl.tmp`, fsynced, renamed over the old one, directory fsynced.
 * Documents use the lossless disk encoding of values.js.
 */

const fs = require('node:fs')
const fsp = require('node:fs/promises')
const path = require('node:path')
const { crc32 } = require('./crc32')
const { fsyncDir, writeAll } = require('./fs-util')
const { encodeForDisk, decodeFromDisk } = require('./values')
const { DbError, ERR } = require('./errors')

const SNAPSHOT_FILE = 'snapshot.jsonl'
const TEMP_FILE = 'snapshot.jsonl.tmp'
const FORMAT = 'devcloud-db-snapshot'
const CHUNK_BYTES = 1 << 20

/**
 * @param {string} dir @param {number} seq
 * @param {{ name: string, docs: Record<string, any>[] }[]} collections  documents are not mutated meanwhile
 */
async function writeSnapshot(dir, seq, collections) {
  const tmp = path.join(dir, TEMP_FILE)
  const fh = await fsp.open(tmp, 'w')
  try {
    await writeAll(fh, Buffer.from(`${JSON.stringify({ format: FORMAT, version: 1, seq, collections: collections.map((c) => c.name) })}\n`))
    let crc = 0
    let count = 0
    /** @type {string[]} */
    let chunk = []
    let chunkLen = 0
    const flush = async () => {
      if (!chunk.length) return
      const buf = Buffer.from(chunk.join(''), 'utf8')
      crc = crc32(buf, crc)
      chunk = []
      chunkLen = 0
      await writeAll(fh, buf)
    }
    for (const { name, docs } of collections) {
      for (const doc of docs) {
        const line = `${JSON.stringify([name, encodeForDisk(doc)])}\n`
        chunk.push(line)
        chunkLen += line.length
        count++
        if (chunkLen >= CHUNK_BYTES) await flush()
      }
    }
    await flush()
    await writeAll(fh, Buffer.from(`${JSON.stringify({ end: true, docs: count, crc })}\n`))
    await fh.sync()
  } finally {
    await fh.close()
  }
  await fsp.rename(tmp, path.join(dir, SNAPSHOT_FILE))
  fsyncDir(dir)
}

/**
 * @param {string} dir
 * @returns {{ seq: number, collections: { name: string, docs: Record<string, any>[] }[] } | null}
 */
function readSnapshot(dir) {
  fs.rmSync(path.join(dir, TEMP_FILE), { force: true }) // an interrupted checkpoint
  const file = path.join(dir, SNAPSHOT_FILE)
  if (!fs.existsSync(file)) return null
  const buf = fs.readFileSync(file)
  const corrupt = (/** @type {string} */ why) => new DbError(ERR.SYSTEM, `snapshot ${file} is corrupt (${why}); refusing to open`, 'DATABASE_CORRUPT')
  const firstNl = buf.indexOf(10)
  const lastNl = buf.lastIndexOf(10, buf.length - 2)
  if (firstNl < 0 || lastNl < firstNl || buf[buf.length - 1] !== 10) throw corrupt('truncated')
  let header
  let trailer
  try {
    header = JSON.parse(buf.subarray(0, firstNl).toString('utf8'))
    trailer = JSON.parse(buf.subarray(lastNl + 1, buf.length - 1).toString('utf8'))
  } catch {
    throw corrupt('unreadable header or trailer')
  }
  if (header.format !== FORMAT || header.version !== 1 || !trailer.end) throw corrupt('unknown format')
  const body = buf.subarray(firstNl + 1, lastNl + 1)
  if (crc32(body) !== trailer.crc) throw corrupt('checksum mismatch')
  /** @type {Map<string, Record<string, any>[]>} */
  const byName = new Map(header.collections.map((/** @type {string} */ n) => [n, []]))
  let count = 0
  const text = body.toString('utf8')
  let start = 0
  while (start < text.length) {
    const end = text.indexOf('\n', start)
    const [name, doc] = JSON.parse(text.slice(start, end))
    const list = byName.get(name)
    if (!list) throw corrupt(`document of unknown collection ${name}`)
    list.push(decodeFromDisk(doc))
    count++
    start = end + 1
  }
  if (count !== trailer.docs) throw corrupt('document count mismatch')
  return { seq: header.seq, collections: [...byName].map(([name, docs]) => ({ name, docs })) }
}

module.exports = { writeSnapshot, readSnapshot, SNAPSHOT_FILE }
