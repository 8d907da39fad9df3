import { userContract } from './user'
import { cityContract } from './city'
import { reportContract } from './report'
import { surveyContract } from './survey'
import { volunteerContract } from './volunteer'
import { boardContract } from './board'
import { auditContract } from './audit'
import { statsContract } from './stats'
import { assessContract } from './assess'
import { ledgerContract } from './ledger'

/** Every cloud function's contract, by function name. The client imports only the type. */
export const contracts = {
  user: userContract,
  city: cityContract,
  report: reportContract,
  survey: surveyContract,
  volunteer: volunteerContract,
  board: boardContract,
  audit: auditContract,
  stats: statsContract,
  assess: assessContract,
  ledger: ledgerContract,
}
export type Contracts = typeof contracts

/** Functions reached over HTTP only (云函数 HTTP 访问服务), with no `{ action, payload }` contract. */
export const HTTP_FUNCTIONS = ['open311'] as const
export type FunctionName = keyof Contracts
