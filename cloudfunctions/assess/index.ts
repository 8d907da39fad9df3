import { createFunction, type Handlers } from '../kernel'
import { assessContract } from '../../src/domain/contracts/assess'
import { schemeDetail, schemeList, schemeOpen, schemeOptions, schemeSave } from './schemes'
import { cardDetail, fieldScore, myCards, review, reviewQueue, setTeam, submitMaterial } from './cards'
import { recompute } from './recompute'
import { bulletinDetail, bulletinList, publish } from './bulletins'

/**
 * 考评 (unit assessment).
 *
 *   schemes.ts    staff: options (templates, surveys, teams), list, detail with the live ranking, save (draft), open
 *   cards.ts      考评表: unit's own card and material upload; staff review (通过/退回补充), field scores, queue, unit's team
 *   recompute.ts  data items scored from the period's records (metrics.ts: reports, 周五环境整治, survey tallies)
 *   bulletins.ts  publish the numbered 考评通报 (frozen snapshot); list and read (staff and units)
 *   store.ts      collections, loads, the per-item compare-and-set write
 */
const handlers: Handlers<typeof assessContract> = {
  schemeOptions,
  schemeList,
  schemeDetail,
  schemeSave,
  schemeOpen,
  reviewQueue,
  cardDetail,
  submitMaterial,
  review,
  fieldScore,
  setTeam,
  recompute,
  publish,
  bulletinList,
  bulletinDetail,
  myCards,
}

const fn = createFunction(assessContract, handlers)
export const main = fn.main
export const contract = fn.contract
