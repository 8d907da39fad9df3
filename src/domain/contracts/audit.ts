import { z } from 'zod'
import { defineAction, defineContract } from '../core/contract'
import { auditEntrySchema, auditOutcomeSchema } from '../audit/entry'
import { idSchema } from './common'

const isoDate = z.iso.datetime({ offset: true, error: '时间格式不正确' })

/** Names a function and action (`report`, `acceptDispatch`): letters only, as in the contracts. */
const nameSchema = z.string().trim().max(40, '名称过长').regex(/^[A-Za-z]+$/, '名称格式不正确')

export const auditContract = defineContract('audit', {
  search: defineAction({
    summary: '查询操作日志（管理员）：按操作人、功能、对象和时间筛选，新的在前',
    roles: ['admin'],
    effect: 'read',
    input: z
      .object({
        actor: idSchema.optional().meta({ title: '操作人' }),
        fn: nameSchema.optional().meta({ title: '功能' }),
        action: nameSchema.optional().meta({ title: '操作' }),
        targetId: idSchema.optional().meta({ title: '对象编号' }),
        outcome: auditOutcomeSchema.optional().meta({ title: '结果' }),
        from: isoDate.optional().meta({ title: '起始时间' }),
        to: isoDate.optional().meta({ title: '截止时间' }),
        cursor: z.string().max(80).regex(/^[0-9a-z-]+$/, '分页参数不正确').optional().meta({ title: '分页位置' }),
        limit: z.number().int().min(1).max(100, '每页最多 100 条').default(30),
      })
      .strict()
      .refine((v) => !v.action || v.fn, { message: '按操作筛选时须同时选择功能', path: ['action'] })
      .refine((v) => !v.from || !v.to || v.from <= v.to, { message: '起始时间不能晚于截止时间', path: ['from'] }),
    output: z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
  }),
  catalog: defineAction({
    summary: '会记入操作日志的功能与操作（管理员，用于筛选）',
    roles: ['admin'],
    effect: 'read',
    input: z.object({}).strict(),
    output: z.object({ items: z.array(z.object({ fn: z.string(), action: z.string(), label: z.string() })) }),
  }),
})
