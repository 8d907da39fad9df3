import { z } from 'zod'
import { defineAction, defineContract } from '../core/contract'
import { categorySchema } from '../city/category'
import { districtViewSchema, streetViewSchema } from '../city/district'
import { gridKindSchema, gridViewSchema } from '../city/grid'
import { unitTypeSchema, unitViewSchema } from '../city/unit'
import { noticeSchema, noticeSummarySchema, noticeTagSchema } from '../city/notice'
import { pointSchema } from '../city/geo'
import { idSchema, pageInput, pageOf } from './common'

export const cityContract = defineContract('city', {
  listCategories: defineAction({
    effect: 'read',
    summary: '问题分类（随手拍可选的类别）',
    roles: ['resident'],
    input: z.object({}).strict(),
    output: z.object({ items: z.array(categorySchema) }),
  }),
  listDistricts: defineAction({
    effect: 'read',
    summary: '辖区（区/县）列表',
    roles: ['resident'],
    input: z.object({}).strict(),
    output: z.object({ items: z.array(districtViewSchema) }),
  }),
  listStreets: defineAction({
    effect: 'read',
    summary: '街道列表（可按辖区筛选）',
    roles: ['resident'],
    input: z.object({ districtId: idSchema.optional().meta({ title: '辖区' }) }).strict(),
    output: z.object({ items: z.array(streetViewSchema) }),
  }),
  listGrids: defineAction({
    effect: 'read',
    summary: '网格/微网格列表，含包保单位（可按辖区、街道、上级网格、类型筛选）',
    roles: ['resident'],
    input: z
      .object({
        districtId: idSchema.optional().meta({ title: '辖区' }),
        streetId: idSchema.optional().meta({ title: '街道' }),
        parentId: idSchema.optional().meta({ title: '上级网格' }),
        kind: gridKindSchema.optional().meta({ title: '网格类型' }),
        ...pageInput,
      })
      .strict(),
    output: pageOf(gridViewSchema),
  }),
  getGrid: defineAction({
    effect: 'read',
    summary: '网格详情：包保单位、上级网格与下属微网格',
    roles: ['resident'],
    input: z.object({ id: idSchema.meta({ title: '网格' }) }).strict(),
    output: z.object({ grid: gridViewSchema, parent: gridViewSchema.nullable(), children: z.array(gridViewSchema) }),
  }),
  locate: defineAction({
    effect: 'read',
    summary: '根据位置找到所在辖区、街道、网格和微网格',
    roles: ['resident'],
    input: pointSchema.extend({}).strict(),
    output: z.object({
      district: districtViewSchema.nullable(),
      street: streetViewSchema.nullable(),
      grid: gridViewSchema.nullable(),
      micro: gridViewSchema.nullable(),
    }),
  }),
  listUnits: defineAction({
    effect: 'read',
    summary: '责任单位列表（联系电话仅创城办、管理员可见）',
    roles: ['resident'],
    input: z
      .object({
        type: unitTypeSchema.optional().meta({ title: '单位类型' }),
        districtId: idSchema.optional().meta({ title: '辖区' }),
        ...pageInput,
      })
      .strict(),
    output: pageOf(unitViewSchema),
  }),
  getUnit: defineAction({
    effect: 'read',
    summary: '责任单位详情及其包保的网格',
    roles: ['resident'],
    input: z.object({ id: idSchema.meta({ title: '责任单位' }) }).strict(),
    output: z.object({
      unit: unitViewSchema,
      grids: z.array(z.object({ id: z.string(), name: z.string(), kind: gridKindSchema })),
    }),
  }),
  listNotices: defineAction({
    effect: 'read',
    summary: '创城公告与动态',
    roles: ['resident'],
    input: z.object({ tag: noticeTagSchema.optional().meta({ title: '栏目' }), ...pageInput }).strict(),
    output: pageOf(noticeSummarySchema),
  }),
  getNotice: defineAction({
    effect: 'read',
    summary: '公告详情',
    roles: ['resident'],
    input: z.object({ id: idSchema.meta({ title: '公告' }) }).strict(),
    output: noticeSchema,
  }),
})
