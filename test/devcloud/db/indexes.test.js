'use strict'
/* global describe, test, expect, afterEach, beforeAll, afterAll */

// Conformance and performance: declared indexes (cloudfunctions/indexes.json shape) — unique
// indexes reject duplicates like WeChat's E11000 error, and indexed queries do not scan
// (onOp's `examined` counts the documents read or tested per round trip).

const { openDb, cleanup, rejection } = require('./helpers')

const DECLARATION = {
  collections: {
    reports: {
      indexes: [
        { name: 'status_createdAt', keys: [{ field: 'status', direction: 1 }, { field: 'createdAt', direction: -1 }], unique: false },
        { name: 'score', keys: [{ field: 'meta.score', direction: 1 }], unique: false },
      ],
    },
    plain: { indexes: [] },
    users: { indexes: [{ name: 'phone_unique', keys: [{ field: 'profile.phone', direction: 1 }], unique: true }] },
  },
}

const STATUSES = ['open', 'review', 'done', 'rejected', 'x']
const T0 = Date.UTC(2024, 0, 1)

/** 10,000 reports in an indexed and an unindexed collection; onOp reports collected. */
async function tenThousand() {
  const ops = []
  const { db, _, engine } = await openDb([], { indexes: DECLARATION, onOp: (op) => ops.push(op) })
  const docs = Array.from({ length: 10_000 }, (_v, i) => ({
    _id: `r${i}`,
    status: STATUSES[(i * 7) % STATUSES.length],
    createdAt: new Date(T0 + ((i * 7919) % 10_000) * 60_000),
    meta: { score: i % 100 },
  }))
  await db.collection('reports').add({ data: docs })
  await db.collection('plain').add({ data: docs })
  const last = () => ops.at(-1)
  return { db, _, engine, docs, last }
}

/** Expected result computed in plain JS. */
const expectedIds = (docs, filter, sortKey, dir, n) => docs.filter(filter)
  .sort((a, b) => (sortKey(a) - sortKey(b)) * dir)
  .slice(0, n)
  .map((d) => d._id)

describe('indexed queries do not scan', () => {
  let ctx
  beforeAll(async () => { ctx = await tenThousand() })
  afterAll(cleanup)

  test("where({ status }).orderBy('createdAt', 'desc').limit(20) on 10,000 indexed documents examines 20", async () => {
    const { db, docs, last } = ctx
    const { data } = await db.collection('reports').where({ status: 'x' }).orderBy('createdAt', 'desc').limit(20).get()
    expect(last()).toMatchObject({ collection: 'reports', op: 'get', examined: 20, returned: 20, plan: 'IXSCAN status_createdAt' })
    expect(data.map((d) => d._id)).toEqual(expectedIds(docs, (d) => d.status === 'x', (d) => d.createdAt.getTime(), -1, 20))
  })

  test('the same query without an index scans all 10,000 documents (and says so)', async () => {
    const { db, last } = ctx
    const indexed = (await db.collection('reports').where({ status: 'x' }).orderBy('createdAt', 'desc').limit(20).get()).data
    const scanned = (await db.collection('plain').where({ status: 'x' }).orderBy('createdAt', 'desc').limit(20).get()).data
    expect(last()).toMatchObject({ collection: 'plain', examined: 10_000, returned: 20, plan: 'COLLSCAN' })
    expect(scanned).toEqual(indexed)
  })

  test('the opposite order walks the index backwards', async () => {
    const { db, docs, last } = ctx
    const { data } = await db.collection('reports').where({ status: 'x' }).orderBy('createdAt', 'asc').skip(5).limit(10).get()
    expect(last()).toMatchObject({ examined: 15, returned: 10 })
    expect(data.map((d) => d._id)).toEqual(expectedIds(docs, (d) => d.status === 'x', (d) => d.createdAt.getTime(), 1, 15).slice(5))
  })

  test('equality plus a range on the next index field reads only the documents in range', async () => {
    const { db, _, docs, last } = ctx
    const since = new Date(T0 + 9_000 * 60_000)
    const { data } = await db.collection('reports').where({ status: 'open', createdAt: _.gte(since) }).limit(1000).get()
    const expected = docs.filter((d) => d.status === 'open' && d.createdAt >= since)
    expect(data).toHaveLength(expected.length)
    expect(last()).toMatchObject({ examined: expected.length, plan: 'IXSCAN status_createdAt' })
  })

  test('_.in on the leading field seeks each value', async () => {
    const { db, _, docs, last } = ctx
    const { total } = await db.collection('reports').where({ status: _.in(['x', 'done']), 'meta.score': 3 }).count()
    const candidates = docs.filter((d) => d.status === 'x' || d.status === 'done').length
    expect(total).toBe(docs.filter((d) => ['x', 'done'].includes(d.status) && d.meta.score === 3).length)
    expect(last().examined).toBeLessThanOrEqual(candidates)
  })

  test('a dotted-path index answers range queries', async () => {
    const { db, _, last } = ctx
    const { data } = await db.collection('reports').where({ meta: { score: _.gt(97) } }).limit(1000).get()
    expect(data).toHaveLength(200)
    expect(last()).toMatchObject({ examined: 200, plan: 'IXSCAN score' })
  })

  test('count() with an index equality prefix reads no documents', async () => {
    const { db, docs, last } = ctx
    const { total } = await db.collection('reports').where({ status: 'review' }).count()
    expect(total).toBe(docs.filter((d) => d.status === 'review').length)
    expect(last()).toMatchObject({ op: 'count', examined: 0, returned: total })
  })

  test('count() with conditions the index cannot decide tests only the index candidates', async () => {
    const { db, _, docs, last } = ctx
    const { total } = await db.collection('reports').where({ status: 'review', 'meta.score': _.lt(10) }).count()
    expect(total).toBe(docs.filter((d) => d.status === 'review' && d.meta.score < 10).length)
    expect(last().examined).toBe(docs.filter((d) => d.status === 'review').length)
  })

  test('count() of a whole collection reads no documents', async () => {
    const { db, last } = ctx
    expect((await db.collection('plain').count()).total).toBe(10_000)
    expect(last()).toMatchObject({ op: 'count', examined: 0 })
  })

  test('doc(id) and where({ _id }) are O(1) lookups', async () => {
    const { db, _, last } = ctx
    await db.collection('reports').doc('r42').get()
    expect(last()).toMatchObject({ op: 'doc.get', examined: 1, returned: 1 })
    await db.collection('reports').where({ _id: _.in(['r1', 'r2', 'nope']) }).get()
    expect(last()).toMatchObject({ examined: 2, returned: 2, plan: 'IDHACK' })
  })
})

describe('index maintenance', () => {
  afterEach(cleanup)

  test('indexes follow updates and removals', async () => {
    const ops = []
    const { db, _ } = await openDb([], { indexes: DECLARATION, onOp: (op) => ops.push(op) })
    await db.collection('reports').add({ data: [{ _id: 'a', status: 'open' }, { _id: 'b', status: 'open' }, { _id: 'c', status: 'done' }] })
    await db.collection('reports').doc('a').update({ data: { status: 'done' } })
    await db.collection('reports').doc('b').remove()
    await db.collection('reports').where({ status: 'done' }).update({ data: { status: _.set('archived') } })
    expect((await db.collection('reports').where({ status: 'open' }).count()).total).toBe(0)
    const { data } = await db.collection('reports').where({ status: 'archived' }).get()
    expect(data.map((d) => d._id).sort()).toEqual(['a', 'c'])
    expect(ops.at(-1).plan).toBe('IXSCAN status_createdAt')
  })

  test('bulk writes (hundreds of documents at once) keep indexes consistent with the data', async () => {
    const ops = []
    const { db, _ } = await openDb([], { indexes: DECLARATION, onOp: (op) => ops.push(op) })
    const docs = Array.from({ length: 1000 }, (_v, i) => ({ _id: `d${i}`, status: STATUSES[i % 5], createdAt: new Date(T0 + i), meta: { score: i % 10 } }))
    await db.collection('reports').add({ data: docs })
    await db.collection('plain').add({ data: docs })
    for (const c of ['reports', 'plain']) {
      await db.collection(c).where({ status: _.in(['open', 'x']) }).update({ data: { status: 'done', meta: { score: _.inc(100) } } })
      await db.collection(c).where({ 'meta.score': _.gte(105) }).remove()
    }
    for (const status of STATUSES) {
      const q = (c) => db.collection(c).where({ status }).orderBy('createdAt', 'desc').limit(1000).get()
      const indexed = (await q('reports')).data
      expect(ops.at(-1).plan).toBe('IXSCAN status_createdAt')
      expect(indexed).toEqual((await q('plain')).data)
    }
    expect((await db.collection('reports').where({ meta: { score: _.gt(100) } }).count()).total)
      .toBe((await db.collection('plain').where({ meta: { score: _.gt(100) } }).count()).total)
  })

  test('an indexed field holding arrays stops the index being used, results stay correct', async () => {
    const ops = []
    const { db } = await openDb([], { indexes: DECLARATION, onOp: (op) => ops.push(op) })
    await db.collection('reports').add({ data: [{ _id: 'a', status: ['open', 'x'] }, { _id: 'b', status: 'open' }] })
    const { data } = await db.collection('reports').where({ status: 'open' }).get()
    expect(data.map((d) => d._id).sort()).toEqual(['a', 'b'])
    expect(ops.at(-1).plan).toBe('COLLSCAN')
  })
})

describe('unique indexes', () => {
  afterEach(cleanup)

  async function users() {
    const { db, _ } = await openDb([], { indexes: DECLARATION })
    await db.collection('users').add({ data: [{ _id: 'u1', profile: { phone: '111' } }, { _id: 'u2', profile: { phone: '222' } }] })
    return { db, _ }
  }

  const expectDuplicate = (err) => {
    expect(err).toBeInstanceOf(Error)
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toMatch(/E11000 duplicate key error collection: users index: phone_unique dup key/)
  }

  test('add() of a duplicate key is rejected like WeChat’s duplicate-key error', async () => {
    const { db } = await users()
    expectDuplicate(await rejection(db.collection('users').add({ data: { profile: { phone: '111' } } })))
    expect((await db.collection('users').count()).total).toBe(2)
  })

  test('doc.update(), doc.set() and where().update() that would duplicate a key are rejected and change nothing', async () => {
    const { db } = await users()
    expectDuplicate(await rejection(db.collection('users').doc('u2').update({ data: { profile: { phone: '111' } } })))
    expectDuplicate(await rejection(db.collection('users').doc('u2').set({ data: { profile: { phone: '111' } } })))
    await db.collection('users').add({ data: { _id: 'u3', profile: { phone: '333' }, group: 'g' } })
    await db.collection('users').doc('u2').update({ data: { group: 'g' } })
    expectDuplicate(await rejection(db.collection('users').where({ group: 'g' }).update({ data: { profile: { phone: '999' } } })))
    const { data } = await db.collection('users').orderBy('_id', 'asc').get()
    expect(data.map((d) => d.profile.phone)).toEqual(['111', '222', '333'])
  })

  test('updating a document without changing its key is fine', async () => {
    const { db } = await users()
    await db.collection('users').doc('u1').update({ data: { name: 'Ann', profile: { phone: '111' } } })
    expect((await db.collection('users').doc('u1').get()).data.name).toBe('Ann')
  })

  test('as in MongoDB, a missing field counts as null: a second document without it is a duplicate', async () => {
    const { db } = await users()
    await db.collection('users').add({ data: { _id: 'n1' } })
    expectDuplicate(await rejection(db.collection('users').add({ data: { _id: 'n2' } })))
  })

  test('a declared unique index that existing data violates fails the open', async () => {
    const { engine, db } = await openDb(['people'])
    await db.collection('people').add({ data: [{ email: 'a' }, { email: 'a' }] })
    const dir = engine.dir
    await engine.close()
    const { openDatabase } = require('../../../devcloud/db')
    const err = await rejection(openDatabase({
      dir,
      indexes: { collections: { people: { indexes: [{ name: 'email', keys: [{ field: 'email', direction: 1 }], unique: true }] } } },
    }))
    expect(err.message).toMatch(/cannot build unique index email/)
  })
})
