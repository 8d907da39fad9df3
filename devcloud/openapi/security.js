'use strict'
// @ts-check
const { ERR } = require('../lib/errors')
const { findTerms } = require('./wordlist')
const { param, openapiError, newTraceId } = require('./params')

const PASS_LABEL = 100
const MEDIA_RISK_LABEL = 20002

/**
 * @typedef {import('./index').OpenApiEnv} OpenApiEnv
 */

/**
 * security.msgSecCheck. Version 2 answers with a verdict; version 1 (no `version`)
 * answers ok or rejects with 87014, as WeChat does.
 * @param {Record<string, any>} params @param {OpenApiEnv} env
 */
async function msgSecCheck(params, env) {
  const api = 'security.msgSecCheck'
  const content = params.content
  if (typeof content !== 'string') throw openapiError(api, ERR.DATA_FORMAT_ERROR, 'data format error: content must be a string')
  const version = Number(params.version ?? 1)
  const hits = findTerms(env.wordList(), [content, params.title, params.nickname, params.signature].filter(Boolean).join('\n'))
  const risky = hits.find((h) => h.suggest === 'risky')
  const worst = risky ?? hits[0]

  if (version !== 2) {
    if (risky) throw openapiError(api, ERR.RISKY_CONTENT, 'risky content')
    return { errCode: 0, errMsg: `openapi.${api}:ok` }
  }
  if (typeof param(params, 'openid', 'openid') !== 'string' || !params.openid) {
    throw openapiError(api, ERR.INVALID_OPENID, 'invalid openid')
  }
  if (![1, 2, 3, 4].includes(Number(params.scene))) throw openapiError(api, ERR.DATA_FORMAT_ERROR, 'data format error: scene must be 1-4')

  const suggest = worst ? worst.suggest : 'pass'
  const label = worst ? worst.label : PASS_LABEL
  return {
    errCode: 0,
    errMsg: `openapi.${api}:ok`,
    result: { suggest, label },
    detail: [
      { strategy: 'content_model', errcode: 0, suggest, label, prob: worst ? 90 : 0 },
      ...hits.map((h) => ({ strategy: 'keyword', errcode: 0, suggest: h.suggest, label: h.label, level: h.suggest === 'risky' ? 90 : 50, keyword: h.term })),
    ],
    traceId: newTraceId(env.now()),
  }
}

/**
 * security.mediaCheckAsync: accepts the job, then pushes a `wxa_media_check` event to the
 * project's message-push function. Verdict: risky when the URL, the stored file's name or
 * its bytes contain the marker (default `BLOCKME`), else pass.
 * @param {Record<string, any>} params @param {OpenApiEnv} env
 */
async function mediaCheckAsync(params, env) {
  const api = 'security.mediaCheckAsync'
  const mediaUrl = param(params, 'mediaUrl', 'media_url')
  const mediaType = Number(param(params, 'mediaType', 'media_type'))
  const version = Number(params.version ?? 1)
  if (typeof mediaUrl !== 'string' || !mediaUrl) throw openapiError(api, ERR.DATA_FORMAT_ERROR, 'data format error: media_url is required')
  if (mediaType !== 1 && mediaType !== 2) throw openapiError(api, ERR.DATA_FORMAT_ERROR, 'data format error: media_type must be 1 (audio) or 2 (image)')
  if (version === 2) {
    if (typeof params.openid !== 'string' || !params.openid) throw openapiError(api, ERR.INVALID_OPENID, 'invalid openid')
    if (![1, 2, 3, 4].includes(Number(params.scene))) throw openapiError(api, ERR.DATA_FORMAT_ERROR, 'data format error: scene must be 1-4')
  }
  const traceId = newTraceId(env.now())
  const openid = params.openid ?? env.invocation?.wx.OPENID

  env.later(async () => {
    const risky = await mediaLooksRisky(mediaUrl, env)
    const suggest = risky ? 'risky' : 'pass'
    const label = risky ? MEDIA_RISK_LABEL : PASS_LABEL
    const event = {
      ToUserName: env.originalId(),
      FromUserName: openid ?? '',
      CreateTime: Math.floor(env.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: env.appid(),
      trace_id: traceId,
      version,
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: risky ? 90 : 0 }],
    }
    env.recordMediaCheck({ traceId, mediaUrl, mediaType, openid, suggest, label })
    await env.pushMessage(event, openid)
  })

  return { errCode: 0, errMsg: `openapi.${api}:ok`, traceId }
}

/** @param {string} mediaUrl @param {OpenApiEnv} env */
async function mediaLooksRisky(mediaUrl, env) {
  const marker = env.mediaRiskMarker()
  if (decodeURIComponentSafe(mediaUrl).includes(marker)) return true
  const cloudPath = env.cloudPathFromUrl(mediaUrl)
  if (!cloudPath) return false
  if (cloudPath.includes(marker)) return true
  const file = await env.readStoredFile(cloudPath)
  return Boolean(file && file.content.includes(marker))
}

/** @param {string} s */
function decodeURIComponentSafe(s) {
  try { return decodeURIComponent(s) } catch { return s }
}

module.exports = { msgSecCheck, mediaCheckAsync }
