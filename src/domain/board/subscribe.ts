/**
 * 订阅消息 of the 曝光台 — the template id lives here (placeholder, like the 随手拍 ones in
 * src/domain/report/subscribe.ts): replace it with the id WeChat gives in 小程序后台 → 订阅消息 and check the
 * keywords the server fills.
 */
export const BOARD_TEMPLATES = {
  /** 问题整改完成通知 — followers of an exposure entry, once it is fixed. thing1 问题, thing2 责任单位, time3 整改完成时间, thing4 说明. */
  exposureFixed: 'TPL-EXPOSURE-FIXED-PLACEHOLDER',
} as const
export type BoardTemplate = keyof typeof BOARD_TEMPLATES

/** What a resident is asked to accept when following an entry. */
export const SUBSCRIBE_ON_FOLLOW: readonly string[] = [BOARD_TEMPLATES.exposureFixed]
