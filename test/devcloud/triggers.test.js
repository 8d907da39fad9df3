'use strict'
// Timer triggers from config.json: WeChat invokes main with { Type: 'Timer', TriggerName, Time }
// and SOURCE wx_trigger, without a user; rt.runTrigger fires one on demand, and with
// timers on they fire by themselves on the real clock.
const { startRuntime, closeAll, eventually, FIXTURE_FUNCTIONS } = require('./helpers')

afterAll(closeAll)

const runs = async (rt) => (await rt.database().collection('timer_runs').get()).data

test('runTrigger invokes main with WeChat\'s timer event and no OPENID', async () => {
  const rt = await startRuntime({ functionsDir: FIXTURE_FUNCTIONS })
  rt.clock.set(Date.parse('2024-03-01T02:00:00.000Z'))
  const result = await rt.runTrigger('timerJob', 'overdue')
  rt.clock.reset()
  expect(result).toEqual({ handled: 'overdue' })
  expect(await runs(rt)).toEqual([expect.objectContaining({
    type: 'Timer', trigger: 'overdue', time: '2024-03-01T02:00:00Z', source: 'wx_trigger', hasOpenid: false,
  })])
})

test('unknown triggers and functions are errors', async () => {
  const rt = await startRuntime({ functionsDir: FIXTURE_FUNCTIONS })
  await expect(rt.runTrigger('timerJob', 'nope')).rejects.toMatchObject({ code: 'TRIGGER_NOT_FOUND' })
  await expect(rt.runTrigger('nope', 'overdue')).rejects.toMatchObject({ code: 'FUNCTION_NOT_FOUND' })
})

test('timers are off by default', async () => {
  const rt = await startRuntime({ functionsDir: FIXTURE_FUNCTIONS })
  expect(rt.armedTimers()).toEqual([])
})

test('with timers on, a trigger fires on schedule by itself', async () => {
  const rt = await startRuntime({ functionsDir: FIXTURE_FUNCTIONS, timers: true })
  expect(rt.armedTimers()).toEqual(expect.arrayContaining(['timerJob/everySecond', 'timerJob/overdue']))
  const fired = await eventually(async () => (await runs(rt)).find((r) => r.trigger === 'everySecond'), 4000)
  expect(fired).toMatchObject({ type: 'Timer', source: 'wx_trigger' })
  expect(fired.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
  rt.stopTimers()
  expect(rt.armedTimers()).toEqual([])
})

test('registerFunction validates triggers like a deployment would', async () => {
  const rt = await startRuntime()
  const main = async () => null
  expect(() => rt.registerFunction('bad', { main }, { triggers: [{ name: 't', type: 'timer', config: '0 * * * *' }] })).toThrow(/7 fields/)
  expect(() => rt.registerFunction('bad', { main }, { triggers: [{ name: 't', type: 'cos', config: '* * * * * * *' }] })).toThrow(/only "timer"/)
  expect(() => rt.registerFunction('bad', { main }, { triggers: [{ name: '1t', type: 'timer', config: '* * * * * * *' }] })).toThrow(/trigger name/)
})
