'use strict'
/* global test, expect, afterEach */

// Conformance: collection.aggregate() stages and db.command.aggregate operators; end() → { list }.

const { openDb, cleanup } = require('./helpers')

afterEach(cleanup)

async function shop() {
  const { db, _, engine } = await openDb(['orders', 'users'])
  await db.collection('users').add({
    data: [
      { _id: 'u1', name: 'Ann', city: 'gz' },
      { _id: 'u2', name: 'Bo', city: 'sz' },
    ],
  })
  await db.collection('orders').add({
    data: [
      { _id: 'o1', user: 'u1', amount: 10, items: ['pen', 'ink'], status: 'paid' },
      { _id: 'o2', user: 'u1', amount: 30, items: ['book'], status: 'paid' },
      { _id: 'o3', user: 'u2', amount: 5, items: [], status: 'open' },
      { _id: 'o4', user: 'u3', amount: 50, items: ['lamp'], status: 'paid' },
    ],
  })
  return { db, _, $: db.command.aggregate, engine, orders: () => db.collection('orders').aggregate() }
}

test('db.command.aggregate maps any operator name: $.sum(x) → { $sum: x }, $.neq → $ne', async () => {
  const { $ } = await shop()
  expect($.sum('$x')).toEqual({ $sum: '$x' })
  expect($.dateToString({ date: '$d', format: '%Y' })).toEqual({ $dateToString: { date: '$d', format: '%Y' } })
  expect($.neq(['$a', 1])).toEqual({ $ne: ['$a', 1] })
})

test('match (with db.command and nested-object flattening) + group + sort → { list }', async () => {
  const { _, $, orders } = await shop()
  const res = await orders()
    .match({ amount: _.gt(6), status: 'paid' })
    .group({ _id: '$user', total: $.sum('$amount'), n: $.sum(1) })
    .sort({ total: -1 })
    .end()
  expect(res).toEqual({ list: [{ _id: 'u3', total: 50, n: 1 }, { _id: 'u1', total: 40, n: 2 }], errMsg: 'collection.aggregate:ok' })
})

test('project, addFields, skip, limit', async () => {
  const { $, orders } = await shop()
  const { list } = await orders()
    .sort({ amount: 1 })
    .project({ amount: 1, _id: 0 })
    .addFields({ double: $.multiply(['$amount', 2]) })
    .skip(1)
    .limit(2)
    .end()
  expect(list).toEqual([{ amount: 10, double: 20 }, { amount: 30, double: 60 }])
})

test('count stage', async () => {
  const { orders } = await shop()
  expect((await orders().match({ status: 'paid' }).count('paidOrders').end()).list).toEqual([{ paidOrders: 3 }])
})

test('unwind + sortByCount', async () => {
  const { db, orders } = await shop()
  await db.collection('orders').add({ data: { items: ['pen'] } })
  const { list } = await orders().unwind('$items').sortByCount('$items').limit(1).end()
  expect(list).toEqual([{ _id: 'pen', count: 2 }])
})

test('lookup with localField/foreignField reads another collection', async () => {
  const { orders } = await shop()
  const { list } = await orders()
    .match({ _id: 'o1' })
    .lookup({ from: 'users', localField: 'user', foreignField: '_id', as: 'buyer' })
    .end()
  expect(list[0].buyer).toEqual([{ _id: 'u1', name: 'Ann', city: 'gz' }])
})

test('lookup pipeline form with let and $.pipeline()…done(), then unwind', async () => {
  const { _, $, orders } = await shop()
  const { list } = await orders()
    .match({ status: 'paid' })
    .lookup({
      from: 'users',
      let: { uid: '$user' },
      pipeline: $.pipeline().match(_.expr($.eq(['$_id', '$$uid']))).project({ _id: 0, name: 1 }).done(),
      as: 'buyer',
    })
    .unwind('$buyer')
    .project({ _id: 1, name: '$buyer.name' })
    .sort({ _id: 1 })
    .end()
  // o4's user u3 does not exist: unwind drops it
  expect(list).toEqual([{ _id: 'o1', name: 'Ann' }, { _id: 'o2', name: 'Ann' }])
})

test('replaceRoot, sample and bucket', async () => {
  const { $, orders } = await shop()
  const root = await orders().match({ _id: 'o1' }).replaceRoot({ newRoot: { id: '$_id', amount: '$amount' } }).end()
  expect(root.list).toEqual([{ id: 'o1', amount: 10 }])
  const sample = await orders().sample({ size: 2 }).end()
  expect(sample.list).toHaveLength(2)
  const buckets = await orders().bucket({ groupBy: '$amount', boundaries: [0, 20, 100], default: 'other', output: { n: $.sum(1) } }).end()
  expect(buckets.list).toEqual([{ _id: 0, n: 2 }, { _id: 20, n: 2 }])
})

test('end() returns 20 results by default, all of them when a limit stage is given (WeChat aggregate default)', async () => {
  const { db } = await openDb(['many'])
  await db.collection('many').add({ data: Array.from({ length: 30 }, (_v, i) => ({ i })) })
  expect((await db.collection('many').aggregate().match({}).end()).list).toHaveLength(20)
  expect((await db.collection('many').aggregate().limit(25).end()).list).toHaveLength(25)
})

test('Dates and Geo values come through the pipeline as Dates and db.Geo objects', async () => {
  const { db } = await openDb(['ev'])
  await db.collection('ev').add({ data: { at: new Date(1000), loc: db.Geo.Point(1, 2) } })
  const { list } = await db.collection('ev').aggregate().project({ _id: 0 }).end()
  expect(list[0].at).toEqual(new Date(1000))
  expect(list[0].loc).toBeInstanceOf(db.Geo.Point)
})

test('geoNear stage adds the distance and orders by it', async () => {
  const { db } = await openDb(['pl'])
  const P = db.Geo.Point
  await db.collection('pl').add({ data: [{ _id: 'far', loc: P(113, 23.05) }, { _id: 'near', loc: P(113, 23.001) }] })
  const { list } = await db.collection('pl').aggregate()
    .geoNear({ near: P(113, 23), distanceField: 'dist', spherical: true, key: 'loc', maxDistance: 10000 })
    .project({ dist: 1 })
    .end()
  expect(list.map((d) => d._id)).toEqual(['near', 'far'])
  expect(list[0].dist).toBeCloseTo(111.3, 0)
})

test('a leading match uses an index', async () => {
  const ops = []
  const { db } = await openDb([], {
    indexes: { collections: { t: { indexes: [{ name: 'k', keys: [{ field: 'k', direction: 1 }] }] } } },
    onOp: (op) => ops.push(op),
  })
  await db.collection('t').add({ data: Array.from({ length: 200 }, (_v, i) => ({ k: i % 50 })) })
  await db.collection('t').aggregate().match({ k: 7 }).count('n').end()
  expect(ops.at(-1)).toMatchObject({ op: 'aggregate', examined: 4, returned: 1, plan: 'IXSCAN k' })
})
