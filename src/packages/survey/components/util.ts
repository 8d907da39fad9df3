/**
 * Client helpers of the 问卷调查 screens: routes, China-time formatting, the in-progress answers kept on the
 * device, toasts. Imports from the domain are zod-free modules only (or types).
 */
import Taro from '@tarojs/taro'
import type { Answers, SurveyPhase } from '@/domain/survey/constants'

export const SURVEY_ROUTES = {
  list: '/packages/survey/pages/list/index',
  answer: (id: string) => `/packages/survey/pages/answer/index?id=${encodeURIComponent(id)}`,
  preview: (id: string) => `/packages/survey/pages/answer/index?id=${encodeURIComponent(id)}&preview=1`,
  thanks: (id: string) => `/packages/survey/pages/thanks/index?id=${encodeURIComponent(id)}`,
  manage: '/packages/survey/pages/manage/index',
  edit: (id: string) => `/packages/survey/pages/edit/index?id=${encodeURIComponent(id)}`,
  results: (id: string) => `/packages/survey/pages/results/index?id=${encodeURIComponent(id)}`,
  assist: (id: string) => `/packages/survey/pages/assist/index?id=${encodeURIComponent(id)}`,
} as const

export function go(url: string): void {
  Taro.navigateTo({ url }).catch(() => Taro.redirectTo({ url }))
}

export function replaceWith(url: string): void {
  Taro.redirectTo({ url })
}

export function toast(title: string, icon: 'success' | 'none' = 'none'): void {
  Taro.showToast({ title, icon, duration: icon === 'success' ? 1500 : 2500 })
}

/** The id passed in the page URL (`?id=`), or ''. */
export function routeParam(name: string): string {
  const params = Taro.getCurrentInstance().router?.params ?? {}
  const v = params[name]
  return typeof v === 'string' ? decodeURIComponent(v) : ''
}

// ------------------------------------------------------------------------------------- time (UTC+8)

const CHINA_OFFSET_MS = 8 * 3600_000
const pad = (n: number) => String(n).padStart(2, '0')

function chinaParts(iso: string) {
  const d = new Date(Date.parse(iso) + CHINA_OFFSET_MS)
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes() }
}

/** `6月12日 18:00` (with the year when it is not this year). */
export function formatDateTime(iso: string, now = Date.now()): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return ''
  const p = chinaParts(iso)
  const year = chinaParts(new Date(now).toISOString()).y
  return `${p.y !== year ? `${p.y}年` : ''}${p.m}月${p.d}日 ${pad(p.h)}:${pad(p.min)}`
}

export function formatDate(iso: string): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return ''
  const p = chinaParts(iso)
  return `${p.y}年${p.m}月${p.d}日`
}

/** `YYYY-MM-DD` and `HH:mm` of an instant in China time, for the date and time pickers. */
export function pickerValues(iso: string): { date: string; time: string } {
  const p = chinaParts(iso)
  return { date: `${p.y}-${pad(p.m)}-${pad(p.d)}`, time: `${pad(p.h)}:${pad(p.min)}` }
}

export function fromPicker(date: string, time: string): string {
  return new Date(`${date}T${time}:00+08:00`).toISOString()
}

/** `还剩 3 天` / `还剩 5 小时` / `今天截止`. */
export function remaining(closesAt: string, now = Date.now()): string {
  const ms = Date.parse(closesAt) - now
  if (ms <= 0) return '已截止'
  const days = Math.floor(ms / 86400_000)
  if (days >= 1) return `还剩 ${days} 天`
  const hours = Math.max(1, Math.floor(ms / 3600_000))
  return `还剩 ${hours} 小时`
}

export const PHASE_TONE: Record<SurveyPhase, string> = {
  draft: 'grey',
  scheduled: 'blue',
  open: 'green',
  closed: 'dark',
}

// ------------------------------------------------------------------------------- answers on the device

export interface SurveyDraft {
  answers: Answers
  /** When this device first opened the questionnaire (for the careless-answer time check). */
  startedAt: number
  districtId?: string
}

const draftKey = (surveyId: string, user: string) => `wenming.survey.${surveyId}.${user || 'me'}`

/** The answers kept for this survey and user, or null. Never throws on junk. */
export function loadDraft(surveyId: string, user: string): SurveyDraft | null {
  try {
    const raw = Taro.getStorageSync(draftKey(surveyId, user)) as unknown
    const v = typeof raw === 'string' && raw ? (JSON.parse(raw) as unknown) : raw
    if (!v || typeof v !== 'object') return null
    const d = v as Partial<SurveyDraft>
    if (typeof d.startedAt !== 'number' || typeof d.answers !== 'object' || !d.answers) return null
    return { answers: d.answers as Answers, startedAt: d.startedAt, districtId: typeof d.districtId === 'string' ? d.districtId : undefined }
  } catch {
    return null
  }
}

export function saveDraft(surveyId: string, user: string, draft: SurveyDraft): void {
  try {
    Taro.setStorageSync(draftKey(surveyId, user), JSON.stringify(draft))
  } catch {
    // storage full or unavailable: answering still works, only resuming does not
  }
}

export function clearDraft(surveyId: string, user: string): void {
  try {
    Taro.removeStorageSync(draftKey(surveyId, user))
  } catch {
    // nothing to clear
  }
}

// ------------------------------------------------------------------------------------------ exports

/**
 * Hands an exported file to the user. H5: a download through a temporary link (devcloud serves the signed
 * URL from the same origin). WeChat: a spreadsheet opens in the document viewer (whose menu can forward
 * or save it); a CSV, which the viewer cannot open, has its link copied for a computer's browser.
 */
export async function deliverExport(url: string, fileName: string, format: 'csv' | 'xlsx'): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a')
    a.href = url
    a.download = fileName
    a.rel = 'noopener'
    document.body.appendChild(a)
    a.click()
    a.remove()
    return
  }
  if (format === 'xlsx') {
    try {
      const file = await Taro.downloadFile({ url })
      await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'xlsx', showMenu: true })
      return
    } catch {
      // fall through to copying the link
    }
  }
  await Taro.setClipboardData({ data: url })
  toast('下载链接已复制，请在电脑浏览器中打开')
}
