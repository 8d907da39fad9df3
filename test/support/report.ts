/**
 * Helpers for the 随手拍 function tests: photos uploaded the way the app does (into the user's own
 * folder), points inside the demo city's grids, client ids, and a submit with sensible defaults.
 */
import { buildDemoCity } from '../../scripts/seed'
import { offsetPoint, type Point } from '../../src/domain/city/geo'
import { rectifyPhotoScope, reportPhotoCloudPath, submitPhotoScope } from '../../src/domain/report'
import type { TestCloud } from './runtime'

const city = buildDemoCity(new Date('2024-05-01T00:00:00.000Z'))
const grids = new Map(city.grids.map((g) => [g._id, g]))

/** A point `east`/`north` metres from a demo (micro-)grid's centre. */
export function pointIn(gridId: string, east = 0, north = 0): Point {
  const g = grids.get(gridId)
  if (!g) throw new Error(`no demo grid ${gridId}`)
  return offsetPoint(g.center, east, north)
}

/** A tiny stand-in for a JPEG; `risky` bytes make devcloud's media check refuse it. */
export const PHOTO = Buffer.from('\xff\xd8\xff\xe0 demo photo of a street problem \xff\xd9', 'binary')
export const RISKY_PHOTO = Buffer.from('\xff\xd8\xff\xe0 BLOCKME \xff\xd9', 'binary')

let counter = 0
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36).padStart(4, '0')}`

/** A client id as the app makes one per draft. */
export const newClientId = (): string => `draft-${unique()}`

/**
 * Uploads a photo as `openid` would from the mini-program: into their folder for `scope` (a draft's
 * `submitPhotoScope(clientId)` or a 整改's `rectifyPhotoScope(reportId)`). Returns the fileID.
 */
export async function uploadPhoto(cloud: TestCloud, openid: string, scope: string, content: Buffer = PHOTO, folderOwner = openid): Promise<string> {
  const cloudPath = reportPhotoCloudPath(folderOwner, scope, `${unique()}.jpg`)
  const { fileID } = await cloud.rt.storageApi.uploadFile({ cloudPath, fileContent: content }, { uploader: openid })
  return fileID
}

/** An after-photo of `openid` (a unit handler) for the 整改 of `reportId`. */
export const uploadAfterPhoto = (cloud: TestCloud, openid: string, reportId: string, content: Buffer = PHOTO) =>
  uploadPhoto(cloud, openid, rectifyPhotoScope(reportId), content)

export interface SubmitOptions {
  categoryId?: string
  description?: string
  address?: string
  at?: Point
  photos?: string[]
  clientId?: string
}

/** Grid the tests report in by default (高新区 科学城街道, away from the seeded reports). */
export const TEST_GRID = 'g-kexue-1-a'

/** The submit payload; uploads one photo into the draft's folder unless `photos` is given. */
export async function submitPayload(cloud: TestCloud, openid: string, o: SubmitOptions = {}) {
  const at = o.at ?? pointIn(TEST_GRID)
  const clientId = o.clientId ?? newClientId()
  return {
    clientId,
    categoryId: o.categoryId ?? 'city-stall',
    description: o.description ?? '人才公寓A座门口有流动摊贩占道经营，晚上油烟很大。',
    photos: o.photos ?? [await uploadPhoto(cloud, openid, submitPhotoScope(clientId))],
    location: { lat: at.lat, lng: at.lng, address: o.address ?? '高新区人才公寓A座北门' },
  }
}

/** Submits as `openid` and returns the answer's data (throws if refused). */
export async function submitReport(cloud: TestCloud, openid: string, o: SubmitOptions = {}) {
  return cloud.as(openid).ok('report', 'submit', await submitPayload(cloud, openid, o))
}

/** Makes `openid` a unit handler of `unitId` through the user function (as an admin would). */
export async function makeUnitHandler(cloud: TestCloud, openid: string, unitId: string): Promise<void> {
  await cloud.as(openid).ok('user', 'me')
  await cloud.as('demo-admin').ok('user', 'setRoles', { openid, roles: ['unit'], unitId })
}

/** Makes `openid` 创城办 staff. */
export async function makeStaff(cloud: TestCloud, openid: string): Promise<void> {
  await cloud.as(openid).ok('user', 'me')
  await cloud.as('demo-admin').ok('user', 'setRoles', { openid, roles: ['staff'] })
}

/** Subscribe messages sent to `openid` since `from` (an index into the outbox). */
export function messagesTo(cloud: TestCloud, openid: string, from = 0) {
  return cloud.rt.outbox.slice(from).filter((m) => m.touser === openid)
}
