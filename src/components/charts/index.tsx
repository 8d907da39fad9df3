/**
 * Charts from plain Views (CSS widths and heights), so they render the same in the mini-program and in the
 * browser with no canvas library. Every bar carries its value as text beside it (readable without the bar).
 */
import { Text, View } from '@tarojs/components'
import './charts.scss'

export interface BarItem {
  key: string
  label: string
  value: number
  /** Text shown instead of the value (e.g. `87.5%`). */
  display?: string
}

const pct = (v: number, max: number) => `${max > 0 ? Math.max(0, Math.min(100, (v / max) * 100)) : 0}%`

/** Horizontal bars, longest first as given; `max` defaults to the largest value. */
export function BarList({ items, max, id, tone = 'red' }: { items: readonly BarItem[]; max?: number; id?: string; tone?: 'red' | 'gold' | 'green' }) {
  const top = max ?? Math.max(0, ...items.map((i) => i.value))
  return (
    <View id={id} className='chart-bars'>
      {items.map((i) => (
        <View key={i.key} className='chart-bars__row' data-key={i.key}>
          <Text className='chart-bars__label'>{i.label}</Text>
          <View className='chart-bars__track'>
            <View className={`chart-bars__fill is-${tone}`} style={{ width: pct(i.value, top) }} />
          </View>
          <Text className='chart-bars__value'>{i.display ?? i.value}</Text>
        </View>
      ))}
    </View>
  )
}

export interface StackSeries {
  key: string
  label: string
  tone: 'red' | 'gold' | 'green' | 'grey'
}

/** Bucket labels printed under the columns at most (the rest stay in each group's accessible label). */
const MAX_LABELS = 10

/**
 * Vertical grouped columns over time (one group per bucket, one column per series), with a legend, the
 * scale's top value, and the values of each bucket in its accessible label and data attributes.
 */
export function ColumnChart({ buckets, series, id }: { buckets: readonly ({ key: string; label: string } & Record<string, number | string>)[]; series: readonly StackSeries[]; id?: string }) {
  const top = Math.max(1, ...buckets.flatMap((b) => series.map((s) => Number(b[s.key]) || 0)))
  const every = Math.ceil(buckets.length / MAX_LABELS)
  return (
    <View id={id} className='chart-cols'>
      <View className='chart-legend'>
        {series.map((s) => (
          <View key={s.key} className='chart-legend__item'>
            <View className={`chart-legend__dot is-${s.tone}`} />
            <Text>{s.label}</Text>
          </View>
        ))}
      </View>
      <View className='chart-cols__axis'>
        <Text>最高 {top}</Text>
      </View>
      <View className='chart-cols__plot'>
        {buckets.map((b, i) => (
          <View
            key={b.key}
            className='chart-cols__group'
            data-key={b.key}
            aria-label={`${b.label} ${series.map((s) => `${s.label}${b[s.key]}`).join(' ')}`}
            {...Object.fromEntries(series.map((s) => [`data-${s.key}`, Number(b[s.key]) || 0]))}
          >
            <View className='chart-cols__bars'>
              {series.map((s) => (
                <View key={s.key} className={`chart-cols__bar is-${s.tone}`} style={{ height: pct(Number(b[s.key]) || 0, top) }} />
              ))}
            </View>
            <Text className='chart-cols__label'>{i % every === 0 ? b.label : ''}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

/** A rate with its 95% interval drawn as a band on a 0–100% track. */
export function RateBar({ label, rate, low, high, caption }: { label: string; rate: number | null; low: number | null; high: number | null; caption: string }) {
  return (
    <View className='chart-rate'>
      <View className='chart-rate__head'>
        <Text className='chart-rate__label'>{label}</Text>
        <Text className='chart-rate__value'>{caption}</Text>
      </View>
      <View className='chart-rate__track'>
        {low !== null && high !== null ? <View className='chart-rate__band' style={{ left: pct(low, 1), width: pct(high - low, 1) }} /> : null}
        {rate !== null ? <View className='chart-rate__mark' style={{ left: pct(rate, 1) }} /> : null}
      </View>
    </View>
  )
}

/** Dots on a schematic map: `x`/`y` are fractions of the box (from the left and from the top). */
export function DotMap({ dots, labels, id }: { dots: readonly { key: string; x: number; y: number; size: number; title: string }[]; labels: readonly { key: string; x: number; y: number; text: string }[]; id?: string }) {
  return (
    <View id={id} className='chart-map'>
      {labels.map((l) => (
        <Text key={l.key} className='chart-map__label' style={{ left: pct(l.x, 1), top: pct(l.y, 1) }}>
          {l.text}
        </Text>
      ))}
      {dots.map((d) => (
        <View
          key={d.key}
          className='chart-map__dot'
          data-key={d.key}
          aria-label={d.title}
          style={{ left: pct(d.x, 1), top: pct(d.y, 1), width: `${d.size}px`, height: `${d.size}px`, marginLeft: `${-d.size / 2}px`, marginTop: `${-d.size / 2}px` }}
        />
      ))}
    </View>
  )
}
