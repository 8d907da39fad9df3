/**
 * 订阅消息 templates of 志愿服务 — the one place their ids live: the server sends with them
 * (cloudfunctions/volunteer/notify.ts) and the mini-program asks the user to accept them
 * (`wx.requestSubscribeMessage({ tmplIds })`, e.g. when signing up: `SUBSCRIBE_ON_SIGNUP`).
 *
 * THE IDS ARE PLACEHOLDERS. In 小程序后台 → 功能 → 订阅消息, add from the public library the templates
 * named below (or the closest ones), replace each id with the one WeChat gives, and check the keyword
 * names the server fills (listed per template) against the chosen template's keywords.
 */
export const VOLUNTEER_TEMPLATES = {
  /** 活动报名成功通知 — on a confirmed sign-up and on promotion from the waitlist. thing1 活动名称, time2 活动时间, thing3 活动地点, thing4 备注. */
  signup: 'TPL-VOLUNTEER-SIGNUP-PLACEHOLDER',
  /** 活动取消通知 — everyone signed up or waiting, when an event is cancelled. thing1 活动名称, time2 活动时间, thing3 取消原因. */
  cancelled: 'TPL-VOLUNTEER-CANCELLED-PLACEHOLDER',
  /** 审核结果通知 — the applicant, when the registration is reviewed. phrase1 审核结果, thing2 说明, time3 审核时间. */
  review: 'TPL-VOLUNTEER-REVIEW-PLACEHOLDER',
  /** 服务时长确认通知 — the volunteer, when hours are confirmed or corrected. thing1 活动名称, number2 时长（小时）, time3 服务时间, thing4 说明. */
  hours: 'TPL-VOLUNTEER-HOURS-PLACEHOLDER',
  /** 服务工单通知 — team members on dispatch; the resident when taken and when done. character_string1 编号, thing2 服务类别, phrase3 状态, time4 期望时间, thing5 说明. */
  request: 'TPL-VOLUNTEER-REQUEST-PLACEHOLDER',
} as const
export type VolunteerTemplate = keyof typeof VOLUNTEER_TEMPLATES

/** Asked when signing up (WeChat allows up to 3 per request). */
export const SUBSCRIBE_ON_SIGNUP: readonly string[] = [VOLUNTEER_TEMPLATES.signup, VOLUNTEER_TEMPLATES.cancelled, VOLUNTEER_TEMPLATES.hours]
/** Asked when registering. */
export const SUBSCRIBE_ON_REGISTER: readonly string[] = [VOLUNTEER_TEMPLATES.review]
/** Asked when a resident submits a request, and of volunteers opening their team's requests. */
export const SUBSCRIBE_ON_REQUEST: readonly string[] = [VOLUNTEER_TEMPLATES.request]
