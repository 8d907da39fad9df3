'use strict'
// @ts-check
const { CloudError, ERR } = require('../lib/errors')

const MAX_CLOUD_PATH = 850

/**
 * WeChat buckets look like `7465-test-env-1a2b-1300000000`: hex of the env's first two
 * characters, the env id, and an app number. Mimicking the shape keeps fileID parsers honest.
 * @param {string} env
 */
function defaultBucket(env) {
  return `${Buffer.from(env.slice(0, 2)).toString('hex')}-${env}-1300000000`
}

/** @param {string} env @param {string} bucket @param {string} cloudPath */
function toFileId(env, bucket, cloudPath) {
  return `cloud://${env}.${bucket}/${cloudPath}`
}

/**
 * Extracts the cloud path from `cloud://<env>.<bucket>/<path>`. The env/bucket prefix is not
 * compared: a data dir keeps working when the env id in the config changes.
 * @param {unknown} fileID
 * @returns {string}
 */
function cloudPathOf(fileID) {
  const m = typeof fileID === 'string' ? /^cloud:\/\/[^/]+?\/(.+)$/.exec(fileID) : null
  if (!m) throw new CloudError({ errCode: ERR.INVALID_PARAM, errMsg: `invalid fileID: ${String(fileID)}`, code: 'INVALID_INPUT' })
  return assertCloudPath(m[1])
}

/**
 * Cloud paths are object keys, never filesystem paths; still refuse anything that could
 * read as traversal or would be ambiguous: empty, absolute, `.`/`..` segments, `\`, control chars.
 * @param {unknown} cloudPath
 * @returns {string}
 */
function assertCloudPath(cloudPath) {
  const reason = cloudPathProblem(cloudPath)
  if (reason) throw new CloudError({ errCode: ERR.INVALID_PARAM, errMsg: `invalid cloudPath: ${reason}`, code: 'INVALID_INPUT' })
  return /** @type {string} */ (cloudPath)
}

/** @param {unknown} cloudPath @returns {string | null} why it is refused, or null when fine */
function cloudPathProblem(cloudPath) {
  if (typeof cloudPath !== 'string' || cloudPath.length === 0) return 'must be a non-empty string'
  if (cloudPath.length > MAX_CLOUD_PATH) return `longer than ${MAX_CLOUD_PATH} characters`
  if (cloudPath.startsWith('/')) return 'must not start with /'
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(cloudPath)) return 'contains \\ or control characters'
  if (cloudPath.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'has an empty, . or .. segment'
  return null
}

module.exports = { defaultBucket, toFileId, cloudPathOf, assertCloudPath, cloudPathProblem }
