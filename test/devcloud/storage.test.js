'use strict'
// Cloud storage as wx-server-sdk exposes it: uploadFile → fileID `cloud://<env>.<bucket>/<path>`,
// getTempFileURL with WeChat's item shape and expiring signed URLs, deleteFile, downloadFile.
const cloud = require('wx-server-sdk')
const { startRuntime, closeAll, baseUrl } = require('./helpers')

afterAll(closeAll)

let rt
let base
beforeAll(async () => {
  rt = await startRuntime({ env: 'test-env-1a2b' })
  base = baseUrl(await rt.listen(0))
  rt.registerFunction('files', {
    main: async (event) => {
      switch (event.op) {
        case 'upload': return cloud.uploadFile({ cloudPath: event.cloudPath, fileContent: Buffer.from(event.text) })
        case 'urls': return cloud.getTempFileURL({ fileList: event.fileList })
        case 'download': {
          const { fileContent } = await cloud.downloadFile({ fileID: event.fileID })
          return { isBuffer: Buffer.isBuffer(fileContent), text: fileContent.toString() }
        }
        case 'delete': return cloud.deleteFile({ fileList: event.fileList })
        default: return null
      }
    },
  })
})

test('uploadFile returns a fileID shaped cloud://<env>.<bucket>/<cloudPath>', async () => {
  const res = await rt.invoke('files', { op: 'upload', cloudPath: 'reports/a.txt', text: 'hello' }, { openid: 'o-up' })
  expect(res.fileID).toMatch(/^cloud:\/\/test-env-1a2b\.[\w-]+\/reports\/a\.txt$/)
  expect(res.fileID).toBe(`cloud://test-env-1a2b.${rt.storage.bucket}/reports/a.txt`)
  expect((await rt.storage.stat('reports/a.txt')).uploader).toBe('o-up')
})

test('downloadFile returns the bytes as a Buffer', async () => {
  const { fileID } = await rt.invoke('files', { op: 'upload', cloudPath: 'dl/b.txt', text: '你好' })
  expect(await rt.invoke('files', { op: 'download', fileID })).toEqual({ isBuffer: true, text: '你好' })
})

test('downloadFile of a missing file rejects with an errCode', async () => {
  await expect(cloud.downloadFile({ fileID: `cloud://x.y/missing.txt` })).rejects.toMatchObject({ errCode: -503003 })
})

test('getTempFileURL: status 0 with a fetchable URL, status -1 for a missing file; maxAge defaults to a day', async () => {
  const { fileID } = await rt.invoke('files', { op: 'upload', cloudPath: 'img/c.png', text: 'PNGDATA' })
  const missing = `cloud://test-env-1a2b.${rt.storage.bucket}/img/none.png`
  const { fileList } = await rt.invoke('files', { op: 'urls', fileList: [fileID, { fileID: missing, maxAge: 60 }] })
  expect(fileList[0]).toMatchObject({ fileID, status: 0, errMsg: 'ok', maxAge: 86400 })
  expect(fileList[1]).toMatchObject({ fileID: missing, status: -1, tempFileURL: '' })

  const res = await fetch(fileList[0].tempFileURL)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('image/png')
  expect(await res.text()).toBe('PNGDATA')
})

test('temp URLs expire after maxAge on the runtime clock and cannot be forged', async () => {
  const { fileID } = await rt.invoke('files', { op: 'upload', cloudPath: 'exp/d.txt', text: 'x' })
  const { fileList } = await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] })
  const url = fileList[0].tempFileURL
  expect(url.startsWith(base)).toBe(true)
  expect((await fetch(url)).status).toBe(200)

  const forged = url.replace(/sign=[0-9a-f]+/, 'sign=' + '0'.repeat(32))
  expect((await fetch(forged)).status).toBe(403)
  const extended = url.replace(/t=(\d+)/, (_, t) => `t=${Number(t) + 3600}`)
  expect((await fetch(extended)).status).toBe(403)

  rt.clock.advance(61_000)
  try {
    const expired = await fetch(url)
    expect(expired.status).toBe(403)
    expect(await expired.json()).toMatchObject({ ok: false, code: 'URL_EXPIRED' })
  } finally {
    rt.clock.reset()
  }
})

test('deleteFile reports per-file status and removes the file', async () => {
  const { fileID } = await rt.invoke('files', { op: 'upload', cloudPath: 'del/e.txt', text: 'bye' })
  const res = await rt.invoke('files', { op: 'delete', fileList: [fileID, `cloud://test-env-1a2b.b/del/none`] })
  expect(res.fileList).toEqual([
    { fileID, status: 0, errMsg: 'ok' },
    { fileID: 'cloud://test-env-1a2b.b/del/none', status: -1, errMsg: 'STORAGE_FILE_NONEXIST' },
  ])
  const { fileList } = await cloud.getTempFileURL({ fileList: [fileID] })
  expect(fileList[0].status).toBe(-1)
})

test('cloud paths that read as traversal are refused', async () => {
  for (const cloudPath of ['../etc/passwd', '/abs.txt', 'a/../../b', 'a//b', 'a\\b']) {
    await expect(cloud.uploadFile({ cloudPath, fileContent: Buffer.from('x') })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  }
})

test('getTempFileURL takes at most 50 files per call, like WeChat', async () => {
  const fileList = Array.from({ length: 51 }, (_, i) => `cloud://e.b/f${i}`)
  await expect(cloud.getTempFileURL({ fileList })).rejects.toMatchObject({ errCode: -501001 })
})
