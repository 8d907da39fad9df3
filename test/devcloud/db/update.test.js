'use strict'
/* global describe, test, expect, afterEach */

// Conformance: update({ data }) semantics of WeChat — nested objects merge through dotted paths,
// _.set replaces — and every update command.

const { openDb, cleanup, rejection } = require('./helpers')

afterEach(cleanup)

/** Stores `doc` as _id 'd', applies `data`, returns the document afterwards. */
async function updated(doc, data, options) {
  const { db, _ } = await openDb(['c'], options)
  await db.collection('c').add({ data: { _id: 'd', ...doc } })
  await db.collection('c').doc('d').update({ data: typeof data === 'function' ? data(_, db) : data })
  const { data: after } = await db.collection('c').doc('d').get()
  delete after._id
  return after
}

describe('nested objects in update data', () => {
  test('a plain nested object is a deep merge via dotted paths: only the named leaves change', async () => {
    expect(await updated({ a: { b: 1, c: 2 }, x: 1 }, { a: { b: 5 } })).toEqual({ a: { b: 5, c: 2 }, x: 1 })
  })

  test('_.set({...}) replaces the object as a whole', async () => {
    expect(await updated({ a: { b: 1, c: 2 } }, (_) => ({ a: _.set({ b: 5 }) }))).toEqual({ a: { b: 5 } })
  })

  test("'a.b' dotted keys update one nested field", async () => {
    expect(await updated({ a: { b: 1, c: 2 } }, { 'a.c': 3 })).toEqual({ a: { b: 1, c: 3 } })
  })

  test('missing intermediate objects are created', async () => {
    expect(await updated({}, { a: { b: { c: 1 } } })).toEqual({ a: { b: { c: 1 } } })
  })

  test('arrays are replaced, not merged', async () => {
    expect(await updated({ t: [1, 2, 3] }, { t: [9] })).toEqual({ t: [9] })
  })

  test('array elements can be addressed by index with dotted paths', async () => {
    expect(await updated({ t: [{ v: 1 }, { v: 2 }] }, { 't.1.v': 20 })).toEqual({ t: [{ v: 1 }, { v: 20 }] })
  })

  test('commands nested in objects apply to the dotted path', async () => {
    expect(await updated({ s: { n: 1, m: 1 } }, (_) => ({ s: { n: _.inc(2) } }))).toEqual({ s: { n: 3, m: 1 } })
  })

  test('an update touching a path and its sub-path is rejected, as MongoDB does', async () => {
    const { db } = await openDb(['c'])
    await db.collection('c').add({ data: { _id: 'd', a: { b: 1 } } })
    const err = await rejection(db.collection('c').doc('d').update({ data: { a: { b: 2 }, 'a.b': 3 } }))
    expect(err.errMsg).toMatch(/conflict/)
  })
})

describe('update commands', () => {
  test('_.set(value) on a scalar', async () => {
    expect(await updated({ n: 1 }, (_) => ({ n: _.set(2) }))).toEqual({ n: 2 })
  })

  test('_.remove() deletes the field', async () => {
    expect(await updated({ n: 1, m: 2 }, (_) => ({ n: _.remove() }))).toEqual({ m: 2 })
  })

  test('_.inc(n), also creating a missing field', async () => {
    expect(await updated({ n: 1 }, (_) => ({ n: _.inc(2), m: _.inc(-1) }))).toEqual({ n: 3, m: -1 })
  })

  test('_.mul(n)', async () => {
    expect(await updated({ n: 3 }, (_) => ({ n: _.mul(4) }))).toEqual({ n: 12 })
  })

  test('_.min / _.max keep the smaller / larger value', async () => {
    expect(await updated({ lo: 5, hi: 5 }, (_) => ({ lo: _.min(3), hi: _.max(3) }))).toEqual({ lo: 3, hi: 5 })
  })

  test('_.rename(newName)', async () => {
    expect(await updated({ old: 1 }, (_) => ({ old: _.rename('fresh') }))).toEqual({ fresh: 1 })
  })

  test('_.push(value) and _.push([values]) append', async () => {
    expect(await updated({ t: [1] }, (_) => ({ t: _.push(2) }))).toEqual({ t: [1, 2] })
    expect(await updated({ t: [1] }, (_) => ({ t: _.push([2, 3]) }))).toEqual({ t: [1, 2, 3] })
  })

  test('_.push({ each, position, sort, slice })', async () => {
    expect(await updated({ t: [1, 4] }, (_) => ({ t: _.push({ each: [2, 3], position: 1 }) }))).toEqual({ t: [1, 2, 3, 4] })
    expect(await updated({ t: [5, 1] }, (_) => ({ t: _.push({ each: [3], sort: 1, slice: 2 }) }))).toEqual({ t: [1, 3] })
  })

  test('_.pop() removes the last element, _.shift() the first', async () => {
    expect(await updated({ t: [1, 2, 3] }, (_) => ({ t: _.pop() }))).toEqual({ t: [1, 2] })
    expect(await updated({ t: [1, 2, 3] }, (_) => ({ t: _.shift() }))).toEqual({ t: [2, 3] })
  })

  test('_.unshift(value | [values]) prepends', async () => {
    expect(await updated({ t: [3] }, (_) => ({ t: _.unshift([1, 2]) }))).toEqual({ t: [1, 2, 3] })
    expect(await updated({ t: [3] }, (_) => ({ t: _.unshift(0) }))).toEqual({ t: [0, 3] })
  })

  test('_.addToSet(value) and _.addToSet({ each }) skip values already present', async () => {
    expect(await updated({ t: ['a'] }, (_) => ({ t: _.addToSet('a') }))).toEqual({ t: ['a'] })
    expect(await updated({ t: ['a'] }, (_) => ({ t: _.addToSet({ each: ['a', 'b', 'b'] }) }))).toEqual({ t: ['a', 'b'] })
  })

  test('_.pull(value), _.pull(command) and _.pull(condition object)', async () => {
    expect(await updated({ t: [1, 2, 1] }, (_) => ({ t: _.pull(1) }))).toEqual({ t: [2] })
    expect(await updated({ t: [1, 2, 3, 4] }, (_) => ({ t: _.pull(_.in([2, 4])) }))).toEqual({ t: [1, 3] })
    expect(await updated({ t: [{ v: 1 }, { v: 5 }] }, (_) => ({ t: _.pull({ v: _.gt(2) }) }))).toEqual({ t: [{ v: 1 }] })
  })

  test('_.pullAll([values])', async () => {
    expect(await updated({ t: [1, 2, 3, 2] }, (_) => ({ t: _.pullAll([2, 3]) }))).toEqual({ t: [1] })
  })

  test('several commands in one update apply together', async () => {
    expect(await updated({ n: 1, t: [], s: 'x' }, (_) => ({ n: _.inc(1), t: _.push('a'), s: _.remove(), f: true })))
      .toEqual({ n: 2, t: ['a'], f: true })
  })

  test('_.inc on a non-number field fails with a database error and changes nothing', async () => {
    const { db, _ } = await openDb(['c'])
    await db.collection('c').add({ data: { _id: 'd', n: 'text' } })
    const err = await rejection(db.collection('c').doc('d').update({ data: { n: _.inc(1) } }))
    expect(err.errCode).toBe(-502001)
    expect((await db.collection('c').doc('d').get()).data.n).toBe('text')
  })
})

describe('serverDate and Geo values in updates', () => {
  test('db.serverDate() resolves in plain, nested and command values', async () => {
    const now = Date.UTC(2024, 5, 1)
    const after = await updated({ t: [] }, (_, db) => ({
      at: db.serverDate(),
      meta: { at: db.serverDate({ offset: 1000 }) },
      t: _.push(db.serverDate()),
      latest: _.max(db.serverDate()),
      replaced: _.set({ at: db.serverDate() }),
    }), { now: () => now })
    expect(after.at).toEqual(new Date(now))
    expect(after.meta.at).toEqual(new Date(now + 1000))
    expect(after.t).toEqual([new Date(now)])
    expect(after.latest).toEqual(new Date(now))
    expect(after.replaced).toEqual({ at: new Date(now) })
  })

  test('db.serverDate() resolves in doc.set() data and in where().update()', async () => {
    const now = Date.UTC(2024, 6, 1)
    const { db } = await openDb(['c'], { now: () => now })
    await db.collection('c').doc('s').set({ data: { at: db.serverDate(), deep: { at: db.serverDate({ offset: -1 }) } } })
    expect((await db.collection('c').doc('s').get()).data).toEqual({ _id: 's', at: new Date(now), deep: { at: new Date(now - 1) } })
    await db.collection('c').where({ _id: 's' }).update({ data: { touched: db.serverDate() } })
    expect((await db.collection('c').doc('s').get()).data.touched).toEqual(new Date(now))
  })

  test('Geo values can be set by update', async () => {
    const after = await updated({}, (_, db) => ({ loc: db.Geo.Point(113.3, 23.1) }))
    expect(after.loc.longitude).toBe(113.3)
    expect(after.loc.latitude).toBe(23.1)
  })
})
