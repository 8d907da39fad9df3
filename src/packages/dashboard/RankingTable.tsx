/**
 * The unit ranking as a table: on a desk one row per unit with a header; on a phone each unit is two lines
 * (place and name, then its figures, each with its label). Used by the dashboard, the publish preview and
 * the published 通报, so all three read the same. Rows: `.<rowClass>` with data-unit, data-rank, and each
 * figure `[data-field]`.
 */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { OutputOf } from '@/services/cloud'
import { pressable } from '@/components/keyboard'
import { ESCALATION_DEFINITION, HANDLING_DEFINITION, ON_TIME_DEFINITION, OVERDUE_DEFINITION, RANKING_RULE } from '@/domain/stats/definitions'
import { formatHours, formatRate } from './period'

type Row = OutputOf<'stats', 'ranking'>['rows'][number]

const FIGURES: { field: string; label: string; value: (r: Row) => string | number; warn?: (r: Row) => boolean }[] = [
  { field: 'closed', label: '销号', value: (r) => r.closed },
  { field: 'onTimeRate', label: '按时整改率', value: (r) => formatRate(r.onTimeRate) },
  { field: 'avgHandlingHours', label: '平均整改用时', value: (r) => formatHours(r.avgHandlingHours) },
  { field: 'overdue', label: '超期未整改', value: (r) => r.overdue, warn: (r) => r.overdue > 0 },
  { field: 'escalations', label: '督办', value: (r) => r.escalations, warn: (r) => r.escalations > 0 },
]

/** What the ranking's figures mean, in the order they are printed under it. */
export const RANKING_DEFINITIONS = [RANKING_RULE, ON_TIME_DEFINITION, HANDLING_DEFINITION, OVERDUE_DEFINITION, ESCALATION_DEFINITION]

export function Definitions({ texts }: { texts: readonly string[] }) {
  return (
    <View className='dash-defs'>
      {texts.map((t) => (
        <Text key={t} className='dash-def'>
          {t}
        </Text>
      ))}
    </View>
  )
}

/** Unranked units with nothing against them are folded away unless asked for (there may be dozens). */
const quiet = (r: Row) => r.rank === null && r.overdue === 0 && r.escalations === 0

export function RankingTable({ rows, rowClass, id, foldQuiet = false }: { rows: readonly Row[]; rowClass: string; id?: string; foldQuiet?: boolean }) {
  const [unfolded, setUnfolded] = useState(false)
  const folded = foldQuiet && !unfolded ? rows.filter(quiet) : []
  const shown = folded.length ? rows.filter((r) => !quiet(r)) : rows
  const unfold = () => setUnfolded(true)
  return (
    <View id={id} className='rank-table'>
      <View className='rank-row is-head'>
        <Text className='rank-cell is-rank'>名次</Text>
        <Text className='rank-cell is-name'>责任单位</Text>
        {FIGURES.map((f) => (
          <Text key={f.field} className='rank-cell'>
            {f.label}
          </Text>
        ))}
      </View>
      {shown.length === 0 ? <Text className='dash-muted rank-none'>统计期内没有单位的整改数据</Text> : null}
      {shown.map((r) => (
        <View key={r.unitId} className={`rank-row ${rowClass}`} data-unit={r.unitId} data-rank={r.rank ?? ''}>
          <Text className={`rank-cell is-rank ${r.rank !== null && r.rank <= 3 ? 'is-top' : ''}`}>{r.rank ?? '—'}</Text>
          <Text className='rank-cell is-name'>{r.unitName}</Text>
          {FIGURES.map((f) => (
            <View key={f.field} className={`rank-cell is-figure ${f.warn?.(r) ? 'is-warn' : ''}`} data-field={f.field}>
              <Text className='rank-cell__label'>{f.label}</Text>
              <Text className='rank-cell__value'>{f.value(r)}</Text>
            </View>
          ))}
        </View>
      ))}
      {folded.length ? (
        <View className='rank-fold desk-row' id={id ? `${id}-unfold` : undefined} onClick={unfold} {...pressable(unfold)}>
          <Text>另有 {folded.length} 个单位统计期内无销号、无超期、无督办（不参与排名）· 展开</Text>
        </View>
      ) : null}
    </View>
  )
}
