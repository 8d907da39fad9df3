import { createHmac, randomBytes } from 'node:crypto'

/**
 * Keys that must identify a person without revealing them: claim ids (one response per user / person per
 * survey) and the hashed mobile number in a resident's survey profile. HMAC-SHA256 with a server secret, so
 * a leaked database cannot be turned back into phone numbers by hashing all 10^10 of them. Set
 * `SURVEY_KEY_SECRET` in the function's environment in production (云开发控制台 → 云函数 → 配置 → 环境变量);
 * changing it makes running surveys forget who already answered, so set it once.
 */
const DEV_SECRET = 'wenming-devcloud-survey-key'

function secret(): string {
  return process.env.SURVEY_KEY_SECRET || DEV_SECRET
}

const mac = (message: string, length = 22) => createHmac('sha256', secret()).update(message).digest('base64url').slice(0, length)

/** The resident's normalised mobile / ID number → the person key kept in profiles (never the number). */
export function personKeyOf(normalized: string): string {
  return mac(`person|${normalized}`, 32)
}

/** Claim `_id` of a WeChat user in a survey. */
export function userClaimId(surveyId: string, openid: string): string {
  return `${surveyId}_o${mac(`${surveyId}|user|${openid}`)}`
}

/** Claim `_id` of a person key in a survey (keys of different surveys cannot be linked). */
export function personClaimId(surveyId: string, personKey: string): string {
  return `${surveyId}_p${mac(`${surveyId}|person|${personKey}`)}`
}

/** A new survey id: time-ordered, short, URL- and id-schema-safe (`sv-m3x9k2ab-4f7q`). */
export function newSurveyId(now: Date): string {
  return `sv-${now.getTime().toString(36)}-${randomBytes(3).toString('hex')}`
}
