import { createFunction, type Handlers } from '../kernel'
import { volunteerContract } from '../../src/domain/contracts/volunteer'
import { clearPause, getVolunteer, listRegistrations, listTeams, myProfile, register, reviewRegistration, saveTeam, updateProfile } from './registration'
import { assignPost, cancelEvent, createSeries, eventRoster, getEvent, listEvents, publishEvent, saveEvent, staffEvents } from './events'
import { cancelSignUp, mySignUps, signUp } from './signups'
import {
  checkinToken,
  confirmHours,
  listCorrections,
  markAttendance,
  myCorrections,
  requestCorrection,
  resolveCorrection,
  scan,
  setManualHours,
} from './attendance'
import { exportHours, issueCertificate, myCertificates, myLedger, myRecord, rankings, verifyCertificate } from './record'
import { cancelRedemption, checkRedemption, listGoods, myRedemptions, redeem, saveGoods, verifyRedemption } from './mall'
import {
  cancelRequest,
  completeRequest,
  dispatchRequest,
  listRequests,
  myRequests,
  rateRequest,
  rejectRequest,
  releaseRequest,
  submitRequest,
  takeRequest,
  teamRequests,
} from './requests'
import { tick } from './timers'

/**
 * 志愿服务 — registration, events and posts, sign-ups with waitlists, QR check-in, hours, the 时间存折 ledger,
 * 爱心超市 and 点单/派单/接单/评单.
 *
 *   registration.ts  register, myProfile, updateProfile, teams, staff review, clearing no-show pauses
 *   events.ts        events (draft → published → ongoing → finished | cancelled), weekly series, roster, posts
 *   signups.ts       signUp / cancelSignUp (one transaction each: capacity, waitlist order, overlaps), mySignUps
 *   attendance.ts    check-in tokens, scan, hand marking, manual hours, confirmation, corrections
 *   record.ts        record, ledger, rankings, certificates, CSV export
 *   mall.ts          爱心超市: goods, redeem (transaction: points + stock), verification
 *   requests.ts      点单 → 派单 → 接单 → 评单
 *   timers.ts        `tick`: status by the clock, no-shows, series ahead, auto-credit
 *   credit.ts, repo.ts, notify.ts, secrets.ts — crediting in a transaction, storage, 订阅消息, HMAC/random
 */
const handlers: Handlers<typeof volunteerContract> = {
  register,
  myProfile,
  listTeams,
  listEvents,
  getEvent,
  rankings,
  listGoods,
  verifyCertificate,
  submitRequest,
  myRequests,
  cancelRequest,
  rateRequest,
  updateProfile,
  signUp,
  cancelSignUp,
  mySignUps,
  scan,
  myRecord,
  myLedger,
  requestCorrection,
  myCorrections,
  issueCertificate,
  myCertificates,
  redeem,
  myRedemptions,
  cancelRedemption,
  teamRequests,
  takeRequest,
  releaseRequest,
  completeRequest,
  listRegistrations,
  getVolunteer,
  reviewRegistration,
  clearPause,
  saveTeam,
  staffEvents,
  saveEvent,
  publishEvent,
  cancelEvent,
  createSeries,
  eventRoster,
  assignPost,
  checkinToken,
  markAttendance,
  setManualHours,
  confirmHours,
  listCorrections,
  resolveCorrection,
  exportHours,
  saveGoods,
  checkRedemption,
  verifyRedemption,
  listRequests,
  dispatchRequest,
  rejectRequest,
}

const fn = createFunction(volunteerContract, handlers, { timers: { tick } })
export const main = fn.main
export const contract = fn.contract
