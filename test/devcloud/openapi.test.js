'use strict'
// Cloud calls (openapi) as WeChat answers them: msgSecCheck v2 verdicts from a word list,
// v1's 87014, mediaCheckAsync's asynchronous wxa_media_check push, subscribeMessage.send
// into the outbox, config.json permissions (-604101) and unknown APIs.
const path = require('node:path')
const fs = require('node:fs')
const cloud = require('wx-server-sdk')
const { startRuntime, closeAll, FIXTURE_FUNCTIONS } = require('./helpers')

afterAll(closeAll)

describe('security.msgSecCheck', () => {
  let rt
  beforeAll(async () => {
    rt = await startRuntime({ functionsDir: FIXTURE_FUNCTIONS })
  })

  test('clean text passes: errCode 0, result { suggest: "pass", label: 100 }', async () => {
    const res = await rt.invoke('contentCheck', { kind: 'text', content: '今天在社区参加了垃圾分类志愿活动' }, { openid: 'o-1' })
    expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok', result: { suggest: 'pass', label: 100 } })
    expect(Array.isArray(res.detail)).toBe(true)
    expect(res.traceId).toEqual(expect.any(String))
  })

  test('a listed term is risky with its label and a keyword detail', async () => {
    const res = await rt.invoke('contentCheck', { kind: 'text', content: '有人在小区门口出售枪支' }, { openid: 'o-1' })
    expect(res.result).toEqual({ suggest: 'risky', label: 20006 })
    expect(res.detail).toEqual(expect.arrayContaining([expect.objectContaining({ strategy: 'keyword', keyword: '出售枪支', suggest: 'risky' })]))
  })

  test('terms split by spaces or punctuation are still found', async () => {
    const res = await rt.invoke('contentCheck', { kind: 'text', content: '出 售·枪 支' }, { openid: 'o-1' })
    expect(res.result.suggest).toBe('risky')
  })

  test('review-level terms answer suggest "review"', async () => {
    const res = await rt.invoke('contentCheck', { kind: 'text', content: 'DEVCLOUD_REVIEW 一下' }, { openid: 'o-1' })
    expect(res.result.suggest).toBe('review')
  })

  test('version 1 (no version) rejects risky text with errCode 87014', async () => {
    await expect(cloud.openapi.security.msgSecCheck({ content: 'DEVCLOUD_RISKY' })).rejects.toMatchObject({ errCode: 87014 })
    await expect(cloud.openapi.security.msgSecCheck({ content: '你好' })).resolves.toEqual({ errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok' })
  })

  test('version 2 without openid is refused (40003)', async () => {
    await expect(cloud.openapi.security.msgSecCheck({ content: 'x', version: 2, scene: 2 })).rejects.toMatchObject({ errCode: 40003 })
  })

  test('the word list can be replaced by the project', async () => {
    const file = path.join(rt.settings.rootDir, 'words.txt')
    fs.writeFileSync(file, '# custom\n违规词甲 20003\n')
    const custom = await startRuntime({ wordListFile: file })
    const res = await cloud.openapi.security.msgSecCheck({ content: '这里有违规词甲', version: 2, scene: 1, openid: 'o' })
    expect(res.result).toEqual({ suggest: 'risky', label: 20003 })
    await custom.close()
  })
})

describe('config.json permissions and unknown APIs', () => {
  let rt
  beforeAll(async () => {
    rt = await startRuntime({ functionsDir: FIXTURE_FUNCTIONS })
  })

  test('an openapi not declared in permissions.openapi fails with -604101, as deployed functions do', async () => {
    await expect(rt.invoke('contentCheck', { kind: 'notify' }, { openid: 'o-1' }))
      .rejects.toMatchObject({ errCode: -604101, errMsg: expect.stringMatching(/^openapi\.subscribeMessage\.send:fail/) })
  })

  test('functions registered without a config are not held to permissions', async () => {
    rt.registerFunction('free', { main: () => cloud.openapi.subscribeMessage.send({ touser: 'o', templateId: 't', data: {} }) })
    await expect(rt.invoke('free', {})).resolves.toMatchObject({ errCode: 0 })
  })

  test('an API devcloud does not implement answers a WeChat-like error', async () => {
    await expect(cloud.openapi.wxacode.getUnlimited({ scene: 'a=1' }))
      .rejects.toMatchObject({ errCode: -604100, errMsg: expect.stringMatching(/^openapi\.wxacode\.getUnlimited:fail/) })
  })
})

describe('security.mediaCheckAsync', () => {
  let rt
  beforeAll(async () => {
    rt = await startRuntime({ functionsDir: FIXTURE_FUNCTIONS, messagePushFunction: 'msgPush' })
  })

  const pushedEvents = async () => {
    const { data } = await rt.database().collection('media_events').get()
    return data
  }

  test('answers { errCode: 0, traceId } at once, then pushes a wxa_media_check event to the message-push function', async () => {
    await cloud.uploadFile({ cloudPath: 'photos/ok.jpg', fileContent: Buffer.from('a harmless picture') })
    const { fileList } = await cloud.getTempFileURL({ fileList: [rt.storage.fileIdFor('photos/ok.jpg')] })
    const res = await rt.invoke('contentCheck', { kind: 'media', url: fileList[0].tempFileURL }, { openid: 'o-media' })
    expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.security.mediaCheckAsync:ok', traceId: expect.any(String) })

    await rt.settle()
    const events = await pushedEvents()
    const mine = events.find((e) => e.traceId === res.traceId)
    expect(mine).toMatchObject({ suggest: 'pass', label: 100, pushedFor: 'o-media' })
    expect(mine.event).toMatchObject({
      ToUserName: expect.stringMatching(/^gh_/),
      FromUserName: 'o-media',
      CreateTime: expect.any(Number),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: rt.appid,
      trace_id: res.traceId,
      version: 2,
      result: { suggest: 'pass', label: 100 },
      detail: [expect.objectContaining({ strategy: 'content_model', suggest: 'pass' })],
    })
  })

  test('a file whose content holds the marker is risky', async () => {
    await cloud.uploadFile({ cloudPath: 'photos/bad.jpg', fileContent: Buffer.from('pixels BLOCKME pixels') })
    const fileID = rt.storage.fileIdFor('photos/bad.jpg')
    const res = await rt.invoke('contentCheck', { kind: 'media', url: fileID }, { openid: 'o-media' })
    await rt.settle()
    const mine = (await pushedEvents()).find((e) => e.traceId === res.traceId)
    expect(mine).toMatchObject({ suggest: 'risky' })
    expect(rt.mediaChecks.at(-1)).toMatchObject({ traceId: res.traceId, suggest: 'risky' })
  })

  test('a file whose name holds the marker is risky', async () => {
    const res = await rt.invoke('contentCheck', { kind: 'media', url: 'https://example.invalid/BLOCKME.png' }, { openid: 'o-media' })
    await rt.settle()
    expect((await pushedEvents()).find((e) => e.traceId === res.traceId)).toMatchObject({ suggest: 'risky' })
  })

  test('media_type must be 1 (audio) or 2 (image)', async () => {
    await expect(cloud.openapi.security.mediaCheckAsync({ media_url: 'x', media_type: 3 })).rejects.toMatchObject({ errCode: 47001 })
  })
})

describe('subscribeMessage.send', () => {
  let rt
  beforeAll(async () => {
    rt = await startRuntime()
    rt.registerFunction('notify', {
      main: async (event) => cloud.openapi.subscribeMessage.send({
        touser: cloud.getWXContext().OPENID,
        page: 'pages/report/detail?id=1',
        templateId: 'TEMPLATE_REVIEWED',
        miniprogramState: 'developer',
        data: { thing1: { value: event.title }, time2: { value: '2024-05-01 10:00' } },
      }),
    }, { permissions: { openapi: ['subscribeMessage.send'] } })
  })

  test('answers errCode 0 and records the message in rt.outbox, newest last', async () => {
    await rt.invoke('notify', { title: '您的举报已受理' }, { openid: 'o-first' })
    const res = await rt.invoke('notify', { title: '您的举报已办结' }, { openid: 'o-second' })
    expect(res).toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' })
    expect(rt.outbox.at(-1)).toMatchObject({
      touser: 'o-second',
      templateId: 'TEMPLATE_REVIEWED',
      page: 'pages/report/detail?id=1',
      miniprogramState: 'developer',
      data: { thing1: { value: '您的举报已办结' } },
      fromFunction: 'notify',
    })
    expect(rt.outbox.at(-2).touser).toBe('o-first')
  })

  test('a thing value over 20 characters fails with 47003, as in production', async () => {
    await expect(rt.invoke('notify', { title: '这是一个非常非常非常非常非常非常长的标题超过二十个字' }, { openid: 'o' }))
      .rejects.toMatchObject({ errCode: 47003 })
  })

  test('missing touser fails with 40003', async () => {
    await expect(rt.invoke('notify', { title: 'x' }, {})).rejects.toMatchObject({ errCode: 40003 })
  })
})
