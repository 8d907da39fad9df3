import { z } from 'zod'
import {
  availabilitySchema,
  genderSchema,
  idNumberSchema,
  idSchema,
  isoSchema,
  mobileSchema,
  noteSchema,
  realNameSchema,
  serviceTypeSchema,
  skillSchema,
  type Availability,
  type ServiceType,
  type Skill,
} from './fields'
import { levelProgress, levelProgressSchema } from './levels'
import { NO_SHOW_RULE, noShowState } from './noshow'

/**
 * A registered volunteer (志愿者实名注册), stored in `volunteers` with `_id` = OPENID. Registration asks what
 * 志愿服务条例 and the national 志愿服务信息系统 ask: real name, mobile, optional ID number, 专长, 服务意向,
 * 服务区域, 服务时间, 志愿服务队 and consent; staff approve it, which grants the `volunteer` role.
 *
 * Privacy: the ID number is never stored in full — only masked (for the certificate) and as a keyed hash (to
 * spot a second registration of the same person). The mobile is stored in full (organisers must reach
 * volunteers); it leaves the server only to the volunteer themselves — staff see it masked, lists never
 * carry it.
 */
export const REGISTRATION_STATUSES = ['pending', 'approved', 'rejected'] as const
export const registrationStatusSchema = z.enum(REGISTRATION_STATUSES)
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = { pending: '待审核', approved: '已通过', rejected: '未通过' }

export const teamRefSchema = z.object({ id: z.string(), name: z.string() })
export type TeamRef = z.infer<typeof teamRefSchema>

export const areaSchema = z.object({ districtId: z.string().nullable(), streetId: z.string().nullable(), label: z.string() })
export type ServiceArea = z.infer<typeof areaSchema>

/** Upcoming events a volunteer is on (confirmed or waitlisted): read inside the sign-up transaction for overlaps. */
export const slotSchema = z.object({ eventId: z.string(), startAt: isoSchema, endAt: isoSchema })
export type Slot = z.infer<typeof slotSchema>

export interface VolunteerDoc {
  _id: string
  name: string
  mobile: string
  idNumberMasked: string | null
  /** HMAC of the normalised ID number with a server secret (never the number itself). */
  idHash: string | null
  gender: 'male' | 'female' | null
  skills: Skill[]
  services: ServiceType[]
  area: ServiceArea | null
  availability: Availability[]
  team: TeamRef | null
  consentAt: string
  status: RegistrationStatus
  appliedAt: string
  reviewedAt: string | null
  reviewedBy: string | null
  reviewNote: string | null
  /** Confirmed service only. */
  totalMinutes: number
  /** Current point balance (never negative). */
  points: number
  pointsEarned: number
  pointsSpent: number
  /** Confirmed service records (events and requests). */
  serviceCount: number
  firstServiceAt: string | null
  lastServiceAt: string | null
  slots: Slot[]
  /** When each no-show happened (most recent last, bounded). */
  noShows: string[]
  /** No-shows before this instant no longer count (staff cleared the pause). */
  noShowsClearedAt: string | null
  /** Redemptions per goods id (per-person limits). */
  redeemed: Record<string, number>
  createdAt: string
  updatedAt: string
}

/** What `register` accepts. Consent is required (个人信息保护法: separate consent for sensitive data). */
export const registerInputSchema = z.strictObject({
  name: realNameSchema,
  mobile: mobileSchema,
  idNumber: idNumberSchema.optional(),
  gender: genderSchema.optional().meta({ title: '性别' }),
  skills: z.array(skillSchema).max(12).default([]).meta({ title: '专长' }),
  services: z.array(serviceTypeSchema).min(1, '请至少选择一项服务意向').max(10).meta({ title: '服务意向' }),
  districtId: idSchema.optional().meta({ title: '服务区域（区）' }),
  streetId: idSchema.optional().meta({ title: '服务区域（街道）' }),
  availability: z.array(availabilitySchema).min(1, '请至少选择一个可服务时间').max(6).meta({ title: '可服务时间' }),
  teamId: idSchema.optional().meta({ title: '志愿服务队' }),
  consent: z.literal(true, { error: '请阅读并同意《志愿者服务协议》和个人信息处理规则' }).meta({ title: '同意协议' }),
})
export type RegisterInput = z.infer<typeof registerInputSchema>

/** What a volunteer may change later (name and ID are fixed once approved: they are on certificates). */
export const updateProfileInputSchema = z.strictObject({
  mobile: mobileSchema.optional(),
  skills: z.array(skillSchema).max(12).optional().meta({ title: '专长' }),
  services: z.array(serviceTypeSchema).min(1, '请至少选择一项服务意向').max(10).optional().meta({ title: '服务意向' }),
  districtId: idSchema.nullable().optional().meta({ title: '服务区域（区）' }),
  streetId: idSchema.nullable().optional().meta({ title: '服务区域（街道）' }),
  availability: z.array(availabilitySchema).min(1, '请至少选择一个可服务时间').max(6).optional().meta({ title: '可服务时间' }),
})

export const reviewInputSchema = z
  .strictObject({
    openid: idSchema,
    decision: z.enum(['approve', 'reject']).meta({ title: '审核结果' }),
    note: noteSchema.optional().meta({ title: '说明' }),
  })
  .refine((i) => i.decision === 'approve' || !!i.note, { message: '不通过时请说明原因', path: ['note'] })

// ------------------------------------------------------------------------------------------- masking

/** `138****5678` */
export const maskMobile = (m: string): string => (m.length >= 7 ? `${m.slice(0, 3)}****${m.slice(-4)}` : '****')

/** `1101**********123X` — the first four (province and city) and the last four. */
export const maskIdNumber = (id: string): string => `${id.slice(0, 4)}${'*'.repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`

/** `王*` / `王*明` / `欧阳**` — for public lists (rankings). */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1) return `${chars.join('')}*`
  if (chars.length === 2) return `${chars[0]}*`
  if (/^[A-Za-z ]+$/.test(name)) return `${chars[0]}***`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

// ---------------------------------------------------------------------------------------------- views

const statsShape = {
  totalMinutes: z.number().int(),
  points: z.number().int(),
  serviceCount: z.number().int(),
  level: levelProgressSchema,
}

const pauseSchema = z.object({
  /** No-shows counting towards the pause (within the rule's window, since the last clearing). */
  recentNoShows: z.number().int(),
  /** Sign-ups are paused until staff clear it. */
  paused: z.boolean(),
  threshold: z.number().int(),
  windowDays: z.number().int(),
})

/** The volunteer's own record: their mobile in full, the ID number masked (we do not keep it in full). */
export const volunteerOwnViewSchema = z.object({
  openid: z.string(),
  name: z.string(),
  mobile: z.string(),
  idNumberMasked: z.string().nullable(),
  gender: genderSchema.nullable(),
  skills: z.array(skillSchema),
  services: z.array(serviceTypeSchema),
  area: areaSchema.nullable(),
  availability: z.array(availabilitySchema),
  team: teamRefSchema.nullable(),
  status: registrationStatusSchema,
  reviewNote: z.string().nullable(),
  appliedAt: isoSchema,
  reviewedAt: isoSchema.nullable(),
  ...statsShape,
  signups: pauseSchema,
})
export type VolunteerOwnView = z.infer<typeof volunteerOwnViewSchema>

/** A volunteer as staff see them in lists and details: contact masked, never the ID hash. */
export const volunteerStaffViewSchema = z.object({
  openid: z.string(),
  name: z.string(),
  mobileMasked: z.string(),
  idNumberMasked: z.string().nullable(),
  gender: genderSchema.nullable(),
  skills: z.array(skillSchema),
  services: z.array(serviceTypeSchema),
  area: areaSchema.nullable(),
  availability: z.array(availabilitySchema),
  team: teamRefSchema.nullable(),
  status: registrationStatusSchema,
  reviewNote: z.string().nullable(),
  appliedAt: isoSchema,
  reviewedAt: isoSchema.nullable(),
  ...statsShape,
  signups: pauseSchema,
})
export type VolunteerStaffView = z.infer<typeof volunteerStaffViewSchema>

function common(v: VolunteerDoc, now: Date) {
  const ns = noShowState(v, now)
  return {
    openid: v._id,
    name: v.name,
    idNumberMasked: v.idNumberMasked,
    gender: v.gender,
    skills: v.skills,
    services: v.services,
    area: v.area,
    availability: v.availability,
    team: v.team,
    status: v.status,
    reviewNote: v.reviewNote,
    appliedAt: v.appliedAt,
    reviewedAt: v.reviewedAt,
    totalMinutes: v.totalMinutes,
    points: v.points,
    serviceCount: v.serviceCount,
    level: levelProgress(v.totalMinutes),
    signups: { recentNoShows: ns.recent, paused: ns.paused, threshold: NO_SHOW_RULE.threshold, windowDays: NO_SHOW_RULE.windowDays },
  }
}

export const toVolunteerOwnView = (v: VolunteerDoc, now: Date): VolunteerOwnView => ({ ...common(v, now), mobile: v.mobile })
export const toVolunteerStaffView = (v: VolunteerDoc, now: Date): VolunteerStaffView => ({ ...common(v, now), mobileMasked: maskMobile(v.mobile) })

/** A fresh (pending) registration document, balances at zero. */
export function newVolunteer(
  openid: string,
  input: Omit<RegisterInput, 'idNumber' | 'districtId' | 'streetId' | 'teamId' | 'consent'> & {
    idNumberMasked: string | null
    idHash: string | null
    area: ServiceArea | null
    team: TeamRef | null
  },
  now: Date,
): VolunteerDoc {
  const at = now.toISOString()
  return {
    _id: openid,
    name: input.name,
    mobile: input.mobile,
    idNumberMasked: input.idNumberMasked,
    idHash: input.idHash,
    gender: input.gender ?? null,
    skills: input.skills,
    services: input.services,
    area: input.area,
    availability: input.availability,
    team: input.team,
    consentAt: at,
    status: 'pending',
    appliedAt: at,
    reviewedAt: null,
    reviewedBy: null,
    reviewNote: null,
    totalMinutes: 0,
    points: 0,
    pointsEarned: 0,
    pointsSpent: 0,
    serviceCount: 0,
    firstServiceAt: null,
    lastServiceAt: null,
    slots: [],
    noShows: [],
    noShowsClearedAt: null,
    redeemed: {},
    createdAt: at,
    updatedAt: at,
  }
}
