'use strict'
// 云开发 HTTP 访问服务 in devcloud: a path prefix (/open311/v2) reaches its function with the HTTP-shaped
// event WeChat's gateway builds, without a caller identity, and the function's { statusCode, headers, body }
// becomes the response.
const cloud = require('wx-server-sdk')
const { startRuntime, closeAll, baseUrl } = require('./helpers')

afterAll(closeAll)

let base
beforeAll(async () => {
  const rt = await startRuntime({ dev: true })
  rt.registerFunction('open311', {
    main: async (event) => {
      const wx = cloud.getWXContext()
      if (event.path.endsWith('/plain.json')) return { hello: 'world' }
      return {
        statusCode: event.queryStringParameters.status === 'teapot' ? 418 : 200,
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Seen': 'yes' },
        body: JSON.stringify({ event, openid: wx.OPENID ?? null, source: wx.SOURCE }),
      }
    },
  })
  base = baseUrl(await rt.listen(0))
})

test('GET /open311/v2/* invokes the function with path, httpMethod, headers and queryStringParameters', async () => {
  const res = await fetch(`${base}/open311/v2/requests.json?status=open&page_size=5`, { headers: { 'X-Api-Key': 'k1', 'X-Dev-User': 'o-someone' } })
  expect(res.status).toBe(200)
  expect(res.headers.get('x-seen')).toBe('yes')
  const body = await res.json()
  expect(body.event).toMatchObject({
    path: '/open311/v2/requests.json',
    httpMethod: 'GET',
    queryStringParameters: { status: 'open', page_size: '5' },
    isBase64Encoded: false,
  })
  expect(body.event.headers['x-api-key']).toBe('k1')
  // An HTTP caller is nobody: X-Dev-User names mini-program users on /api/fn only.
  expect(body.openid).toBeNull()
  expect(body.source).toBe('wx_http')
})

test('the function’s statusCode is the response status; a plain object is sent as JSON', async () => {
  expect((await fetch(`${base}/open311/v2/requests.json?status=teapot`)).status).toBe(418)
  const plain = await fetch(`${base}/open311/v2/plain.json`)
  expect(plain.status).toBe(200)
  expect(await plain.json()).toEqual({ hello: 'world' })
})

test('paths outside the prefix are not routed to it', async () => {
  const res = await fetch(`${base}/open311/v3/requests.json`)
  expect(res.headers.get('x-seen')).toBeNull()
})
