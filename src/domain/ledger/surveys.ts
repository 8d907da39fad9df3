import type { SurveyQuestion } from '../survey/constants'
import { exportTable, type ExportResponse } from '../survey/export'
import type { LedgerSheet, Row } from './table'

/**
 * 问卷答卷台账: the survey export's own table (`survey/export.ts`) — one row per response, the respondent
 * only as their number in the survey, no personal keys — cut into parts by respondent number.
 */
export function surveySheets(questions: readonly SurveyQuestion[]): LedgerSheet[] {
  return [{ name: '答卷', header: exportTable(questions, [])[0], numeric: [0] }]
}

export function surveyRows(questions: readonly SurveyQuestion[], responses: readonly ExportResponse[]): Row[] {
  return exportTable(questions, responses).slice(1)
}
