import { z } from 'zod'
import { roleSchema } from '../core/roles'

/** What a caller may learn about themselves. Phone and ID numbers are never part of it. */
export const meSchema = z.object({
  openid: z.string(),
  nickname: z.string(),
  roles: z.array(roleSchema),
  /** The 责任单位 a `unit` handler is bound to. */
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  registeredAt: z.string().nullable(),
})
export type Me = z.infer<typeof meSchema>
