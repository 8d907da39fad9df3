import { z } from 'zod'
import { defineAction, defineContract } from '../core/contract'
import { categorySchema } from '../city/category'
import { districtViewSchema, streetViewSchema } from '../city/district'
import { gridKindSchema, gridViewSchema } from '../city/grid'
import { unitTypeSchema, unitViewSchema } from '../city/unit'
import { noticeSchema, noticeSummarySchema, noticeTagSchema } from '../city/notice'
import { areaSchema, pointSchema } from '../city/geo'
import { categoryGroupSchema, cgCodeSchema } from '../city/category'
import { districtDocSchema, streetDocSchema } from '../city/district'
import { gridDocSchema } from '../city/grid'
import { contactSchema, unitDocSchema } from '../city/unit'
import { gridRecordSchema, unitRecordSchema } from '../city/admin'
import { idSchema, pageInput, pageOf } from './common'

const orderInput = z.number().int().min(0).max(100000).optional().meta({ title: '排序' })
const text = (max: number, title: string) => z.string().trim().max(max).meta({ title })

/** A 责任单位 as admins send it; without `id` it is created. */
const unitInputSchema = unitDocSchema
  .omit({ _id: true, active: true, order: true })
  .extend({
    id: idSchema.optional().meta({ title: '责任单位' }),
    name: z.string().trim().min(2).max(60).meta({ title: '单位名称' }),
    shortName: z.string().trim().min(1).max(20).meta({ title: '简称' }),
    districtId: idSchema.nullable().meta({ title: '辖区' }),
    address: text(100, '地址'),
    duties: text(500, '职责'),
    contact: contactSchema.meta({ title: '联系人' }),
    location: pointSchema.nullable().default(null).meta({ title: '位置' }),
    order: orderInput,
  })
  .strict()

const districtInputSchema = districtDocSchema
  .omit({ _id: true, order: true })
  .extend({ id: idSchema.optional().meta({ title: '辖区' }), name: z.string().trim().min(2).max(20).meta({ title: '辖区名称' }), intro: text(200, '简介'), order: orderInput })
  .strict()

const streetInputSchema = streetDocSchema
  .omit({ _id: true, order: true })
  .extend({
    id: idSchema.optional().meta({ title: '街道' }),
    districtId: idSchema.meta({ title: '辖区' }),
    name: z.string().trim().min(2).max(20).meta({ title: '街道名称' }),
    communities: z.array(z.string().trim().min(1).max(20)).max(50).meta({ title: '社区' }),
    order: orderInput,
  })
  .strict()

/** A grid as admins send it: centre + circle radius, or centre + polygon points; `unitId` null inherits the parent's. */
const gridInputSchema = gridDocSchema
  .omit({ _id: true, order: true })
  .extend({
    id: idSchema.optional().meta({ title: '网格' }),
    name: z.string().trim().min(2).max(40).meta({ title: '网格名称' }),
    districtId: idSchema.meta({ title: '辖区' }),
    streetId: idSchema.meta({ title: '街道' }),
    community: text(20, '社区'),
    parentId: idSchema.nullable().meta({ title: '上级网格' }),
    center: pointSchema.meta({ title: '中心点' }),
    area: areaSchema.meta({ title: '范围' }),
    unitId: idSchema.nullable().meta({ title: '包保单位' }),
    leader: z.string().trim().max(40).nullable().meta({ title: '包保责任人' }),
    worker: contactSchema.nullable().meta({ title: '网格员' }),
    order: orderInput,
  })
  .strict()

const categoryInputSchema = categorySchema
  .extend({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, '分类编号为小写字母、数字和连字符，如 city-stall').meta({ title: '分类编号' }),
    name: z.string().trim().min(1).max(12).meta({ title: '分类名称' }),
    group: categoryGroupSchema.meta({ title: '分组' }),
    hint: text(60, '说明'),
    icon: z.string().regex(/^[a-z][a-z0-9-]*$/, '图标为小写字母与连字符').meta({ title: '图标' }),
    deadlineDays: z.number().int().min(1).max(60).meta({ title: '默认整改时限（天）' }),
    unitType: unitTypeSchema.meta({ title: '默认单位类型' }),
    cgCode: cgCodeSchema.nullable().meta({ title: '数字城管编码' }),
  })
  .strict()

export const cityContract = defineContract('city', {
  listCategories: defineAction({
    effect: 'read',
    summary: '问题分类（随手拍可选的类别；includeInactive 连同已停用的，供历史记录显示名称）',
    roles: ['resident'],
    input: z.object({ includeInactive: z.boolean().default(false).meta({ title: '含已停用' }) }).strict(),
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

  // ---- City set-up (admin). Reads are `effect: 'read'`; every save is in the 操作日志 with before/after.
  listAllUnits: defineAction({
    effect: 'read',
    summary: '责任单位管理列表（含已停用、联系电话）',
    roles: ['admin'],
    input: z
      .object({
        type: unitTypeSchema.optional().meta({ title: '单位类型' }),
        active: z.boolean().optional().meta({ title: '状态' }),
        ...pageInput,
      })
      .strict(),
    output: pageOf(unitRecordSchema),
  }),
  saveUnit: defineAction({
    summary: '新增或修改责任单位（名称、类型、辖区、联系人）',
    roles: ['admin'],
    input: unitInputSchema,
    output: unitRecordSchema,
  }),
  setUnitActive: defineAction({
    summary: '停用或启用责任单位（停用不删除，历史记录保留单位名称）',
    roles: ['admin'],
    input: z.object({ id: idSchema.meta({ title: '责任单位' }), active: z.boolean().meta({ title: '启用' }) }).strict(),
    output: unitRecordSchema,
  }),
  saveDistrict: defineAction({
    summary: '新增或修改辖区（区/县）',
    roles: ['admin'],
    input: districtInputSchema,
    output: districtViewSchema,
  }),
  saveStreet: defineAction({
    summary: '新增或修改街道及其社区',
    roles: ['admin'],
    input: streetInputSchema,
    output: streetViewSchema,
  }),
  getGridRecord: defineAction({
    effect: 'read',
    summary: '网格编辑资料（本级包保单位、网格员电话）',
    roles: ['admin'],
    input: z.object({ id: idSchema.meta({ title: '网格' }) }).strict(),
    output: gridRecordSchema,
  }),
  saveGrid: defineAction({
    summary: '新增或修改网格/微网格：范围（圆形或多边形）与包保单位',
    roles: ['admin'],
    input: gridInputSchema,
    output: gridRecordSchema,
  }),
  listAllCategories: defineAction({
    effect: 'read',
    summary: '问题分类管理列表（含已停用）',
    roles: ['admin'],
    input: z.object({}).strict(),
    output: z.object({ items: z.array(categorySchema) }),
  }),
  saveCategory: defineAction({
    summary: '新增或修改问题分类（图标、默认整改时限、默认单位类型、启用、排序）',
    roles: ['admin'],
    input: z.object({ category: categoryInputSchema, create: z.boolean().default(false).meta({ title: '新增' }) }).strict(),
    output: categorySchema,
  }),
})
