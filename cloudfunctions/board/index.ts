import { createFunction, type Handlers } from '../kernel'
import { boardContract } from '../../src/domain/contracts/board'
import { exposureDetail, exposureFeed, exposureFollow, exposureReply } from './exposures'
import {
  exposureCandidates,
  exposureFromReport,
  exposurePublish,
  exposureRecordFix,
  exposureSave,
  exposureStaffDetail,
  exposureStaffList,
  exposureWithdraw,
} from './exposure-admin'
import { issueDetail, issueFeed } from './issues'
import {
  boardSettings,
  issueAppendNote,
  issueApprove,
  issueCreateDraft,
  issueReportOptions,
  issueReturn,
  issueSave,
  issueStaffDetail,
  issueStaffList,
  issueSubmit,
  updateBoardSettings,
} from './issue-admin'
import { confirmMask } from './masks'
import { syncTimer } from './timers'

/**
 * 曝光台 and 红黑榜.
 *
 *   exposures.ts       public: exposureFeed, exposureDetail (counts a view), exposureFollow, exposureReply (unit)
 *   exposure-admin.ts  staff: list, detail, candidates, fromReport, save, publish, withdraw, recordFix
 *   issues.ts          public: issueFeed (archive by year), issueDetail (black entries' live status, notes)
 *   issue-admin.ts     staff/admin: settings, drafts from data, save, submit, return, approve (numbered), notes
 *   masks.ts           confirmMask: the masked copy of a photo, recorded against its private original
 *   proposals.ts       the period's figures (aggregates) behind a draft's proposals
 *   timers.ts          `sync`: exposure status from reports, fixed notices to followers, view-mark purge
 *   store.ts, notify.ts — storage, keyset paging, transactions; subscribe messages
 */
const handlers: Handlers<typeof boardContract> = {
  exposureFeed,
  exposureDetail,
  exposureFollow,
  exposureReply,
  exposureStaffList,
  exposureStaffDetail,
  exposureCandidates,
  exposureFromReport,
  exposureSave,
  exposurePublish,
  exposureWithdraw,
  exposureRecordFix,
  confirmMask,
  issueFeed,
  issueDetail,
  boardSettings,
  updateBoardSettings,
  issueStaffList,
  issueCreateDraft,
  issueStaffDetail,
  issueSave,
  issueSubmit,
  issueReturn,
  issueApprove,
  issueAppendNote,
  issueReportOptions,
}

const fn = createFunction(boardContract, handlers, { timers: { sync: syncTimer } })
export const main = fn.main
export const contract = fn.contract
