import { z } from 'zod'
import { defineAction, defineContract } from '../core/contract'
import {
  certificateCheckSchema,
  certificateNumberSchema,
  certificateSchema,
  clientIdSchema,
  completeRequestInputSchema,
  correctionStatusSchema,
  correctionViewSchema,
  createSeriesInputSchema,
  eventDetailSchema,
  eventFieldsShape,
  eventStatusSchema,
  eventSummarySchema,
  goodsViewSchema,
  idSchema,
  isoSchema,
  latSchema,
  ledgerEntryViewSchema,
  levelProgressSchema,
  lngSchema,
  monthSchema,
  mySignupViewSchema,
  pageInput,
  pageOf,
  rankingItemSchema,
  rankingKindSchema,
  rateRequestInputSchema,
  reasonSchema,
  redemptionCheckSchema,
  redemptionCodeSchema,
  redemptionViewSchema,
  registerInputSchema,
  registrationStatusSchema,
  requestCorrectionInputSchema,
  requestReasonSchema,
  requestStatusSchema,
  requestViewSchema,
  resolveCorrectionInputSchema,
  reviewInputSchema,
  rosterRowSchema,
  saveGoodsInputSchema,
  saveTeamInputSchema,
  serviceTypeSchema,
  submitRequestInputSchema,
  teamViewSchema,
  updateProfileInputSchema,
  volunteerOwnViewSchema,
  volunteerStaffViewSchema,
} from '../volunteer'

/**
 * 志愿服务 (`volunteer` cloud function).
 *
 * Roles: `resident` = anyone (browse events, register, 点单); `volunteer` = approved volunteers (sign up, scan,
 * record, redeem, take requests); `staff` = 创城办 (approve, organise events, attendance, confirm hours, verify
 * codes, dispatch requests). A staff member who is also a volunteer cannot confirm, add or correct their own hours.
 *
 * Hours are integer minutes everywhere (`formatHours` in src/domain/volunteer renders them). Mobile and ID
 * numbers never appear in lists: the volunteer sees their own mobile, staff see it masked; the ID number is
 * only ever masked.
 *
 * Errors: FORBIDDEN — not yours / not approved / sign-ups paused; CONFLICT — the state does not allow it (full
 * waitlist, window closed, overlap, out of stock, not enough points, already verified …); NOT_FOUND.
 */

const byId = { id: idSchema }
const byEvent = { eventId: idSchema.meta({ title: '活动' }) }
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) })

/** Volunteer totals for the record page. */
export const volunteerRecordSchema = z.object({
  name: z.string(),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  totalMinutes: z.number().int(),
  points: z.number().int(),
  pointsEarned: z.number().int(),
  pointsSpent: z.number().int(),
  serviceCount: z.number().int(),
  level: levelProgressSchema,
  firstServiceAt: isoSchema.nullable(),
  lastServiceAt: isoSchema.nullable(),
  /** Confirmed minutes in the current (Beijing) month. */
  monthMinutes: z.number().int(),
  /** Participations whose hours await the organiser's confirmation. */
  pendingMinutes: z.number().int(),
})
export type VolunteerRecord = z.infer<typeof volunteerRecordSchema>

export const scanResultSchema = z.object({
  eventId: z.string(),
  eventTitle: z.string(),
  kind: z.enum(['in', 'out']),
  at: isoSchema,
  distanceM: z.number().int(),
  /** After a check-out: the recorded minutes (pending confirmation). */
  minutes: z.number().int().nullable(),
  /** Scanning the same kind again answers the first time, unchanged. */
  repeated: z.boolean(),
})
export type ScanResult = z.infer<typeof scanResultSchema>

export const rosterCountsSchema = z.object({
  confirmed: z.number().int(),
  waitlisted: z.number().int(),
  checkedIn: z.number().int(),
  checkedOut: z.number().int(),
  noShows: z.number().int(),
  hoursPending: z.number().int(),
  hoursConfirmed: z.number().int(),
})

export const volunteerContract = defineContract('volunteer', {
  // ----------------------------------------------------------------------------------- everyone (resident)
  register: defineAction({
    summary: '志愿者实名注册（待创城办审核；审核前可修改后重新提交）',
    roles: ['resident'],
    input: registerInputSchema,
    output: volunteerOwnViewSchema,
  }),
  myProfile: defineAction({
    effect: 'read',
    summary: '我的志愿者档案（未注册时为 null）',
    roles: ['resident'],
    input: z.strictObject({}),
    output: z.object({ profile: volunteerOwnViewSchema.nullable() }),
  }),
  listTeams: defineAction({
    effect: 'read',
    summary: '志愿服务队列表',
    roles: ['resident'],
    input: z.strictObject({ districtId: idSchema.optional().meta({ title: '辖区' }) }),
    output: items(teamViewSchema),
  }),
  listEvents: defineAction({
    effect: 'read',
    summary: '志愿活动（即将开始的按时间先后，已结束的最近在前），含我的报名状态',
    roles: ['resident'],
    input: z.strictObject({
      scope: z.enum(['upcoming', 'past']).default('upcoming').meta({ title: '范围' }),
      type: serviceTypeSchema.optional().meta({ title: '活动类型' }),
      teamId: idSchema.optional().meta({ title: '志愿服务队' }),
      ...pageInput,
    }),
    output: pageOf(eventSummarySchema),
  }),
  getEvent: defineAction({
    effect: 'read',
    summary: '活动详情：地点、集合点、点位及缺员、名额与候补、我的报名',
    roles: ['resident'],
    input: z.strictObject(byId),
    output: eventDetailSchema,
  }),
  rankings: defineAction({
    effect: 'read',
    summary: '月度排行（志愿者或服务队，按确认的服务时长）',
    roles: ['resident'],
    input: z.strictObject({
      kind: rankingKindSchema.default('volunteer').meta({ title: '排行类型' }),
      /** Default: the current Beijing month. */
      month: monthSchema.optional().meta({ title: '月份' }),
      limit: z.number().int().min(1).max(100).default(50),
    }),
    output: z.object({
      month: z.string(),
      kind: rankingKindSchema,
      items: z.array(rankingItemSchema),
      /** The caller (volunteer ranking) or the caller's team (team ranking), even outside the top. */
      me: rankingItemSchema.nullable(),
    }),
  }),
  listGoods: defineAction({
    effect: 'read',
    summary: '爱心超市：可兑换的物品和特惠商户优惠（staff 可含已下架）',
    roles: ['resident'],
    input: z.strictObject({ includeInactive: z.boolean().default(false).meta({ title: '含已下架' }) }),
    output: items(goodsViewSchema),
  }),
  verifyCertificate: defineAction({
    effect: 'read',
    summary: '凭编号查验志愿服务证明',
    roles: ['resident'],
    input: z.strictObject({ number: certificateNumberSchema.meta({ title: '证明编号' }) }),
    output: certificateCheckSchema,
  }),
  submitRequest: defineAction({
    summary: '点单：市民提出志愿服务需求',
    roles: ['resident'],
    input: submitRequestInputSchema,
    output: requestViewSchema,
  }),
  myRequests: defineAction({
    effect: 'read',
    summary: '我提出的服务需求（最新在前）',
    roles: ['resident'],
    input: z.strictObject({ ...pageInput }),
    output: pageOf(requestViewSchema),
  }),
  cancelRequest: defineAction({
    summary: '撤回服务需求（接单前）',
    roles: ['resident'],
    input: z.strictObject({ ...byId, reason: requestReasonSchema.optional() }),
    output: requestViewSchema,
  }),
  rateRequest: defineAction({
    summary: '评单：评价已完成的服务（评价后为志愿者记入服务时长）',
    roles: ['resident'],
    input: rateRequestInputSchema,
    output: requestViewSchema,
  }),

  // ------------------------------------------------------------------------------------------- volunteer
  updateProfile: defineAction({
    summary: '修改志愿者资料（手机号、专长、服务意向、服务区域、可服务时间）',
    roles: ['volunteer'],
    input: updateProfileInputSchema,
    output: volunteerOwnViewSchema,
  }),
  signUp: defineAction({
    summary: '报名活动（名额已满则进入候补，取消报名时按顺序递补）；可选点位',
    roles: ['volunteer'],
    input: z.strictObject({ ...byEvent, postId: z.string().regex(/^p\d{1,3}$/).optional().meta({ title: '点位' }) }),
    output: z.object({ signup: mySignupViewSchema, event: eventSummarySchema }),
  }),
  cancelSignUp: defineAction({
    summary: '取消报名（报名截止前）；候补第一位自动递补并收到通知',
    roles: ['volunteer'],
    input: z.strictObject(byEvent),
    output: z.object({ eventId: z.string(), cancelled: z.literal(true), event: eventSummarySchema }),
  }),
  mySignUps: defineAction({
    effect: 'read',
    summary: '我的报名与服务记录（即将开始的按时间先后，过往的最近在前）',
    roles: ['volunteer'],
    input: z.strictObject({ scope: z.enum(['upcoming', 'past']).default('upcoming'), ...pageInput }),
    output: pageOf(mySignupViewSchema),
  }),
  scan: defineAction({
    summary: '扫码签到/签退（扫描组织者屏幕上的动态二维码，需在活动地点附近）',
    roles: ['volunteer'],
    input: z.strictObject({
      token: z.string().min(10).max(200).meta({ title: '签到码' }),
      lat: latSchema.meta({ title: '纬度' }),
      lng: lngSchema.meta({ title: '经度' }),
    }),
    output: scanResultSchema,
  }),
  myRecord: defineAction({
    effect: 'read',
    summary: '时间存折：累计时长、星级、积分',
    roles: ['volunteer'],
    input: z.strictObject({}),
    output: volunteerRecordSchema,
  }),
  myLedger: defineAction({
    effect: 'read',
    summary: '时长与积分明细（最新在前）',
    roles: ['volunteer'],
    input: z.strictObject({ ...pageInput }),
    output: pageOf(ledgerEntryViewSchema),
  }),
  requestCorrection: defineAction({
    summary: '申请更正某次活动的服务时长',
    roles: ['volunteer'],
    input: requestCorrectionInputSchema,
    output: correctionViewSchema,
  }),
  myCorrections: defineAction({
    effect: 'read',
    summary: '我的时长更正申请',
    roles: ['volunteer'],
    input: z.strictObject({ ...pageInput }),
    output: pageOf(correctionViewSchema),
  }),
  issueCertificate: defineAction({
    summary: '开具志愿服务证明（编号、出具组织、时长、服务内容、期间；可保存为图片）',
    roles: ['volunteer'],
    input: z.strictObject({
      from: isoSchema.optional().meta({ title: '起始日期' }),
      to: isoSchema.optional().meta({ title: '截止日期' }),
      /** Also render an SVG into cloud storage and return a temporary URL. */
      render: z.boolean().default(true),
    }),
    output: certificateSchema,
  }),
  myCertificates: defineAction({
    effect: 'read',
    summary: '我开具过的志愿服务证明',
    roles: ['volunteer'],
    input: z.strictObject({ ...pageInput }),
    output: pageOf(certificateSchema),
  }),
  redeem: defineAction({
    summary: '爱心超市兑换（扣积分、减库存，得到一次性核销码）',
    roles: ['volunteer'],
    input: z.strictObject({ goodsId: idSchema.meta({ title: '商品' }), clientId: clientIdSchema.optional() }),
    output: z.object({ redemption: redemptionViewSchema, points: z.number().int(), replayed: z.boolean() }),
  }),
  myRedemptions: defineAction({
    effect: 'read',
    summary: '我的兑换记录（未核销的显示核销码）',
    roles: ['volunteer'],
    input: z.strictObject({ ...pageInput }),
    output: pageOf(redemptionViewSchema),
  }),
  cancelRedemption: defineAction({
    summary: '取消未核销的兑换（退回积分和库存）',
    roles: ['volunteer'],
    input: z.strictObject(byId),
    output: z.object({ redemption: redemptionViewSchema, points: z.number().int() }),
  }),
  teamRequests: defineAction({
    effect: 'read',
    summary: '接单：派给我所在服务队的待接需求（open），或我接的需求（mine）',
    roles: ['volunteer'],
    input: z.strictObject({ scope: z.enum(['open', 'mine']).default('open'), ...pageInput }),
    output: pageOf(requestViewSchema),
  }),
  takeRequest: defineAction({
    summary: '接单（同一需求只能一人接）',
    roles: ['volunteer'],
    input: z.strictObject(byId),
    output: requestViewSchema,
  }),
  releaseRequest: defineAction({
    summary: '放弃已接的需求（退回服务队待接）',
    roles: ['volunteer'],
    input: z.strictObject({ ...byId, reason: requestReasonSchema }),
    output: requestViewSchema,
  }),
  completeRequest: defineAction({
    summary: '服务完成，填写服务时长（市民评价后记入）',
    roles: ['volunteer'],
    input: completeRequestInputSchema,
    output: requestViewSchema,
  }),

  // ----------------------------------------------------------------------------------------------- staff
  listRegistrations: defineAction({
    effect: 'read',
    summary: '志愿者列表与注册审核（手机号、身份证号仅显示掩码）',
    roles: ['staff'],
    input: z.strictObject({
      status: registrationStatusSchema.optional().meta({ title: '审核状态' }),
      teamId: idSchema.optional().meta({ title: '志愿服务队' }),
      ...pageInput,
    }),
    output: pageOf(volunteerStaffViewSchema),
  }),
  getVolunteer: defineAction({
    effect: 'read',
    summary: '志愿者详情（掩码）',
    roles: ['staff'],
    input: z.strictObject({ openid: idSchema }),
    output: volunteerStaffViewSchema,
  }),
  reviewRegistration: defineAction({
    summary: '审核志愿者注册（通过即授予志愿者身份）',
    roles: ['staff'],
    input: reviewInputSchema,
    output: volunteerStaffViewSchema,
  }),
  clearPause: defineAction({
    summary: '恢复因多次爽约暂停的报名资格',
    roles: ['staff'],
    input: z.strictObject({ openid: idSchema, note: reasonSchema }),
    output: volunteerStaffViewSchema,
  }),
  saveTeam: defineAction({
    summary: '新建或修改志愿服务队',
    roles: ['staff'],
    input: saveTeamInputSchema,
    output: teamViewSchema,
  }),
  staffEvents: defineAction({
    effect: 'read',
    summary: '活动管理列表（含草稿和已取消，按开始时间倒序）',
    roles: ['staff'],
    input: z.strictObject({ status: eventStatusSchema.optional().meta({ title: '状态' }), seriesId: idSchema.optional(), ...pageInput }),
    output: pageOf(eventSummarySchema),
  }),
  saveEvent: defineAction({
    summary: '新建活动（草稿）或修改草稿/报名中的活动；点位含任务和所需人数',
    roles: ['staff'],
    input: z.strictObject({ id: idSchema.optional().meta({ title: '活动' }), ...eventFieldsShape }),
    output: eventDetailSchema,
  }),
  publishEvent: defineAction({
    summary: '发布活动（开始前 7 天开放报名）',
    roles: ['staff'],
    input: z.strictObject(byId),
    output: eventDetailSchema,
  }),
  cancelEvent: defineAction({
    summary: '取消活动（通知已报名和候补的志愿者）',
    roles: ['staff'],
    input: z.strictObject({ ...byId, reason: reasonSchema }),
    output: z.object({ event: eventDetailSchema, notified: z.number().int() }),
  }),
  createSeries: defineAction({
    summary: '按模板生成每周活动（如每周五环境整治）；按日期幂等，可传 seriesId 续建',
    roles: ['staff'],
    input: createSeriesInputSchema,
    output: z.object({ seriesId: z.string(), created: z.array(z.string()), existing: z.array(z.string()) }),
  }),
  eventRoster: defineAction({
    effect: 'read',
    summary: '活动名单：报名、候补、点位分配、签到签退、时长及缺员点位',
    roles: ['staff'],
    input: z.strictObject(byId),
    output: z.object({ event: eventDetailSchema, rows: z.array(rosterRowSchema), counts: rosterCountsSchema }),
  }),
  assignPost: defineAction({
    summary: '为志愿者分配点位（null 为取消分配）',
    roles: ['staff'],
    input: z.strictObject({ ...byEvent, openid: idSchema, postId: z.string().regex(/^p\d{1,3}$/).nullable() }),
    output: z.object({ event: eventDetailSchema, row: rosterRowSchema }),
  }),
  checkinToken: defineAction({
    effect: 'read',
    summary: '签到/签退动态码（每 10 秒刷新，20 秒内有效）',
    roles: ['staff'],
    input: z.strictObject({ ...byEvent, kind: z.enum(['in', 'out']).meta({ title: '签到或签退' }) }),
    output: z.object({ token: z.string(), expiresAt: isoSchema, refreshAfterMs: z.number().int() }),
  }),
  markAttendance: defineAction({
    summary: '手动签到/签退（志愿者无法扫码时）',
    roles: ['staff'],
    input: z.strictObject({ ...byEvent, openid: idSchema, kind: z.enum(['in', 'out']) }),
    output: rosterRowSchema,
  }),
  setManualHours: defineAction({
    summary: '补录服务时长（漏签退、往期活动）：须说明理由，不超过活动时长，留痕',
    roles: ['staff'],
    input: z.strictObject({
      ...byEvent,
      openid: idSchema,
      minutes: z.number().int().min(1).max(12 * 60).meta({ title: '服务时长（分钟）' }),
      reason: reasonSchema,
    }),
    output: rosterRowSchema,
  }),
  confirmHours: defineAction({
    summary: '确认服务时长（记入时间存折和积分；不能确认自己的）',
    roles: ['staff'],
    input: z.strictObject({ ...byEvent, openids: z.array(idSchema).min(1).max(500).optional().meta({ title: '志愿者（默认全部待确认）' }) }),
    output: z.object({
      confirmed: z.number().int(),
      minutes: z.number().int(),
      skipped: z.array(z.object({ openid: z.string(), reason: z.string() })),
    }),
  }),
  listCorrections: defineAction({
    effect: 'read',
    summary: '时长更正申请',
    roles: ['staff'],
    input: z.strictObject({ status: correctionStatusSchema.default('pending'), ...pageInput }),
    output: pageOf(correctionViewSchema),
  }),
  resolveCorrection: defineAction({
    summary: '处理时长更正（通过则记更正流水，留痕）',
    roles: ['staff'],
    input: resolveCorrectionInputSchema,
    output: correctionViewSchema,
  }),
  exportHours: defineAction({
    effect: 'export',
    summary: '导出已确认时长（CSV，供录入全国志愿服务信息系统）',
    roles: ['staff'],
    input: z.strictObject({ from: isoSchema.meta({ title: '确认时间起' }), to: isoSchema.meta({ title: '确认时间止' }) }),
    output: z.object({ fileId: z.string(), url: z.string(), rows: z.number().int(), totalMinutes: z.number().int() }),
  }),
  saveGoods: defineAction({
    summary: '爱心超市：新建或修改商品/特惠（积分价格、库存、每人限兑）',
    roles: ['staff'],
    input: saveGoodsInputSchema,
    output: goodsViewSchema,
  }),
  checkRedemption: defineAction({
    effect: 'read',
    summary: '查询核销码（核销前确认）',
    roles: ['staff'],
    input: z.strictObject({ code: redemptionCodeSchema }),
    output: redemptionCheckSchema,
  }),
  verifyRedemption: defineAction({
    summary: '核销兑换码（每个码只能核销一次）',
    roles: ['staff'],
    input: z.strictObject({ code: redemptionCodeSchema }),
    output: redemptionCheckSchema,
  }),
  listRequests: defineAction({
    effect: 'read',
    summary: '派单台：市民服务需求（待派单的最早在前）',
    roles: ['staff'],
    input: z.strictObject({ status: requestStatusSchema.default('submitted'), ...pageInput }),
    output: pageOf(requestViewSchema),
  }),
  dispatchRequest: defineAction({
    summary: '派单：把需求派给志愿服务队（通知队员）',
    roles: ['staff'],
    input: z.strictObject({ ...byId, teamId: idSchema.meta({ title: '志愿服务队' }) }),
    output: requestViewSchema,
  }),
  rejectRequest: defineAction({
    summary: '不予受理服务需求（说明理由）',
    roles: ['staff'],
    input: z.strictObject({ ...byId, reason: requestReasonSchema }),
    output: requestViewSchema,
  }),
})
export type VolunteerContract = typeof volunteerContract
