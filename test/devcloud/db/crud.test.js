'use strict'
/* global describe, test, expect, afterEach */

// Conformance: collection and document CRUD of wx-server-sdk's database API — result shapes,
// ids, errors — as a cloud function sees them.

const { openDb, cleanup, rejection } = require('./helpers')

afterEach(cleanup)

describe('add', () => {
  test('add({ data }) resolves { _id } with a generated 32-char lowercase hex id', async () => {
    const { db } = await openDb(['todos'])
    const res = await db.collection('todos').add({ data: { title: 'a' } })
    expect(res).toEqual({ _id: expect.stringMatching(/^[0-9a-f]{32}$/), errMsg: 'collection.add:ok' })
  })

  test('a provided _id is kept; server-side adds do not get an _openid', async () => {
    const { db } = await openDb(['todos'])
    const res = await db.collection('todos').add({ data: { _id: 'my-id', title: 'a' } })
    expect(res._id).toBe('my-id')
    const { data } = await db.collection('todos').doc('my-id').get()
    expect(data).toEqual({ _id: 'my-id', title: 'a' })
    expect(data).not.toHaveProperty('_openid')
  })

  test('adding a duplicate _id throws a duplicate-key error (errCode -502001, E11000)', async () => {
    const { db } = await openDb(['todos'])
    await db.collection('todos').add({ data: { _id: 'x' } })
    const err = await rejection(db.collection('todos').add({ data: { _id: 'x' } }))
    expect(err).toBeInstanceOf(Error)
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toMatch(/E11000 duplicate key/)
  })

  test('array data inserts every document and resolves { _ids }, all or nothing', async () => {
    const { db } = await openDb(['todos'])
    const res = await db.collection('todos').add({ data: [{ n: 1 }, { n: 2 }] })
    expect(res._ids).toHaveLength(2)
    await rejection(db.collection('todos').add({ data: [{ _id: 'new' }, { _id: res._ids[0] }] }))
    expect((await db.collection('todos').count()).total).toBe(2)
  })

  test('Dates are stored as Dates and come back as Date objects; undefined fields are dropped like JSON', async () => {
    const { db } = await openDb(['todos'])
    const due = new Date('2024-05-01T08:00:00Z')
    const { _id } = await db.collection('todos').add({ data: { due, tags: ['a', { b: [1, [2, 3]] }], gone: undefined } })
    const { data } = await db.collection('todos').doc(_id).get()
    expect(data.due).toBeInstanceOf(Date)
    expect(data.due.getTime()).toBe(due.getTime())
    expect(data.tags).toEqual(['a', { b: [1, [2, 3]] }])
    expect(data).not.toHaveProperty('gone')
  })

  test('db.command values are rejected in add data (invalid parameters, -501007)', async () => {
    const { db, _ } = await openDb(['todos'])
    const err = await rejection(db.collection('todos').add({ data: { n: _.inc(1) } }))
    expect(err.errCode).toBe(-501007)
  })

  test('callback style: success receives the result and the call returns undefined', async () => {
    const { db } = await openDb(['todos'])
    const res = await new Promise((resolve, reject) => {
      expect(db.collection('todos').add({ data: { a: 1 }, success: resolve, fail: reject })).toBeUndefined()
    })
    expect(res._id).toMatch(/^[0-9a-f]{32}$/)
  })
})

describe('collection queries', () => {
  test('get() → { data: [...] }, count() → { total }', async () => {
    const { db } = await openDb(['todos'])
    await db.collection('todos').add({ data: [{ n: 1 }, { n: 2 }] })
    const got = await db.collection('todos').get()
    expect(got.errMsg).toBe('collection.get:ok')
    expect(got.data.map((d) => d.n)).toEqual([1, 2])
    expect(await db.collection('todos').count()).toEqual({ total: 2, errMsg: 'collection.count:ok' })
  })

  test('results are copies: mutating them does not change the stored documents', async () => {
    const { db } = await openDb(['todos'])
    const { _id } = await db.collection('todos').add({ data: { nested: { a: 1 } } })
    const first = (await db.collection('todos').doc(_id).get()).data
    first.nested.a = 99
    expect((await db.collection('todos').doc(_id).get()).data.nested.a).toBe(1)
  })

  test('queries are immutable builders: each call returns a new query', async () => {
    const { db } = await openDb(['todos'])
    await db.collection('todos').add({ data: [{ n: 1 }, { n: 2 }, { n: 3 }] })
    const base = db.collection('todos').where({ n: db.command.gte(2) })
    const limited = base.limit(1)
    expect(limited).not.toBe(base)
    expect((await base.get()).data).toHaveLength(2)
    expect((await limited.get()).data).toHaveLength(1)
  })

  test('where().update() updates every match → { stats: { updated } }; where().remove() → { stats: { removed } }', async () => {
    const { db, _ } = await openDb(['todos'])
    await db.collection('todos').add({ data: [{ n: 1, done: false }, { n: 2, done: false }, { n: 3, done: true }] })
    const upd = await db.collection('todos').where({ done: false }).update({ data: { done: true } })
    expect(upd).toEqual({ stats: { updated: 2 }, errMsg: 'collection.update:ok' })
    const rm = await db.collection('todos').where({ n: _.gt(1) }).remove()
    expect(rm).toEqual({ stats: { removed: 2 }, errMsg: 'collection.remove:ok' })
    expect((await db.collection('todos').count()).total).toBe(1)
  })

  test('update counts only documents actually modified (MongoDB nModified, as WeChat reports)', async () => {
    const { db } = await openDb(['todos'])
    await db.collection('todos').add({ data: [{ s: 'x' }, { s: 'y' }] })
    const res = await db.collection('todos').where({}).update({ data: { s: 'x' } })
    expect(res.stats.updated).toBe(1)
  })
})

describe('doc(id)', () => {
  test('doc.get() → { data: doc } (an object, not an array)', async () => {
    const { db } = await openDb(['todos'])
    await db.collection('todos').add({ data: { _id: 'a', v: 1 } })
    expect(await db.collection('todos').doc('a').get()).toEqual({ data: { _id: 'a', v: 1 }, errMsg: 'document.get:ok' })
  })

  test('doc.get() of a missing document throws "document.get:fail document with _id X does not exist"', async () => {
    const { db } = await openDb(['todos'])
    const err = await rejection(db.collection('todos').doc('nope').get())
    expect(err).toBeInstanceOf(Error)
    expect(err.errMsg).toBe('document.get:fail document with _id nope does not exist')
  })

  test('database({ throwOnNotFound: false }) makes doc.get() of a missing document resolve { data: null }', async () => {
    const { engine } = await openDb(['todos'])
    const db = engine.database({ throwOnNotFound: false })
    expect((await db.collection('todos').doc('nope').get()).data).toBeNull()
  })

  test('doc.field() projects the fetched document', async () => {
    const { db } = await openDb(['todos'])
    await db.collection('todos').add({ data: { _id: 'a', x: 1, y: 2 } })
    expect((await db.collection('todos').doc('a').field({ x: true }).get()).data).toEqual({ _id: 'a', x: 1 })
  })

  test('doc.set() replaces the whole document, keeping _id → { _id, stats: { updated: 1, created: 0 } }', async () => {
    const { db } = await openDb(['todos'])
    await db.collection('todos').add({ data: { _id: 'a', x: 1, nested: { k: 1 } } })
    const res = await db.collection('todos').doc('a').set({ data: { y: 2 } })
    expect(res).toEqual({ _id: 'a', stats: { updated: 1, created: 0 }, errMsg: 'document.set:ok' })
    expect((await db.collection('todos').doc('a').get()).data).toEqual({ _id: 'a', y: 2 })
  })

  test('doc.set() creates a missing document → stats { updated: 0, created: 1 }', async () => {
    const { db } = await openDb(['todos'])
    const res = await db.collection('todos').doc('new').set({ data: { y: 2 } })
    expect(res.stats).toEqual({ updated: 0, created: 1 })
    expect((await db.collection('todos').doc('new').get()).data).toEqual({ _id: 'new', y: 2 })
  })

  test('doc.set() rejects data containing _id or update commands', async () => {
    const { db, _ } = await openDb(['todos'])
    expect((await rejection(db.collection('todos').doc('a').set({ data: { _id: 'a', x: 1 } }))).errCode).toBe(-501007)
    expect((await rejection(db.collection('todos').doc('a').set({ data: { x: _.inc(1) } }))).errCode).toBe(-501007)
  })

  test('doc.update() → { stats: { updated: 1 } }, and { updated: 0 } for a missing document (no upsert)', async () => {
    const { db } = await openDb(['todos'])
    await db.collection('todos').add({ data: { _id: 'a', x: 1 } })
    expect(await db.collection('todos').doc('a').update({ data: { x: 2 } })).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' })
    expect((await db.collection('todos').doc('missing').update({ data: { x: 2 } })).stats.updated).toBe(0)
    expect((await db.collection('todos').count()).total).toBe(1)
  })

  test('_id cannot be updated', async () => {
    const { db } = await openDb(['todos'])
    await db.collection('todos').add({ data: { _id: 'a', x: 1 } })
    const err = await rejection(db.collection('todos').doc('a').update({ data: { _id: 'b' } }))
    expect(err.errCode).toBe(-501007)
    expect((await db.collection('todos').doc('a').get()).data._id).toBe('a')
  })

  test('doc.remove() → { stats: { removed: 1 } }, 0 when missing', async () => {
    const { db } = await openDb(['todos'])
    await db.collection('todos').add({ data: { _id: 'a' } })
    expect(await db.collection('todos').doc('a').remove()).toEqual({ stats: { removed: 1 }, errMsg: 'document.remove:ok' })
    expect((await db.collection('todos').doc('a').remove()).stats.removed).toBe(0)
  })

  test('numeric _ids are distinct from their string forms', async () => {
    const { db } = await openDb(['todos'])
    await db.collection('todos').add({ data: { _id: 1, v: 'number' } })
    await db.collection('todos').add({ data: { _id: '1', v: 'string' } })
    expect((await db.collection('todos').doc(1).get()).data.v).toBe('number')
    expect((await db.collection('todos').doc('1').get()).data.v).toBe('string')
  })
})

describe('collections', () => {
  test.each([
    ['get', (db) => db.collection('missing').get()],
    ['count', (db) => db.collection('missing').count()],
    ['add', (db) => db.collection('missing').add({ data: { a: 1 } })],
    ['where().update', (db) => db.collection('missing').where({}).update({ data: { a: 1 } })],
    ['doc().get', (db) => db.collection('missing').doc('x').get()],
    ['doc().set', (db) => db.collection('missing').doc('x').set({ data: { a: 1 } })],
    ['aggregate', (db) => db.collection('missing').aggregate().end()],
  ])('%s on a collection that does not exist throws errCode -502005 DATABASE_COLLECTION_NOT_EXIST', async (_name, call) => {
    const { db } = await openDb()
    const err = await rejection(call(db))
    expect(err).toBeInstanceOf(Error)
    expect(err.errCode).toBe(-502005)
    expect(err.errMsg).toMatch(/collection not exists/)
    expect(err.errMsg).toMatch(/DATABASE_COLLECTION_NOT_EXIST/)
    expect(err.message).toMatch(/^errCode: -502005 /)
  })

  test('db.createCollection(name) creates a collection; creating it again throws', async () => {
    const { db, engine } = await openDb()
    await db.createCollection('posts')
    expect(engine.listCollections()).toEqual(['posts'])
    await db.collection('posts').add({ data: { a: 1 } })
    const err = await rejection(db.createCollection('posts'))
    expect(err.errMsg).toMatch(/already exists/)
  })

  test('every collection named in the index declaration exists at open', async () => {
    const { engine } = await openDb([], { indexes: { collections: { users: { indexes: [] }, posts: {} } } })
    expect(engine.listCollections().sort()).toEqual(['posts', 'users'])
  })

  test('errors never crash the process: a bad argument rejects with errCode/errMsg', async () => {
    const { db } = await openDb(['todos'])
    const err = await rejection(db.collection('todos').doc('a').update({ data: 'not an object' }))
    expect(err.errCode).toBe(-501007)
    expect(typeof err.errMsg).toBe('string')
  })
})
