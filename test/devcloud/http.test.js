'use strict'
// The HTTP front door the H5 app talks to. Each test names the WeChat (or wire) behaviour
// it pins: identity only from a trusted source, JSON results, envelopes for failures that
// never leak internals, storage that behaves like cloud storage, and the static app.
const fs = require('node:fs')
const net = require('node:net')
const http = require('node:http')
const path = require('node:path')
const cloud = require('wx-server-sdk')
const { startRuntime, closeAll, baseUrl } = require('./helpers')

afterAll(closeAll)

/** A request whose path is sent byte for byte (fetch would normalise `..`). */
function rawRequest(base, method, rawPath, { headers = {}, body } = {}) {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path: rawPath, headers }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const postJson = (url, body, headers = {}) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })

function registerTestFunctions(rt) {
  rt.registerFunction('whoami', {
    main: async (event) => ({ openid: cloud.getWXContext().OPENID ?? null, source: cloud.getWXContext().SOURCE, event }),
  })
  rt.registerFunction('boom', {
    main: async () => { throw new Error('SECRET-DB-PASSWORD leaked in message') },
  })
  rt.registerFunction('dated', {
    main: async () => ({ at: new Date('2024-05-01T08:00:00.000Z'), nested: [{ when: new Date(0) }] }),
  })
  rt.registerFunction('reports', {
    main: async (event) => ({ ok: true, data: event.action }),
    contract: {
      actions: {
        submit: { roles: ['user'], input: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } },
        review: { roles: ['admin'], input: { type: 'object' } },
      },
    },
  })
  rt.registerFunction('tick', { main: async (event) => ({ fired: event.TriggerName, type: event.Type }) }, {
    triggers: [{ name: 'hourly', type: 'timer', config: '0 0 * * * * *' }],
  })
  rt.registerFunction('notify', {
    main: async () => cloud.openapi.subscribeMessage.send({ touser: cloud.getWXContext().OPENID, templateId: 'T1', data: { thing1: { value: 'ok' } } }),
  })
}

describe('dev mode server', () => {
  let rt
  let base
  beforeAll(async () => {
    rt = await startRuntime({ dev: true })
    registerTestFunctions(rt)
    base = baseUrl(await rt.listen(0))
  })

  test('GET /api/health → 200 { ok: true }', async () => {
    const res = await fetch(`${base}/api/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
  })

  test('POST /api/fn/<name>: X-Dev-User names the caller in dev mode (stands in for WeChat login)', async () => {
    const res = await postJson(`${base}/api/fn/whoami`, { action: 'ping', payload: { a: 1 } }, { 'X-Dev-User': 'o-dev-1' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      openid: 'o-dev-1',
      source: 'wx_client',
      event: { action: 'ping', payload: { a: 1 }, userInfo: { appId: rt.appid, openId: 'o-dev-1' } },
    })
  })

  test('without X-Dev-User the caller has no OPENID', async () => {
    const body = await (await postJson(`${base}/api/fn/whoami`, {})).json()
    expect(body.openid).toBeNull()
  })

  test('a malformed X-Dev-User is refused with 400', async () => {
    const res = await postJson(`${base}/api/fn/whoami`, {}, { 'X-Dev-User': 'bad user!' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })

  test('an empty body is an empty event, like callFunction without data', async () => {
    const res = await fetch(`${base}/api/fn/whoami`, { method: 'POST' })
    expect(res.status).toBe(200)
    expect((await res.json()).event).toEqual({})
  })

  test('Dates in results are serialised as ISO strings, as the real client receives them', async () => {
    expect(await (await postJson(`${base}/api/fn/dated`, {})).json()).toEqual({
      at: '2024-05-01T08:00:00.000Z', nested: [{ when: '1970-01-01T00:00:00.000Z' }],
    })
  })

  test('unknown function → 404 envelope', async () => {
    const res = await postJson(`${base}/api/fn/nope`, {})
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ ok: false, code: 'FUNCTION_NOT_FOUND', message: expect.any(String) })
  })

  test('bad JSON → 400 INVALID_INPUT', async () => {
    const res = await postJson(`${base}/api/fn/whoami`, '{"action": ')
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.any(String) })
  })

  test('a JSON body that is not an object → 400 (WeChat events are objects)', async () => {
    expect((await postJson(`${base}/api/fn/whoami`, '[1,2]')).status).toBe(400)
  })

  test('a body over 1 MB → 413, and the server keeps serving', async () => {
    const big = JSON.stringify({ blob: 'x'.repeat(1024 * 1024 + 10) })
    const res = await postJson(`${base}/api/fn/whoami`, big)
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' })
    expect((await fetch(`${base}/api/health`)).status).toBe(200)
  })

  test('a function that throws → 500 { code: INTERNAL } with no stack or message leaked', async () => {
    const res = await postJson(`${base}/api/fn/boom`, {})
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(JSON.parse(text)).toEqual({ ok: false, code: 'INTERNAL', message: '服务器内部错误' })
    expect(text).not.toMatch(/SECRET|at Object|\.js:\d+/)
  })

  test('GET on a function route → 405', async () => {
    const res = await fetch(`${base}/api/fn/whoami`)
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST')
  })

  test('GET /api/contracts lists each function\'s exported contract; others have actions {}', async () => {
    const body = await (await fetch(`${base}/api/contracts`)).json()
    expect(body.functions.reports).toEqual({
      actions: {
        submit: { roles: ['user'], input: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } },
        review: { roles: ['admin'], input: { type: 'object' } },
      },
    })
    expect(body.functions.whoami).toEqual({ actions: {} })
  })

  test('unknown /api route → 404 JSON envelope', async () => {
    const res = await fetch(`${base}/api/nothing/here`)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  test('CORS preflight is answered in dev mode (the H5 dev server runs on another port)', async () => {
    const res = await fetch(`${base}/api/fn/whoami`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:10086' } })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:10086')
    expect(res.headers.get('access-control-allow-headers')).toMatch(/X-Dev-User/)
  })

  describe('storage', () => {
    test('raw upload → { fileID }, the uploader recorded; temp URL serves it back', async () => {
      const res = await fetch(`${base}/api/storage/upload?cloudPath=${encodeURIComponent('reports/o1/photo.jpg')}`, {
        method: 'POST', headers: { 'Content-Type': 'image/jpeg', 'X-Dev-User': 'o-uploader' }, body: Buffer.from('JPEGBYTES'),
      })
      expect(res.status).toBe(200)
      const { fileID } = await res.json()
      expect(fileID).toBe(rt.storage.fileIdFor('reports/o1/photo.jpg'))
      expect((await rt.storage.stat('reports/o1/photo.jpg')).uploader).toBe('o-uploader')

      const urls = await (await postJson(`${base}/api/storage/temp-urls`, { fileList: [fileID] })).json()
      expect(urls.fileList[0]).toMatchObject({ fileID, status: 0, errMsg: 'ok' })
      const file = await fetch(urls.fileList[0].tempFileURL)
      expect(file.status).toBe(200)
      expect(file.headers.get('content-type')).toBe('image/jpeg')
      expect(file.headers.get('x-content-type-options')).toBe('nosniff')
      expect(await file.text()).toBe('JPEGBYTES')
    })

    test('multipart/form-data upload with a `file` field (what the H5 app\'s FormData sends)', async () => {
      const form = new FormData()
      const png = Buffer.concat([Buffer.from([0x89]), Buffer.from('PNG fake')])
      form.append('file', new Blob([png], { type: 'image/png' }), '截图.png')
      const res = await fetch(`${base}/api/storage/upload?cloudPath=shots/a.png`, { method: 'POST', body: form, headers: { 'X-Dev-User': 'o-form' } })
      expect(res.status).toBe(200)
      const { fileID } = await res.json()
      const { fileContent } = await cloud.downloadFile({ fileID })
      expect(fileContent.equals(png)).toBe(true)
      expect((await rt.storage.stat('shots/a.png')).contentType).toBe('image/png')
    })

    test('multipart upload may carry cloudPath as a form field', async () => {
      const form = new FormData()
      form.append('cloudPath', 'shots/b.txt')
      form.append('file', new Blob(['text body']), 'b.txt')
      const res = await fetch(`${base}/api/storage/upload`, { method: 'POST', body: form })
      expect(await res.json()).toEqual({ fileID: rt.storage.fileIdFor('shots/b.txt') })
    })

    test('upload without cloudPath, or with a traversal cloudPath → 400', async () => {
      expect((await fetch(`${base}/api/storage/upload`, { method: 'POST', body: 'x' })).status).toBe(400)
      const res = await fetch(`${base}/api/storage/upload?cloudPath=${encodeURIComponent('../../etc/passwd')}`, { method: 'POST', body: 'x' })
      expect(res.status).toBe(400)
    })

    test('temp-urls reports status -1 for missing files and 400 without a fileList', async () => {
      const missing = (await (await postJson(`${base}/api/storage/temp-urls`, { fileList: ['cloud://x.y/none.png'] })).json())
      expect(missing.fileList[0]).toMatchObject({ status: -1 })
      expect((await postJson(`${base}/api/storage/temp-urls`, {})).status).toBe(400)
    })

    test('file URLs without a valid signature are refused', async () => {
      await cloud.uploadFile({ cloudPath: 'private/x.txt', fileContent: Buffer.from('secret') })
      expect((await fetch(`${base}/api/storage/file/private/x.txt`)).status).toBe(403)
    })

    test('path traversal in file and static URLs is refused, also percent-encoded', async () => {
      for (const p of [
        '/api/storage/file/../../../etc/passwd?sign=a&t=1',
        '/api/storage/file/%2e%2e/%2e%2e/etc/passwd?sign=a&t=1',
        '/api/storage/file/a%2f..%2f..%2fetc%2fpasswd?sign=a&t=1',
        '/../../etc/passwd',
        '/%2e%2e/%2e%2e/etc/passwd',
        '/assets/..%5c..%5cetc%5cpasswd',
      ]) {
        const res = await rawRequest(base, 'GET', p)
        expect([p, res.status]).toEqual([p, 400])
        expect(res.text).not.toMatch(/root:/)
      }
    })
  })

  describe('dev routes', () => {
    test('GET/POST /api/dev/clock reads, sets, advances and resets the runtime clock', async () => {
      const set = await (await postJson(`${base}/api/dev/clock`, { now: '2030-01-01T00:00:00.000Z' })).json()
      expect(Math.abs(set.nowMs - Date.parse('2030-01-01T00:00:00.000Z'))).toBeLessThan(1000)
      const advanced = await (await postJson(`${base}/api/dev/clock`, { advanceMs: 86_400_000 })).json()
      expect(advanced.now.startsWith('2030-01-02')).toBe(true)
      expect(rt.clock.now()).toBeGreaterThanOrEqual(Date.parse('2030-01-02T00:00:00.000Z'))
      const reset = await (await postJson(`${base}/api/dev/clock`, { reset: true })).json()
      expect(reset.offsetMs).toBe(0)
      expect((await postJson(`${base}/api/dev/clock`, { bogus: 1 })).status).toBe(400)
      expect((await (await fetch(`${base}/api/dev/clock`)).json()).offsetMs).toBe(0)
    })

    test('POST /api/dev/trigger/<fn>/<trigger> fires a timer trigger', async () => {
      const res = await fetch(`${base}/api/dev/trigger/tick/hourly`, { method: 'POST' })
      expect(await res.json()).toEqual({ ok: true, result: { fired: 'hourly', type: 'Timer' } })
      expect((await fetch(`${base}/api/dev/trigger/tick/nope`, { method: 'POST' })).status).toBe(404)
    })

    test('GET /api/dev/outbox shows subscribe messages sent', async () => {
      await postJson(`${base}/api/fn/notify`, {}, { 'X-Dev-User': 'o-sub' })
      const { messages } = await (await fetch(`${base}/api/dev/outbox`)).json()
      expect(messages.at(-1)).toMatchObject({ touser: 'o-sub', templateId: 'T1' })
    })

    test('GET /api/dev/stats shows the last invocation\'s stats', async () => {
      await postJson(`${base}/api/fn/whoami`, {}, { 'X-Dev-User': 'o-stats' })
      const { last } = await (await fetch(`${base}/api/dev/stats`)).json()
      expect(last).toMatchObject({ functionName: 'whoami', dbRoundTrips: 0, failed: false })
    })
  })

  describe('static H5 app', () => {
    test('without a build, / explains how to build it', async () => {
      const res = await fetch(`${base}/`)
      expect(res.headers.get('content-type')).toMatch(/text\/html/)
      expect(await res.text()).toMatch(/build:h5/)
    })

    test('serves the build with index.html fallback for app routes, 404 for missing assets', async () => {
      const dir = rt.settings.h5Dir
      fs.mkdirSync(path.join(dir, 'js'), { recursive: true })
      fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>H5</title>')
      fs.writeFileSync(path.join(dir, 'js', 'app.js'), 'console.log(1)')

      const index = await fetch(`${base}/`)
      expect(await index.text()).toContain('<title>H5</title>')
      const asset = await fetch(`${base}/js/app.js`)
      expect(asset.headers.get('content-type')).toMatch(/javascript/)
      expect(await asset.text()).toBe('console.log(1)')
      const route = await fetch(`${base}/pages/report/detail?id=1`)
      expect(route.status).toBe(200)
      expect(await route.text()).toContain('<title>H5</title>')
      expect((await fetch(`${base}/js/missing.js`)).status).toBe(404)
      expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405)
    })
  })

  test('garbage on the socket gets a 400 and the server keeps running', async () => {
    const { port } = new URL(base)
    const reply = await new Promise((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('THIS IS NOT HTTP\r\n\r\n'))
      let data = ''
      socket.on('data', (d) => { data += d })
      socket.on('close', () => resolve(data))
      socket.on('error', () => resolve(data))
    })
    expect(reply).toMatch(/^HTTP\/1\.1 400/)
    expect((await fetch(`${base}/api/health`)).status).toBe(200)
  })
})

describe('production mode server (dev off)', () => {
  let rt
  let base
  beforeAll(async () => {
    rt = await startRuntime({ dev: false })
    registerTestFunctions(rt)
    base = baseUrl(await rt.listen(0))
  })

  test('X-Dev-User is ignored: nothing on a request can claim an identity', async () => {
    const body = await (await postJson(`${base}/api/fn/whoami`, { action: 'ping' }, { 'X-Dev-User': 'o-impostor' })).json()
    expect(body.openid).toBeNull()
    expect(body.event).toEqual({ action: 'ping' })
  })

  test('dev routes do not exist', async () => {
    for (const p of ['/api/dev/outbox', '/api/dev/clock', '/api/dev/stats']) {
      expect((await fetch(`${base}${p}`)).status).toBe(404)
    }
    expect((await fetch(`${base}/api/dev/trigger/tick/hourly`, { method: 'POST' })).status).toBe(404)
  })

  test('no CORS headers outside dev mode', async () => {
    const res = await fetch(`${base}/api/health`, { headers: { Origin: 'http://evil.example' } })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('uploads record no uploader', async () => {
    await fetch(`${base}/api/storage/upload?cloudPath=anon/x.txt`, { method: 'POST', body: 'x', headers: { 'X-Dev-User': 'o-impostor' } })
    expect((await rt.storage.stat('anon/x.txt')).uploader).toBeNull()
  })
})
