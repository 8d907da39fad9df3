import { z } from 'zod'
import { isoDateTime, toIso } from '../shared/time'

/** Kinds of items on the 创城 news board. */
export const NOTICE_TAGS = ['通知公告', '创城动态', '红黑榜', '文明实践'] as const
export const noticeTagSchema = z.enum(NOTICE_TAGS)
export type NoticeTag = z.infer<typeof noticeTagSchema>

/** A 公告/动态 as stored in `notices`. */
export interface NoticeDoc {
  _id: string
  title: string
  tag: NoticeTag
  summary: string
  /** Paragraphs of plain text. */
  body: string[]
  /** 发布单位, e.g. 示范市创建全国文明城市工作指挥部办公室. */
  source: string
  pinned: boolean
  publishedAt: Date | string
}

export const noticeSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  tag: noticeTagSchema,
  summary: z.string(),
  source: z.string(),
  pinned: z.boolean(),
  publishedAt: isoDateTime(),
})
export type NoticeSummary = z.infer<typeof noticeSummarySchema>

export const noticeSchema = noticeSummarySchema.extend({ body: z.array(z.string()) })
export type Notice = z.infer<typeof noticeSchema>

export function toNoticeSummary(d: NoticeDoc): NoticeSummary {
  return {
    id: d._id,
    title: d.title,
    tag: d.tag,
    summary: d.summary,
    source: d.source,
    pinned: d.pinned,
    publishedAt: toIso(d.publishedAt) ?? new Date(0).toISOString(),
  }
}

export const toNotice = (d: NoticeDoc): Notice => ({ ...toNoticeSummary(d), body: d.body })
