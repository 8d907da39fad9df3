'use strict'
// @ts-check
const fs = require('node:fs')
const fsp = require('node:fs/promises')
const path = require('node:path')
const crypto = require('node:crypto')
const { contentTypeFor, typeByExtension, DEFAULT_TYPE } = require('./mime')
const { defaultBucket, toFileId, cloudPathOf, assertCloudPath } = require('./file-id')

/**
 * @typedef {object} StoredFileMeta
 * @property {string} cloudPath
 * @property {string} contentType
 * @property {number} size
 * @property {string | null} uploader    openid of the caller that uploaded it
 * @property {number} uploadedAt         ms on the runtime clock
 */

/**
 * Cloud storage on local disk. Objects are stored under the sha-256 of their cloud path
 * (flat, with a JSON sidecar), so keys like `a` and `a/b` can coexist and no cloud path can
 * ever name a file outside the storage folder.
 * @param {{ dir: string, env: string, bucket?: string, now: () => number }} options
 */
function createStorage({ dir, env, bucket = defaultBucket(env), now }) {
  const objectsDir = path.join(dir, 'objects')
  fs.mkdirSync(objectsDir, { recursive: true })
  const secret = loadOrCreateSecret(path.join(dir, 'signing-secret'))

  /** @param {string} cloudPath */
  const locate = (cloudPath) => {
    const key = crypto.createHash('sha256').update(cloudPath).digest('hex')
    return { data: path.join(objectsDir, key), meta: path.join(objectsDir, `${key}.json`) }
  }

  /** @param {string} cloudPath @param {number} expiresAtSec */
  const signature = (cloudPath, expiresAtSec) =>
    crypto.createHmac('sha256', secret).update(`${cloudPath}\n${expiresAtSec}`).digest('hex').slice(0, 32)

  return {
    env,
    bucket,
    /** @param {string} cloudPath */
    fileIdFor: (cloudPath) => toFileId(env, bucket, assertCloudPath(cloudPath)),
    cloudPathOf,

    /**
     * @param {string} cloudPath
     * @param {Buffer} content
     * @param {{ contentType?: string, uploader?: string | null }} [info]
     * @returns {Promise<{ fileID: string, meta: StoredFileMeta }>}
     */
    async put(cloudPath, content, info = {}) {
      assertCloudPath(cloudPath)
      const where = locate(cloudPath)
      /** @type {StoredFileMeta} */
      const meta = {
        cloudPath,
        // The extension decides first: a client-declared type must not turn a .png into HTML.
        contentType: typeByExtension(cloudPath) ?? usableType(info.contentType) ?? DEFAULT_TYPE,
        size: content.length,
        uploader: info.uploader ?? null,
        uploadedAt: now(),
      }
      await writeAtomically(where.data, content)
      await writeAtomically(where.meta, Buffer.from(JSON.stringify(meta)))
      return { fileID: toFileId(env, bucket, cloudPath), meta }
    },

    /** @param {string} cloudPath @returns {Promise<StoredFileMeta | null>} */
    async stat(cloudPath) {
      try {
        return JSON.parse(await fsp.readFile(locate(assertCloudPath(cloudPath)).meta, 'utf8'))
      } catch (err) {
        if (/** @type {any} */ (err).code === 'ENOENT') return null
        throw err
      }
    },

    /** @param {string} cloudPath @returns {Promise<{ content: Buffer, meta: StoredFileMeta } | null>} */
    async get(cloudPath) {
      const meta = await this.stat(cloudPath)
      if (!meta) return null
      try {
        return { content: await fsp.readFile(locate(cloudPath).data), meta }
      } catch (err) {
        if (/** @type {any} */ (err).code === 'ENOENT') return null
        throw err
      }
    },

    /** For streaming a file to an HTTP client. @param {string} cloudPath */
    dataPath: (cloudPath) => locate(assertCloudPath(cloudPath)).data,

    /** @param {string} cloudPath @returns {Promise<boolean>} whether something was deleted */
    async remove(cloudPath) {
      const where = locate(assertCloudPath(cloudPath))
      const existed = fs.existsSync(where.meta)
      await fsp.rm(where.meta, { force: true })
      await fsp.rm(where.data, { force: true })
      return existed
    },

    /**
     * A URL path+query valid until now + maxAgeSec (on the runtime clock), like COS's `sign`/`t`.
     * @param {string} cloudPath @param {number} maxAgeSec
     */
    signedPath(cloudPath, maxAgeSec) {
      const t = Math.floor(now() / 1000) + Math.max(1, Math.floor(maxAgeSec))
      const encoded = assertCloudPath(cloudPath).split('/').map(encodeURIComponent).join('/')
      return `/api/storage/file/${encoded}?sign=${signature(cloudPath, t)}&t=${t}`
    },

    /**
     * @param {string} cloudPath @param {string | null} sign @param {string | null} t
     * @returns {'ok' | 'expired' | 'bad-signature'}
     */
    verify(cloudPath, sign, t) {
      if (!sign || !t || !/^\d+$/.test(t)) return 'bad-signature'
      const expected = Buffer.from(signature(cloudPath, Number(t)))
      const given = Buffer.from(sign)
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return 'bad-signature'
      return Number(t) * 1000 < now() ? 'expired' : 'ok'
    },
  }
}

/** @param {string | undefined} type */
function usableType(type) {
  if (!type || /^application\/octet-stream\b/i.test(type) || /^multipart\//i.test(type)) return undefined
  return /^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(type) ? type : undefined
}

/** @param {string} file @param {Buffer} content */
async function writeAtomically(file, content) {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`
  await fsp.writeFile(tmp, content)
  await fsp.rename(tmp, file)
}

/** Kept on disk so temp URLs survive a dev-server restart, as real ones do. @param {string} file */
function loadOrCreateSecret(file) {
  try {
    const existing = fs.readFileSync(file, 'utf8').trim()
    if (existing.length >= 32) return existing
  } catch { /* first run */ }
  const secret = crypto.randomBytes(32).toString('hex')
  fs.writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

/** @typedef {ReturnType<typeof createStorage>} Storage */

module.exports = { createStorage, contentTypeFor }
