import { cloudPathOfFileId } from '../report/photos'

/**
 * Where a unit's 考评 material lives in cloud storage (zod-free: the app computes the upload path with it):
 *
 *   assess/<schemeId>/<unitId>/<itemId>/<name>
 *
 * The material belongs to the unit, not to one handler: any handler of the unit may replace what a
 * colleague uploaded. The server accepts on `submitMaterial` only fileIDs in the caller's unit's folder for
 * that scheme and item, so a unit cannot present another unit's files (or reuse one item's files for
 * another). Material is internal (the unit and staff see it), so unlike 随手拍 photos the path may name
 * the unit, and no content check is needed before anyone sees it.
 */
export const MATERIAL_ROOT = 'assess'

const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$/

export function materialFolder(schemeId: string, unitId: string, itemId: string): string {
  if (![schemeId, unitId, itemId].every((s) => SEGMENT.test(s))) throw new RangeError('invalid material folder')
  return `${MATERIAL_ROOT}/${schemeId}/${unitId}/${itemId}`
}

/** The cloudPath the app uploads one file to. `name` is unique per file, e.g. `<timestamp>-<random>.jpg`. */
export function materialCloudPath(schemeId: string, unitId: string, itemId: string, name: string): string {
  if (!FILE_NAME.test(name)) throw new RangeError(`invalid material file name: ${name}`)
  return `${materialFolder(schemeId, unitId, itemId)}/${name}`
}

/** The file was uploaded into that unit's folder for that scheme and item. */
export function isUnitMaterial(fileId: string, schemeId: string, unitId: string, itemId: string): boolean {
  const path = cloudPathOfFileId(fileId)
  if (!path || ![schemeId, unitId, itemId].every((s) => SEGMENT.test(s))) return false
  const folder = materialFolder(schemeId, unitId, itemId)
  return path.startsWith(`${folder}/`) && FILE_NAME.test(path.slice(folder.length + 1))
}
