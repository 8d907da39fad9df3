/**
 * 超期督办台账: reports past their 整改时限, longest overdue first, and the count per unit. 督办 from the list.
 * Test hooks: #page-staff-overdue, #overdue-by-unit (.overdue-unit-row data-unit), #overdue-list, .report-card
 * (data-id), .overdue-escalate (data-id), #overdue-more, #overdue-empty, #overdue-error.
 */
import { useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { DeadlineBadge, ListFooter, ReportCard } from '@/components/report'
import { useCategoryIndex } from '@/services/catalog'
import { callAction, type OutputOf } from '@/services/cloud'
import { usePaged, useShownAgain, useTempUrls } from '@/services/hooks'
import { ROUTES, openPage, toast } from '@/services/ui'
import '@/components/report/report.scss'
import '../../components/staff.scss'
import './index.scss'

type ByUnit = OutputOf<'report', 'overdueBoard'>['byUnit']

export default function OverdueBoardPage() {
  const cats = useCategoryIndex()
  const [byUnit, setByUnit] = useState<ByUnit | null>(null)
  const byUnitRef = useRef(setByUnit)
  const list = usePaged(async (cursor) => {
    const res = await callAction('report', 'overdueBoard', { cursor, limit: 10 })
    if (res.ok && !cursor) byUnitRef.current(res.data.byUnit)
    return res
  }, [])
  const { urls } = useTempUrls(list.items.map((r) => r.photos[0]?.fileId).filter(Boolean) as string[])
  const [escalating, setEscalating] = useState<string | null>(null)

  usePullDownRefresh(() => list.reload())
  useEffect(() => {
    if (!list.loading && !list.refreshing) Taro.stopPullDownRefresh()
  }, [list.loading, list.refreshing])
  useReachBottom(() => list.loadMore())
  useShownAgain(() => list.reload())

  const escalate = async (id: string, unitName: string) => {
    const ok = await Taro.showModal({ title: '确认督办', content: `向${unitName}发出督办提醒？`, confirmText: '督办', confirmColor: '#C8161D' })
      .then((r) => r.confirm)
      .catch(() => false)
    if (!ok) return
    setEscalating(id)
    const res = await callAction('report', 'escalate', { id })
    setEscalating(null)
    if (!res.ok) return toast(res.message)
    toast('已督办', 'success')
    list.reload()
  }

  const total = byUnit?.reduce((n, u) => n + u.overdue, 0) ?? 0
  return (
    <PageShell id='page-staff-overdue' padded={false}>
      <View className='staff-hero'>
        <View className='desk-wide'>
          <Text className='staff-hero__title'>超期督办台账</Text>
          <Text className='staff-hero__sub'>超过整改时限仍未整改的问题；系统每天自动督办一次，也可手动督办</Text>
          <View className='staff-stats'>
            <View className='staff-stat'>
              <Text className='staff-stat__value is-red'>{byUnit ? total : '—'}</Text>
              <Text className='staff-stat__label'>超期件数</Text>
            </View>
            <View className='staff-stat'>
              <Text className='staff-stat__value'>{byUnit ? byUnit.length : '—'}</Text>
              <Text className='staff-stat__label'>涉及单位</Text>
            </View>
            <View className='staff-stat'>
              <Text className='staff-stat__value is-gold'>{byUnit ? byUnit.reduce((n, u) => n + u.escalations, 0) : '—'}</Text>
              <Text className='staff-stat__label'>累计督办</Text>
            </View>
          </View>
        </View>
      </View>
      <View className='page-shell__body staff-body desk-wide'>
        {byUnit && byUnit.length > 0 ? (
          <View id='overdue-by-unit' className='card rp-card'>
            <View className='rp-card__title'>
              <Text className='rp-card__heading'>各单位超期情况</Text>
              <Text className='rp-card__extra'>超期 / 督办</Text>
            </View>
            {byUnit.map((u) => (
              <View key={u.unitId} className='overdue-unit-row' data-unit={u.unitId}>
                <Text className='overdue-unit-row__name'>{u.unitName}</Text>
                <View className='overdue-unit-row__bar'>
                  <View className='overdue-unit-row__fill' style={{ width: `${Math.max(8, (u.overdue / Math.max(1, byUnit[0].overdue)) * 100)}%` }} />
                </View>
                <Text className='overdue-unit-row__num'>
                  {u.overdue} 件 / {u.escalations} 次
                </Text>
              </View>
            ))}
          </View>
        ) : null}

        {list.loading ? (
          <View className='card'>
            <Loading text='正在加载超期问题…' />
          </View>
        ) : list.error ? (
          <View className='card'>
            <ErrorState id='overdue-error' error={list.error} onRetry={list.reload} />
          </View>
        ) : list.items.length === 0 ? (
          <View className='card'>
            <Empty id='overdue-empty' icon='🎉' title='没有超期问题' description='所有派出的问题都在整改时限内。' />
          </View>
        ) : (
          <View id='overdue-list' className='desk-grid'>
            {list.items.map((r) => (
              <View key={r.id} className='overdue-item'>
                <ReportCard
                  id={r.id}
                  status={r.status}
                  className='is-overdue'
                  category={cats.byId[r.categoryId]}
                  description={r.description}
                  thumbUrl={r.photos[0] ? urls[r.photos[0].fileId] : undefined}
                  meta={[r.dispatch?.unitName ?? '', r.location.address]}
                  flags={
                    r.dispatch ? (
                      <DeadlineBadge compact deadline={r.dispatch.deadline} overdue={r.overdue} overdueDays={r.overdueDays} escalations={r.flags.escalations} />
                    ) : null
                  }
                  onClick={() => openPage(ROUTES.staffDetail(r.id))}
                />
                <Button
                  className='overdue-escalate'
                  data-id={r.id}
                  size='small'
                  type='danger'
                  fill='outline'
                  loading={escalating === r.id}
                  disabled={escalating !== null}
                  onClick={() => escalate(r.id, r.dispatch?.unitName ?? '责任单位')}
                >
                  督办
                </Button>
              </View>
            ))}
          </View>
        )}
        {!list.loading && !list.error ? (
          <ListFooter id='overdue-more' hasMore={list.hasMore} loadingMore={list.loadingMore} failed={!!list.moreError} onMore={list.loadMore} count={list.items.length} />
        ) : null}
      </View>
    </PageShell>
  )
}
