import { createFunction } from '../kernel'
import { statsContract } from '../../src/domain/contracts/stats'
import { overview } from './overview'
import { hotspots } from './places'
import { surveys, volunteers } from './people'
import { publishRanking, ranking, rankings } from './bulletins'
import { rollupUntilCaughtUp } from './rollup'
import { myUnit } from './unit'

/**
 * 数据看板 and the unit ranking (通报).
 *
 *   rollup.ts     timeline events → day counters + checkpoint (transaction per batch); timer and on read
 *   metrics.ts    per-unit figures for a period — `unitMetrics(ctx, { from, to, unitIds })` for other functions
 *   overview.ts   reports by status / category / district over time, units and their ranking
 *   unit.ts       a unit's own row of the ranking and its trend, for its handlers
 *   places.ts     hotspots: ~100 m cells and grids where problems recur
 *   people.ts     volunteer and survey figures, from those functions' own counters
 *   bulletins.ts  publish (numbered, immutable) and read the 通报
 */
export const { main, contract } = createFunction(
  statsContract,
  { overview, myUnit, hotspots, volunteers, surveys, publishRanking, rankings, ranking },
  {
    timers: {
      // Works off the backlog in batches; the function's timeout is 60 s.
      rollup: (ctx) => rollupUntilCaughtUp(ctx, { maxBatches: 100, budgetMs: 40_000 }),
    },
  },
)
