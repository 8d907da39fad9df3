'use strict'
// Functions not written for devcloud — plain JavaScript in the style of WeChat's official
// samples, loaded from a functions folder — must run unchanged.
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFileSync } = require('node:child_process')
const { startRuntime, closeAll, FIXTURES, FIXTURE_FUNCTIONS } = require('./helpers')

afterAll(closeAll)

describe('a WeChat-sample-style function from functionsDir', () => {
  let rt
  beforeAll(async () => {
    rt = await startRuntime({ functionsDir: FIXTURE_FUNCTIONS })
  })

  test('is discovered with its config.json', () => {
    expect(rt.listFunctions()).toEqual(expect.arrayContaining(['quickstart', 'timerJob', 'msgPush', 'contentCheck']))
    expect(rt.getFunction('timerJob').triggers.map((t) => t.name)).toEqual(['everySecond', 'overdue'])
  })

  test('getWXContext inside it reports the caller', async () => {
    expect(await rt.invoke('quickstart', { type: 'getOpenId' }, { openid: 'o-sample' })).toEqual({
      openid: 'o-sample', appid: rt.appid, unionid: undefined, env: rt.env, source: 'wx_client',
    })
  })

  test('its database code (add with serverDate, where + command, update) works', async () => {
    const { id } = await rt.invoke('quickstart', { type: 'insertRecord', data: { region: '华东', city: '上海', sales: 11 } }, { openid: 'o-sample' })
    await rt.invoke('quickstart', { type: 'insertRecord', data: { region: '华北', city: '北京', sales: 3 } }, { openid: 'o-sample' })
    const selected = await rt.invoke('quickstart', { type: 'selectRecord', minSales: 10 })
    expect(selected.data.map((d) => d.city)).toEqual(['上海'])
    expect(selected.data[0]._openid).toBe('o-sample')

    const updated = await rt.invoke('quickstart', { type: 'updateRecord', data: [{ _id: id, sales: 20 }] })
    expect(updated.success).toBe(true)
    const after = await rt.invoke('quickstart', { type: 'selectRecord', minSales: 15 })
    expect(after.data).toEqual([expect.objectContaining({ _id: id, sales: 20 })])
  })

  test('it can call itself through cloud.callFunction', async () => {
    const res = await rt.invoke('quickstart', { type: 'callOther' }, { openid: 'o-sample' })
    expect(res).toMatchObject({ errMsg: 'cloud.callFunction:ok', result: { openid: 'o-sample', source: 'wx_client,scf' } })
  })

  test('its context argument is SCF-shaped and its event carries userInfo', async () => {
    const res = await rt.invoke('quickstart', { type: 'context' }, { openid: 'o-sample' })
    expect(res).toEqual({ requestId: expect.any(String), functionName: 'quickstart', hasUserInfo: true })
  })

  test('a function folder that fails to load is reported, not fatal', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devcloud-fns-'))
    fs.mkdirSync(path.join(dir, 'broken'))
    fs.writeFileSync(path.join(dir, 'broken', 'index.js'), 'exports.main = async () => { return (')
    fs.mkdirSync(path.join(dir, 'fine'))
    fs.writeFileSync(path.join(dir, 'fine', 'index.js'), 'exports.main = async () => "fine"')
    const other = await startRuntime({ functionsDir: dir })
    expect(await other.invoke('fine', {})).toBe('fine')
    await expect(other.invoke('broken', {})).rejects.toThrow(/failed to load/)
    expect(other.contracts().functions.broken.loadError).toEqual(expect.any(String))
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

test('under plain Node, require("wx-server-sdk") inside functions resolves to devcloud\'s SDK', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devcloud-plain-'))
  try {
    const out = execFileSync(process.execPath, [path.join(FIXTURES, 'run-plain-node.js'), dir], { encoding: 'utf8', timeout: 20000 })
    const result = JSON.parse(out.trim().split('\n').pop())
    expect(result.who).toMatchObject({ openid: 'o-plain', source: 'wx_client' })
    expect(result.inserted).toMatchObject({ success: true, id: expect.any(String) })
    expect(result.selected.data).toEqual([expect.objectContaining({ city: '上海', _openid: 'o-plain' })])
    expect(result.sdkResolvesTo).toBe(path.resolve(__dirname, '../../devcloud/sdk/index.js'))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
