/**
 * Helpers for the 曝光台 / 红黑榜 function tests: staff uploads into their own board folder, the masking
 * step as the app does it (upload a masked copy and a thumbnail, then `confirmMask`), and a report taken to
 * a given stage through the report function.
 */
import { boardPhotoCloudPath } from '../../src/domain/board'
import type { TestCloud } from './runtime'
import { makeUnitHandler, submitReport, uploadAfterPhoto } from './report'

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

/** The unit rectifies and staff 销号 the report. */
export async function closeReport(cloud: TestCloud, reportId: string, unitHandler: string) {
  const after = await uploadAfterPhoto(cloud, unitHandler, reportId)
  await cloud.as(unitHandler).ok('report', 'rectify', { id: reportId, photos: [after], note: '已清理占道摊点，恢复人行道通行。' })
  await cloud.rt.settle()
  await cloud.as(STAFF).ok('report', 'verifyClose', { id: reportId, note: '现场核验已整改到位。' })
  return after
}

export { makeUnitHandler }

/** `YYYY-MM-DD` `days` from the runtime clock (China calendar). */
export function dayFromNow(cloud: TestCloud, days: number): string {
  return new Date(cloud.rt.clock.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10)
}
