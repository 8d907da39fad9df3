import { z } from 'zod'
import { pointSchema } from './geo'

/** 区/县 as stored in `districts`. */
export const districtDocSchema = z.object({
  _id: z.string(),
  name: z.string().min(1).max(20),
  /** One-line introduction shown on the district card. */
  intro: z.string().max(200),
  center: pointSchema,
  order: z.number().int(),
})
export type DistrictDoc = z.infer<typeof districtDocSchema>

export const districtViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  intro: z.string(),
  center: pointSchema,
})
export type DistrictView = z.infer<typeof districtViewSchema>

export const toDistrictView = (d: DistrictDoc): DistrictView => ({ id: d._id, name: d.name, intro: d.intro, center: d.center })

/** 街道/乡镇 as stored in `streets`; its 社区 are listed by name. */
export const streetDocSchema = z.object({
  _id: z.string(),
  districtId: z.string(),
  name: z.string().min(1).max(20),
  communities: z.array(z.string().max(20)).max(50),
  center: pointSchema,
  order: z.number().int(),
})
export type StreetDoc = z.infer<typeof streetDocSchema>

export const streetViewSchema = z.object({
  id: z.string(),
  districtId: z.string(),
  name: z.string(),
  communities: z.array(z.string()),
  center: pointSchema,
})
export type StreetView = z.infer<typeof streetViewSchema>

export const toStreetView = (s: StreetDoc): StreetView => ({
  id: s._id,
  districtId: s.districtId,
  name: s.name,
  communities: s.communities,
  center: s.center,
})
