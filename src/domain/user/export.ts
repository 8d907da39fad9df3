import { z } from 'zod'
import { isoDateTime } from '../shared/time'
import { meSchema } from './user'

/** Most of the person's own reports listed in an export (the rest are counted). */
export const EXPORT_REPORTS_MAX = 500

/**
 * 个人信息查阅、复制 (个人信息保护法 art. 45): what we hold about the caller, in their own words. Only their
 * own data; the ID number stays masked because we never keep it whole.
 */
export const myDataSchema = z.object({
  exportedAt: isoDateTime(),
  profile: meSchema,
  reports: z.object({
    total: z.number().int().nonnegative(),
    items: z.array(
      z.object({
        id: z.string(),
        categoryId: z.string(),
        description: z.string(),
        address: z.string(),
        status: z.string(),
        createdAt: z.string(),
      }),
    ),
  }),
  volunteer: z
    .object({
      name: z.string(),
      mobile: z.string(),
      idNumberMasked: z.string().nullable(),
      status: z.string(),
      appliedAt: z.string(),
      totalMinutes: z.number(),
      points: z.number(),
    })
    .nullable(),
  /** 问卷: the district picked at first answer (the mobile is kept only as a hash, so it cannot be shown). */
  survey: z.object({ districtId: z.string().nullable(), mobileOnFile: z.boolean() }).nullable(),
  follows: z.number().int().nonnegative(),
})
export type MyData = z.infer<typeof myDataSchema>
