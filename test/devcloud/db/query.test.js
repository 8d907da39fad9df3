'use strict'
/* global describe, test, expect, afterEach */

// Conformance: where() conditions, db.command query operators, WeChat's flattening of nested
// objects, orderBy/skip/limit/field, server-side limits, regular expressions and serverDate.

const { openDb, cleanup } = require('./helpers')

afterEach(cleanup)

/** A collection `c` holding the given documents; `ids(query)` lists the matching _ids sorted. */
async function withDocs(docs, options) {
  const { db, _, engine } = await openDb(['c'], options)
  if (docs.length) await db.collection('c').add({ data: docs })
  const ids = async (query) => (await db.collection('c').where(query).get()).data.map((d) => d._id).sort()
  return { db, _, engine, ids }
}

describe('nested objects in where()', () => {
  test('where() flattens nested objects to dotted paths, as WeChat does: { a: { b: 1 } } matches { a: { b: 1, c: 2 } }', async () => {
    const { ids } = await withDocs([{ _id: 'x', a: { b: 1, c: 2 } }, { _id: 'y', a: { b: 2 } }])
    expect(await ids({ a: { b: 1 } })).toEqual(['x'])
  })

  test('dotted keys work in where() too', async () => {
    const { ids } = await withDocs([{ _id: 'x', a: { b: { c: 1 } } }, { _id: 'y', a: { b: { c: 2 } } }])
    expect(await ids({ 'a.b.c': 1 })).toEqual(['x'])
    expect(await ids({ a: { 'b.c': 2 } })).toEqual(['y'])
  })

  test('commands inside nested objects apply to the dotted path', async () => {
    const { ids, _ } = await withDocs([{ _id: 'x', p: { mem: 8 } }, { _id: 'y', p: { mem: 32 } }])
    expect(await ids({ p: { mem: _.gt(10) } })).toEqual(['y'])
  })

  test('_.eq({ ... }) matches the whole object exactly (no flattening)', async () => {
    const { ids, _ } = await withDocs([{ _id: 'x', a: { b: 1 } }, { _id: 'y', a: { b: 1, c: 2 } }])
    expect(await ids({ a: _.eq({ b: 1 }) })).toEqual(['x'])
  })

  test('an empty nested object is no condition (the SDK drops it while flattening)', async () => {
    const { ids } = await withDocs([{ _id: 'x', a: { b: 1 } }, { _id: 'y' }])
    expect(await ids({ a: {} })).toEqual(['x', 'y'])
  })

  test('arrays are matched as values: an element equal to a scalar, or the whole array', async () => {
    const { ids } = await withDocs([{ _id: 'x', tags: ['a', 'b'] }, { _id: 'y', tags: ['b'] }])
    expect(await ids({ tags: 'a' })).toEqual(['x'])
    expect(await ids({ tags: ['b'] })).toEqual(['y'])
  })

  test('an undefined condition value is rejected (invalid parameters) instead of matching everything', async () => {
    const { db } = await withDocs([])
    expect(() => db.collection('c').where({ a: undefined })).toThrow(expect.objectContaining({ errCode: -501007 }))
  })
})

describe('comparison commands', () => {
  const docs = [{ _id: 'a', n: 1 }, { _id: 'b', n: 5 }, { _id: 'c', n: 10 }, { _id: 'd', s: 'x' }]

  test.each([
    ['eq', (_) => _.eq(5), ['b']],
    ['neq (also matches documents without the field)', (_) => _.neq(5), ['a', 'c', 'd']],
    ['lt', (_) => _.lt(5), ['a']],
    ['lte', (_) => _.lte(5), ['a', 'b']],
    ['gt', (_) => _.gt(5), ['c']],
    ['gte', (_) => _.gte(5), ['b', 'c']],
    ['in', (_) => _.in([1, 10]), ['a', 'c']],
    ['nin (also matches documents without the field)', (_) => _.nin([1, 10]), ['b', 'd']],
  ])('_.%s', async (_name, cmd, expected) => {
    const { ids, _ } = await withDocs(docs)
    expect(await ids({ n: cmd(_) })).toEqual(expected)
  })

  test('comparisons only match values of the same type (MongoDB type bracketing)', async () => {
    const { ids, _ } = await withDocs([{ _id: 'num', v: 5 }, { _id: 'str', v: '6' }])
    expect(await ids({ v: _.gt(1) })).toEqual(['num'])
  })

  test('Dates compare chronologically', async () => {
    const { ids, _ } = await withDocs([{ _id: 'old', t: new Date('2020-01-01') }, { _id: 'new', t: new Date('2024-01-01') }])
    expect(await ids({ t: _.gt(new Date('2022-01-01')) })).toEqual(['new'])
  })
})

describe('logic commands', () => {
  const docs = [{ _id: 'a', n: 1, tag: 'x' }, { _id: 'b', n: 5, tag: 'y' }, { _id: 'c', n: 10, tag: 'x' }]

  test('chaining: _.gt(1).and(_.lt(10))', async () => {
    const { ids, _ } = await withDocs(docs)
    expect(await ids({ n: _.gt(1).and(_.lt(10)) })).toEqual(['b'])
  })

  test('chaining: _.lt(2).or(_.gt(9))', async () => {
    const { ids, _ } = await withDocs(docs)
    expect(await ids({ n: _.lt(2).or(_.gt(9)) })).toEqual(['a', 'c'])
  })

  test('field-level _.and([...]) and _.or([...])', async () => {
    const { ids, _ } = await withDocs(docs)
    expect(await ids({ n: _.and([_.gt(1), _.lt(10)]) })).toEqual(['b'])
    expect(await ids({ n: _.or([_.eq(1), _.eq(10)]) })).toEqual(['a', 'c'])
  })

  test('two commands on one field in one object merge: { n: _.gt(1), ... } plus dotted siblings', async () => {
    const { ids, _ } = await withDocs(docs)
    expect(await ids({ n: _.gte(5), tag: 'x' })).toEqual(['c'])
  })

  test('top-level _.or([{...}, {...}]) and _.and([{...}, {...}])', async () => {
    const { ids, _ } = await withDocs(docs)
    expect(await ids(_.or([{ n: 1 }, { tag: 'y' }]))).toEqual(['a', 'b'])
    expect(await ids(_.and([{ tag: 'x' }, { n: _.gt(1) }]))).toEqual(['c'])
  })

  test('_.not(command) negates a field condition (and matches a missing field)', async () => {
    const { ids, _ } = await withDocs([...docs, { _id: 'd' }])
    expect(await ids({ n: _.not(_.gt(1)) })).toEqual(['a', 'd'])
  })

  test('_.nor([...]) at top level and on a field', async () => {
    const { ids, _ } = await withDocs(docs)
    expect(await ids(_.nor([{ n: 1 }, { tag: 'y' }]))).toEqual(['c'])
    expect(await ids({ n: _.nor([_.eq(1), _.eq(5)]) })).toEqual(['c'])
  })

  test('_.expr compares fields of the same document with aggregation operators', async () => {
    const { ids, _, db } = await withDocs([{ _id: 'a', used: 3, quota: 5 }, { _id: 'b', used: 6, quota: 5 }])
    const $ = db.command.aggregate
    expect(await ids(_.expr($.gt(['$used', '$quota'])))).toEqual(['b'])
  })
})

describe('element, array and evaluation commands', () => {
  test('_.exists(true / false)', async () => {
    const { ids, _ } = await withDocs([{ _id: 'a', x: null }, { _id: 'b' }])
    expect(await ids({ x: _.exists(true) })).toEqual(['a'])
    expect(await ids({ x: _.exists(false) })).toEqual(['b'])
  })

  test('{ x: null } matches null and missing fields', async () => {
    const { ids } = await withDocs([{ _id: 'a', x: null }, { _id: 'b' }, { _id: 'c', x: 1 }])
    expect(await ids({ x: null })).toEqual(['a', 'b'])
  })

  test('_.mod(divisor, remainder)', async () => {
    const { ids, _ } = await withDocs([{ _id: 'a', n: 4 }, { _id: 'b', n: 5 }, { _id: 'c', n: 8 }])
    expect(await ids({ n: _.mod(4, 0) })).toEqual(['a', 'c'])
  })

  test('_.size(n)', async () => {
    const { ids, _ } = await withDocs([{ _id: 'a', t: [1, 2] }, { _id: 'b', t: [1] }])
    expect(await ids({ t: _.size(2) })).toEqual(['a'])
  })

  test('_.all([...]) needs every value in the array', async () => {
    const { ids, _ } = await withDocs([{ _id: 'a', t: ['x', 'y', 'z'] }, { _id: 'b', t: ['x'] }])
    expect(await ids({ t: _.all(['x', 'z']) })).toEqual(['a'])
  })

  test('_.elemMatch on arrays of objects and of scalars', async () => {
    const { ids, _ } = await withDocs([
      { _id: 'a', items: [{ k: 'p', v: 5 }, { k: 'q', v: 1 }], s: [1, 9] },
      { _id: 'b', items: [{ k: 'p', v: 1 }, { k: 'q', v: 5 }], s: [4] },
    ])
    expect(await ids({ items: _.elemMatch({ k: 'p', v: _.gt(3) }) })).toEqual(['a'])
    expect(await ids({ s: _.elemMatch(_.gt(3).and(_.lt(5))) })).toEqual(['b'])
  })

  test('_.all with _.elemMatch conditions', async () => {
    const { ids, _ } = await withDocs([
      { _id: 'a', items: [{ v: 1 }, { v: 10 }] },
      { _id: 'b', items: [{ v: 1 }] },
    ])
    expect(await ids({ items: _.all([_.elemMatch({ v: _.gt(5) }), _.elemMatch({ v: _.lt(5) })]) })).toEqual(['a'])
  })
})

describe('regular expressions', () => {
  const docs = [{ _id: 'a', name: 'Hello World' }, { _id: 'b', name: 'hello there' }, { _id: 'c', name: 'bye' }]

  test('db.RegExp({ regexp, options })', async () => {
    const { ids, db } = await withDocs(docs)
    expect(await ids({ name: db.RegExp({ regexp: '^hello', options: 'i' }) })).toEqual(['a', 'b'])
    expect(await ids({ name: db.RegExp({ regexp: '^hello' }) })).toEqual(['b'])
  })

  test('a native JS RegExp', async () => {
    const { ids } = await withDocs(docs)
    expect(await ids({ name: /world$/i })).toEqual(['a'])
  })

  test('_.not(regexp)', async () => {
    const { ids, _ } = await withDocs(docs)
    expect(await ids({ name: _.not(/^hello/i) })).toEqual(['c'])
  })

  test('regexps inside _.in', async () => {
    const { ids, _ } = await withDocs(docs)
    expect(await ids({ name: _.in([/^bye/, /there$/]) })).toEqual(['b', 'c'])
  })
})

describe('orderBy, skip, limit, field', () => {
  const docs = [
    { _id: 'a', g: 2, n: 1 }, { _id: 'b', g: 1, n: 3 }, { _id: 'c', g: 2, n: 2 }, { _id: 'd', g: 1, n: 4 }, { _id: 'e', n: 0 },
  ]

  test('orderBy on several fields sorts by the first, then the next', async () => {
    const { db } = await withDocs(docs)
    const { data } = await db.collection('c').orderBy('g', 'desc').orderBy('n', 'asc').get()
    expect(data.map((d) => d._id)).toEqual(['a', 'c', 'b', 'd', 'e'])
  })

  test('missing fields sort first ascending (as null, MongoDB order)', async () => {
    const { db } = await withDocs(docs)
    const { data } = await db.collection('c').orderBy('g', 'asc').orderBy('n', 'asc').get()
    expect(data.map((d) => d._id)).toEqual(['e', 'b', 'd', 'a', 'c'])
  })

  test('orderBy rejects a direction other than asc/desc', async () => {
    const { db } = await withDocs(docs)
    expect(() => db.collection('c').orderBy('n', 'up')).toThrow(expect.objectContaining({ errCode: -501007 }))
  })

  test('skip and limit page through the sorted results', async () => {
    const { db } = await withDocs(docs)
    const { data } = await db.collection('c').orderBy('n', 'asc').skip(1).limit(2).get()
    expect(data.map((d) => d.n)).toEqual([1, 2])
  })

  test('field({ a: true }) keeps only a and _id; field({ a: false }) drops a', async () => {
    const { db } = await withDocs([{ _id: 'a', x: 1, y: { z: 2, w: 3 } }])
    expect((await db.collection('c').field({ x: true }).get()).data).toEqual([{ _id: 'a', x: 1 }])
    expect((await db.collection('c').field({ x: false }).get()).data).toEqual([{ _id: 'a', y: { z: 2, w: 3 } }])
    expect((await db.collection('c').field({ 'y.z': true, _id: false }).get()).data).toEqual([{ y: { z: 2 } }])
  })

  test('field() with _.project.slice and _.project.elemMatch', async () => {
    const { db, _ } = await withDocs([{ _id: 'a', t: [1, 2, 3, 4], items: [{ v: 1 }, { v: 5 }, { v: 9 }] }])
    const { data } = await db.collection('c').field({ t: _.project.slice(2), items: _.project.elemMatch({ v: _.gt(3) }) }).get()
    expect(data).toEqual([{ _id: 'a', t: [1, 2], items: [{ v: 5 }] }])
  })

  test('count() ignores skip and limit', async () => {
    const { db, _ } = await withDocs(docs)
    expect((await db.collection('c').where({ n: _.gte(1) }).skip(1).limit(1).count()).total).toBe(4)
  })
})

describe('server-side limits', () => {
  // WeChat docs (Collection.get / Collection.limit, cloud function side): get() returns at most
  // 100 records when no limit is given; limit() goes up to 1000 in cloud functions.
  test('get() returns 100 documents by default, limit(n) up to 1000, larger limits are capped at 1000', async () => {
    const { db } = await withDocs(Array.from({ length: 1200 }, (_v, i) => ({ i })))
    expect((await db.collection('c').get()).data).toHaveLength(100)
    expect((await db.collection('c').limit(500).get()).data).toHaveLength(500)
    expect((await db.collection('c').limit(1000).get()).data).toHaveLength(1000)
    expect((await db.collection('c').limit(5000).get()).data).toHaveLength(1000)
    expect((await db.collection('c').count()).total).toBe(1200)
  })

  test('where().update() and where().remove() are not limited', async () => {
    const { db } = await withDocs(Array.from({ length: 150 }, (_v, i) => ({ i })))
    expect((await db.collection('c').where({}).update({ data: { seen: true } })).stats.updated).toBe(150)
    expect((await db.collection('c').where({}).remove()).stats.removed).toBe(150)
  })
})

describe('serverDate', () => {
  test('db.serverDate() is replaced at write time by the engine clock, with an optional offset', async () => {
    let now = Date.UTC(2024, 0, 1)
    const { db } = await withDocs([], { now: () => now })
    const { _id } = await db.collection('c').add({ data: { at: db.serverDate(), later: db.serverDate({ offset: 60_000 }), nested: { at: db.serverDate() } } })
    now += 1000
    const { data } = await db.collection('c').doc(_id).get()
    expect(data.at).toEqual(new Date(Date.UTC(2024, 0, 1)))
    expect(data.later).toEqual(new Date(Date.UTC(2024, 0, 1) + 60_000))
    expect(data.nested.at).toEqual(new Date(Date.UTC(2024, 0, 1)))
  })

  test('db.serverDate() in a query resolves when the query runs', async () => {
    let now = 1000
    const { db, _, ids } = await withDocs([], { now: () => now })
    await db.collection('c').add({ data: { _id: 'a', expires: new Date(5000) } })
    const query = db.collection('c').where({ expires: _.gt(db.serverDate()) })
    expect((await query.get()).data).toHaveLength(1)
    now = 6000
    expect((await query.get()).data).toHaveLength(0)
    expect(await ids({ expires: _.gt(db.serverDate({ offset: -2000 })) })).toEqual(['a'])
  })
})
