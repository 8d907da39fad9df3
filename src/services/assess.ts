/**
 * 考评 on the client: the zod-free vocabulary and material paths of `src/domain/assess` (imported as is),
 * the view types of the contract, and how a unit's material photos reach storage.
 */
import type { OutputOf } from './cloud'
import { uploadFile } from './cloud'
import { compressPhoto } from './image'
import { newPhotoName } from './photoPath'
import { materialCloudPath } from '@/domain/assess/material'

export {
  SCHEME_KIND_LABELS,
  SCHEME_STATUS_LABELS,
  ITEM_KIND_LABELS,
  ITEM_STATE_LABELS,
  MATERIAL_FILES_MAX,
  SCORE_STEP,
  formatScore,
  type SchemeKind,
  type SchemeStatus,
  type ItemState,
} from '@/domain/assess/labels'
export { formatDateTime } from './report'

/** 〔2026〕第3号 — the number a 考评通报 is cited by (as the server's bulletinNumber). */
export const bulletinNumberText = (year: number, no: number): string => `〔${year}〕第${no}号`

export type SchemeCardView = OutputOf<'assess', 'schemeList'>['items'][number]
export type SchemeDetail = OutputOf<'assess', 'schemeDetail'>
export type RankingRow = SchemeDetail['ranking'][number]
export type CardView = OutputOf<'assess', 'cardDetail'>['card']
export type CardItemView = CardView['items'][number]
export type BulletinView = OutputOf<'assess', 'bulletinDetail'>
export type MyCard = OutputOf<'assess', 'myCards'>['items'][number]
export type SchemeOptions = OutputOf<'assess', 'schemeOptions'>

export const ROUTES_ASSESS = {
  schemes: '/packages/assess/pages/index/index',
  scheme: (id: string) => `/packages/assess/pages/scheme/index?id=${encodeURIComponent(id)}`,
  card: (schemeId: string, unitId?: string) =>
    `/packages/assess/pages/card/index?schemeId=${encodeURIComponent(schemeId)}${unitId ? `&unitId=${encodeURIComponent(unitId)}` : ''}`,
  mine: '/packages/assess/pages/mine/index',
  bulletins: '/packages/assess/pages/bulletins/index',
  bulletin: (id: string) => `/packages/assess/pages/bulletin/index?id=${encodeURIComponent(id)}`,
}

/** Tone of an item's state tag. */
export const STATE_TONES: Record<string, 'green' | 'orange' | 'red' | 'grey' | 'blue'> = {
  todo: 'grey',
  submitted: 'orange',
  approved: 'green',
  returned: 'red',
  scored: 'blue',
}

/**
 * Compresses each chosen photo (as 随手拍 does: ≤1280 px JPEG, EXIF gone) and uploads it into the unit's
 * folder for the item. Resolves the fileIDs, or the first failure's message.
 */
export async function uploadMaterial(
  paths: readonly string[],
  target: { schemeId: string; unitId: string; itemId: string },
): Promise<{ ok: true; fileIds: string[] } | { ok: false; message: string }> {
  const fileIds: string[] = []
  for (const src of paths) {
    let local: string
    try {
      local = (await compressPhoto(src)).path
    } catch {
      return { ok: false, message: '图片读取失败，请换一张重试' }
    }
    const res = await uploadFile(local, materialCloudPath(target.schemeId, target.unitId, target.itemId, newPhotoName()))
    if (!res.ok) return { ok: false, message: res.message || '上传失败，请重试' }
    fileIds.push(res.data.fileID)
  }
  return { ok: true, fileIds }
}

/** `2026-11-23` (China time). */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(Date.parse(iso) + 8 * 3600e3)
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`
}
