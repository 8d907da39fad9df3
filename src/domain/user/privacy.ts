import { z } from 'zod'
import { isoDateTime } from '../shared/time'

/**
 * 隐私政策 and 用户服务协议 (个人信息保护法 art. 13–17: informed, explicit consent before processing).
 *
 * The version names the text the person agreed to. Bump it whenever what we collect, why, or who we share
 * it with changes: everyone is asked again (a consent to an older version is not a consent to this one).
 * The client keeps its own copy of the version (`src/services/privacy.ts`, typed with this literal).
 */
export const PRIVACY_POLICY_VERSION = '2025-06-01' as const

/** A recorded consent: which version, and when. */
export const consentSchema = z.object({
  version: z.string(),
  at: isoDateTime(),
})
export type Consent = z.infer<typeof consentSchema>

export const consentInputSchema = z
  .object({
    version: z.string({ error: '缺少隐私政策版本' }).trim().min(1, '缺少隐私政策版本').max(32, '隐私政策版本格式不正确').meta({ title: '隐私政策版本' }),
  })
  .strict()

/** A consent counts only for the current text. */
export const isCurrentConsent = (c: { version: string } | null | undefined): boolean => c?.version === PRIVACY_POLICY_VERSION

/** What the person types to confirm 注销账号 (an irreversible step deserves more than one tap). */
export const DELETE_ACCOUNT_PHRASE = '注销账号' as const

export const deleteAccountInputSchema = z
  .object({
    confirm: z.literal(DELETE_ACCOUNT_PHRASE, { error: `请输入“${DELETE_ACCOUNT_PHRASE}”以确认` }).meta({ title: '确认文字' }),
  })
  .strict()

/** Roles whose holders act for the city: their records are official, so an admin removes the role first. */
export const OFFICIAL_ROLES = ['staff', 'unit', 'admin'] as const

export const deleteAccountOutputSchema = z.object({
  deletedAt: isoDateTime(),
  /** What was done, in numbers, so the person can see it happened (and tests can check it). */
  erased: z.object({
    reportsAnonymised: z.number().int().nonnegative(),
    followsRemoved: z.number().int().nonnegative(),
    surveyAnswersAnonymised: z.number().int().nonnegative(),
    volunteerRecordsAnonymised: z.number().int().nonnegative(),
  }),
})
export type DeleteAccountOutput = z.infer<typeof deleteAccountOutputSchema>

/**
 * The stand-in for a deleted person's OPENID wherever a record must outlive them (their reports, service
 * hours): one random value per deletion, so the records stay consistent with each other (a report's
 * cosigns, a ledger's balances) but nothing leads back to the OPENID, which WeChat gives the same person
 * again if they return.
 */
export const TOMBSTONE_PREFIX = 'gone-'
export const isTombstone = (id: string): boolean => id.startsWith(TOMBSTONE_PREFIX)

/** How a deleted volunteer is named where a name is kept (rosters of past events, rankings). */
export const ERASED_NAME = '已注销用户'
