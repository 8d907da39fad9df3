/**
 * Helpers for the 曝光台 / 红黑榜 function tests: staff uploads into their own board folder, the masking
 * step as the app does it (upload a masked copy and a thumbnail, then `confirmMask`), and a report taken to
 * a given stage through the report function.
 */
import { boardPhotoCloudPath } from '../../src/domain/board'
import type { TestCloud } from './runtime'
import { makeUnitHandler, submitReport } from './report'

let counter = 0
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36).padStart(4, '0')}`

export const STAFF = 'demo-staff'
export const ADMIN = 'demo-admin'

/** A file `openid` uploads into `board/<openid>/…`. */
export async function uploadBoardPhoto(cloud: TestCloud, openid: string, label = 'photo'): Promise<string> {
  const cloudPath = boardPhotoCloudPath(openid, new Date(cloud.rt.clock.now()), `${label}-${unique()}.jpg`)
  const { fileID } = await cloud.rt.storageApi.uploadFile({ cloudPath, fileContent: Buffer.from(`${label} ${unique()}`) }, { uploader: openid })
  return fileID
}

/** What the 打码 tool does for one original: upload the masked copy and its thumbnail, confirm. */
export async function mask(cloud: TestCloud, original: string, regions = 1, by = STAFF) {
  const masked = await uploadBoardPhoto(cloud, by, 'masked')
  const thumb = await uploadBoardPhoto(cloud, by, 'thumb')
  return cloud.as(by).ok('board', 'confirmMask', { original, masked, thumb, regions })
}

/** A report accepted and sent to `unitId` (photos checked), returning its id and photo fileIDs. */
export async function dispatchedReport(cloud: TestCloud, reporter: string, unitId = 'u-cg-gaoxin') {
  const { report } = await submitReport(cloud, reporter)
  await cloud.rt.settle()
  await cloud.as(STAFF).ok('report', 'acceptDispatch', { id: report.id, unitId })
  return { id: report.id, photos: report.photos.map((p) => p.fileId) }
}

export { makeUnitHandler }

/** `YYYY-MM-DD` `days` from the runtime clock (China calendar). */
export function dayFromNow(cloud: TestCloud, days: number): string {
  return new Date(cloud.rt.clock.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10)
}
