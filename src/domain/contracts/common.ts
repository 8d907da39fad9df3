import { z } from 'zod'

/** Document ids and OPENIDs: short, URL-safe. Anything else is refused before it reaches a query. */
export const idSchema = z
  .string({ error: '缺少编号' })
  .trim()
  .min(1, '编号不能为空')
  .max(64, '编号过长')
  .regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确')

export const PAGE_MAX = 100

/** Offset paging; lists answer `{ items, hasMore }`. */
export const pageInput = {
  offset: z.number().int().min(0).max(10000).default(0).meta({ title: '起始位置' }),
  limit: z.number().int().min(1).max(PAGE_MAX, `每页最多 ${PAGE_MAX} 条`).default(20).meta({ title: '每页条数' }),
}

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), hasMore: z.boolean() })
