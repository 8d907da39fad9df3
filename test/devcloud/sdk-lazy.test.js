'use strict'
// Function modules call cloud.database() and read db.command at load time — in jest that is
// when a test file imports them, before any runtime exists. WeChat resolves the database per
// environment at call time; devcloud must too, and each runtime must get its own data.
const cloud = require('wx-server-sdk')
const { startRuntime, closeAll } = require('./helpers')

// Module level, no runtime yet.
const db = cloud.database()
const _ = db.command
const notesModule = {
  main: async (event) => {
    if (event.add) await db.collection('notes').add({ data: { n: event.add, at: db.serverDate() } })
    const { data } = await db.collection('notes').where({ n: _.gte(0) }).get()
    return data.map((d) => d.n)
  },
}

afterAll(closeAll)

test('without a runtime, SDK calls fail with a clear message', async () => {
  expect(() => cloud.getWXContext()).not.toThrow()
  await expect(cloud.callFunction({ name: 'x' })).rejects.toThrow(/no devcloud runtime is running/)
})

test('a module-level database handle works once a runtime starts, per runtime', async () => {
  const first = await startRuntime()
  first.registerFunction('notes', notesModule)
  expect(await first.invoke('notes', { add: 1 })).toEqual([1])

  const second = await startRuntime()
  second.registerFunction('notes', notesModule)
  expect(await second.invoke('notes', { add: 2 })).toEqual([2])
  // Both open at once: each invocation still uses its own runtime's database.
  expect(await first.invoke('notes', {})).toEqual([1])
})
