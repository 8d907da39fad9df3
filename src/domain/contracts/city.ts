import { z } from 'zod'
import { defineAction, defineContract } from '../core/contract'
import { categorySchema } from '../city/category'

export const cityContract = defineContract('city', {
  listCategories: defineAction({
    summary: '问题分类（随手拍可选的类别）',
    roles: ['resident'],
    input: z.object({}).strict(),
    output: z.object({ items: z.array(categorySchema) }),
  }),
})
