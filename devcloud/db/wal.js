'use strict'
// @ts-check

/**
 * The write-ahead log: append-only segment files `wal-<first seq>.log` of framed records
 *
 *   [u32 LE body length][u64 LE sequence number][u32 LE crc32 of the 12 header bytes + body][body: UTF-8 JSON]
 *
 * One record per committed batch (a transaction is one record: all or nothing). Appends go to
 * an in-memory buffer; sync(seq) resolves once a write + fdatasync covering seq has completed.
 * Group commit: while one fdatasync runs, later records accumulate and share the next one.
 *
 * Recovery scans the segments in order and stops at the first record that is incomplete, fails
 * its checksum, breaks the sequence or is not JSON; the last segment is truncated there (a torn
 * tail after kill -9). A bad record in an older segment, which was fsynced before the log moved
 * on, means the disk lost data: opening fails instead of guessing.
 */

const fs = require('node:fs')
const fsp = require('node:fs/promises')
const path = require('node:path')
const { crc32 } = require('./crc32')
const { fsyncDir, writeAll } = require('./fs-util')
const { DbError, ERR } = require('./errors')

const HEADER_BYTES = 16
const SEGMENT_RE = /^wal-(\d{16})\.log$/

/** @param {number} startSeq */
const segmentName = (startSeq) => `wal-${String(startSeq).padStart(16, '0')}.log`

/** @param {unknown} err */
const storageError = (err) => new DbError(ERR.SYSTEM,
  `database storage failure: ${/** @type {Error} */ (err)?.message ?? String(err)}; the database must be reopened`, 'DATABASE_STORAGE_FAILURE')

/**
 * @typedef {object} RecoveryInfo
 * @property {number} segments
 * @property {number} records            records replayed (after the snapshot)
 * @property {{ segment: string, offset: number, droppedBytes: number, reason: string } | null} truncated
 */

class WriteAheadLog {
  /**
   * Reads every segment, truncates a torn tail, and opens the log for appending.
   * @param {string} dir @param {number} afterSeq  records up to this seq are in the snapshot
   * @returns {Promise<{ wal: WriteAheadLog, records: { seq: number, payload: any }[], recovery: RecoveryInfo }>}
   */
  static async open(dir, afterSeq) {
    const segments = fs.readdirSync(dir)
      .map((name) => SEGMENT_RE.exec(name))
      .filter((m) => m !== null)
      .map((m) => ({ start: Number(/** @type {RegExpExecArray} */ (m)[1]), file: path.join(dir, /** @type {RegExpExecArray} */ (m)[0]) }))
      .sort((a, b) => a.start - b.start)

    /** @type {{ seq: number, payload: any }[]} */
    const records = []
    /** @type {RecoveryInfo['truncated']} */
    let truncated = null
    /** @type {number | null} */
    let prevSeq = null
    let currentBytes = 0

    for (let i = 0; i < segments.length; i++) {
      const { file, start } = segments[i]
      const buf = fs.readFileSync(file)
      let off = 0
      let bad = ''
      while (off < buf.length) {
        if (buf.length - off < HEADER_BYTES) { bad = 'torn header'; break }
        const len = buf.readUInt32LE(off)
        const seq = Number(buf.readBigUInt64LE(off + 4))
        const crc = buf.readUInt32LE(off + 12)
        if (off + HEADER_BYTES + len > buf.length) { bad = 'torn record'; break }
        const body = buf.subarray(off + HEADER_BYTES, off + HEADER_BYTES + len)
        if (crc32(body, crc32(buf.subarray(off, off + 12))) !== crc) { bad = 'checksum mismatch'; break }
        /** @type {number} */
        const expected = prevSeq === null ? start : prevSeq + 1
        if (seq !== expected) { bad = `sequence ${seq} where ${expected} was expected`; break }
        let payload
        try { payload = JSON.parse(body.toString('utf8')) } catch { bad = 'unparsable record'; break }
        if (seq > afterSeq) records.push({ seq, payload })
        prevSeq = seq
        off += HEADER_BYTES + len
      }
      if (bad) {
        if (i !== segments.length - 1) {
          throw new DbError(ERR.SYSTEM, `write-ahead log segment ${file} is corrupt at byte ${off} (${bad}) and later segments exist; refusing to open`, 'DATABASE_CORRUPT')
        }
        const fd = fs.openSync(file, 'r+')
        try {
          fs.ftruncateSync(fd, off)
          fs.fsyncSync(fd)
        } finally {
          fs.closeSync(fd)
        }
        truncated = { segment: path.basename(file), offset: off, droppedBytes: buf.length - off, reason: bad }
      }
      if (prevSeq === null) prevSeq = start - 1
      if (i === segments.length - 1) currentBytes = off
    }

    if (records.length && records[0].seq !== afterSeq + 1) {
      throw new DbError(ERR.SYSTEM, `write-ahead log starts at record ${records[0].seq} but the snapshot ends at ${afterSeq}; records are missing`, 'DATABASE_CORRUPT')
    }
    const lastSeq = Math.max(afterSeq, prevSeq ?? 0)

    let current = segments[segments.length - 1]
    if (!current) {
      current = { start: lastSeq + 1, file: path.join(dir, segmentName(lastSeq + 1)) }
      segments.push(current)
    }
    const fh = await fsp.open(current.file, 'a')
    fsyncDir(dir)
    const wal = new WriteAheadLog(dir, fh, segments, lastSeq, currentBytes)
    return { wal, records, recovery: { segments: segments.length, records: records.length, truncated } }
  }

  /**
   * @param {string} dir @param {import('node:fs/promises').FileHandle} fh
   * @param {{ start: number, file: string }[]} segments @param {number} lastSeq @param {number} currentBytes
   */
  constructor(dir, fh, segments, lastSeq, currentBytes) {
    this.dir = dir
    this.fh = fh
    this.segments = segments
    /** highest sequence number appended */
    this.lastSeq = lastSeq
    /** highest sequence number known to be on disk */
    this.durableSeq = lastSeq
    /** bytes in the current segment (appended, durable or not) */
    this.currentBytes = currentBytes
    /** @type {Buffer[]} */
    this.pending = []
    this.pendingSeq = lastSeq
    this.flushing = false
    /** @type {{ seq: number, resolve: () => void, reject: (e: unknown) => void }[]} */
    this.waiters = []
    /** @type {DbError | null} */
    this.failed = null
    this.closed = false
    /** fdatasync calls so far (group commit makes this far smaller than the number of commits) */
    this.syncCount = 0
  }

  /**
   * Frames a record and queues it; returns its sequence number. Durable after sync(seq).
   * @param {unknown} payload JSON-serialisable
   */
  append(payload) {
    if (this.failed) throw this.failed
    if (this.closed) throw new DbError(ERR.SYSTEM, 'write-ahead log is closed', 'DATABASE_CLOSED')
    const body = Buffer.from(JSON.stringify(payload), 'utf8')
    const seq = this.lastSeq + 1
    const frame = Buffer.allocUnsafe(HEADER_BYTES + body.length)
    frame.writeUInt32LE(body.length, 0)
    frame.writeBigUInt64LE(BigInt(seq), 4)
    frame.writeUInt32LE(crc32(body, crc32(frame.subarray(0, 12))), 12)
    body.copy(frame, HEADER_BYTES)
    this.lastSeq = seq
    this.pending.push(frame)
    this.pendingSeq = seq
    this.currentBytes += frame.length
    return seq
  }

  /** Resolves once every record up to seq is on disk. @param {number} seq @returns {Promise<void>} */
  sync(seq) {
    if (seq <= this.durableSeq) return Promise.resolve()
    if (this.failed) return Promise.reject(this.failed)
    return new Promise((resolve, reject) => {
      this.waiters.push({ seq, resolve, reject })
      this.kick()
    })
  }

  syncAll() { return this.sync(this.lastSeq) }

  /** @private */
  kick() {
    if (this.flushing || this.pending.length === 0) return
    this.flushing = true
    void this.flushLoop()
  }

  /** @private */
  async flushLoop() {
    try {
      while (this.pending.length) {
        const frames = this.pending
        const upto = this.pendingSeq
        this.pending = []
        await writeAll(this.fh, frames.length === 1 ? frames[0] : Buffer.concat(frames))
        await this.fh.datasync()
        this.syncCount++
        this.durableSeq = upto
        const ready = this.waiters.filter((w) => w.seq <= upto)
        this.waiters = this.waiters.filter((w) => w.seq > upto)
        for (const w of ready) w.resolve()
      }
    } catch (err) {
      this.failed = storageError(err)
      const waiters = this.waiters
      this.waiters = []
      for (const w of waiters) w.reject(this.failed)
    } finally {
      this.flushing = false
    }
    this.kick()
  }

  /**
   * Starts a new segment after everything so far is durable; returns its first sequence
   * number. Segments before it only hold records up to the checkpoint being taken. The caller
   * must keep writers out meanwhile.
   */
  async rotate() {
    await this.syncAll()
    const start = this.lastSeq + 1
    const current = this.segments[this.segments.length - 1]
    if (current.start === start) return start // still empty: nothing to rotate
    await this.fh.close()
    const file = path.join(this.dir, segmentName(start))
    this.fh = await fsp.open(file, 'a')
    fsyncDir(this.dir)
    this.segments.push({ start, file })
    this.currentBytes = 0
    return start
  }

  /** Deletes the segments wholly before `start` (covered by a durable snapshot). @param {number} start */
  removeSegmentsBefore(start) {
    const old = this.segments.filter((s) => s.start < start)
    if (!old.length) return
    for (const s of old) fs.rmSync(s.file, { force: true })
    this.segments = this.segments.filter((s) => s.start >= start)
    fsyncDir(this.dir)
  }

  async close() {
    if (this.closed) return
    try {
      if (!this.failed) await this.syncAll()
    } finally {
      this.closed = true
      await this.fh.close()
    }
  }
}

module.exports = { WriteAheadLog, HEADER_BYTES, segmentName }
