import { z } from 'zod'
import { unitTypeSchema } from './unit'

/** Problem category groups, as seed cities sort 随手拍 reports. */
export const CATEGORY_GROUPS = ['交通秩序', '市容环境', '小区院落', '农贸市场', '环境卫生', '公共设施', '文明行为'] as const
export const categoryGroupSchema = z.enum(CATEGORY_GROUPS)
export type CategoryGroup = z.infer<typeof categoryGroupSchema>

/**
 * 数字城管 code of a category: `部件:<大类><小类>` for a 管理部件 (a thing: a manhole cover, a lamp) or
 * `事件:<大类><小类>` for a 管理事件 (a situation: a street stall, exposed rubbish), two digits each,
 * following the classification of GB/T 30428.2 (which took it over from CJ/T 214-2007).
 */
export const CG_CODE_PATTERN = /^(部件|事件):\d{4}$/
export const cgCodeSchema = z.string().regex(CG_CODE_PATTERN, '数字城管编码格式应为“部件:0101”或“事件:0505”')

export function parseCgCode(code: string): { kind: '部件' | '事件'; major: string; minor: string } | null {
  if (!CG_CODE_PATTERN.test(code)) return null
  const [kind, digits] = code.split(':') as ['部件' | '事件', string]
  return { kind, major: digits.slice(0, 2), minor: digits.slice(2) }
}

export const categorySchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  name: z.string().min(1).max(12),
  group: categoryGroupSchema,
  /** One line telling a resident what belongs here (shown under the name in the picker). */
  hint: z.string().max(60),
  /** Icon key the app maps to a glyph/emoji; kept as data so admins can change it without a release. */
  icon: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** Default 整改时限 in days; staff may change it per report when dispatching. */
  deadlineDays: z.number().int().positive().max(60),
  /** The kind of 责任单位 that usually handles it (城管, 交警, 住建, 社区 …), used to propose a unit. */
  unitType: unitTypeSchema,
  /** 数字城管 部件/事件 code (GB/T 30428.2) where one fits, so reports can flow into a city's system. */
  cgCode: cgCodeSchema.nullable(),
  order: z.number().int(),
  active: z.boolean(),
})
export type Category = z.infer<typeof categorySchema>

/** A category as stored in `categories` (`_id` = the category id). */
export type CategoryDoc = Omit<Category, 'id'> & { _id: string }
export const toCategoryDoc = ({ id, ...rest }: Category): CategoryDoc => ({ _id: id, ...rest })
export const fromCategoryDoc = ({ _id, ...rest }: CategoryDoc): Category => ({ id: _id, ...rest })
