import type { ActionContext } from '../kernel'
import {
  formatChinaDateTime,
  formatHours,
  REQUEST_STATUS_LABELS,
  SERVICE_TYPE_LABELS,
  VOLUNTEER_TEMPLATES,
  type EventDoc,
  type RequestDoc,
  type VolunteerTemplate,
} from '../../src/domain/volunteer'

/**
 * 订阅消息 of 志愿服务. A message reaches a user only if they accepted that template in the mini-program,
 * so a refused send is normal: it is logged and never fails the action that caused it. Keyword limits
 * (WeChat refuses the send with 47003 otherwise): thing ≤ 20 characters, phrase ≤ 5 Chinese characters,
 * character_string ≤ 32 ASCII, number digits, time "2026年11月27日 15:00".
 */
export const MINIPROGRAM_STATE = 'formal'
/** Pages a tap on a message opens (the volunteer sub-package; the event page reads `id`). */
export const EVENT_PAGE = 'packages/volunteer/pages/event/index'
export const RECORD_PAGE = 'packages/volunteer/pages/record/index'
export const REQUEST_PAGE = 'packages/volunteer/pages/requests/index'

export interface Message {
  touser: string
  template: VolunteerTemplate
  page: string
  data: Record<string, { value: string }>
}

export function thing(s: string): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()]
  if (!chars.length) return '—'
  return chars.length <= 20 ? chars.join('') : `${chars.slice(0, 19).join('')}…`
}
const phrase = (s: string) => [...s.replace(/[^\u4e00-\u9fa5]/g, '')].slice(0, 5).join('') || '通知'
const charString = (s: string) => s.replace(/[^\x21-\x7e]/g, '').slice(0, 32) || '-'
const v = (value: string) => ({ value })

const eventPage = (id: string) => `${EVENT_PAGE}?id=${encodeURIComponent(id)}`

export function signupMessage(touser: string, e: EventDoc, note: string): Message {
  return {
    touser,
    template: 'signup',
    page: eventPage(e._id),
    data: { thing1: v(thing(e.title)), time2: v(formatChinaDateTime(e.startAt)), thing3: v(thing(e.meetingPoint ?? e.place.address)), thing4: v(thing(note)) },
  }
}

export function cancelledMessage(touser: string, e: EventDoc, reason: string): Message {
  return { touser, template: 'cancelled', page: eventPage(e._id), data: { thing1: v(thing(e.title)), time2: v(formatChinaDateTime(e.startAt)), thing3: v(thing(reason)) } }
}

export function reviewMessage(touser: string, approved: boolean, note: string | null, at: string): Message {
  return {
    touser,
    template: 'review',
    page: RECORD_PAGE,
    data: { phrase1: v(phrase(approved ? '审核通过' : '未通过')), thing2: v(thing(note ?? (approved ? '欢迎加入志愿者队伍' : '请修改后重新提交'))), time3: v(formatChinaDateTime(at)) },
  }
}

export function hoursMessage(touser: string, title: string, minutes: number, serviceAt: string, note: string): Message {
  return {
    touser,
    template: 'hours',
    page: RECORD_PAGE,
    data: { thing1: v(thing(title)), number2: v(formatHours(Math.abs(minutes))), time3: v(formatChinaDateTime(serviceAt)), thing4: v(thing(note)) },
  }
}

export function requestMessage(touser: string, r: RequestDoc, note: string): Message {
  return {
    touser,
    template: 'request',
    page: `${REQUEST_PAGE}?id=${encodeURIComponent(r._id)}`,
    data: {
      character_string1: v(charString(r._id.slice(-12))),
      thing2: v(thing(SERVICE_TYPE_LABELS[r.category])),
      phrase3: v(phrase(REQUEST_STATUS_LABELS[r.status])),
      time4: v(formatChinaDateTime(r.expectedAt)),
      thing5: v(thing(note)),
    },
  }
}

/** Sends in parallel (duplicates dropped); never throws. Returns how many went out. */
export async function send(ctx: Pick<ActionContext, 'cloud'>, messages: readonly Message[]): Promise<number> {
  const seen = new Set<string>()
  const batch = messages.filter((m) => {
    const key = `${m.template}\u0000${m.touser}\u0000${m.page}`
    if (!m.touser || seen.has(key)) return false
    seen.add(key)
    return true
  })
  const results = await Promise.allSettled(
    batch.map((m) =>
      ctx.cloud.openapi.subscribeMessage.send({ touser: m.touser, templateId: VOLUNTEER_TEMPLATES[m.template], page: m.page, data: m.data, miniprogramState: MINIPROGRAM_STATE }),
    ),
  )
  let sent = 0
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') sent++
    else console.warn(`[volunteer] subscribe message ${batch[i].template} to ${batch[i].touser.slice(0, 6)}… not sent:`, (r.reason as Error)?.message ?? r.reason)
  })
  return sent
}

/** Runs a notification step; its failure (e.g. a recipients query) never reaches the action. */
export async function safely(what: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run()
  } catch (err) {
    console.warn(`[volunteer] ${what} failed:`, err)
  }
}
