import { createFunction, type Handlers } from '../kernel'
import { reportContract } from '../../src/domain/contracts/report'
import { onMediaCheck } from './photos'
import { cosign, detail, myList, nearbyOpen, rate, revisit, submit } from './resident'
import {
  acceptDispatch,
  escalate,
  merge,
  outOfScope,
  overdueBoard,
  redispatch,
  reject,
  replyTemplatesHandler,
  sendBack,
  staffDetail,
  staffQueue,
  stats,
  verifyClose,
} from './staff'
import { overdueTimer } from './timers'
import { retentionTimer } from './retention'
import { acknowledge, rectify, returnToStaff, unitDetail, unitTasks } from './unit'

/**
 * 随手拍 — a resident's report, from photo to fixed.
 *
 *   resident.ts  submit, myList, detail, cosign, nearbyOpen, rate, revisit
 *   staff.ts     staffQueue, staffDetail, acceptDispatch, reject, merge, outOfScope, verifyClose, sendBack,
 *                redispatch, escalate, replyTemplates, overdueBoard, stats
 *   unit.ts      unitTasks, unitDetail, acknowledge, rectify, returnToStaff
 *   timers.ts    the `overdue` timer: daily 督办 of overdue tasks, 回访 prompts
 *   retention.ts the `retention` timer: photos of reports closed without a fix deleted after 90 days
 *   photos.ts    photo ownership and existence, content checks and their `wxa_media_check` push
 *   flow.ts      one transition: machine → compare-and-set write + timeline event → counters, notifications
 *   repository.ts, records.ts, paging.ts, places.ts, notify.ts — storage, keyset paging, places, 订阅消息
 *
 * This function is also the project's 消息推送 target (devcloud.config.json `messagePushFunction`; in
 * WeChat: 云开发控制台 → 设置 → 消息推送, event `wxa_media_check`, to the function `report`).
 */
const handlers: Handlers<typeof reportContract> = {
  submit,
  myList,
  detail,
  cosign,
  nearbyOpen,
  rate,
  revisit,
  staffQueue,
  staffDetail,
  acceptDispatch,
  reject,
  merge,
  outOfScope,
  verifyClose,
  sendBack,
  redispatch,
  escalate,
  replyTemplates: replyTemplatesHandler,
  overdueBoard,
  stats,
  unitTasks,
  unitDetail,
  acknowledge,
  rectify,
  returnToStaff,
}

const fn = createFunction(reportContract, handlers, {
  timers: { overdue: overdueTimer, retention: retentionTimer },
  events: { wxa_media_check: onMediaCheck },
})
export const main = fn.main
export const contract = fn.contract
