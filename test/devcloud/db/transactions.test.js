'use strict'
/* global test, expect, afterEach */

// Conformance: db.runTransaction / db.startTransaction — the transactional document API of
// WeChat, with real isolation (serializable: one write lock held for the transaction's life).

const { openDb, cleanup, rejection } = require('./helpers')

afterEach(cleanup)

/** Rejects if `promise` has not settled within `ms` (a deadlock detector). */
function within(ms, promise) {
  let timer
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_resolve, reject) => { timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms) }),
  ])
}

/** A promise plus its resolve function. */
function gate() {
  let open
  const promise = new Promise((resolve) => { open = resolve })
  return { promise, open }
}

async function bank(options) {
  const { db, _, engine } = await openDb(['accounts', 'log'], options)
  await db.collection('accounts').add({ data: [{ _id: 'a', balance: 100 }, { _id: 'b', balance: 0 }] })
  const balance = async (id) => (await db.collection('accounts').doc(id).get()).data.balance
  return { db, _, engine, balance }
}

test('runTransaction commits the writes and resolves with the callback’s return value', async () => {
  const { db, _, balance } = await bank()
  const result = await db.runTransaction(async (t) => {
    const a = await t.collection('accounts').doc('a').get()
    await t.collection('accounts').doc('a').update({ data: { balance: _.inc(-30) } })
    await t.collection('accounts').doc('b').update({ data: { balance: _.inc(30) } })
    return { before: a.data.balance }
  })
  expect(result).toEqual({ before: 100 })
  expect([await balance('a'), await balance('b')]).toEqual([70, 30])
})

test('reads inside a transaction see its own writes; set, add and remove are buffered too', async () => {
  const { db } = await bank()
  await db.runTransaction(async (t) => {
    await t.collection('accounts').doc('a').set({ data: { balance: 1 } })
    expect((await t.collection('accounts').doc('a').get()).data).toEqual({ _id: 'a', balance: 1 })
    const { _id } = await t.collection('accounts').add({ data: { balance: 7 } })
    expect((await t.collection('accounts').doc(_id).get()).data.balance).toBe(7)
    expect(await t.collection('accounts').doc('b').remove()).toMatchObject({ stats: { removed: 1 } })
    expect((await t.collection('accounts').doc('b').get()).data).toBeNull()
  })
  const { data } = await db.collection('accounts').orderBy('balance', 'asc').get()
  expect(data.map((d) => d.balance)).toEqual([1, 7])
})

test('a concurrent reader does not see uncommitted writes; they appear together at commit', async () => {
  const { db, _, balance } = await bank()
  const written = gate()
  const proceed = gate()
  const tx = db.runTransaction(async (t) => {
    await t.collection('accounts').doc('a').update({ data: { balance: _.inc(-50) } })
    await t.collection('accounts').doc('b').update({ data: { balance: _.inc(50) } })
    written.open()
    await proceed.promise
  })
  await written.promise
  expect([await balance('a'), await balance('b')]).toEqual([100, 0])
  expect((await db.collection('accounts').where({ balance: 50 }).count()).total).toBe(0)
  proceed.open()
  await tx
  expect([await balance('a'), await balance('b')]).toEqual([50, 50])
})

test('200 concurrent read-modify-write transactions on a counter end exactly at 200', async () => {
  const { db } = await openDb(['counters'])
  await db.collection('counters').add({ data: { _id: 'c', n: 0 } })
  await Promise.all(Array.from({ length: 200 }, () => db.runTransaction(async (t) => {
    const { data } = await t.collection('counters').doc('c').get()
    await new Promise((resolve) => setImmediate(resolve)) // let other transactions try to interleave
    await t.collection('counters').doc('c').update({ data: { n: data.n + 1 } })
  })))
  expect((await db.collection('counters').doc('c').get()).data.n).toBe(200)
})

test('a plain write made during a transaction waits for it (serializable), then applies on top', async () => {
  const { db, _, balance } = await bank()
  const written = gate()
  const proceed = gate()
  const order = []
  const tx = db.runTransaction(async (t) => {
    await t.collection('accounts').doc('a').update({ data: { balance: _.inc(-10) } })
    written.open()
    await proceed.promise
    order.push('commit')
  })
  await written.promise
  const plain = db.collection('accounts').doc('a').update({ data: { balance: _.inc(-1) } }).then(() => order.push('plain'))
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(order).toEqual([])
  proceed.open()
  await Promise.all([tx, plain])
  expect(order).toEqual(['commit', 'plain'])
  expect(await balance('a')).toBe(89)
})

test('a callback that throws rolls back, and runTransaction rejects with that error', async () => {
  const { db, _, balance } = await bank()
  const boom = new Error('insufficient funds')
  const err = await rejection(db.runTransaction(async (t) => {
    await t.collection('accounts').doc('a').update({ data: { balance: _.inc(-500) } })
    throw boom
  }))
  expect(err).toBe(boom)
  expect(await balance('a')).toBe(100)
  // the lock was released
  await within(1000, db.collection('accounts').doc('a').update({ data: { balance: 99 } }))
})

test('transaction.rollback(reason) aborts: runTransaction rejects with the reason', async () => {
  const { db, _, balance } = await bank()
  const err = await rejection(db.runTransaction(async (t) => {
    await t.collection('accounts').doc('a').update({ data: { balance: _.inc(-1) } })
    await t.rollback('not today')
  }))
  expect(err).toBe('not today')
  expect(await balance('a')).toBe(100)
})

test('where-queries are not available inside a transaction (clear error), doc get of a missing document gives data null', async () => {
  const { db } = await bank()
  await db.runTransaction(async (t) => {
    expect(() => t.collection('accounts').where({ balance: 0 })).toThrow(/where-queries/)
    expect(() => t.collection('accounts').get()).toThrow(/where-queries/)
    expect((await t.collection('accounts').doc('nope').get()).data).toBeNull()
  })
})

test('a transactional write to a missing collection fails with -502005 and rolls back', async () => {
  const { db, balance } = await bank()
  const err = await rejection(db.runTransaction(async (t) => {
    await t.collection('accounts').doc('a').update({ data: { balance: 0 } })
    await t.collection('missing').doc('x').set({ data: { v: 1 } })
  }))
  expect(err.errCode).toBe(-502005)
  expect(await balance('a')).toBe(100)
})

test('startTransaction: commit() makes the writes visible, rollback() discards them', async () => {
  const { db, _, balance } = await bank()
  const t1 = await db.startTransaction()
  await t1.collection('accounts').doc('a').update({ data: { balance: _.inc(-1) } })
  expect(await balance('a')).toBe(100)
  await t1.commit()
  expect(await balance('a')).toBe(99)

  const t2 = await db.startTransaction()
  await t2.collection('accounts').doc('a').update({ data: { balance: 0 } })
  await t2.rollback()
  expect(await balance('a')).toBe(99)
  expect((await rejection(t2.collection('accounts').doc('a').get())).errMsg).toMatch(/committed or rolled back/)
})

test('a plain db call inside the transaction callback does not deadlock (it runs outside the transaction)', async () => {
  const { db, balance } = await bank()
  await within(2000, db.runTransaction(async (t) => {
    await t.collection('accounts').doc('a').update({ data: { balance: 1 } })
    await db.collection('log').add({ data: { msg: 'transfer started' } })
    expect((await db.collection('log').count()).total).toBe(1)
  }))
  expect(await balance('a')).toBe(1)
})

test('a plain db call after startTransaction in the same flow does not deadlock', async () => {
  const { db } = await bank()
  const t = await db.startTransaction()
  await within(2000, db.collection('log').add({ data: { msg: 'x' } }))
  await t.commit()
})

test('a nested runTransaction inside a transaction callback fails instead of deadlocking', async () => {
  const { db } = await bank()
  const err = await within(2000, rejection(db.runTransaction(async () => {
    await db.runTransaction(async () => {})
  })))
  expect(err.errMsg).toMatch(/nested/)
})

test('a transaction left open too long is rolled back so the lock is released', async () => {
  const { db, balance } = await bank({ transactionTimeoutMs: 100 })
  // another flow (started before the transaction, so not inside its async context) wants to write
  const start = gate()
  const otherWriter = (async () => {
    await start.promise
    await db.collection('accounts').doc('b').update({ data: { balance: 5 } })
  })()
  const t = await db.startTransaction()
  await t.collection('accounts').doc('a').update({ data: { balance: 0 } })
  start.open()
  // it waits for the lock and gets it once the transaction times out
  await within(2000, otherWriter)
  const err = await rejection(t.commit())
  expect(err.errMsg).toMatch(/rolled back/)
  expect(await balance('a')).toBe(100)
  expect(await balance('b')).toBe(5)
})

test('unique indexes are enforced inside transactions', async () => {
  const { db } = await openDb([], {
    indexes: { collections: { users: { indexes: [{ name: 'phone_unique', keys: [{ field: 'phone', direction: 1 }], unique: true }] } } },
  })
  await db.collection('users').add({ data: { _id: 'u1', phone: '1' } })
  const err = await rejection(db.runTransaction(async (t) => {
    await t.collection('users').add({ data: { _id: 'u2', phone: '2' } })
    await t.collection('users').doc('u2').update({ data: { phone: '1' } })
  }))
  expect(err.errMsg).toMatch(/E11000 duplicate key error collection: users index: phone_unique/)
  expect((await db.collection('users').count()).total).toBe(1)
})
