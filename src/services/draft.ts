/**
 * The 随手拍 draft on the device (`Taro.setStorageSync`): what the resident has so far, including the
 * compressed photos and whichever were already uploaded, and the client id that makes `submit` idempotent.
 * It survives a reload and a failed upload or submit; it is removed once the report is in.
 */
import Taro from '@tarojs/taro'
import { perUserKey } from './me'
import { randomId } from './photoPath'

export interface DraftPhoto {
  /** Stable per photo: the upload's file name, so a retry overwrites instead of duplicating. */
  name: string
  /** H5: data: URL; WeChat: saved local file path. */
  path: string
  width: number
  height: number
  size: number
  /** Set once uploaded. */
  fileID: string | null
}

export interface DraftLocation {
  /** The pin (what is sent). */
  lat: number
  lng: number
  /** The device's fix the pin was adjusted from. */
  fixLat: number
  fixLng: number
  accuracy: number | null
  /** When the fix was taken (ms). */
  fixedAt: number
  /** From city.locate. */
  area: string
  grid: string
  inCity: boolean
}

export interface DraftError {
  code: string
  message: string
  /** Which step failed. */
  stage: 'upload' | 'submit'
}

export interface ReportDraft {
  v: 1
  clientId: string
  categoryId: string | null
  description: string
  /** What the resident adds to the place name (门牌号、标志物). */
  addressDetail: string
  location: DraftLocation | null
  photos: DraftPhoto[]
  createdAt: number
  updatedAt: number
  lastError: DraftError | null
}

const DRAFT_KEY = 'wenming.report.draft'
const USAGE_KEY = 'wenming.report.categoryUsage'

/** A client id (8–64 of [A-Za-z0-9_-]) made once per draft. */
export function newClientId(): string {
  return `r${Date.now().toString(36)}${randomId(12)}`
}

export function emptyDraft(): ReportDraft {
  const now = Date.now()
  return {
    v: 1,
    clientId: newClientId(),
    categoryId: null,
    description: '',
    addressDetail: '',
    location: null,
    photos: [],
    createdAt: now,
    updatedAt: now,
    lastError: null,
  }
}

function isDraft(value: unknown): value is ReportDraft {
  const d = value as ReportDraft | null
  return !!d && d.v === 1 && typeof d.clientId === 'string' && Array.isArray(d.photos)
}

export function loadDraft(): ReportDraft | null {
  try {
    const raw = Taro.getStorageSync(perUserKey(DRAFT_KEY))
    const value = typeof raw === 'string' && raw ? JSON.parse(raw) : raw
    return isDraft(value) ? value : null
  } catch {
    return null
  }
}

/** Saves the draft; false when the device refused (storage full). */
export function saveDraft(draft: ReportDraft): boolean {
  try {
    Taro.setStorageSync(perUserKey(DRAFT_KEY), JSON.stringify({ ...draft, updatedAt: Date.now() }))
    return true
  } catch {
    return false
  }
}

export function clearDraft(): void {
  try {
    Taro.removeStorageSync(perUserKey(DRAFT_KEY))
  } catch {}
}

/** Worth keeping: the resident has put something in it. */
export function draftHasContent(d: ReportDraft): boolean {
  return d.photos.length > 0 || d.description.trim().length > 0 || d.categoryId !== null
}

// ---------------------------------------------------------------------------------------------------------
// The resident's own category usage, to put their usual categories first

export function loadCategoryUsage(): Record<string, number> {
  try {
    const raw = Taro.getStorageSync(perUserKey(USAGE_KEY))
    const value = typeof raw === 'string' && raw ? JSON.parse(raw) : raw
    return value && typeof value === 'object' ? (value as Record<string, number>) : {}
  } catch {
    return {}
  }
}

export function countCategoryUse(categoryId: string): void {
  const usage = loadCategoryUsage()
  usage[categoryId] = (usage[categoryId] ?? 0) + 1
  try {
    Taro.setStorageSync(perUserKey(USAGE_KEY), JSON.stringify(usage))
  } catch {}
}

/** Most used first, then the catalogue's own order. */
export function sortByUsage<T extends { id: string; order: number }>(items: readonly T[], usage: Record<string, number>): T[] {
  return [...items].sort((a, b) => (usage[b.id] ?? 0) - (usage[a.id] ?? 0) || a.order - b.order)
}

// ---------------------------------------------------------------------------------------------------------
// A category chosen elsewhere (首页's category list) for the capture page to preselect

const PRESELECT_KEY = 'wenming.report.preselect'

export function setPreselectedCategory(categoryId: string): void {
  try {
    Taro.setStorageSync(PRESELECT_KEY, categoryId)
  } catch {}
}

export function takePreselectedCategory(): string | null {
  try {
    const id = Taro.getStorageSync(PRESELECT_KEY)
    if (id) Taro.removeStorageSync(PRESELECT_KEY)
    return typeof id === 'string' && id ? id : null
  } catch {
    return null
  }
}
