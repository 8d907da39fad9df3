'use strict'
// @ts-check
const { Readable } = require('node:stream')
const { CloudError, ERR } = require('../lib/errors')
const { cloudPathOf } = require('./file-id')

const DEFAULT_MAX_AGE_SEC = 86400 // WeChat's default: one day
const MAX_FILES_PER_CALL = 50

/**
 * The storage calls of wx-server-sdk, with WeChat's result shapes. Shared by the SDK and the
 * HTTP routes so both behave alike.
 * @param {{ storage: import('./index').Storage, publicBase: (origin?: string) => string }} deps
 */
function createStorageApi({ storage, publicBase }) {
  /** @param {string} cloudPath @param {number} maxAge @param {string | undefined} origin */
  const tempUrl = (cloudPath, maxAge, origin) => publicBase(origin) + storage.signedPath(cloudPath, maxAge)

  return {
    /**
     * @param {{ cloudPath?: unknown, fileContent?: unknown, contentType?: string }} params
     * @param {{ uploader?: string | null }} [by]
     */
    async uploadFile(params, by = {}) {
      const cloudPath = /** @type {string} */ (params?.cloudPath)
      const content = await toBuffer(params?.fileContent)
      const { fileID } = await storage.put(cloudPath, content, { contentType: params?.contentType, uploader: by.uploader ?? null })
      return { fileID, statusCode: 200, errMsg: 'uploadFile:ok' }
    },

    /**
     * @param {{ fileList?: unknown }} params
     * @param {string} [origin]  public origin of the HTTP request being served, if any
     */
    async getTempFileURL(params, origin) {
      const list = requireFileList(params, 'getTempFileURL')
      const fileList = await Promise.all(list.map(async (item) => {
        const fileID = typeof item === 'string' ? item : item?.fileID
        const requested = typeof item === 'object' && item ? Number(item.maxAge) : NaN
        const maxAge = requested > 0 ? Math.min(requested, DEFAULT_MAX_AGE_SEC) : DEFAULT_MAX_AGE_SEC
        const cloudPath = safeCloudPath(fileID)
        if (!cloudPath || !(await storage.stat(cloudPath))) {
          return { fileID, tempFileURL: '', status: -1, errMsg: 'STORAGE_FILE_NONEXIST', maxAge }
        }
        return { fileID, tempFileURL: tempUrl(cloudPath, maxAge, origin), status: 0, errMsg: 'ok', maxAge }
      }))
      return { fileList, errMsg: 'getTempFileURL:ok' }
    },

    /** @param {{ fileList?: unknown }} params */
    async deleteFile(params) {
      const list = requireFileList(params, 'deleteFile')
      const fileList = await Promise.all(list.map(async (fileID) => {
        const cloudPath = safeCloudPath(fileID)
        const removed = cloudPath ? await storage.remove(cloudPath) : false
        return removed ? { fileID, status: 0, errMsg: 'ok' } : { fileID, status: -1, errMsg: 'STORAGE_FILE_NONEXIST' }
      }))
      return { fileList, errMsg: 'deleteFile:ok' }
    },

    /** @param {{ fileID?: unknown }} params */
    async downloadFile(params) {
      const cloudPath = storage.cloudPathOf(params?.fileID)
      const file = await storage.get(cloudPath)
      if (!file) throw new CloudError({ errCode: ERR.STORAGE_FILE_NONEXIST, errMsg: `downloadFile:fail storage file not exists: ${params?.fileID}`, code: 'NOT_FOUND' })
      return { fileContent: file.content, statusCode: 200, errMsg: 'downloadFile:ok' }
    },
  }
}

/** @param {unknown} fileID @returns {string | null} */
function safeCloudPath(fileID) {
  try {
    return cloudPathOf(fileID)
  } catch {
    return null
  }
}

/** @param {any} params @param {string} api @returns {any[]} */
function requireFileList(params, api) {
  const list = params?.fileList
  if (!Array.isArray(list) || list.length === 0) {
    throw new CloudError({ errCode: ERR.INVALID_PARAM, errMsg: `${api}:fail fileList must be a non-empty array`, code: 'INVALID_INPUT' })
  }
  if (list.length > MAX_FILES_PER_CALL) {
    throw new CloudError({ errCode: ERR.INVALID_PARAM, errMsg: `${api}:fail at most ${MAX_FILES_PER_CALL} files per call`, code: 'INVALID_INPUT' })
  }
  return list
}

/** @param {unknown} content @returns {Promise<Buffer>} */
async function toBuffer(content) {
  if (Buffer.isBuffer(content)) return content
  if (content instanceof Uint8Array) return Buffer.from(content.buffer, content.byteOffset, content.byteLength)
  if (content instanceof ArrayBuffer) return Buffer.from(content)
  if (typeof content === 'string') return Buffer.from(content)
  if (content instanceof Readable || (content && typeof (/** @type {any} */ (content))[Symbol.asyncIterator] === 'function')) {
    const chunks = []
    for await (const chunk of /** @type {AsyncIterable<any>} */ (content)) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
    return Buffer.concat(chunks)
  }
  throw new CloudError({ errCode: ERR.INVALID_PARAM, errMsg: 'uploadFile:fail fileContent must be a Buffer, string or stream', code: 'INVALID_INPUT' })
}

module.exports = { createStorageApi, DEFAULT_MAX_AGE_SEC }
