import { createHmac, randomBytes } from 'node:crypto'
import { codeFromBytes, type Signer } from '../../src/domain/volunteer'

/**
 * Server secrets of 志愿服务. One secret, `VOLUNTEER_SECRET` (set it in 云开发控制台 → 云函数 → volunteer →
 * 环境变量), with a derived key per use, so a check-in signature can never be replayed as an ID hash. The dev
 * default keeps local runs and tests working; production must set its own (a warning says so once).
 * Nothing derived from it is ever sent to a client except check-in tokens, which are short-lived by design.
 */
const DEV_SECRET = 'wenming-volunteer-dev-secret-change-me'
let warned = false

function secret(): string {
  const s = process.env.VOLUNTEER_SECRET
  if (s && s.length >= 16) return s
  if (!warned && process.env.NODE_ENV === 'production') {
    warned = true
    console.warn('[volunteer] VOLUNTEER_SECRET is not set: using the development secret')
  }
  return DEV_SECRET
}

const keyFor = (purpose: string): Buffer => createHmac('sha256', secret()).update(`wenming/volunteer/${purpose}`).digest()

/** Signs check-in token messages: HMAC-SHA256, 128 bits, base64url (22 characters). */
export const checkinSigner: Signer = (message) => createHmac('sha256', keyFor('checkin')).update(message).digest().subarray(0, 16).toString('base64url')

/** Keyed hash of a normalised ID number: recognises a second registration of the same person without storing the number. */
export const idNumberHash = (idNumber: string): string => createHmac('sha256', keyFor('id-number')).update(idNumber.toUpperCase()).digest('hex')

/** Stable redemption id for a client retry key (idempotent redeem). */
export const redemptionIdFor = (openid: string, clientId: string): string =>
  `r${createHmac('sha256', keyFor('redemption-id')).update(`${openid}|${clientId}`).digest('hex').slice(0, 31)}`

/** A random one-time redemption code. */
export const newRedemptionCode = (): string => codeFromBytes(randomBytes(16))

/** A random document id (32 hex, like the cloud database's own). */
/** A public row key for a volunteer in a ranking: stable, and never their OPENID. */
export const rankingRowKey = (openid: string): string => `v${createHmac('sha256', keyFor('ranking')).update(openid).digest().subarray(0, 9).toString('base64url')}`

export const newId = (prefix = ''): string => `${prefix}${randomBytes(16).toString('hex')}`
