import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { Bar, Tabs } from '@/components/volunteer/Notice'
import { useAction } from '@/services/useAction'
import { useOffsetList, useOnShowAgain } from '@/services/volunteerHooks'
import {
  LEDGER_KIND_LABELS,
  LEVELS,
  addMonths,
  formatDateTime,
  formatHours,
  formatMonth,
  levelRatio,
  levelStars,
  monthOf,
  openVolunteerPage,
  type LedgerEntryView,
  type RankingItem,
} from '@/services/volunteer'
import '../../volunteer.scss'
import './index.scss'

type Tab = 'ledger' | 'ranking'
type Kind = 'volunteer' | 'team'

function signed(n: number, unit: string): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n)}${unit}`
}

function LedgerRow({ e }: { e: LedgerEntryView }) {
  return (
    <View className='vol-list-row ledger-item' data-kind={e.kind} data-id={e.id}>
      <View className='vol-list-row__main'>
        <Text className='vol-list-row__title'>{e.title}</Text>
        <Text className='vol-list-row__sub'>
          {LEDGER_KIND_LABELS[e.kind]} · {formatDateTime(e.serviceAt ?? e.at)}
          {e.source === 'manual' ? ' · 组织者补录' : ''}
          {e.note ? ` · ${e.note}` : ''}
        </Text>
      </View>
      <View className='vol-list-row__side ledger-item__side'>
        {e.minutes !== 0 ? <Text className={`ledger-item__minutes${e.minutes < 0 ? ' is-neg' : ''}`}>{`${e.minutes > 0 ? '+' : '−'}${formatHours(Math.abs(e.minutes))} 小时`}</Text> : null}
        {e.points !== 0 ? <Text className={`ledger-item__points${e.points < 0 ? ' is-neg' : ''}`}>{signed(e.points, ' 分')}</Text> : null}
      </View>
    </View>
  )
}

function RankRow({ item }: { item: RankingItem }) {
  return (
    <View className={`ranking-item${item.isMe ? ' is-me' : ''}`} data-me={String(item.isMe)} data-rank={String(item.rank)}>
      <Text className={`ranking-item__rank rank-${Math.min(item.rank, 4)}`}>{item.rank}</Text>
      <View className='ranking-item__main'>
        <Text className='ranking-item__name'>
          {item.name}
          {item.isMe ? '（我）' : ''}
        </Text>
        <Text className='vol-muted'>服务 {item.services} 次</Text>
      </View>
      <Text className='ranking-item__hours'>{formatHours(item.minutes)} 小时</Text>
    </View>
  )
}

/**
 * 时间存折. Test hooks: #page-vol-record, #record-total-hours[data-minutes], #record-level[data-level],
 * #record-level-next, #record-points[data-points], #record-tab-ledger / -ranking, #record-ledger .ledger-item,
 * #record-ranking .ranking-item[data-me], #ranking-kind-volunteer / -team, #ranking-prev / #ranking-next,
 * #record-certificate.
 */
export default function RecordPage() {
  const record = useAction('volunteer', 'myRecord', {})
  const [tab, setTab] = useState<Tab>('ledger')
  const ledger = useOffsetList('volunteer', 'myLedger', {}, [])
  // The month defaults to the server's current one (its clock is the one that counts).
  const [month, setMonth] = useState<string | null>(null)
  const [kind, setKind] = useState<Kind>('volunteer')
  const ranking = useAction('volunteer', 'rankings', month ? { kind, month, limit: 50 } : { kind, limit: 50 }, [kind, month])
  const [latestMonth, setLatestMonth] = useState<string | null>(null)
  useEffect(() => {
    if (!month && ranking.data) setLatestMonth(ranking.data.month)
  }, [month, ranking.data])
  const shownMonth = month ?? ranking.data?.month ?? latestMonth ?? monthOf(Date.now())
  const atLatest = !latestMonth || shownMonth >= latestMonth

  useOnShowAgain(() => {
    record.reload()
    ledger.reload()
  })
  usePullDownRefresh(() => {
    record.reload()
    ledger.reload()
    ranking.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })
  useReachBottom(() => tab === 'ledger' && ledger.loadMore())

  const r = record.data
  if (record.loading && !r) {
    return (
      <PageShell id='page-vol-record'>
        <Loading text='正在加载时间存折…' />
      </PageShell>
    )
  }
  if (!r) {
    const notVolunteer = record.error?.code === 'FORBIDDEN'
    return (
      <PageShell id='page-vol-record'>
        {notVolunteer ? (
          <Empty icon='⏳' title='注册志愿者后开通时间存折' description='志愿服务时长经组织者确认后记入时间存折，每服务 1 小时积 1 分。' actionText='注册志愿者' onAction={() => openVolunteerPage('register')} />
        ) : (
          <ErrorState error={record.error} onRetry={record.reload} />
        )}
      </PageShell>
    )
  }

  const { current, next, remainingMinutes } = r.level
  return (
    <PageShell id='page-vol-record' padded={false}>
      <View className='record-hero'>
        <View className='record-hero__top'>
          <View>
            <Text className='record-hero__name'>{r.name}的时间存折</Text>
            {r.team ? <Text className='record-hero__team'>{r.team.name}</Text> : null}
          </View>
          <Text id='record-level' className='record-hero__level' data-level={String(current.level)}>
            {current.name}
          </Text>
        </View>
        <View className='record-hero__total'>
          <Text id='record-total-hours' className='record-hero__hours' data-minutes={String(r.totalMinutes)}>
            {formatHours(r.totalMinutes)}
          </Text>
          <Text className='record-hero__unit'>小时</Text>
        </View>
        <Text className='record-hero__stars'>{levelStars(current.level)}</Text>
        <View className='record-hero__progress'>
          <Bar ratio={levelRatio(r.totalMinutes, current, next)} gold />
        </View>
        <Text id='record-level-next' className='record-hero__next'>
          {next ? `距${next.name}（${next.minHours} 小时）还差 ${formatHours(remainingMinutes)} 小时` : '已达最高星级，感谢您的长期奉献！'}
        </Text>
      </View>

      <View className='page-shell__body record-body'>
        <View className='card record-stats'>
          <View className='vol-stats'>
            <View className='vol-stat'>
              <Text id='record-points' className='vol-stat__value' data-points={String(r.points)}>
                {r.points}
              </Text>
              <Text className='vol-stat__label'>可用积分</Text>
            </View>
            <View className='vol-stat'>
              <Text className='vol-stat__value'>{r.serviceCount}</Text>
              <Text className='vol-stat__label'>服务次数</Text>
            </View>
            <View className='vol-stat'>
              <Text id='record-month-hours' className='vol-stat__value'>
                {formatHours(r.monthMinutes)}
              </Text>
              <Text className='vol-stat__label'>本月时长</Text>
            </View>
            <View className='vol-stat'>
              <Text id='record-pending-hours' className='vol-stat__value'>
                {formatHours(r.pendingMinutes)}
              </Text>
              <Text className='vol-stat__label'>待确认</Text>
            </View>
          </View>
          <Text className='record-stats__note'>
            累计获得 {r.pointsEarned} 分，已兑换 {r.pointsSpent} 分 · 每服务 1 小时积 1 分
          </Text>
          <View className='record-actions'>
            <Button id='record-certificate' size='small' type='primary' onClick={() => openVolunteerPage('certificate')}>
              开具服务证明
            </Button>
            <Button id='record-mall' size='small' type='primary' fill='outline' onClick={() => openVolunteerPage('mall')}>
              爱心超市兑换
            </Button>
          </View>
        </View>

        <View className='card record-levels'>
          <Text className='vol-card__title'>星级志愿者</Text>
          <View className='record-levels__list'>
            {LEVELS.map((l) => (
              <View key={l.level} className={`record-level-step${current.level >= l.level ? ' is-reached' : ''}`}>
                <Text className='record-level-step__stars'>{'★'.repeat(l.level)}</Text>
                <Text className='record-level-step__hours'>{l.minHours}h</Text>
              </View>
            ))}
          </View>
        </View>

        <Tabs
          idPrefix='record-tab'
          tabs={[
            { key: 'ledger', label: '时长与积分明细' },
            { key: 'ranking', label: '月度排行' },
          ]}
          value={tab}
          onChange={setTab}
        />

        {tab === 'ledger' ? (
          <View id='record-ledger' className='card record-panel'>
            {ledger.loading ? (
              <Loading compact />
            ) : ledger.error ? (
              <ErrorState compact error={ledger.error} onRetry={ledger.reload} />
            ) : ledger.items.length === 0 ? (
              <Empty compact icon='📒' title='还没有记录' description='服务时长经组织者确认后会记在这里。' />
            ) : (
              <>
                {ledger.items.map((e) => (
                  <LedgerRow key={e.id} e={e} />
                ))}
                {ledger.hasMore ? (
                  <View className='vol-more' onClick={ledger.loadMore}>
                    <Text>{ledger.loadingMore ? '加载中…' : '加载更多'}</Text>
                  </View>
                ) : null}
              </>
            )}
          </View>
        ) : (
          <View id='record-ranking' className='card record-panel'>
            <View className='ranking-head'>
              <Text id='ranking-prev' className='ranking-head__nav' onClick={() => setMonth(addMonths(shownMonth, -1))}>
                ‹
              </Text>
              <Text id='ranking-month' className='ranking-head__month'>
                {formatMonth(shownMonth)}
              </Text>
              <Text
                id='ranking-next'
                className={`ranking-head__nav${atLatest ? ' is-disabled' : ''}`}
                onClick={() => !atLatest && setMonth(addMonths(shownMonth, 1))}
              >
                ›
              </Text>
              <View className='vol-spacer' />
              <ChoiceChips
                idPrefix='ranking-kind'
                options={[
                  { value: 'volunteer', label: '个人' },
                  { value: 'team', label: '服务队' },
                ]}
                value={kind}
                onChange={(v) => v && setKind(v)}
              />
            </View>
            {ranking.loading && !ranking.data ? (
              <Loading compact />
            ) : ranking.error ? (
              <ErrorState compact error={ranking.error} onRetry={ranking.reload} />
            ) : !ranking.data || ranking.data.items.length === 0 ? (
              <Empty compact icon='🏅' title='本月暂无排行' description='志愿服务时长确认后计入当月排行。' />
            ) : (
              <>
                {ranking.data.items.map((it) => (
                  <RankRow key={it.id} item={it} />
                ))}
                {ranking.data.me && !ranking.data.items.some((i) => i.isMe) ? (
                  <View className='ranking-me'>
                    <RankRow item={ranking.data.me} />
                  </View>
                ) : null}
              </>
            )}
          </View>
        )}
      </View>
    </PageShell>
  )
}
