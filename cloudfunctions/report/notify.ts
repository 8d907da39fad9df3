import type { ActionContext } from '../kernel'
import { COLLECTIONS } from '../../src/domain/collections'
import { CATEGORY_BY_ID } from '../../src/domain/city/categories'
import {
  formatChinaDate,
  STATUS_DESCRIPTIONS,
  STATUS_LABELS,
  CHINA_OFFSET_MS,
  REPORT_TEMPLATES,
  type ReportTemplate,
  type ReportDoc,
  type TimelineEvent,
} from '../../src/domain/report'

/**
 * 订阅消息 (subscribe messages) of 随手拍. A message reaches a user only if they accepted that template in
 * the mini-program (wx.requestSubscribeMessage, once per message); otherwise WeChat refuses the send. So a
 * failed send is normal and never fails the action that caused it: it is logged and dropped.
 *
 * Template ids (placeholders until the real ones are configured) are in src/domain/report/subscribe.ts.
 * Keyword types and WeChat's limits (a value over the limit makes the send fail with 47003):
 *   thing ≤ 20 characters · character_string ≤ 32 ASCII · time "2024年5月6日 10:00" · number digits.
 */

type Ctx = Pick<ActionContext, 'db' | '_' | 'cloud'>

export const TEMPLATES = REPORT_TEMPLATES
export type TemplateKey = ReportTemplate

/** Which version of the mini-program a tap on the message opens: `developer`, `trial` or `formal`. */
export const MINIPROGRAM_STATE = 'formal'

/** The page messages open; `id` selects the report, `as` the screen (resident by default). */
export const REPORT_PAGE = 'pages/report/index'
const pageFor = (id: string, as?: 'unit' | 'staff') => `${REPORT_PAGE}?id=${encodeURIComponent(id)}${as ? `&as=${as}` : ''}`

export interface Message {
  touser: string
  template: TemplateKey
  page: string
  data: Record<string, { value: string }>
}

// -------------------------------------------------------------------------------------------------------
// Values within WeChat's limits

/** `thing`: at most 20 characters (code points), cut with an ellipsis. */
export function thing(s: string): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()]
  if (!chars.length) return '—'
  return chars.length <= 20 ? chars.join('') : `${chars.slice(0, 19).join('')}…`
}

/** `character_string`: printable ASCII, at most 32. */
export const charString = (s: string): string => s.replace(/[^\x21-\x7e]/g, '').slice(0, 32) || '-'

/** `time`: 2024年5月6日 10:00 (Beijing time). */
export function time(isoString: string): string {
  const t = new Date(Date.parse(isoString) + CHINA_OFFSET_MS)
  const hh = String(t.getUTCHours()).padStart(2, '0')
  const mm = String(t.getUTCMinutes()).padStart(2, '0')
  return `${formatChinaDate(isoString, true)} ${hh}:${mm}`
}

const v = (value: string) => ({ value })
export const categoryName = (id: string): string => CATEGORY_BY_ID.get(id)?.name ?? '随手拍问题'

// -------------------------------------------------------------------------------------------------------
// Messages

/** What a status change means to the reporter, in a few words. */
function progressNote(r: ReportDoc, e: TimelineEvent): string {
  switch (e.type) {
    case 'acceptDispatch':
    case 'redispatch':
      return `已交${r.dispatch?.unitName ?? '责任单位'}整改，时限${r.dispatch ? formatChinaDate(r.dispatch.deadline) : ''}`
    case 'sendBack':
      return '整改未达要求，已要求重新整改'
    case 'merge':
      return '已与他人反映的同一问题合并处理'
    case 'verifyClose':
      return '已整改到位并销号，欢迎评价'
    default:
      return e.note ?? STATUS_DESCRIPTIONS[r.status]
  }
}

export function progressMessage(touser: string, r: ReportDoc, e: TimelineEvent): Message {
  return {
    touser,
    template: 'progress',
    page: pageFor(r._id),
    data: {
      character_string1: v(charString(r._id)),
      thing2: v(thing(categoryName(r.categoryId))),
      thing3: v(thing(STATUS_LABELS[r.status])),
      time4: v(time(e.at)),
      thing5: v(thing(progressNote(r, e))),
    },
  }
}

export type TaskReason = 'dispatch' | 'redispatch' | 'sendBack'
const TASK_NOTES: Record<TaskReason, string> = {
  dispatch: '新派单，请及时接单整改',
  redispatch: '重新派单，请及时接单整改',
  sendBack: '核验未通过，请重新整改',
}

export function taskMessage(touser: string, r: ReportDoc, reason: TaskReason): Message {
  return {
    touser,
    template: 'task',
    page: pageFor(r._id, 'unit'),
    data: {
      character_string1: v(charString(r._id)),
      thing2: v(thing(categoryName(r.categoryId))),
      thing3: v(thing(r.location.address)),
      time4: v(time(r.dispatch?.deadline ?? r.updatedAt)),
      thing5: v(thing(TASK_NOTES[reason])),
    },
  }
}

export function escalationMessage(touser: string, r: ReportDoc, overdueDays: number): Message {
  return {
    touser,
    template: 'escalation',
    page: pageFor(r._id, 'unit'),
    data: {
      character_string1: v(charString(r._id)),
      thing2: v(thing(categoryName(r.categoryId))),
      time3: v(time(r.dispatch?.deadline ?? r.updatedAt)),
      number4: v(String(Math.max(0, overdueDays))),
      thing5: v(thing(`第${r.flags.escalations}次督办，请立即整改`)),
    },
  }
}

export function escalationDigestMessage(touser: string, count: number, at: string): Message {
  return {
    touser,
    template: 'escalationDigest',
    page: `${REPORT_PAGE}?as=staff&board=overdue`,
    data: { thing1: v('超期督办'), number2: v(String(count)), time3: v(time(at)), thing4: v(thing('请查看超期督办台账')) },
  }
}

export function revisitMessage(touser: string, r: ReportDoc): Message {
  return {
    touser,
    template: 'revisit',
    page: pageFor(r._id),
    data: {
      character_string1: v(charString(r._id)),
      thing2: v(thing(categoryName(r.categoryId))),
      time3: v(time(r.closedAt ?? r.updatedAt)),
      thing4: v(thing('问题解决了吗？请告诉我们')),
    },
  }
}

export function photoRejectedMessage(touser: string, reportId: string, at: string): Message {
  return {
    touser,
    template: 'photoRejected',
    page: pageFor(reportId),
    data: {
      character_string1: v(charString(reportId)),
      thing2: v('照片未通过内容安全审核'),
      time3: v(time(at)),
      thing4: v(thing('该照片仅您本人和工作人员可见')),
    },
  }
}

// -------------------------------------------------------------------------------------------------------
// Recipients and sending

interface UserRow {
  _id: string
  unit?: { id: string } | null
}

/** Handlers of each unit (users with the `unit` role bound to it): one query for all units. */
export async function unitHandlers(ctx: Ctx, unitIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  const ids = Array.from(new Set(unitIds))
  if (!ids.length) return out
  const res = await ctx.db
    .collection(COLLECTIONS.users)
    .where({ 'unit.id': ctx._.in(ids), roles: 'unit' })
    .field({ _id: true, unit: true })
    .limit(1000)
    .get()
  for (const u of res.data as UserRow[]) {
    const unitId = u.unit?.id
    if (unitId) out.set(unitId, [...(out.get(unitId) ?? []), u._id])
  }
  return out
}

/** 创城办 staff (at most 100). */
export async function staffUsers(ctx: Ctx): Promise<string[]> {
  const res = await ctx.db.collection(COLLECTIONS.users).where({ roles: 'staff' }).field({ _id: true }).limit(100).get()
  return (res.data as UserRow[]).map((u) => u._id)
}

/**
 * Sends the messages in parallel, one per recipient and template (duplicates dropped, never to `except`).
 * Never throws: a refused send (the user did not subscribe, quota used up …) is logged. Returns how many went out.
 */
export async function send(ctx: Pick<Ctx, 'cloud'>, messages: readonly Message[], except: readonly (string | null | undefined)[] = []): Promise<number> {
  const skip = new Set(except.filter((x): x is string => !!x))
  const seen = new Set<string>()
  const batch = messages.filter((m) => {
    const key = `${m.template}\u0000${m.touser}\u0000${m.page}`
    if (!m.touser || skip.has(m.touser) || seen.has(key)) return false
    seen.add(key)
    return true
  })
  const results = await Promise.allSettled(
    batch.map((m) =>
      ctx.cloud.openapi.subscribeMessage.send({
        touser: m.touser,
        templateId: TEMPLATES[m.template],
        page: m.page,
        data: m.data,
        miniprogramState: MINIPROGRAM_STATE,
      }),
    ),
  )
  let sent = 0
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') sent++
    else console.warn(`[report] subscribe message ${batch[i].template} to ${batch[i].touser.slice(0, 6)}… not sent:`, (r.reason as Error)?.message ?? r.reason)
  })
  return sent
}

/** Never lets a notification failure (e.g. the recipients query) reach the action. */
export async function safely(what: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run()
  } catch (err) {
    console.warn(`[report] ${what} failed:`, err)
  }
}
