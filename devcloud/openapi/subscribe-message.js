'use strict'
// @ts-check
const { ERR } = require('../lib/errors')
const { param, openapiError } = require('./params')

// Value limits WeChat enforces per keyword type (the key's prefix): too long → 47003.
// Sending a 21-character `thing` fails in production, so it fails here too.
const VALUE_RULES = /** @type {Record<string, (v: string) => boolean>} */ ({
  thing: (v) => [...v].length <= 20,
  character_string: (v) => v.length <= 32 && /^[\x21-\x7e]*$/.test(v),
  phrase: (v) => [...v].length <= 5 && /^[\u4e00-\u9fa5]*$/.test(v),
  name: (v) => [...v].length <= 10 || (v.length <= 20 && /^[\x20-\x7e]*$/.test(v)),
  number: (v) => v.length <= 32 && /^-?\d+(\.\d+)?$/.test(v),
  letter: (v) => v.length <= 32 && /^[A-Za-z]*$/.test(v),
  symbol: (v) => v.length <= 5,
  car_number: (v) => [...v].length <= 8,
})

const STATES = ['developer', 'trial', 'formal']

/**
 * subscribeMessage.send: validated like WeChat, then recorded in the runtime's outbox.
 * @param {Record<string, any>} params @param {import('./index').OpenApiEnv} env
 */
async function send(params, env) {
  const api = 'subscribeMessage.send'
  const touser = params.touser
  const templateId = param(params, 'templateId', 'template_id')
  const miniprogramState = param(params, 'miniprogramState', 'miniprogram_state') ?? 'formal'
  if (typeof touser !== 'string' || !touser) throw openapiError(api, ERR.INVALID_OPENID, 'invalid openid')
  if (typeof templateId !== 'string' || !templateId) throw openapiError(api, ERR.INVALID_TEMPLATE_ID, 'invalid template_id')
  if (!STATES.includes(miniprogramState)) throw openapiError(api, ERR.DATA_FORMAT_ERROR, 'data format error: miniprogram_state')
  const data = params.data
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw openapiError(api, ERR.DATA_FORMAT_ERROR, 'data format error: data')
  for (const [key, entry] of Object.entries(data)) {
    const value = entry && typeof entry === 'object' ? entry.value : undefined
    const rule = VALUE_RULES[key.replace(/\d+$/, '')]
    if ((typeof value !== 'string' && typeof value !== 'number') || (rule && !rule(String(value)))) {
      throw openapiError(api, 47003, `argument invalid! data.${key}.value invalid`)
    }
  }
  env.recordOutbox({
    touser,
    templateId,
    page: params.page,
    data,
    miniprogramState,
    lang: params.lang ?? 'zh_CN',
    sentAt: new Date(env.now()).toISOString(),
    fromFunction: env.invocation?.functionName,
  })
  return { errCode: 0, errMsg: `openapi.${api}:ok` }
}

module.exports = { send }
