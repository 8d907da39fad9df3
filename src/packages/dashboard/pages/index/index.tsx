/**
 * 数据看板 (staff, admin): 随手拍 over time, by district and category; per-unit figures and the ranking that
 * can be published as a 通报; hotspots; volunteer and survey figures. Every figure has its definition.
 * Test hooks: #page-dashboard, #dash-totals [data-key], #dash-series, #dash-districts, #dash-categories,
 * #dash-units .dash-unit (data-unit, data-rank), #dash-publish, #dash-hotspots, #dash-volunteers, #dash-surveys,
 * #dash-error, #dash-asof.
 */
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { BarList, ColumnChart, DotMap, RateBar } from '@/components/charts'
import { callAction } from '@/services/cloud'
import { useAction } from '@/services/useAction'
import { openPage, toast } from '@/services/ui'
import { ESCALATION_DEFINITION, HANDLING_DEFINITION, HOTSPOT_DEFINITION, ON_TIME_DEFINITION, OVERDUE_DEFINITION, RANKING_RULE, VOLUNTEER_DEFINITION } from '@/domain/stats/definitions'
import { placeInBox } from '@/domain/stats/hotspots'
import { PRESETS, formatHours, formatRate, lastWeek, periodOf, type Preset } from '../../period'
import '../../dashboard.scss'

const STATUS_LABELS: Record<string, string> = {
  submitted: '待审核', dispatched: '待整改', in_progress: '整改中', rectified: '待核验', closed: '已办结',
  returned: '退回待派', reopened: '重新处理', rejected: '不予受理', duplicate: '重复', out_of_scope: '不属于本市职责',
}

export default function DashboardPage() {
  const [preset, setPreset] = useState<Preset>('30d')
  const [bucket, setBucket] = useState<'day' | 'week' | 'month'>('day')
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
    Taro.stopPullDownRefresh()
  })

  const publish = async () => {
    const p = lastWeek()
    const title = `${p.from} 至 ${p.to} 责任单位整改排名`
    const ok = await Taro.showModal({ title: '发布排名通报', content: `将按统计期 ${p.from} 至 ${p.to} 的数据生成通报，发布后公开且不可修改。`, confirmText: '发布', confirmColor: '#C8161D' })
      .then((r) => r.confirm)
      .catch(() => false)
    if (!ok) return
    setPublishing(true)
    const res = await callAction('stats', 'publishRanking', { ...p, title })
    setPublishing(false)
    if (!res.ok) return toast(res.message)
    toast(`已发布第${res.data.no}期`, 'success')
    openPage(`/packages/dashboard/pages/bulletin/index?no=${res.data.no}`)
  }

  const d = main.data
  return (
    <PageShell id='page-dashboard' desk padded={false}>
      <View className='staff-hero dash-hero'>
        <View className='desk-wide'>
          <Text className='staff-hero__title'>数据看板</Text>
          <Text id='dash-asof' className='staff-hero__sub'>
            {d ? (d.pending ? '数据正在汇总中，稍后刷新可见最新数字' : `数据截至 ${d.asOf ? new Date(d.asOf).toLocaleString('zh-CN', { hour12: false }) : '—'}`) : '统计期内的随手拍、责任单位、热点、志愿服务和问卷'}
          </Text>
          <View className='dash-chips'>
            {PRESETS.map((p) => (
              <Text key={p.key} className={`dash-chip ${preset === p.key ? 'is-on' : ''}`} data-preset={p.key} onClick={() => {
                  setPreset(p.key)
                  setBucket(p.bucket)
                }}>
                {p.label}
              </Text>
            ))}
            <Text className='dash-chip is-sep'>|</Text>
            {(['day', 'week', 'month'] as const).map((b) => (
              <Text key={b} className={`dash-chip ${bucket === b ? 'is-on' : ''}`} data-bucket={b} onClick={() => setBucket(b)}>
                {b === 'day' ? '按日' : b === 'week' ? '按周' : '按月'}
              </Text>
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
              {[
                ['submitted', '新增问题', d.totals.submitted],
                ['accepted', '受理派单', d.totals.accepted],
                ['closed', '核验销号', d.totals.closed],
                ['escalated', '督办', d.totals.escalated],
                ['reopened', '重新处理', d.totals.reopened],
                ['avgCloseHours', '平均办结用时', formatHours(d.totals.avgCloseHours)],
              ].map(([key, label, value]) => (
                <View key={key as string} className='dash-total' data-key={key}>
                  <Text className='dash-total__value'>{value}</Text>
                  <Text className='dash-total__label'>{label}</Text>
                </View>
              ))}
            </View>

            <View className='dash-grid'>
              <View className='card dash-card' id='dash-series'>
                <Text className='dash-card__title'>随手拍趋势</Text>
                <ColumnChart
                  buckets={d.series}
                  series={[
                    { key: 'submitted', label: '新增', tone: 'red' },
                    { key: 'accepted', label: '受理派单', tone: 'gold' },
                    { key: 'closed', label: '销号', tone: 'green' },
                  ]}
                />
              </View>
              <View className='card dash-card' id='dash-status'>
                <Text className='dash-card__title'>当前各状态问题数</Text>
                <BarList items={d.statusNow.filter((s) => s.count > 0).map((s) => ({ key: s.status, label: STATUS_LABELS[s.status] ?? s.status, value: s.count }))} tone='gold' />
              </View>
              <View className='card dash-card' id='dash-districts'>
                <Text className='dash-card__title'>各区县新增 / 销号</Text>
                <BarList items={d.districts.map((x) => ({ key: x.id, label: x.name, value: x.submitted, display: `${x.submitted} / ${x.closed}` }))} />
              </View>
              <View className='card dash-card' id='dash-categories'>
                <Text className='dash-card__title'>各类别新增 / 销号</Text>
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
                  <Button size='small' id='dash-bulletins' onClick={() => openPage('/packages/dashboard/pages/bulletin/index')}>
                    已发布通报
                  </Button>
                  <Button size='small' type='primary' id='dash-publish' loading={publishing} onClick={publish}>
                    发布上周排名通报
                  </Button>
                </View>
              </View>
              <View className='dash-table'>
                <View className='dash-row is-head'>
                  <Text>名次</Text>
                  <Text className='is-name'>单位</Text>
                  <Text>销号</Text>
                  <Text>按时整改率</Text>
                  <Text>平均整改用时</Text>
                  <Text>超期未整改</Text>
                  <Text>督办</Text>
                </View>
                {d.units.map((u) => (
                  <View key={u.unitId} className='dash-row dash-unit' data-unit={u.unitId} data-rank={u.rank ?? ''}>
                    <Text>{u.rank ?? '—'}</Text>
                    <Text className='is-name'>{u.unitName}</Text>
                    <Text>{u.closed}</Text>
                    <Text className='dash-unit__rate'>{formatRate(u.onTimeRate)}</Text>
                    <Text>{formatHours(u.avgHandlingHours)}</Text>
                    <Text className={`dash-unit__overdue ${u.overdue ? 'is-warn' : ''}`}>{u.overdue}</Text>
                    <Text className='dash-unit__esc'>{u.escalations}</Text>
                  </View>
                ))}
              </View>
              <View className='dash-defs'>
                {[ON_TIME_DEFINITION, HANDLING_DEFINITION, OVERDUE_DEFINITION, ESCALATION_DEFINITION, RANKING_RULE].map((t) => (
                  <Text key={t} className='dash-def'>
                    {t}
                  </Text>
                ))}
              </View>
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
                <BarList items={vols.data.months.map((m) => ({ key: m.month, label: `${m.month} 活跃 ${m.active} 人`, value: m.hours, display: `${m.hours} 小时` }))} tone='green' />
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
    </PageShell>
  )
}
