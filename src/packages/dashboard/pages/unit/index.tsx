/**
 * 本单位整改数据 (unit handlers): their unit's figures for a period — place in the city ranking, 销号,
 * 按时整改率, 用时, 超期未整改, 督办 — and the trend, with the definitions the ranking uses. Nothing of other
 * units. Test hooks: #page-dash-unit, #dash-unit-period (data-from, data-to), #dash-unit-figures [data-key]
 * (data-value), #dash-unit-series, #dash-unit-error.
 */
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { ColumnChart } from '@/components/charts'
import { useAction } from '@/services/useAction'
import { PRESETS, formatHours, formatRate, periodOf, type Preset } from '../../period'
import { Chip } from '../../Chip'
import { Definitions, RANKING_DEFINITIONS } from '../../RankingTable'
import '../../dashboard.scss'

export default function UnitFiguresPage() {
  const [preset, setPreset] = useState<Preset>('30d')
  const period = periodOf(preset)
  const bucket = PRESETS.find((p) => p.key === preset)!.bucket
  const r = useAction('stats', 'myUnit', { ...period, bucket }, [preset])
  usePullDownRefresh(() => {
    r.reload()
    Taro.stopPullDownRefresh()
  })
  const d = r.data
  const u = d?.unit
  const figures: [string, string, string | number][] = u
    ? [
        ['rank', '全市名次', u.rank === null ? '未排名' : `${u.rank} / ${d!.ranked}`],
        ['closed', '销号', u.closed],
        ['onTimeRate', '按时整改率', formatRate(u.onTimeRate)],
        ['avgHandlingHours', '平均整改用时', formatHours(u.avgHandlingHours)],
        ['overdue', '超期未整改（此刻）', u.overdue],
        ['escalations', '督办', u.escalations],
      ]
    : []
  return (
    <PageShell id='page-dash-unit' desk padded={false}>
      <View className='dash-hero'>
        <View className='desk-wide'>
          <Text className='dash-hero__title'>{u ? u.unitName : '本单位整改数据'}</Text>
          <Text id='dash-unit-period' className='dash-hero__sub' data-from={period.from} data-to={period.to}>
            {period.from} 至 {period.to}
            {d?.pending ? ' · 数据正在汇总，稍后下拉刷新' : ''}
          </Text>
          <View className='dash-chips'>
            <Text className='dash-chips__label'>统计期</Text>
            {PRESETS.map((p) => (
              <Chip key={p.key} on={preset === p.key} label={p.label} data={{ 'data-preset': p.key }} pick={() => setPreset(p.key)} />
            ))}
          </View>
        </View>
      </View>
      <View className='page-shell__body desk-wide dash-body'>
        {r.error ? (
          <View className='card'>
            <ErrorState id='dash-unit-error' error={r.error} onRetry={r.reload} />
          </View>
        ) : !d || !u ? (
          <View className='card'>
            <Loading text='正在汇总本单位数据…' />
          </View>
        ) : (
          <>
            <View id='dash-unit-figures' className='dash-totals'>
              {figures.map(([key, label, value]) => (
                <View key={key} className='dash-total' data-key={key} data-value={value}>
                  <Text className='dash-total__value'>{value}</Text>
                  <Text className='dash-total__label'>{label}</Text>
                </View>
              ))}
            </View>
            <View className='card dash-card' id='dash-unit-series'>
              <Text className='dash-card__title'>派单、整改与销号趋势</Text>
              {d.series.some((s) => s.dispatched || s.rectified || s.closed) ? (
                <ColumnChart
                  buckets={d.series}
                  series={[
                    { key: 'dispatched', label: '收到派单', tone: 'gold' },
                    { key: 'rectified', label: '提交整改', tone: 'red' },
                    { key: 'closed', label: '核验销号', tone: 'green' },
                  ]}
                />
              ) : (
                <Text className='dash-muted'>统计期内本单位没有派单、整改或销号</Text>
              )}
            </View>
            <View className='card dash-card'>
              <Text className='dash-card__title'>指标口径</Text>
              <Definitions texts={RANKING_DEFINITIONS} />
            </View>
          </>
        )}
      </View>
    </PageShell>
  )
}
