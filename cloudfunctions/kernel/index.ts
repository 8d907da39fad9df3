/**
 * The shared server kernel every cloud function is built on: the action router (`createFunction`),
 * the request context, input hardening and database helpers. Bundled into each function.
 */
export { createFunction, contractToJson, defineHandler } from './router'
export type { ActionContext, SystemContext, EventContext, Handler, Handlers, FunctionOptions, CloudFunction, ContractJson } from './router'
export { getCloud } from './cloud'
export type { Cloud } from './cloud'
export { now } from './clock'
export { findById, findByIds, fetchAll, fetchPage, insertMissing, isDuplicateKey, SERVER_PAGE } from './db'
export { encodeCursor, keysetPage, type Key, type PageSpec } from './keyset'
export { runTransaction, txGet, type Tx, type TxDoc } from './transaction'
export { checkPayload, describeIssues, labelAt, zhErrorMap, FORBIDDEN_KEYS, PAYLOAD_LIMITS } from './input'
export { checkText } from './security'
export type { TextScene } from './security'
export { ActionError } from '../../src/domain/core/envelope'
