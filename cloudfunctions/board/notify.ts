import type { ActionContext } from '../kernel'
import { BOARD_TEMPLATES } from '../../src/domain/board'
import { formatChinaDate, CHINA_OFFSET_MS } from '../../src/domain/report'

/**
 * 订阅消息 of the 曝光台. A message reaches a follower only if they accepted the template when following
 * (wx.requestSubscribeMessage); otherwise WeChat refuses the send — normal, logged, never an error.
 */

/** The page a message opens. */
export const EXPOSURE_PAGE = 'packages/board/pages/exposure/index'
/** Which version of the mini-program a tap opens. */
const MINIPROGRAM_STATE = 'formal'

/** `thing`: at most 20 characters. */
export function thing(s: string): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()]
  if (!chars.length) return '—'
  return chars.length <= 20 ? chars.join('') : `${chars.slice(0, 19).join('')}…`
}

/** `time`: 2024年5月6日 10:00 (Beijing time). */
export function time(isoString: string): string {
  const t = new Date(Date.parse(isoString) + CHINA_OFFSET_MS)
  return `${formatChinaDate(isoString, true)} ${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`
}

export interface FixedNotice {
  entryId: string
  title: string
  unitName: string
  fixedAt: string
}

/** Tells each follower the entry is fixed; returns how many messages went out. */
export async function sendFixed(ctx: Pick<ActionContext, 'cloud'>, followers: readonly string[], n: FixedNotice): Promise<number> {
  const results = await Promise.allSettled(
    Array.from(new Set(followers)).map((touser) =>
      ctx.cloud.openapi.subscribeMessage.send({
        touser,
        templateId: BOARD_TEMPLATES.exposureFixed,
        page: `${EXPOSURE_PAGE}?id=${encodeURIComponent(n.entryId)}`,
        data: {
          thing1: { value: thing(n.title) },
          thing2: { value: thing(n.unitName) },
          time3: { value: time(n.fixedAt) },
          thing4: { value: '问题已整改到位，点击查看整改前后对比' },
        },
        miniprogramState: MINIPROGRAM_STATE,
      }),
    ),
  )
  let sent = 0
  for (const r of results) {
    if (r.status === 'fulfilled') sent++
    else console.warn(`[board] fixed notice for ${n.entryId} not sent:`, (r.reason as Error)?.message ?? r.reason)
  }
  return sent
}
