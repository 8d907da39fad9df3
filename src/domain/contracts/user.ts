import { z } from 'zod'
import { defineAction, defineContract } from '../core/contract'
import { meSchema } from '../user/user'

export const userContract = defineContract('user', {
  me: defineAction({
    summary: '当前用户的身份与角色（首次调用时建档）',
    roles: ['resident'],
    input: z.object({}).strict(),
    output: meSchema,
  }),
  updateProfile: defineAction({
    summary: '修改昵称',
    roles: ['resident'],
    input: z.object({ nickname: z.string().trim().min(1, '昵称不能为空').max(20, '昵称最多 20 个字') }).strict(),
    output: meSchema,
  }),
})
