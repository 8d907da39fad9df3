'use strict'
/* global describe, test, expect, afterEach */

// The durable store: acknowledged writes survive close/reopen and kill -9, a torn or corrupt
// log tail is discarded at open, snapshots replace the log, values round-trip losslessly.

const fs = require('node:fs')
const path = require('node:path')
const { fork } = require('node:child_process')
const { openDatabase } = require('../../../devcloud/db')
const { open, openDb, tempDir, cleanup, rejection } = require('./helpers')

afterEach(cleanup)

const walFiles = (dir) => fs.readdirSync(dir).filter((f) => /^wal-\d+\.log$/.test(f)).sort()
const lastWal = (dir) => path.join(dir, walFiles(dir).at(-1))

test('write, close, reopen: the data is there', async () => {
  const dir = tempDir()
  const first = await openDatabase({ dir })
  const db = first.database()
  await db.createCollection('notes')
  await db.collection('notes').add({ data: [{ _id: 'a', text: 'one' }, { _id: 'b', text: 'two' }] })
  await db.collection('notes').doc('a').update({ data: { text: 'uno' } })
  await db.collection('notes').doc('b').remove()
  await first.close()

  const second = await open({ dir })
  const { data } = await second.database().collection('notes').get()
  expect(data).toEqual([{ _id: 'a', text: 'uno' }])
})

test('values round-trip losslessly: Dates, RegExps, Geo, nested arrays, -0, large numbers, $-keys', async () => {
  const dir = tempDir()
  const value = {
    _id: 'v',
    date: new Date('2024-02-29T12:34:56.789Z'),
    re: /a.b/gi,
    loc: null,
    nested: [[1, [2, [3]]], { deep: [{ x: -0 }] }],
    big: Number.MAX_SAFE_INTEGER,
    tiny: 5e-324,
    float: 0.1 + 0.2,
    inf: Infinity,
    emptyObj: {},
    emptyArr: [],
    weird: { $d: 1, $o: { $n: 'x' } },
    unicode: '文明同行 🚲',
  }
  const first = await openDatabase({ dir })
  const db = first.database()
  await db.createCollection('vals')
  await db.collection('vals').add({ data: { ...value, loc: db.Geo.Point(113.26, 23.13) } })
  const before = (await db.collection('vals').doc('v').get()).data
  await first.close({ checkpoint: false }) // recovered from the log…
  const second = await openDatabase({ dir })
  const fromLog = (await second.database().collection('vals').doc('v').get()).data
  await second.close() // …and from the snapshot
  const third = await open({ dir })
  const db3 = third.database()
  const fromSnapshot = (await db3.collection('vals').doc('v').get()).data
  for (const got of [fromLog, fromSnapshot]) {
    expect(got).toEqual(before)
    expect(got.date).toBeInstanceOf(Date)
    expect(got.re).toEqual(/a.b/gi)
    expect(Object.is(got.nested[1].deep[0].x, -0)).toBe(true)
    expect(got.loc).toBeInstanceOf(db3.Geo.Point)
    expect(got.weird).toEqual({ $d: 1, $o: { $n: 'x' } })
  }
})

test('without a checkpoint, reopening replays the log', async () => {
  const dir = tempDir()
  const first = await openDatabase({ dir })
  await first.createCollection('c')
  for (let i = 0; i < 5; i++) await first.database().collection('c').add({ data: { i } })
  await first.close({ checkpoint: false })
  const second = await open({ dir })
  expect(second.recovery).toMatchObject({ snapshotSeq: 0, records: 6, truncated: null })
  expect((await second.database().collection('c').count()).total).toBe(5)
})

test('checkpoints write a snapshot and drop the log it covers; automatic past the size threshold', async () => {
  const dir = tempDir()
  const engine = await openDatabase({ dir, checkpointBytes: 4096 })
  const db = engine.database()
  await db.createCollection('c')
  for (let i = 0; i < 100; i++) await db.collection('c').add({ data: { i, text: 'x'.repeat(100) } })
  await engine.checkpoint()
  expect(fs.existsSync(path.join(dir, 'snapshot.jsonl'))).toBe(true)
  expect(walFiles(dir)).toHaveLength(1)
  expect(fs.statSync(lastWal(dir)).size).toBeLessThan(4096 + 1024)
  await db.collection('c').add({ data: { i: 100 } })
  await engine.close({ checkpoint: false })
  const again = await open({ dir })
  expect(again.recovery.snapshotSeq).toBeGreaterThan(0)
  expect((await again.database().collection('c').count()).total).toBe(101)
})

test('group commit: concurrent writers share fsyncs', async () => {
  const { engine, db } = await openDb(['c'])
  const before = engine.wal.syncCount
  await Promise.all(Array.from({ length: 200 }, (_v, i) => db.collection('c').add({ data: { i } })))
  expect(engine.wal.syncCount - before).toBeLessThan(50)
  expect((await db.collection('c').count()).total).toBe(200)
})

describe('a damaged log tail is discarded at open', () => {
  /** Three acknowledged adds, closed without checkpoint: the log holds them as its last records. */
  async function threeWrites() {
    const dir = tempDir()
    const engine = await openDatabase({ dir })
    const db = engine.database()
    await db.createCollection('c')
    for (const id of ['a', 'b', 'c']) await db.collection('c').add({ data: { _id: id, pad: 'p'.repeat(50) } })
    await engine.close({ checkpoint: false })
    return { dir, file: lastWal(dir), size: fs.statSync(lastWal(dir)).size }
  }

  async function reopenAndCheck(dir, file, expectedSize) {
    const engine = await open({ dir })
    expect(engine.recovery.truncated).not.toBeNull()
    const { data } = await engine.database().collection('c').get()
    expect(data.map((d) => d._id)).toEqual(['a', 'b'])
    expect(fs.statSync(file).size).toBe(expectedSize)
    // the store works normally afterwards, and reopens cleanly
    await engine.database().collection('c').add({ data: { _id: 'd' } })
    await engine.close({ checkpoint: false })
    const again = await open({ dir })
    expect(again.recovery.truncated).toBeNull()
    expect((await again.database().collection('c').get()).data.map((d) => d._id)).toEqual(['a', 'b', 'd'])
  }

  /** Byte offset where the last record starts (record = 16-byte header + body). */
  function lastRecordOffset(file) {
    const buf = fs.readFileSync(file)
    let off = 0
    let last = 0
    while (off < buf.length) {
      last = off
      off += 16 + buf.readUInt32LE(off)
    }
    return last
  }

  test('a truncated (torn) last record', async () => {
    const { dir, file, size } = await threeWrites()
    const cut = lastRecordOffset(file)
    fs.truncateSync(file, size - 7)
    await reopenAndCheck(dir, file, cut)
  })

  test('a last record with a bad checksum (garbled byte)', async () => {
    const { dir, file } = await threeWrites()
    const cut = lastRecordOffset(file)
    const buf = fs.readFileSync(file)
    buf[cut + 16 + 10] ^= 0xff
    fs.writeFileSync(file, buf)
    await reopenAndCheck(dir, file, cut)
  })

  test('a partial header after the last record', async () => {
    const { dir, file, size } = await threeWrites()
    const cut = lastRecordOffset(file)
    fs.truncateSync(file, cut + 9) // only part of the third record's header survived
    await reopenAndCheck(dir, file, cut)
    expect(size).toBeGreaterThan(cut + 9)
  })

  test('garbage appended after valid records', async () => {
    const { dir, file, size } = await threeWrites()
    fs.appendFileSync(file, Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]))
    const engine = await open({ dir })
    expect(engine.recovery.truncated).toMatchObject({ droppedBytes: 20 })
    expect((await engine.database().collection('c').count()).total).toBe(3)
    expect(fs.statSync(file).size).toBe(size)
  })
})

test('an acknowledged write survives kill -9 right after: a child writes, the parent SIGKILLs it mid-burst', async () => {
  const dir = tempDir()
  const child = fork(path.join(__dirname, 'fixtures', 'crash-writer.js'), [dir, '65536'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] })
  let stderr = ''
  child.stderr.on('data', (d) => { stderr += d })
  const acked = new Set()
  let counter = 0
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  await new Promise((resolve, reject) => {
    child.on('message', (msg) => {
      if (msg.error) reject(new Error(`child failed: ${msg.error}`))
      if (msg.ack) acked.add(msg.ack)
      if (msg.counter) counter = Math.max(counter, msg.counter)
      if (acked.size >= 1500) resolve()
    })
    child.on('exit', () => reject(new Error(`child exited early: ${stderr}`)))
  })
  child.kill('SIGKILL')
  expect(await exited).toEqual({ code: null, signal: 'SIGKILL' })

  const engine = await open({ dir })
  const db = engine.database()
  const ids = new Set((await db.collection('burst').field({ _id: true }).limit(1000).get()).data.map((d) => d._id))
  let total = (await db.collection('burst').count()).total
  for (let skip = 1000; skip < total; skip += 1000) {
    for (const d of (await db.collection('burst').field({ _id: true }).skip(skip).limit(1000).get()).data) ids.add(d._id)
  }
  const missing = [...acked].filter((id) => !ids.has(id))
  expect(missing).toEqual([])
  expect((await db.collection('burst').doc('counter').get()).data.n).toBeGreaterThanOrEqual(counter)
  // transactions are all or nothing: both halves or neither
  for (const id of ids) {
    if (id.endsWith('-a')) expect(ids.has(id.replace(/a$/, 'b'))).toBe(true)
  }
  // and the store keeps working
  await db.collection('burst').add({ data: { _id: 'after-crash' } })
  total = (await db.collection('burst').count()).total
  expect(total).toBeGreaterThan(acked.size)
}, 30000)

describe('directory lock', () => {
  test('the same directory cannot be opened twice at once', async () => {
    const engine = await open()
    const err = await rejection(openDatabase({ dir: engine.dir }))
    expect(err.message).toMatch(/already open/)
  })

  test('a LOCK left by a dead process is taken over', async () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'LOCK'), '999999999')
    const engine = await open({ dir })
    expect(engine.listCollections()).toEqual([])
  })

  test('a leftover snapshot temp file from an interrupted checkpoint is ignored', async () => {
    const dir = tempDir()
    const first = await openDatabase({ dir })
    await first.createCollection('c')
    await first.close()
    fs.writeFileSync(path.join(dir, 'snapshot.jsonl.tmp'), '{"half written')
    const second = await open({ dir })
    expect(second.listCollections()).toEqual(['c'])
    expect(fs.existsSync(path.join(dir, 'snapshot.jsonl.tmp'))).toBe(false)
  })
})
