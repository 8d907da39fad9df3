import { z } from 'zod'
import { defineAction, defineContract } from '../core/contract'
import { roleSchema } from '../core/roles'
import { meSchema, nicknameSchema, userSummarySchema } from '../user/user'
import { consentInputSchema, deleteAccountInputSchema, deleteAccountOutputSchema } from '../user/privacy'
import { myDataSchema } from '../user/export'
import { idSchema, pageInput, pageOf } from './common'

export const userContract = defineContract('user', {
  me: defineAction({
    effect: 'read',
    summary: '当前用户的身份与角色（首次调用时建档）',
    roles: ['resident'],
    input: z.object({}).strict(),
    output: meSchema,
  }),
  updateProfile: defineAction({
    summary: '修改昵称',
    roles: ['resident'],
    input: z.object({ nickname: nicknameSchema }).strict(),
    output: meSchema,
  }),
  consent: defineAction({
    summary: '同意隐私政策与用户服务协议（记录版本与时间）',
    roles: ['resident'],
    input: consentInputSchema,
    output: meSchema,
  }),
  exportMyData: defineAction({
    // A bulk read of personal data: counted with the exports (10 a minute), not the writes.
    effect: 'export',
    summary: '查阅、复制我的个人信息（个人信息保护法第四十五条）',
    roles: ['resident'],
    input: z.object({}).strict(),
    output: myDataSchema,
  }),
  deleteAccount: defineAction({
    summary: '注销账号：删除个人信息，随手拍等城市记录匿名保留',
    roles: ['resident'],
    input: deleteAccountInputSchema,
    output: deleteAccountOutputSchema,
  }),
  listUsers: defineAction({
    effect: 'read',
    summary: '用户列表（创城办、管理员；可按角色筛选）',
    roles: ['staff', 'admin'],
    input: z
      .object({
        role: roleSchema.optional().meta({ title: '角色' }),
        /** The handlers bound to one 责任单位. */
        unitId: idSchema.optional().meta({ title: '责任单位' }),
        ...pageInput,
      })
      .strict(),
    output: pageOf(userSummarySchema),
  }),
  searchUsers: defineAction({
    effect: 'read',
    summary: '按昵称（开头匹配）或 OPENID 查找用户，用于授予角色（管理员）',
    roles: ['admin'],
    input: z.object({ q: z.string().trim().min(1, '请输入昵称或 OPENID').max(64).meta({ title: '关键词' }), limit: pageInput.limit }).strict(),
    output: z.object({ items: z.array(userSummarySchema) }),
  }),
  setRoles: defineAction({
    summary: '设置用户角色与所属责任单位（管理员）',
    roles: ['admin'],
    input: z
      .object({
        openid: idSchema.meta({ title: '用户' }),
        roles: z.array(roleSchema).max(5).meta({ title: '角色' }),
        unitId: idSchema.nullable().optional().meta({ title: '责任单位' }),
      })
      .strict(),
    output: userSummarySchema,
  }),
})
