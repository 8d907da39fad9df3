/**
 * The one module that talks to the cloud. Pages call `callAction` / `uploadFile` / `getTempFileURLs`
 * (or the `useAction` hook) and never touch `Taro.cloud` or `fetch` themselves.
 *
 *   WeChat (TARO_ENV=weapp): wx.cloud — callFunction({ name, data: { action, payload } }) → result.
 *   H5: devcloud's HTTP API — POST {API_BASE}/api/fn/<fn> { action, payload } with X-Dev-User → envelope.
 *
 * Contracts are imported as types only, so zod never reaches the client bundle. Handled errors come back
 * as `{ ok: false, … }`; a network failure becomes code 'NETWORK'. Nothing here throws.
 */
import Taro from '@tarojs/taro'
import type { Contracts, FunctionName } from '@/domain/contracts'
import type { ActionInput, ActionName, ActionOutput } from '@/domain/core/contract'
import type { Envelope, ErrorCode, Fail } from '@/domain/core/envelope'
import { getDevUser } from './devIdentity'

// ---------------------------------------------------------------------------------------------------------
// Types

/** The transport's own failure: the request never got a usable answer. */
export type NetworkFail = { ok: false; code: 'NETWORK'; message: string }
/** What every client call resolves to: the server's envelope, or a network failure. */
export type ClientEnvelope<T> = Envelope<T> | NetworkFail
export type ClientFail = Fail | NetworkFail
export type ClientErrorCode = ErrorCode | 'NETWORK'

export type ActionsOf<F extends FunctionName> = ActionName<Contracts[F]>
export type InputOf<F extends FunctionName, A extends ActionsOf<F>> = ActionInput<Contracts[F], A>
export type OutputOf<F extends FunctionName, A extends ActionsOf<F>> = ActionOutput<Contracts[F], A>

export interface TempFileURL {
  fileID: string
  /** Empty when status is not 0. */
  tempFileURL: string
  /** 0 = ok. */
  status: number
}

// ---------------------------------------------------------------------------------------------------------
// Messages (client copy; the server's own messages are passed through untouched)

export const NETWORK_MESSAGE = '网络异常，请检查网络后重试'
const INTERNAL_MESSAGE = '服务器开小差了，请稍后再试'
const REQUEST_TIMEOUT_MS = 15000

const networkFail = (): NetworkFail => ({ ok: false, code: 'NETWORK', message: NETWORK_MESSAGE })
const internalFail = (message = INTERNAL_MESSAGE): Fail => ({ ok: false, code: 'INTERNAL', message })

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { ok?: unknown; code?: unknown }
  return v.ok === true ? 'data' in v : v.ok === false && typeof v.code === 'string'
}

// ---------------------------------------------------------------------------------------------------------
// Transports: one per platform, chosen at build time (the other is removed from the bundle).

interface Transport {
  call(fn: string, action: string, payload: unknown): Promise<ClientEnvelope<unknown>>
  upload(filePath: string, cloudPath: string): Promise<ClientEnvelope<{ fileID: string }>>
  tempUrls(fileIDs: string[]): Promise<ClientEnvelope<TempFileURL[]>>
}

function normalizeFileList(list: unknown, fixUrl: (url: string) => string = (u) => u): TempFileURL[] | null {
  if (!Array.isArray(list)) return null
  return list.map((item: { fileID?: unknown; tempFileURL?: unknown; status?: unknown }) => ({
    fileID: String(item?.fileID ?? ''),
    tempFileURL: typeof item?.tempFileURL === 'string' && item.tempFileURL ? fixUrl(item.tempFileURL) : '',
    status: typeof item?.status === 'number' ? item.status : item?.tempFileURL ? 0 : -1,
  }))
}

// --- WeChat cloud (wx.cloud) ---

let cloudReady = false
/** wx.cloud.init, once (app launch calls it; every call path ensures it too). No-op outside WeChat. */
export function initCloud(): void {
  if (process.env.TARO_ENV !== 'weapp') return
  if (cloudReady) return
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
  cloudReady = true
}

/** wx.cloud rejects with { errCode, errMsg }: timeouts and request failures are the network's fault. */
function cloudErrorToFail(err: unknown): ClientFail {
  const errMsg = String((err as { errMsg?: unknown } | null)?.errMsg ?? '')
  if (!errMsg || /timeout|network|request:fail|ERR_/i.test(errMsg)) return networkFail()
  return internalFail()
}

const wxTransport: Transport = {
  async call(fn, action, payload) {
    try {
      initCloud()
      const res = await Taro.cloud.callFunction({ name: fn, data: { action, payload } })
      return isEnvelope(res.result) ? res.result : internalFail()
    } catch (err) {
      return cloudErrorToFail(err)
    }
  },
  async upload(filePath, cloudPath) {
    try {
      initCloud()
      const res = await Taro.cloud.uploadFile({ cloudPath, filePath })
      return res.fileID ? { ok: true, data: { fileID: res.fileID } } : internalFail()
    } catch (err) {
      return cloudErrorToFail(err)
    }
  },
  async tempUrls(fileIDs) {
    try {
      initCloud()
      const res = await Taro.cloud.getTempFileURL({ fileList: fileIDs })
      const list = normalizeFileList(res.fileList)
      return list ? { ok: true, data: list } : internalFail()
    } catch (err) {
      return cloudErrorToFail(err)
    }
  },
}

// --- H5: devcloud over HTTP ---

function apiUrl(path: string): string {
  const base = (process.env.TARO_APP_API_BASE || '').replace(/\/+$/, '')
  return base + path
}

/** A server-relative URL (devcloud's storage) made absolute when the API lives elsewhere. */
function absolutize(url: string): string {
  return url.startsWith('/') && !url.startsWith('//') ? apiUrl(url) : url
}

type HttpResult = { status: number; body: unknown } | null

/** POST with the dev identity; null when no answer came (offline, refused, timed out). */
async function post(path: string, body: BodyInit, headers: Record<string, string> = {}): Promise<HttpResult> {
  const controller = typeof AbortController !== 'undefined' ? new AbortController() : null
  const timer = controller ? setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS) : null
  try {
    const res = await fetch(apiUrl(path), {
      method: 'POST',
      headers: { ...headers, 'X-Dev-User': getDevUser() },
      body,
      signal: controller?.signal,
    })
    let json: unknown = null
    try {
      json = await res.json()
    } catch {
      json = null
    }
    return { status: res.status, body: json }
  } catch {
    return null
  } finally {
    if (timer) clearTimeout(timer)
  }
}

/** Storage endpoints may answer a bare object or an envelope around it; accept both. */
function unwrap<T>(result: HttpResult, pick: (body: unknown) => T | null): ClientEnvelope<T> {
  if (!result) return networkFail()
  const { status, body } = result
  if (isEnvelope(body)) {
    if (!body.ok) return body
    const data = pick(body.data)
    return data === null ? internalFail() : { ok: true, data }
  }
  if (status >= 200 && status < 300) {
    const data = pick(body)
    if (data !== null) return { ok: true, data }
  }
  return internalFail()
}

const JSON_HEADERS = { 'Content-Type': 'application/json' }

const httpTransport: Transport = {
  async call(fn, action, payload) {
    const result = await post(`/api/fn/${encodeURIComponent(fn)}`, JSON.stringify({ action, payload }), JSON_HEADERS)
    if (!result) return networkFail()
    return isEnvelope(result.body) ? result.body : internalFail()
  },
  async upload(filePath, cloudPath) {
    let blob: Blob
    try {
      blob = await (await fetch(filePath)).blob()
    } catch {
      return { ok: false, code: 'INVALID_INPUT', message: '读取图片失败，请重新选择' }
    }
    const form = new FormData()
    form.append('file', blob, cloudPath.split('/').pop() || 'upload')
    const result = await post(`/api/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, form)
    return unwrap(result, (body) => {
      const fileID = (body as { fileID?: unknown } | null)?.fileID
      return typeof fileID === 'string' && fileID ? { fileID } : null
    })
  },
  async tempUrls(fileIDs) {
    const result = await post('/api/storage/temp-urls', JSON.stringify({ fileList: fileIDs }), JSON_HEADERS)
    return unwrap(result, (body) => normalizeFileList((body as { fileList?: unknown } | null)?.fileList, absolutize))
  },
}

const transport: Transport = process.env.TARO_ENV === 'weapp' ? wxTransport : httpTransport

// ---------------------------------------------------------------------------------------------------------
// Public API

/**
 * Call one action of one cloud function. Input and output types come from the contracts in
 * `src/domain/contracts`; the promise always resolves (handled errors and network failures are data).
 */
export function callAction<F extends FunctionName, A extends ActionsOf<F>>(
  fn: F,
  action: A,
  payload: InputOf<F, A>,
): Promise<ClientEnvelope<OutputOf<F, A>>> {
  return transport.call(fn, action, payload) as Promise<ClientEnvelope<OutputOf<F, A>>>
}

/**
 * Upload a local file to cloud storage and get its fileID.
 * `filePath`: WeChat's temp file path, or in H5 the blob: URL that Taro.chooseImage returns.
 * `cloudPath`: where to store it, e.g. `reports/2025/06/<id>.jpg`.
 */
export function uploadFile(filePath: string, cloudPath: string): Promise<ClientEnvelope<{ fileID: string }>> {
  return transport.upload(filePath, cloudPath)
}

const TEMP_URL_BATCH = 50 // wx.cloud.getTempFileURL takes at most 50 per call

/** Short-lived download URLs for stored files, in the order asked. */
export async function getTempFileURLs(fileIDs: readonly string[]): Promise<ClientEnvelope<TempFileURL[]>> {
  const out: TempFileURL[] = []
  for (let i = 0; i < fileIDs.length; i += TEMP_URL_BATCH) {
    const res = await transport.tempUrls(fileIDs.slice(i, i + TEMP_URL_BATCH))
    if (!res.ok) return res
    out.push(...res.data)
  }
  return { ok: true, data: out }
}

/**
 * A stored file as something the device can draw (the 打码 canvas): in WeChat a local temp file from
 * wx.cloud.downloadFile (no download-domain allow-list needed, unlike a temp URL); in H5 its temp URL,
 * which a same-origin <img>/canvas reads directly.
 */
export async function fileForDevice(fileID: string): Promise<ClientEnvelope<string>> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      initCloud()
      const res = await Taro.cloud.downloadFile({ fileID })
      return res.tempFilePath ? { ok: true, data: res.tempFilePath } : internalFail()
    } catch (err) {
      return cloudErrorToFail(err)
    }
  }
  const res = await getTempFileURLs([fileID])
  if (!res.ok) return res
  const url = res.data[0]?.tempFileURL
  return url ? { ok: true, data: url } : { ok: false, code: 'NOT_FOUND', message: '图片不存在或已被删除' }
}
