/**
 * 订阅消息 templates of 随手拍 — the one place their ids live: the server sends with them
 * (cloudfunctions/report/notify.ts) and the mini-program asks the user to accept them
 * (`wx.requestSubscribeMessage({ tmplIds })`, e.g. right after submitting: `SUBSCRIBE_ON_SUBMIT`).
 *
 * THE IDS ARE PLACEHOLDERS. In 小程序后台 → 功能 → 订阅消息, add from the public library the templates
 * named below (or the closest ones), replace each id with the one WeChat gives, and check the keyword
 * names the server fills (listed per template) against the chosen template's keywords.
 */
export const REPORT_TEMPLATES = {
  /** 问题处理进度通知 — reporter and followers, on every status change. character_string1 编号, thing2 问题分类, thing3 处理状态, time4 更新时间, thing5 说明. */
  progress: 'TPL-REPORT-PROGRESS-PLACEHOLDER',
  /** 工单派发通知 — the unit's handlers, on dispatch, re-dispatch and 核验不通过. character_string1 编号, thing2 问题分类, thing3 地点, time4 整改时限, thing5 说明. */
  task: 'TPL-REPORT-TASK-PLACEHOLDER',
  /** 工单督办提醒 — the unit's handlers, when a task is escalated (督办). character_string1 编号, thing2 问题分类, time3 整改时限, number4 超期天数, thing5 说明. */
  escalation: 'TPL-REPORT-ESCALATION-PLACEHOLDER',
  /** 督办汇总提醒 — 创城办 staff, once per timer run that escalated something. thing1 事项, number2 件数, time3 时间, thing4 说明. */
  escalationDigest: 'TPL-REPORT-ESCALATION-DIGEST-PLACEHOLDER',
  /** 回访提醒 — the reporter, once, when the 回访 of a closed report is due. character_string1 编号, thing2 问题分类, time3 销号时间, thing4 说明. */
  revisit: 'TPL-REPORT-REVISIT-PLACEHOLDER',
  /** 内容审核结果通知 — whoever uploaded a photo the content check refused. character_string1 编号, thing2 结果, time3 时间, thing4 说明. */
  photoRejected: 'TPL-REPORT-PHOTO-REJECTED-PLACEHOLDER',
} as const
export type ReportTemplate = keyof typeof REPORT_TEMPLATES

/** What a resident is asked to accept when submitting (WeChat allows up to 3 per request). */
export const SUBSCRIBE_ON_SUBMIT: readonly string[] = [REPORT_TEMPLATES.progress, REPORT_TEMPLATES.revisit, REPORT_TEMPLATES.photoRejected]
/** What a unit handler is asked to accept (e.g. on opening their task list). */
export const SUBSCRIBE_FOR_UNIT: readonly string[] = [REPORT_TEMPLATES.task, REPORT_TEMPLATES.escalation]
/** What staff are asked to accept. */
export const SUBSCRIBE_FOR_STAFF: readonly string[] = [REPORT_TEMPLATES.escalationDigest]
