/**
 * 隐私保护: the consent to our 隐私政策 and 用户服务协议, and WeChat's privacy authorisation.
 *
 *  - First use: the 隐私保护提示 (`PrivacyGate`, on every page) asks once. 同意 is kept on the device (so
 *    browsing needs no account) and on the server (`user.consent`, version + time). 不同意 leaves the
 *    public screens (曝光台, 红黑榜) open for this session; anything that collects personal information
 *    (photos, location, 实名登记, 扫码签到) calls `ensureConsent()` first, which asks again.
 *  - A new policy version (PRIVACY_VERSION) is a new question: an older consent does not count.
 *  - WeChat (`__usePrivacyCheck__`): when a protected API (chooseMedia, getLocation, scanCode, …) needs the
 *    user's authorisation WeChat calls `onNeedPrivacyAuthorization`; the same prompt opens, and its 同意
 *    button is `open-type="agreePrivacyAuthorization"`, so one tap agrees to both and the API continues.
 *
 * Zod-free: the version and phrase are copies typed with the domain constants' literal types.
 */
import Taro from '@tarojs/taro'
import type { DELETE_ACCOUNT_PHRASE as DomainPhrase, PRIVACY_POLICY_VERSION as DomainVersion } from '@/domain/user/privacy'
import { callAction } from './cloud'

export const PRIVACY_VERSION: typeof DomainVersion = '2025-06-01'
export const DELETE_ACCOUNT_PHRASE: typeof DomainPhrase = '注销账号'

/** Device storage key of the consent (`{ version, at, synced }`). */
export const CONSENT_KEY = 'privacy.consent'
/** The agree button's id: WeChat checks that this very button was tapped before resolving. */
export const AGREE_BUTTON_ID = 'privacy-agree'

export interface StoredConsent {
  version: string
  at: string
  /** The server has it too. */
  synced: boolean
}

export type GateReason = 'first-use' | 'needed' | 'wechat'

export interface GateState {
  open: boolean
  reason: GateReason
}

export function localConsent(): StoredConsent | null {
  try {
    const raw = Taro.getStorageSync(CONSENT_KEY)
    const v = (typeof raw === 'string' && raw ? JSON.parse(raw) : raw) as StoredConsent | null
    return v && typeof v.version === 'string' && typeof v.at === 'string' ? v : null
  } catch {
    return null
  }
}

/** Agreed to the current version on this device. */
export const hasConsent = (): boolean => localConsent()?.version === PRIVACY_VERSION

function saveConsent(c: StoredConsent): void {
  try {
    Taro.setStorageSync(CONSENT_KEY, JSON.stringify(c))
  } catch {
    // Storage full or unavailable: the consent still holds for this session through `sessionConsent`.
  }
}

// ------------------------------------------------------------------------------------------------ the gate

let state: GateState = { open: false, reason: 'first-use' }
/** 不同意 at first use: do not ask again on every page this session (protected actions still ask). */
let declinedThisSession = false
let sessionConsent = false
const waiting: ((agreed: boolean) => void)[] = []
let wechatResolve: ((o: Taro.onNeedPrivacyAuthorization.ResolveOption) => void) | null = null
const listeners = new Set<(s: GateState) => void>()

function setState(next: GateState): void {
  state = next
  listeners.forEach((l) => l(state))
}

export function subscribeGate(listener: (s: GateState) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export const gateState = (): GateState => state

const consented = (): boolean => sessionConsent || hasConsent()

/** Called by the gate when a page mounts: the first-use question, once per session. */
export function askOnFirstUse(): void {
  if (consented() || declinedThisSession || state.open) return
  setState({ open: true, reason: 'first-use' })
}

/**
 * Before collecting personal information: true when consent is there (or given now). Never throws.
 * The caller stops (and says why) on false.
 */
export function ensureConsent(): Promise<boolean> {
  if (consented()) return Promise.resolve(true)
  return new Promise((resolve) => {
    waiting.push(resolve)
    setState({ open: true, reason: state.open ? state.reason : 'needed' })
  })
}

function settle(agreed: boolean): void {
  const pending = waiting.splice(0)
  pending.forEach((r) => r(agreed))
  if (wechatResolve) {
    wechatResolve(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' })
    wechatResolve = null
  }
  setState({ ...state, open: false })
}

/** Sends a device consent the server does not have yet. Quiet on failure (the next page tries again). */
export async function syncConsent(): Promise<void> {
  const c = localConsent()
  if (!c || c.synced || c.version !== PRIVACY_VERSION) return
  const res = await callAction('user', 'consent', { version: c.version })
  if (res.ok) saveConsent({ ...c, synced: true })
}

/** 同意: recorded on the device at once, then on the server. */
export function agree(): void {
  if (!state.open) return
  sessionConsent = true
  saveConsent({ version: PRIVACY_VERSION, at: new Date().toISOString(), synced: false })
  settle(true)
  void syncConsent()
}

/** 不同意: public screens stay usable; whatever was waiting is refused. */
export function decline(): void {
  if (!state.open) return
  declinedThisSession = true
  settle(false)
}

/** Forget the device's consent (after 注销账号: the next person on this phone is asked afresh). */
export function clearConsent(): void {
  sessionConsent = false
  declinedThisSession = false
  try {
    Taro.removeStorageSync(CONSENT_KEY)
  } catch {
    // nothing stored
  }
}

/** The refusal message a protected action shows when consent was not given. */
export const CONSENT_REQUIRED_MESSAGE = '需要您同意隐私政策后才能使用此功能'

/**
 * WeChat's privacy check: a protected API waits for our answer. Installed once at launch (mini-program
 * only; the base library before 2.32.3 has no such API and needs nothing).
 */
export function installPrivacyAuthorization(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    wechatResolve = resolve
    resolve({ event: 'exposureAuthorization' })
    setState({ open: true, reason: 'wechat' })
  })
}

/** WeChat's own 隐私保护指引 page (as filled in on mp.weixin.qq.com). */
export function openWechatPrivacyContract(): void {
  if (process.env.TARO_ENV === 'weapp' && typeof Taro.openPrivacyContract === 'function') Taro.openPrivacyContract({})
}

export const POLICY_ROUTE = (doc: 'privacy' | 'terms') => `/packages/privacy/pages/policy/index?doc=${doc}`
export const ACCOUNT_ROUTE = '/packages/privacy/pages/account/index'
