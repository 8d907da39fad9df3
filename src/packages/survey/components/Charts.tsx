/**
 * Dependency-free charts drawn with views (percent-width bars), so they look the same in WeChat and H5.
 * Test hooks: `.sq-bars` (data-question), `.sq-bar` (data-option, data-count), `.sq-rate` (data-metric,
 * data-rate, data-n, data-low, data-high).
 */
import { Text, View } from '@tarojs/components'
import type { QuestionResult } from '@/domain/survey/schema'
import type { MetricResult } from '@/domain/survey/stats'
import { formatInterval, formatPercent } from '@/domain/survey/stats'

const pct = (x: number | null | undefined): string => `${Math.max(0, Math.min(100, (x ?? 0) * 100)).toFixed(1)}%`

/** One question's answer distribution: a bar per option, positive answers in the civic red. */
export function OptionBars({ question }: { question: QuestionResult }) {
  return (
    <View className='sq-bars' data-question={question.id}>
      {question.options.map((o) => (
        <View key={o.id} className='sq-bar' data-option={o.id} data-count={o.count}>
          <View className='sq-bar__top'>
            <Text className='sq-bar__label'>
              {o.label}
              {o.positive ? <Text className='sq-bar__pos'> 正向</Text> : null}
            </Text>
            <Text className='sq-bar__value'>
              {o.count} 人 · {formatPercent(o.share)}
            </Text>
          </View>
          <View className='sq-bar__track'>
            <View className={`sq-bar__fill${o.positive ? ' is-positive' : ''}`} style={{ width: pct(o.share) }} />
          </View>
        </View>
      ))}
      {question.kind === 'multi' ? <Text className='sq-bars__note'>多选题：比例为选择该项的人数占作答人数的比例，合计可超过 100%</Text> : null}
    </View>
  )
}

/** A rate's 95 % interval on a 0–100 % track, with the point estimate as a dot. */
export function RateRange({ rate }: { rate: Pick<MetricResult, 'rate' | 'low' | 'high'> }) {
  if (rate.rate === null) return <View className='sq-range is-empty' />
  return (
    <View className='sq-range'>
      <View className='sq-range__ci' style={{ left: pct(rate.low), width: `calc(${pct(rate.high)} - ${pct(rate.low)})` }} />
      <View className='sq-range__dot' style={{ left: pct(rate.rate) }} />
    </View>
  )
}

/** A metric card: the rate large, its sample size and interval underneath. */
export function RateCard({ metric, compact }: { metric: MetricResult; compact?: boolean }) {
  return (
    <View
      className={`sq-rate${compact ? ' is-compact' : ''}`}
      data-metric={metric.metric}
      data-rate={metric.rate ?? ''}
      data-n={metric.n}
      data-low={metric.low ?? ''}
      data-high={metric.high ?? ''}
    >
      <Text className='sq-rate__label'>{metric.label}</Text>
      <Text className='sq-rate__value'>{formatPercent(metric.rate)}</Text>
      <RateRange rate={metric} />
      <Text className='sq-rate__meta'>
        n = {metric.n}
        {metric.low !== null ? ` · 95%置信区间 ${formatInterval(metric)}` : ' · 暂无样本'}
      </Text>
    </View>
  )
}

/** The same metric across waves: one row per wave, its rate, interval and n. */
export function WaveRows({ rows }: { rows: { key: string; label: string; metric: MetricResult | undefined; current?: boolean }[] }) {
  return (
    <View className='sq-waves'>
      {rows.map((r) => (
        <View key={r.key} className={`sq-wave${r.current ? ' is-current' : ''}`} data-wave={r.key}>
          <Text className='sq-wave__label'>{r.label}</Text>
          <View className='sq-wave__bar'>
            <View className='sq-bar__track'>
              <View className={`sq-bar__fill${r.current ? ' is-positive' : ' is-past'}`} style={{ width: pct(r.metric?.rate) }} />
            </View>
          </View>
          <Text className='sq-wave__value'>
            {formatPercent(r.metric?.rate)}
            <Text className='sq-wave__n'> n={r.metric?.n ?? 0}</Text>
          </Text>
        </View>
      ))}
    </View>
  )
}
