import { z } from 'zod'
import type { CategoryGroup } from '../city/category'
import { REJECTION_REASON_LABELS, type RejectionReason } from './reasons'

/**
 * 答复模板: a small catalogue of consistent staff replies, so residents read the same courteous, specific
 * wording whoever is on duty. Keyed by the staff step that carries the reply (and so by the state it leads
 * to), with wording per category group where the group changes what "fixed" looks like.
 *
 * Placeholders: {category} {unit} {deadline} {original} {days} {reason}. Staff edit the text before sending.
 */
export const REPLY_KINDS = ['acceptDispatch', 'reject', 'merge', 'outOfScope', 'verifyClose', 'sendBack', 'redispatch', 'escalate'] as const
export const replyKindSchema = z.enum(REPLY_KINDS)
export type ReplyKind = z.infer<typeof replyKindSchema>

export const replyTemplateSchema = z.object({ id: z.string(), title: z.string(), text: z.string() })
export type ReplyTemplate = z.infer<typeof replyTemplateSchema>

export const REPLY_VARS = ['category', 'unit', 'deadline', 'original', 'days', 'reason'] as const
export type ReplyVars = Partial<Record<(typeof REPLY_VARS)[number], string | number>>

type Entry = { title: string; text: string }

const GENERIC: Record<Exclude<ReplyKind, 'reject'>, Entry[]> = {
  acceptDispatch: [
    { title: '受理派单', text: '您反映的{category}问题已受理，已交由{unit}处理，整改时限至{deadline}。感谢您参与文明城市创建！' },
  ],
  merge: [
    { title: '合并处理', text: '该问题已有市民反映（编号 {original}），现合并处理，处理进展请关注原问题。感谢您的关注！' },
  ],
  outOfScope: [
    { title: '非本市职责', text: '经核实，该问题不属于本市职责范围，建议您通过 12345 政务服务便民热线或相关主管部门反映。感谢您的理解！' },
    { title: '属上级或专属部门管理', text: '经核实，该问题由铁路、民航等专属部门管理，不属于本市职责范围，我们已向相关部门转告，感谢您的关注。' },
  ],
  verifyClose: [
    { title: '整改到位销号', text: '经现场核验，{unit}已按要求完成整改，该问题予以销号。感谢您的监督，欢迎对处理结果进行评价。' },
  ],
  sendBack: [
    { title: '整改不到位', text: '经核验，整改尚未到位：{reason}。请于{deadline}前重新整改，并上传整改后照片。' },
  ],
  redispatch: [
    { title: '重新派单', text: '该问题已重新交由{unit}处理，整改时限至{deadline}，请您继续关注。' },
  ],
  escalate: [
    { title: '超期督办', text: '该问题已超过整改时限 {days} 天，请{unit}立即整改并反馈，逾期情况将纳入创城考核。' },
  ],
}

/** Where a category group changes the wording: what the unit will do, and what "fixed" means. */
const BY_GROUP: Partial<Record<CategoryGroup, Partial<Record<ReplyKind, Entry[]>>>> = {
  交通秩序: {
    acceptDispatch: [{ title: '交通秩序派单', text: '您反映的{category}问题已转交{unit}，将安排执勤力量现场处置，整改时限至{deadline}。' }],
    verifyClose: [{ title: '秩序已恢复', text: '经现场核验，违规车辆和占道情况已由{unit}依法处置，通行秩序已恢复，予以销号。感谢您的监督！' }],
  },
  市容环境: {
    verifyClose: [{ title: '市容已整治', text: '经现场核验，{unit}已完成清理整治，市容恢复整洁，予以销号。我们将加强巡查，防止反弹。' }],
  },
  环境卫生: {
    acceptDispatch: [{ title: '环卫派单', text: '您反映的{category}问题已交由{unit}清理，整改时限至{deadline}，清理后将上传照片供您查看。' }],
    verifyClose: [{ title: '已清理干净', text: '经现场核验，垃圾杂物已清理干净，{unit}已纳入日常保洁巡查，予以销号。感谢您的监督！' }],
  },
  小区院落: {
    acceptDispatch: [{ title: '小区派单', text: '您反映的小区{category}问题已交由{unit}协调物业处理，整改时限至{deadline}。' }],
  },
  农贸市场: {
    verifyClose: [{ title: '市场秩序已规范', text: '经现场核验，{unit}已督促市场经营者整改到位，予以销号。我们将持续开展市场巡查。' }],
  },
  公共设施: {
    acceptDispatch: [{ title: '设施维修派单', text: '您反映的{category}问题已交由{unit}维修，整改时限至{deadline}；涉及安全隐患的已要求先行设置警示。' }],
    verifyClose: [{ title: '设施已修复', text: '经现场核验，设施已由{unit}修复并恢复使用，予以销号。感谢您的监督！' }],
  },
  文明行为: {
    verifyClose: [{ title: '已劝导整改', text: '经核实，{unit}已对不文明行为进行劝导和纠正，予以销号。文明城市，人人共建，感谢您的参与！' }],
  },
}

/** One reply per rejection reason: say why, and what the resident can do next. */
const REJECT: Record<RejectionReason, string> = {
  unclear: '您提交的照片和描述暂无法确认问题所在，暂不予受理。欢迎补充清晰照片和具体位置后重新提交。',
  location_unknown: '您提交的位置信息不明确，工作人员无法前往核实，暂不予受理。请在地图上标注准确位置后重新提交。',
  not_found: '经工作人员现场核实，未发现您反映的问题，暂不予受理。如问题再次出现，欢迎随时反映。',
  already_fixed: '经核实，您反映的问题已经处理完毕，无需再派单。感谢您的关注！',
  not_civic: '您反映的内容不属于文明城市创建问题，暂不予受理。个人纠纷、政策咨询等请拨打 12345 政务服务便民热线。',
  false_report: '经核实，您反映的情况与现场不符，不予受理。请如实反映问题，共同维护良好的创建氛围。',
  inappropriate: '您提交的内容含有与问题无关或不宜公开的信息，不予受理。请仅拍摄问题本身，注意保护他人隐私。',
  other: '经审核，您反映的问题暂不予受理：{reason}。感谢您的理解与支持！',
}

/** Templates for a reply step, the category group's own first; `reject` gives one per reason. */
export function replyTemplates(kind: ReplyKind, group: CategoryGroup | null): ReplyTemplate[] {
  if (kind === 'reject')
    return (Object.keys(REJECT) as RejectionReason[]).map((reason) => ({
      id: `reject:${reason}`,
      title: REJECTION_REASON_LABELS[reason],
      text: REJECT[reason],
    }))
  const own = (group && BY_GROUP[group]?.[kind]) || []
  return [
    ...own.map((e, i) => ({ id: `${kind}:${group}:${i}`, ...e })),
    ...GENERIC[kind].map((e, i) => ({ id: `${kind}:通用:${i}`, ...e })),
  ]
}

/** The reply for one rejection reason (the default text staff start from). */
export const rejectionReply = (reason: RejectionReason): string => REJECT[reason]

/** Fill `{name}` placeholders; an unknown or missing one is left visible so staff notice and edit it. */
export function renderReply(text: string, vars: ReplyVars): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = (vars as Record<string, string | number | undefined>)[name]
    return v === undefined || v === '' ? whole : String(v)
  })
}
