import { z } from 'zod'
import type { Role } from '../core/roles'
import { pointSchema } from './geo'

/**
 * Kinds of 责任单位. The first group handles problems (a category names the kind that usually does);
 * 机关 are the municipal departments that take on 包保 of a grid (下沉包保) without handling cases.
 */
export const UNIT_TYPES = [
  '城管',
  '交警',
  '住建',
  '市场监管',
  '环卫',
  '市政',
  '园林',
  '供电',
  '消防',
  '公安',
  '街道',
  '社区',
  '物业',
  '文明办',
  '机关',
] as const
export const unitTypeSchema = z.enum(UNIT_TYPES)
export type UnitType = z.infer<typeof unitTypeSchema>

export const contactSchema = z.object({
  name: z.string().trim().min(1).max(20),
  /** Only staff (创城办/管理员) — and the unit's own handlers — ever see it. */
  phone: z.string().trim().max(20),
})
export type Contact = z.infer<typeof contactSchema>

/** A 责任单位 as stored in the `units` collection. */
export const unitDocSchema = z.object({
  _id: z.string(),
  name: z.string().min(1).max(60),
  /** Short name for tight UI spaces, e.g. 文华城管. */
  shortName: z.string().max(20),
  type: unitTypeSchema,
  /** District the unit works in; null for city-wide units. */
  districtId: z.string().nullable(),
  address: z.string().max(100),
  /** What the unit is responsible for, shown on its page (职责). */
  duties: z.string().max(500),
  contact: contactSchema,
  location: pointSchema.nullable(),
  order: z.number().int(),
  active: z.boolean(),
})
export type UnitDoc = z.infer<typeof unitDocSchema>

/** What callers see of a unit; `contact.phone` is present only for viewers allowed to see it. */
export const unitViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  type: unitTypeSchema,
  districtId: z.string().nullable(),
  address: z.string(),
  duties: z.string(),
  contact: z.object({
    name: z.string(),
    phone: z.string().optional().describe('仅创城办、管理员及本单位人员可见'),
  }),
  location: pointSchema.nullable(),
})
export type UnitView = z.infer<typeof unitViewSchema>

/** A unit's identity, embedded where another record names its 包保/责任单位. */
export const unitRefSchema = z.object({ id: z.string(), name: z.string(), type: unitTypeSchema })
export type UnitRef = z.infer<typeof unitRefSchema>

export interface Viewer {
  roles: readonly Role[]
  /** The unit a `unit` handler is bound to. */
  unitId: string | null
}

/** Phone numbers of units and grid workers are not public: staff and admins see them, nobody else. */
export function canSeeStaffContacts(viewer: Viewer): boolean {
  return viewer.roles.includes('staff') || viewer.roles.includes('admin')
}

/** A unit's own handlers also see their unit's contact phone. */
export function canSeeUnitPhone(viewer: Viewer, unitId: string): boolean {
  return canSeeStaffContacts(viewer) || (viewer.roles.includes('unit') && viewer.unitId === unitId)
}

export function toUnitView(doc: UnitDoc, viewer: Viewer): UnitView {
  const contact = canSeeUnitPhone(viewer, doc._id) ? { name: doc.contact.name, phone: doc.contact.phone } : { name: doc.contact.name }
  return {
    id: doc._id,
    name: doc.name,
    shortName: doc.shortName,
    type: doc.type,
    districtId: doc.districtId,
    address: doc.address,
    duties: doc.duties,
    contact,
    location: doc.location,
  }
}

export const toUnitRef = (doc: Pick<UnitDoc, '_id' | 'name' | 'type'>): UnitRef => ({ id: doc._id, name: doc.name, type: doc.type })
