/**
 * What 注销账号 does to each collection (个人信息保护法 art. 47: delete personal information when the
 * person withdraws; keep only what other records of the city need, and then not linked to the person).
 *
 *   delete     the person's own records go
 *   anonymise  the record stays (a city record, an account someone else keeps), the OPENID is replaced by
 *              a tombstone and names, mobiles and free text about the person are cleared
 *   none       holds nothing that identifies a resident (or only staff acting in office)
 *
 * A test checks every collection is listed here, so a new collection forces this decision.
 * `cloudfunctions/user/erase.ts` carries it out.
 */
export type ErasureRule = { rule: 'delete' | 'anonymise' | 'none'; why: string }

// Keyed by name (not typed as complete): test/functions/privacy-account.test.ts fails while a collection is missing.
export const ERASURE_PLAN: Record<string, ErasureRule> = {
  users: { rule: 'delete', why: '昵称、角色、同意记录' },
  audit_log: {
    rule: 'anonymise',
    why: '工作人员履职留痕依法保留（工作人员须先由管理员取消角色才能注销）；以本人为对象的记录去掉用户标识和操作内容，保留谁在何时做了什么操作',
  },
  categories: { rule: 'none', why: '分类目录' },
  districts: { rule: 'none', why: '行政区划' },
  streets: { rule: 'none', why: '行政区划' },
  grids: { rule: 'none', why: '网格' },
  units: { rule: 'none', why: '责任单位' },
  notices: { rule: 'none', why: '公告' },
  reports: { rule: 'anonymise', why: '随手拍是城市的问题记录，单位的整改和曝光台依赖它：保留问题本身，举报人替换为匿名标记' },
  report_events: { rule: 'none', why: '时间线只记角色，不记个人' },
  report_cosigns: { rule: 'delete', why: '附议与关注记录属于个人' },
  report_media_checks: { rule: 'anonymise', why: '照片内容检测记录：上传者换成匿名标记' },
  report_reporters: { rule: 'delete', why: '举报人的受理统计' },
  surveys: { rule: 'none', why: '问卷定义' },
  survey_tallies: { rule: 'none', why: '汇总计数' },
  survey_responses: { rule: 'anonymise', why: '答卷计入统计结果：保留答案，去掉实名问卷里的用户标识和昵称' },
  survey_claims: { rule: 'delete', why: '“一人一份”的标记由用户或手机号推导，能认出本人' },
  survey_texts: { rule: 'none', why: '只按答卷编号保存文字答案，不含用户标识' },
  survey_profiles: { rule: 'delete', why: '所在区、手机号摘要' },
  volunteers: { rule: 'delete', why: '实名登记：姓名、手机号、证件号摘要' },
  volunteer_teams: { rule: 'none', why: '服务队' },
  volunteer_events: { rule: 'none', why: '活动（岗位和人数是汇总）' },
  volunteer_series: { rule: 'none', why: '活动模板' },
  volunteer_signups: { rule: 'anonymise', why: '活动考勤是组织方的记录：保留出勤与时长，去掉用户标识与姓名' },
  volunteer_ledger: { rule: 'anonymise', why: '服务时长台账需要对得上账：保留条目，用户标识换成匿名标记' },
  volunteer_rankings: { rule: 'anonymise', why: '月度排行保留数字，去掉姓名与用户标识' },
  volunteer_counters: { rule: 'none', why: '证书编号计数' },
  volunteer_certificates: { rule: 'delete', why: '证明上有本人姓名，注销即作废' },
  volunteer_goods: { rule: 'none', why: '爱心超市商品' },
  volunteer_redemptions: { rule: 'anonymise', why: '兑换是超市的账：保留兑换，去掉用户标识' },
  volunteer_requests: { rule: 'anonymise', why: '点单服务是志愿者的服务记录：保留服务，清除联系人、电话与地址' },
  volunteer_corrections: { rule: 'anonymise', why: '时长更正是台账的一部分：去掉用户标识' },
  volunteer_audit: { rule: 'anonymise', why: '操作留痕保留，被操作人换成匿名标记' },
  exposures: { rule: 'none', why: '曝光条目不含举报人，只有工作人员署名' },
  exposure_follows: { rule: 'delete', why: '个人的关注' },
  exposure_views: { rule: 'none', why: '浏览去重摘要，两天后清除，无法还原用户' },
  board_issues: { rule: 'none', why: '红黑榜只有工作人员署名' },
  board_notes: { rule: 'none', why: '更正说明' },
  board_masks: { rule: 'none', why: '打码图片' },
  board_settings: { rule: 'none', why: '红黑榜设置' },
  rate_limits: { rule: 'delete', why: '限流计数，文档编号含用户标识' },
  assess_schemes: { rule: 'none', why: '考评方案' },
  assess_cards: { rule: 'none', why: '责任单位考评表' },
  assess_bulletins: { rule: 'none', why: '考评通报' },
  assess_counters: { rule: 'none', why: '通报编号计数' },
  ledger_exports: { rule: 'none', why: '工作人员的台账导出任务' },
  stats_daily: { rule: 'none', why: '数据看板按日汇总计数' },
  stats_state: { rule: 'none', why: '数据看板汇总进度' },
  stats_rankings: { rule: 'none', why: '责任单位排名' },
}
