/**
 * 数据看板 (staff, admin): 随手拍 over time, by district and category; per-unit figures and the ranking that
 * can be published as a 通报; hotspots; volunteer and survey figures. Every figure has its definition.
 * Test hooks: #page-dashboard, #dash-asof (data-from, data-to), #dash-totals [data-key] (data-value), #dash-series, #dash-districts, #dash-categories,
 * #dash-units .dash-unit (data-unit, data-rank; figures [data-field]), #dash-publish (opens PublishSheet), #dash-hotspots, #dash-volunteers, #dash-surveys,
 * #dash-error, #dash-asof.
 */
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { BarList, ColumnChart, DotMap, RateBar } from '@/components/charts'
import { useAction } from '@/services/useAction'
import { STATUS_LABELS } from '@/services/report'
import { openPage, toast } from '@/services/ui'
import { HOTSPOT_DEFINITION, VOLUNTEER_DEFINITION } from '@/domain/stats/definitions'
import { placeInBox } from '@/domain/stats/hotspots'
import { PRESETS, formatRate, periodOf, type Preset } from '../../period'
import { Chip } from '../../Chip'
import { PublishSheet } from '../../PublishSheet'
import { Definitions, RANKING_DEFINITIONS, RankingTable } from '../../RankingTable'
import '../../dashboard.scss'

type Bucket = 'day' | 'week' | 'month'
const BUCKETS: { key: Bucket; label: string }[] = [
  { key: 'day', label: '按日' },
  { key: 'week', label: '按周' },
  { key: 'month', label: '按月' },
]
const BULLETINS = '/packages/dashboard/pages/bulletin/index'

/** A headline figure; `unit` is printed small beside the number. */
function Total({ k, label, value, unit }: { k: string; label: string; value: number | string; unit?: string }) {
  return (
    <View className='dash-total' data-key={k} data-value={value}>
      <View className='dash-total__line'>
        <Text className='dash-total__value'>{value}</Text>
        {unit ? <Text className='dash-total__unit'>{unit}</Text> : null}
      </View>
      <Text className='dash-total__label'>{label}</Text>
    </View>
  )
}

export default function DashboardPage() {
  const [preset, setPreset] = useState<Preset>('30d')
  const [bucket, setBucket] = useState<Bucket>('day')
  const period = periodOf(preset)
  const deps = [preset, bucket]
  const main = useAction('stats', 'overview', { ...period, bucket }, deps)
  const spots = useAction('stats', 'hotspots', period, deps)
  const vols = useAction('stats', 'volunteers', period, deps)
  const surveys = useAction('stats', 'surveys', {}, [])
  const [publishing, setPublishing] = useState(false)

  usePullDownRefresh(() => {
    main.reload()
    spots.reload()
    vols.reload()
    surveys.reload()
    Taro.stopPullDownRefresh()
  })

  const published = (no: number) => {
    setPublishing(false)
    toast(`已发布第${no}期通报`, 'success')
    openPage(`${BULLETINS}?no=${no}`)
  }

  const d = main.data
  const asOf = d?.asOf ? new Date(d.asOf).toLocaleString('zh-CN', { hour12: false, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : null
  return (
    <PageShell id='page-dashboard' desk padded={false}>
      <View className='dash-hero'>
        <View className='desk-wide'>
          <Text className='dash-hero__title'>数据看板</Text>
          <Text id='dash-asof' className='dash-hero__sub' data-from={period.from} data-to={period.to}>
            {period.from} 至 {period.to}
            {d ? (d.pending ? ' · 数据正在汇总，稍后下拉刷新可见最新数字' : asOf ? ` · 数据截至 ${asOf}` : '') : ''}
          </Text>
          <View className='dash-chips'>
            <Text className='dash-chips__label'>统计期</Text>
            {PRESETS.map((p) => (
              <Chip key={p.key} on={preset === p.key} label={p.label} data={{ 'data-preset': p.key }} pick={() => {
                  setPreset(p.key)
                  setBucket(p.bucket)
                }} />
            ))}
          </View>
          <View className='dash-chips'>
            <Text className='dash-chips__label'>趋势</Text>
            {BUCKETS.map((b) => (
              <Chip key={b.key} on={bucket === b.key} label={b.label} data={{ 'data-bucket': b.key }} pick={() => setBucket(b.key)} />
            ))}
          </View>
        </View>
      </View>
      <View className='page-shell__body desk-wide dash-body'>
        {main.loading && !d ? (
          <View className='card'>
            <Loading text='正在汇总数据…' />
          </View>
        ) : main.error ? (
          <View className='card'>
            <ErrorState id='dash-error' error={main.error} onRetry={main.reload} />
          </View>
        ) : d ? (
          <>
            <View id='dash-totals' className='dash-totals'>
              <Total k='submitted' label='新增问题' value={d.totals.submitted} />
              <Total k='accepted' label='受理派单' value={d.totals.accepted} />
              <Total k='closed' label='核验销号' value={d.totals.closed} />
              <Total k='escalated' label='督办' value={d.totals.escalated} />
              <Total k='reopened' label='重新处理' value={d.totals.reopened} />
              <Total k='avgCloseHours' label='平均办结用时' value={d.totals.avgCloseHours ?? '—'} unit={d.totals.avgCloseHours === null ? undefined : '小时'} />
            </View>

            <View className='dash-grid'>
              <View className='card dash-card is-wide' id='dash-series'>
                <Text className='dash-card__title'>随手拍趋势</Text>
                {d.series.some((b) => b.submitted || b.accepted || b.closed) ? (
                  <ColumnChart
                    buckets={d.series}
                    series={[
                      { key: 'submitted', label: '新增', tone: 'red' },
                      { key: 'accepted', label: '受理派单', tone: 'gold' },
                      { key: 'closed', label: '销号', tone: 'green' },
                    ]}
                  />
                ) : (
                  <Text className='dash-muted'>统计期内没有新增、受理或销号的问题</Text>
                )}
              </View>
              <View className='card dash-card' id='dash-status'>
                <Text className='dash-card__title'>当前各状态问题数</Text>
                <Text className='dash-muted'>此刻的数字，不随统计期变化</Text>
                {d.statusNow.some((s) => s.count > 0) ? (
                  <BarList items={d.statusNow.filter((s) => s.count > 0).map((s) => ({ key: s.status, label: STATUS_LABELS[s.status], value: s.count }))} tone='gold' />
                ) : (
                  <Text className='dash-muted'>还没有问题</Text>
                )}
              </View>
              <View className='card dash-card' id='dash-districts'>
                <Text className='dash-card__title'>各区县新增 / 销号</Text>
                <BarList items={d.districts.map((x) => ({ key: x.id, label: x.name, value: x.submitted, display: `${x.submitted} / ${x.closed}` }))} />
              </View>
              <View className='card dash-card' id='dash-categories'>
                <Text className='dash-card__title'>各类别新增 / 销号（前 12 类）</Text>
                {d.categories.length ? (
                  <BarList items={[...d.categories].sort((a, b) => b.submitted - a.submitted).slice(0, 12).map((x) => ({ key: x.id, label: x.name, value: x.submitted, display: `${x.submitted} / ${x.closed}` }))} />
                ) : (
                  <Text className='dash-muted'>统计期内没有新增问题</Text>
                )}
              </View>
            </View>

            <View className='card dash-card' id='dash-units'>
              <View className='dash-card__head'>
                <Text className='dash-card__title'>责任单位排名</Text>
                <View className='dash-card__actions'>
                  <Button size='small' id='dash-bulletins' onClick={() => openPage(BULLETINS)}>
                    已发布通报
                  </Button>
                  <Button size='small' type='primary' id='dash-publish' onClick={() => setPublishing(true)}>
                    发布排名通报
                  </Button>
                </View>
              </View>
              <RankingTable rows={d.units} rowClass='dash-unit' foldQuiet id='dash-unit-table' />
              <Definitions texts={RANKING_DEFINITIONS} />
            </View>
          </>
        ) : null}

        <View className='dash-grid'>
          <View className='card dash-card' id='dash-hotspots'>
            <Text className='dash-card__title'>问题热点</Text>
            {spots.error ? (
              <ErrorState error={spots.error} onRetry={spots.reload} />
            ) : !spots.data ? (
              <Loading text='正在加载热点…' />
            ) : spots.data.box && spots.data.cells.length ? (
              <>
                <DotMap
                  dots={spots.data.cells.map((c) => ({ key: c.key, ...placeInBox(c, spots.data!.box!), size: 10 + Math.min(30, c.count * 4), title: `${c.count} 件` }))}
                  labels={spots.data.landmarks.map((l) => ({ key: l.name, ...placeInBox(l, spots.data!.box!), text: l.name }))}
                />
                <BarList items={spots.data.grids.slice(0, 10).map((g) => ({ key: g.id, label: g.name, value: g.count, display: `${g.count} 件` }))} />
              </>
            ) : (
              <Text className='dash-muted'>统计期内没有重复出现问题的位置</Text>
            )}
            <Text className='dash-def'>{HOTSPOT_DEFINITION}</Text>
          </View>
          <View className='card dash-card' id='dash-volunteers'>
            <Text className='dash-card__title'>志愿服务</Text>
            {vols.error ? (
              <ErrorState error={vols.error} onRetry={vols.reload} />
            ) : !vols.data ? (
              <Loading text='正在加载…' />
            ) : (
              <>
                <View className='dash-totals is-small'>
                  <View className='dash-total' data-key='registered'>
                    <Text className='dash-total__value'>{vols.data.registered}</Text>
                    <Text className='dash-total__label'>注册志愿者</Text>
                  </View>
                  <View className='dash-total' data-key='pending'>
                    <Text className='dash-total__value'>{vols.data.pending}</Text>
                    <Text className='dash-total__label'>待审核</Text>
                  </View>
                </View>
                <BarList items={vols.data.months.map((m) => ({ key: m.month, label: `${Number(m.month.slice(5))}月 · 活跃 ${m.active} 人`, value: m.hours, display: `${m.hours} 小时` }))} tone='green' />
              </>
            )}
            <Text className='dash-def'>{VOLUNTEER_DEFINITION}</Text>
          </View>
        </View>

        <View className='card dash-card' id='dash-surveys'>
          <Text className='dash-card__title'>问卷调查各期指标（95% 置信区间）</Text>
          {surveys.error ? (
            <ErrorState error={surveys.error} onRetry={surveys.reload} />
          ) : !surveys.data ? (
            <Loading text='正在加载…' />
          ) : surveys.data.series.length === 0 ? (
            <Text className='dash-muted'>还没有发布过问卷</Text>
          ) : (
            surveys.data.series.map((s) => (
              <View key={s.seriesId} className='dash-survey'>
                <Text className='dash-survey__title'>{s.title}</Text>
                {s.waves.map((w) => (
                  <View key={w.surveyId} className='dash-wave'>
                    <Text className='dash-wave__title'>
                      第{w.wave}轮 · {w.responses} 份答卷
                    </Text>
                    {w.metrics.map((m) => (
                      <RateBar key={m.metric} label={m.label} rate={m.rate} low={m.low} high={m.high} caption={m.rate === null ? '—' : `${formatRate(m)}（${formatRate({ rate: m.low })}–${formatRate({ rate: m.high })}，n=${m.n}）`} />
                    ))}
                  </View>
                ))}
              </View>
            ))
          )}
        </View>
        {main.loading && d ? <Text className='dash-muted'>正在刷新…</Text> : null}
      </View>
      <PublishSheet visible={publishing} onClose={() => setPublishing(false)} onPublished={published} />
    </PageShell>
  )
}
