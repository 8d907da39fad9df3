/**
 * How each dashboard figure is defined, in the words shown next to it. Zod-free: the dashboard and the
 * published 通报 print these, so staff and units read the same definition the numbers were computed by.
 */
export const ON_TIME_DEFINITION =
  '按时整改率 = 统计期内核验销号的问题中，该单位每次提交整改（或退回）都在当时整改时限内的问题数 ÷ 统计期内该单位整改后销号的问题数。未销号的问题不计入；当前已超期的另计“超期未整改”。'
export const HANDLING_DEFINITION = '平均整改用时：派单（含核验未通过后重新整改）至单位提交整改结果的平均小时数。平均办结用时：市民提交至核验销号的平均小时数。'
export const OVERDUE_DEFINITION = '超期未整改：此刻仍在该单位处（待整改、整改中）且已过整改时限的问题数。'
export const ESCALATION_DEFINITION = '督办：统计期内对该单位超期问题发出的督办次数（系统每日一次，工作人员可手动督办）。'
export const RANKING_RULE =
  '排名规则：按时整改率高者在前；相同时超期未整改少者在前；再相同时督办次数少者在前；再相同时平均整改用时短者在前。统计期内无销号问题的单位不参与排名，列于表末。'
export const HOTSPOT_DEFINITION = '热点：统计期内同一约100米网格（或同一网格/微网格）内提交两次及以上的位置，按问题数排序。'
export const VOLUNTEER_DEFINITION = '注册志愿者：实名登记已通过的人数。活跃：统计期所在月份内有已确认服务时长的志愿者人数。时长：这些月份内已确认的服务时长合计。'
