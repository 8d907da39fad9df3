import { z } from 'zod'
import { defineAction, defineContract } from '../core/contract'
import { categoryIdSchema, cursorSchema, fileIdSchema, idSchema, pageOf } from '../report/fields'
import {
  exposureCandidateSchema,
  exposureCardSchema,
  exposurePublicDetailSchema,
  exposureSaveInputSchema,
  exposureStaffViewSchema,
  exposureStateSchema,
  exposureStatusSchema,
  fixNoteSchema,
  replySchema,
  replyTextSchema,
  withdrawReasonSchema,
  EXPOSURE_PHOTOS_MAX,
} from '../board/exposure'
import {
  issueCardSchema,
  issuePublicSchema,
  issueSaveInputSchema,
  issueStaffCardSchema,
  issueStaffSchema,
  issueStateSchema,
  noteInputSchema,
  notePublicSchema,
} from '../board/issue'
import { MAX_RECTS } from '../board/mosaic'
import { dayStringSchema } from '../board/period'
import { photoInputSchema } from '../board/photo'
import { settingsInputSchema, settingsViewSchema } from '../board/settings'
import { reportStatusSchema } from '../report/status'

/**
 * 曝光台 and 红黑榜 (`board` cloud function). Public feeds page by index with an opaque cursor; lists carry
 * thumbnails only. Staff (创城办) and admins edit; publishing a 红黑榜 issue needs an admin who did not edit
 * it; every published photo has been masked in the app and confirmed (`confirmMask`).
 */

const byId = { id: idSchema }
const staff = ['staff', 'admin'] as const
const page = { cursor: cursorSchema.optional(), limit: z.number().int().min(1).max(50).default(20) }

export const boardContract = defineContract('board', {
  // ------------------------------------------------------------------------------------------ 曝光台, public
  exposureFeed: defineAction({
    effect: 'read',
    summary: '曝光台（最新在前，可按问题分类、辖区、整改状态筛选）',
    roles: ['resident'],
    input: z.strictObject({
      categoryId: categoryIdSchema.optional().meta({ title: '问题分类' }),
      districtId: idSchema.optional().meta({ title: '辖区' }),
      status: exposureStatusSchema.optional().meta({ title: '整改状态' }),
      ...page,
    }),
    output: pageOf(exposureCardSchema),
  }),
  exposureDetail: defineAction({
    effect: 'read',
    summary: '曝光详情（打码后的照片、整改要求与进展、责任单位回应）；每人每天计一次浏览',
    roles: ['resident'],
    input: z.strictObject(byId),
    output: exposurePublicDetailSchema.extend({
      following: z.boolean(),
      /** The caller handles the named unit and may answer. */
      canReply: z.boolean(),
    }),
  }),
  exposureFollow: defineAction({
    summary: '关注 / 取消关注曝光（整改完成后收到通知）',
    roles: ['resident'],
    input: z.strictObject({ ...byId, follow: z.boolean() }),
    output: z.object({ following: z.boolean(), followers: z.number().int() }),
  }),
  exposureReply: defineAction({
    summary: '责任单位回应曝光（公开显示在曝光下方）',
    roles: ['unit'],
    input: z.strictObject({ ...byId, text: replyTextSchema.meta({ title: '回应' }) }),
    output: z.object({ replies: z.array(replySchema) }),
  }),

  // ------------------------------------------------------------------------------------------- 曝光台, staff
  exposureStaffList: defineAction({
    effect: 'read',
    summary: '曝光管理列表（最近修改在前，可按状态筛选）',
    roles: staff,
    input: z.strictObject({ state: exposureStateSchema.optional(), ...page }),
    output: pageOf(exposureStaffViewSchema),
  }),
  exposureStaffDetail: defineAction({
    effect: 'read',
    summary: '曝光详情（含原图与打码确认）',
    roles: staff,
    input: z.strictObject(byId),
    output: exposureStaffViewSchema,
  }),
  exposureCandidates: defineAction({
    effect: 'read',
    summary: '可曝光的随手拍（超期未整改的在前，再是整改中、已办结的）',
    roles: staff,
    input: z.strictObject({ scope: z.enum(['overdue', 'with_unit', 'closed']).default('overdue'), ...page }),
    output: pageOf(exposureCandidateSchema),
  }),
  exposureFromReport: defineAction({
    summary: '由随手拍生成曝光草稿的预填内容（不保存）',
    roles: staff,
    input: z.strictObject({ reportId: idSchema }),
    output: z.object({
      reportId: z.string(),
      existingId: z.string().nullable(),
      title: z.string(),
      categoryId: z.string(),
      districtId: z.string().nullable(),
      streetId: z.string().nullable(),
      place: z.string(),
      unit: z.object({ id: z.string(), name: z.string() }).nullable(),
      /** The report's photos that passed the content check (originals; mask before publishing). */
      photos: z.array(fileIdSchema),
      requirement: z.string(),
      deadline: z.string(),
      reportStatus: reportStatusSchema,
    }),
  }),
  exposureSave: defineAction({
    summary: '新建或修改曝光草稿（已发布的不能修改）',
    roles: staff,
    input: exposureSaveInputSchema,
    output: exposureStaffViewSchema,
  }),
  exposurePublish: defineAction({
    summary: '发布曝光（每张照片都须先打码确认）',
    roles: staff,
    input: z.strictObject({ ...byId, version: z.number().int().nonnegative() }),
    output: exposureStaffViewSchema,
  }),
  exposureWithdraw: defineAction({
    summary: '撤回已发布的曝光（说明理由；撤回后可修改再发布）',
    roles: staff,
    input: z.strictObject({ ...byId, reason: withdrawReasonSchema }),
    output: exposureStaffViewSchema,
  }),
  exposureRecordFix: defineAction({
    summary: '登记直接曝光问题的整改结果（整改后照片须先打码确认）',
    roles: staff,
    input: z.strictObject({
      ...byId,
      note: fixNoteSchema,
      photos: z.array(photoInputSchema).min(1, '请至少上传 1 张整改后照片').max(EXPOSURE_PHOTOS_MAX),
    }),
    output: exposureStaffViewSchema,
  }),

  // -------------------------------------------------------------------------------------------- 打码 (masks)
  confirmMask: defineAction({
    summary: '确认照片已打码（上传打码后的图片和缩略图；0 处表示经查看无需遮挡）',
    roles: staff,
    input: z.strictObject({
      original: fileIdSchema,
      masked: fileIdSchema,
      thumb: fileIdSchema,
      regions: z.number().int().min(0).max(MAX_RECTS),
    }),
    output: z.object({ original: z.string(), masked: z.string(), thumb: z.string(), regions: z.number().int(), maskedAt: z.string() }),
  }),

  // ------------------------------------------------------------------------------------------ 红黑榜, public
  issueFeed: defineAction({
    effect: 'read',
    summary: '红黑榜往期（期号从大到小，可按年份筛选）',
    roles: ['resident'],
    input: z.strictObject({ year: z.number().int().min(2000).max(2100).optional().meta({ title: '年份' }), ...page }),
    output: pageOf(issueCardSchema).extend({
      /** Issues per year (on the first page only; [] on later pages). */
      years: z.array(z.object({ year: z.number().int(), count: z.number().int() })),
    }),
  }),
  issueDetail: defineAction({
    effect: 'read',
    summary: '一期红黑榜（不指定则为最新一期）：黑榜条目显示当前整改状态，附更正与跟进说明',
    roles: ['resident'],
    input: z.strictObject({ id: idSchema.optional() }),
    output: z.object({ issue: issuePublicSchema.nullable() }),
  }),

  // ------------------------------------------------------------------------------------------- 红黑榜, staff
  boardSettings: defineAction({
    effect: 'read',
    summary: '红黑榜设置（名称、发布周期）',
    roles: staff,
    input: z.strictObject({}),
    output: settingsViewSchema,
  }),
  updateBoardSettings: defineAction({
    summary: '修改红黑榜设置（管理员）',
    roles: ['admin'],
    input: settingsInputSchema,
    output: settingsViewSchema,
  }),
  issueStaffList: defineAction({
    effect: 'read',
    summary: '红黑榜管理列表（草稿、待审核、已发布）',
    roles: staff,
    input: z.strictObject({ state: issueStateSchema.optional(), ...page }),
    output: pageOf(issueStaffCardSchema),
  }),
  issueCreateDraft: defineAction({
    summary: '按周期数据生成一期红黑榜草稿（不指定则为上一个完整周期）',
    roles: staff,
    input: z.strictObject({ periodStart: dayStringSchema.optional().meta({ title: '周期起始日' }) }),
    output: issueStaffSchema,
  }),
  issueStaffDetail: defineAction({
    effect: 'read',
    summary: '一期红黑榜（编辑、审核用：含数据建议及其依据）',
    roles: staff,
    input: z.strictObject(byId),
    output: issueStaffSchema,
  }),
  issueSave: defineAction({
    summary: '保存红黑榜草稿（已提交或已发布的不能修改）',
    roles: staff,
    input: issueSaveInputSchema,
    output: issueStaffSchema,
  }),
  issueSubmit: defineAction({
    summary: '提交审核（须由另一名管理员审核发布）',
    roles: staff,
    input: z.strictObject({ ...byId, version: z.number().int().nonnegative() }),
    output: issueStaffSchema,
  }),
  issueReturn: defineAction({
    summary: '退回修改 / 撤回审核',
    roles: staff,
    input: z.strictObject({ ...byId, note: z.string().trim().min(2, '请说明退回理由').max(200, '最多 200 个字') }),
    output: issueStaffSchema,
  }),
  issueApprove: defineAction({
    summary: '审核发布（管理员；起草或修改过本期的人不能审核）；发布时编定期号',
    roles: ['admin'],
    input: z.strictObject({ ...byId, version: z.number().int().nonnegative() }),
    output: issueStaffSchema,
  }),
  issueAppendNote: defineAction({
    summary: '为已发布的红黑榜追加更正或跟进说明（原文不变，注明日期）',
    roles: staff,
    input: noteInputSchema,
    output: z.object({ notes: z.array(notePublicSchema) }),
  }),
  issueReportOptions: defineAction({
    effect: 'read',
    summary: '可关联到黑榜条目的随手拍（某单位或网格在本期内的问题）',
    roles: staff,
    input: z.strictObject({
      ...byId,
      unitId: idSchema.optional(),
      gridId: idSchema.optional(),
    }),
    output: z.object({
      items: z.array(
        z.object({ id: z.string(), categoryId: z.string(), status: reportStatusSchema, description: z.string(), unitName: z.string().nullable(), overdue: z.boolean(), createdAt: z.string() }),
      ),
    }),
  }),
})
export type BoardContract = typeof boardContract
