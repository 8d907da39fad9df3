/**
 * Every cloud-database collection the code uses, by name. `cloudfunctions/indexes.json` declares each
 * one (a test checks), and is what devcloud creates locally and the deploy script lists for production.
 */
export const COLLECTIONS = {
  users: 'users',
  /** 操作日志: append-only, one entry per staff/unit/admin action call (kernel/audit.ts). */
  auditLog: 'audit_log',
  categories: 'categories',
  districts: 'districts',
  streets: 'streets',
  grids: 'grids',
  units: 'units',
  notices: 'notices',
  /** 随手拍 reports (`ReportDoc` + the server's bookkeeping fields, see cloudfunctions/report/records.ts). */
  reports: 'reports',
  /** Append-only timeline: one document per transition, `_id` = `<reportId>_<version>`. */
  reportEvents: 'report_events',
  /** 附议: one document per (report, resident), `_id` = `<reportId>_<openid>`; also who follows a merged report. */
  reportCosigns: 'report_cosigns',
  /** Photo content checks in flight: `_id` = the traceId of security.mediaCheckAsync → which photo of which report. */
  reportMediaChecks: 'report_media_checks',
  /** Per reporter (`_id` = OPENID): how many of their reports were accepted / rejected, for staff screens. */
  reportReporters: 'report_reporters',
  /** 问卷: definition + lifecycle (`SurveyDoc`); waves of one questionnaire share `seriesId`. */
  surveys: 'surveys',
  /** Running answer counts per survey (`<id>__all`) and per survey+district (`<id>__<districtId>`), updated in the submit transaction. */
  surveyTallies: 'survey_tallies',
  /** Submitted questionnaires, `_id` `<surveyId>_<no>`; no phone/ID numbers, OPENID only for named surveys. */
  surveyResponses: 'survey_responses',
  /** One-per-person claims, `_id` `<surveyId>_o<hash>` (user) / `<surveyId>_p<hash>` (person key). */
  surveyClaims: 'survey_claims',
  /** Free-text answers, one per (response, question), for the paged searchable list. */
  surveyTexts: 'survey_texts',
  /** Per resident (`_id` = OPENID): the district picked at first answer, hashed mobile number. */
  surveyProfiles: 'survey_profiles',
  /** 志愿者 (`VolunteerDoc`, `_id` = OPENID): registration, balances (minutes, points), upcoming slots, no-shows. */
  volunteers: 'volunteers',
  /** 志愿服务队. */
  volunteerTeams: 'volunteer_teams',
  /** 志愿活动 with posts, confirmed count and the waitlist queue (`EventDoc`). */
  volunteerEvents: 'volunteer_events',
  /** Weekly series templates (`SeriesDoc`); their events are `<seriesId>-<YYYYMMDD>`. */
  volunteerSeries: 'volunteer_series',
  /** Sign-ups with attendance and hours, `_id` `<eventId>:<openid>`. */
  volunteerSignups: 'volunteer_signups',
  /** Append-only 时间存折 ledger of hours and points (never updated). */
  volunteerLedger: 'volunteer_ledger',
  /** Monthly ranking counters, `_id` `<YYYY-MM>:v:<openid>` / `<YYYY-MM>:t:<teamId>`. */
  volunteerRankings: 'volunteer_rankings',
  /** Counters (certificate numbers per year: `cert-<year>`). */
  volunteerCounters: 'volunteer_counters',
  /** Issued 志愿服务证明, `_id` = the certificate number. */
  volunteerCertificates: 'volunteer_certificates',
  /** 爱心超市 goods and partner-shop discounts. */
  volunteerGoods: 'volunteer_goods',
  /** Redemptions with their one-time codes. */
  volunteerRedemptions: 'volunteer_redemptions',
  /** 点单 service requests from residents. */
  volunteerRequests: 'volunteer_requests',
  /** Hours correction requests. */
  volunteerCorrections: 'volunteer_corrections',
  /** Append-only audit of manual hours, corrections, confirmations, pause clearings and exports. */
  volunteerAudit: 'volunteer_audit',
  /** 曝光台 entries (`ExposureDoc`); `_id` `e-<reportId>` when made from a 随手拍 (one per report), else `e-<random>`. */
  exposures: 'exposures',
  /** Residents following an entry (notified when it is fixed), `_id` `<entryId>_<openid>`. */
  exposureFollows: 'exposure_follows',
  /** One view per person per entry per day (`_id` a digest of the three), so the view count is not inflated; purged after 2 days. */
  exposureViews: 'exposure_views',
  /** 红黑榜 issues (`IssueDoc`): drafts, pending approval, published (immutable). */
  boardIssues: 'board_issues',
  /** Corrections and follow-ups appended to published issues (`NoteDoc`). */
  boardNotes: 'board_notes',
  /** Confirmed photo masks, one per original (`_id` a digest of the original's fileID): the original stays private. */
  boardMasks: 'board_masks',
  /** The city's 红黑榜 settings with the 期 counter (`_id` `redblack`), and one claim per published period (`period-<cadence>-<startDay>`). */
  boardSettings: 'board_settings',
  /** 考评方案 (`SchemeDoc`): items and points, period, units in scope; frozen once open. */
  assessSchemes: 'assess_schemes',
  /** 考评表, one per unit per scheme (`CardDoc`, `_id` `<schemeId>__<unitId>`): every item's material, review and score, and the total. */
  assessCards: 'assess_cards',
  /** Published 考评通报 (`BulletinDoc`, `_id` = the scheme's id), immutable snapshots of the ranking. */
  assessBulletins: 'assess_bulletins',
  /** 通报 numbers per year (`_id` `bulletin-<year>`). */
  assessCounters: 'assess_counters',
  /** Per caller and rate class (`_id` `<class>:<openid>`): the current window and the calls counted in it (kernel/rate-limit.ts). */
  rateLimits: 'rate_limits',
  /** 台账 export jobs (`ExportJobDoc` in cloudfunctions/ledger/jobs.ts): filters, cursor, parts, progress, the file. */
  ledgerExports: 'ledger_exports',
  /** 数据看板 counters, one per China calendar day (`_id` = `YYYY-MM-DD`), rolled up from `report_events`. */
  statsDaily: 'stats_daily',
  /** The rollup's checkpoint with reports per status and open unit tasks by deadline day (`_id` `rollup`), and the 通报 counter (`ranking-no`). */
  statsState: 'stats_state',
  /** Published unit ranking 通报 (`_id` `no-<期号>`), immutable; one per period (`period-<from>-<to>` claims in stats_state). */
  statsRankings: 'stats_rankings',
} as const
export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]
