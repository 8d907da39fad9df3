import { z } from 'zod'

/** Problem category groups, as seed cities sort 随手拍 reports. */
export const CATEGORY_GROUPS = ['交通秩序', '市容环境', '小区院落', '农贸市场', '环境卫生', '公共设施', '文明行为'] as const
export const categoryGroupSchema = z.enum(CATEGORY_GROUPS)

export const categorySchema = z.object({
  id: z.string(),
  name: z.string(),
  group: categoryGroupSchema,
  /** Icon key the app maps to a glyph/emoji; kept as data so admins can change it without a release. */
  icon: z.string(),
  /** Default 整改时限 in days; staff may change it per report when dispatching. */
  deadlineDays: z.number().int().positive(),
  /** The kind of 责任单位 that usually handles it (城管, 交警, 住建, 社区 …), used to propose a unit. */
  unitType: z.string(),
  /** 数字城管 部件/事件 code (GB/T 30428.2) where one fits, so reports can flow into a city's system. */
  cgCode: z.string().nullable(),
  order: z.number().int(),
  active: z.boolean(),
})
export type Category = z.infer<typeof categorySchema>
