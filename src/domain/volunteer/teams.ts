import { z } from 'zod'
import { idSchema, serviceTypeSchema, textSchema, type ServiceType } from './fields'

/** 志愿服务队 (`volunteer_teams`): a unit's or a community's team; events may be restricted to one; requests are dispatched to one. */
export interface TeamDoc {
  _id: string
  name: string
  districtId: string | null
  intro: string
  services: ServiceType[]
  leaderName: string | null
  /** Approved volunteers in the team. */
  memberCount: number
  active: boolean
  order: number
  createdAt: string
  updatedAt: string
}

export const saveTeamInputSchema = z.strictObject({
  id: idSchema.optional().meta({ title: '服务队' }),
  name: textSchema(2, 40, '服务队名称'),
  districtId: idSchema.nullable().default(null).meta({ title: '所属辖区' }),
  intro: textSchema(0, 300, '简介').default(''),
  services: z.array(serviceTypeSchema).max(10).default([]).meta({ title: '服务领域' }),
  leaderName: textSchema(2, 30, '队长').nullable().default(null),
  active: z.boolean().default(true),
  order: z.number().int().min(0).max(10000).default(100),
})

export const teamViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  districtId: z.string().nullable(),
  intro: z.string(),
  services: z.array(serviceTypeSchema),
  leaderName: z.string().nullable(),
  memberCount: z.number().int(),
  active: z.boolean(),
})
export type TeamView = z.infer<typeof teamViewSchema>

export const toTeamView = (t: TeamDoc): TeamView => ({
  id: t._id,
  name: t.name,
  districtId: t.districtId,
  intro: t.intro,
  services: t.services,
  leaderName: t.leaderName,
  memberCount: t.memberCount,
  active: t.active,
})
