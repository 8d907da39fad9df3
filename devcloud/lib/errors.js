'use strict'
// @ts-check

/**
 * An error shaped like the ones wx-server-sdk rejects with: `errCode` and `errMsg`
 * (`<api>:fail <reason>`), plus a devcloud `code` the HTTP layer maps to a status.
 */
class CloudError extends Error {
  /**
   * @param {{ errCode: number, errMsg: string, code?: string }} init
   */
  constructor({ errCode, errMsg, code }) {
    super(`errCode: ${errCode} | errMsg: ${errMsg}`)
    this.name = 'CloudError'
    this.errCode = errCode
    this.errMsg = errMsg
    this.code = code
  }
}

/** Codes WeChat uses that devcloud reproduces. */
const ERR = Object.freeze({
  FUNCTION_NOT_FOUND: -501000,
  INVALID_PARAM: -501001,
  FUNCTION_EXECUTE_FAIL: -504002,
  STORAGE_FILE_NONEXIST: -503003,
  OPENAPI_NO_PERMISSION: -604101,
  OPENAPI_NOT_FOUND: -604100,
  INVALID_OPENID: 40003,
  INVALID_TEMPLATE_ID: 40037,
  DATA_FORMAT_ERROR: 47001,
  RISKY_CONTENT: 87014,
})

module.exports = { CloudError, ERR }
