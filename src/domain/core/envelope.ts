/**
 * The one response shape every cloud-function action returns, in WeChat and over devcloud's HTTP.
 * Handled errors are data, not exceptions: clients branch on `ok` and `code`.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UNKNOWN_ACTION',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface InputIssue {
  path: string
  message: string
}

export type Ok<T> = { ok: true; data: T }
export type Fail = { ok: false; code: ErrorCode; message: string; issues?: InputIssue[] }
export type Envelope<T> = Ok<T> | Fail

/** Default user-facing messages (Chinese UI copy); handlers may pass a more specific one. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: '提交的内容不符合要求',
  UNAUTHENTICATED: '请先登录微信后再操作',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '内容不存在或已被删除',
  CONFLICT: '该内容已被他人处理，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  UNKNOWN_ACTION: '不支持的操作',
  INTERNAL: '服务器开小差了，请稍后再试',
}

/** Thrown by handlers and rules; the router turns it into a `Fail` envelope. */
export class ActionError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = DEFAULT_MESSAGES[code],
    readonly issues?: InputIssue[],
  ) {
    super(message)
    this.name = 'ActionError'
  }
}

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data })
export const fail = (code: ErrorCode, message = DEFAULT_MESSAGES[code], issues?: InputIssue[]): Fail =>
  issues && issues.length ? { ok: false, code, message, issues } : { ok: false, code, message }
