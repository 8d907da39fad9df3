/**
 * 创城办工作台: the review queue, waiting longest first, with filters (status, category, district, grid) and
 * cursor paging; the day's numbers on top.
 *
 * Test hooks: #page-staff-queue, #staff-stats, #staff-filter-<status|category|district|grid> (data-value),
 * option sheets #staff-filter-<name>-sheet with .option[data-value], #staff-queue-list, .report-card
 * (data-id, data-status), #staff-queue-more, #staff-queue-empty, #staff-queue-error, #staff-overdue-entry.
 */
import { useEffect, useMemo, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Flag, ListFooter, ReportCard } from '@/components/report'
import { useCategoryIndex, usePlaceNames } from '@/services/catalog'
import { callAction } from '@/services/cloud'
import { useNow, usePaged, useShownAgain, useTempUrls } from '@/services/hooks'
import { STATUS_LABELS, formatAgo, formatSpan, type ReportStaffView, type ReportStatus } from '@/services/report'
import { ROUTES, openPage } from '@/services/ui'
import { useAction } from '@/services/useAction'
import { OptionSheet, type Option } from '../../components/OptionSheet'
import '@/components/report/report.scss'
import '../../components/staff.scss'

type FilterName = 'status' | 'category' | 'district' | 'grid'
interface Filters {
  status: string
  category: string
  district: string
  grid: string
}

const STATUS_OPTIONS: Option[] = [
  { value: '', label: '待办（全部）', sub: '待审核、待核验、退回待派、重新处理' },
  ...(['submitted', 'rectified', 'returned', 'reopened', 'dispatched', 'in_progress', 'closed', 'rejected', 'duplicate', 'out_of_scope'] as ReportStatus[]).map(
    (s) => ({ value: s, label: STATUS_LABELS[s] }),
  ),
]

function flagsOf(r: ReportStaffView) {
  const flags = []
  if (r.overdue) flags.push(<Flag key='overdue' tone='red' flag='overdue'>{`超期 ${Math.max(1, r.overdueDays)} 天`}</Flag>)
  if (r.flags.escalations > 0) flags.push(<Flag key='esc' tone='red' flag='escalated'>{`督办 ${r.flags.escalations} 次`}</Flag>)
  if (r.handback) flags.push(<Flag key='hb' tone='orange' flag='handback'>{r.handback.kind === 'returned' ? '单位退回' : r.handback.kind === 'unsatisfied' ? '市民不满意' : '回访未解决'}</Flag>)
  if (r.dispatch && r.dispatch.round > 1) flags.push(<Flag key='round' tone='grey' flag='round'>{`第 ${r.dispatch.round} 轮`}</Flag>)
  if (r.cosignCount > 0) flags.push(<Flag key='cosign' tone='blue' flag='cosign'>{`${r.cosignCount} 人附议`}</Flag>)
  return flags
}

export default function StaffQueuePage() {
  const now = useNow(60000)
  const cats = useCategoryIndex()
  const places = usePlaceNames()
  const [filters, setFilters] = useState<Filters>({ status: '', category: '', district: '', grid: '' })
  const [open, setOpen] = useState<FilterName | null>(null)
  const stats = useAction('report', 'stats', {})
  const grids = useAction('city', 'listGrids', { districtId: filters.district || undefined, kind: 'grid', limit: 100 }, [filters.district])

  const list = usePaged(
    (cursor) =>
      callAction('report', 'staffQueue', {
        status: (filters.status || undefined) as ReportStatus | undefined,
        categoryId: filters.category || undefined,
        districtId: filters.district || undefined,
        gridId: filters.grid || undefined,
        cursor,
        limit: 10,
      }),
    [filters.status, filters.category, filters.district, filters.grid],
  )
  const { urls } = useTempUrls(list.items.map((r) => r.photos[0]?.fileId).filter(Boolean) as string[])

  usePullDownRefresh(() => {
    list.reload()
    stats.reload()
  })
  useEffect(() => {
    if (!list.loading && !list.refreshing) Taro.stopPullDownRefresh()
  }, [list.loading, list.refreshing])
  useReachBottom(() => list.loadMore())
  useShownAgain(() => {
    list.reload()
    stats.reload()
  })

  const options: Record<FilterName, Option[]> = useMemo(
    () => ({
      status: STATUS_OPTIONS,
      category: [{ value: '', label: '全部分类' }, ...cats.list.map((c) => ({ value: c.id, label: c.name, sub: c.group }))],
      district: [{ value: '', label: '全部辖区' }, ...places.districts.map((d) => ({ value: d.id, label: d.name }))],
      grid: [
        { value: '', label: '全部网格' },
        ...(grids.data?.items ?? []).map((g) => ({ value: g.id, label: g.name, sub: `${g.community}${g.unit ? ` · 包保：${g.unit.name}` : ''}` })),
      ],
    }),
    [cats.list, places.districts, grids.data],
  )
  const labelOf = (name: FilterName, fallback: string) => options[name].find((o) => o.value === filters[name] && o.value)?.label ?? fallback
  const setFilter = (name: FilterName, value: string) =>
    setFilters((f) => ({ ...f, [name]: value, ...(name === 'district' ? { grid: '' } : {}) }))

  const s = stats.data
  return (
    <PageShell id='page-staff-queue' padded={false}>
      <View className='staff-hero'>
        <View className='desk-wide'>
          <Text className='staff-hero__title'>案件受理与派单</Text>
          <Text className='staff-hero__sub'>等待最久的排在最前；点开即可受理派单、核验销号</Text>
          <View id='staff-stats' className='staff-stats'>
            <View className='staff-stat'>
              <Text className='staff-stat__value is-gold'>{s ? s.pending : '—'}</Text>
              <Text className='staff-stat__label'>待审核</Text>
            </View>
            <View className='staff-stat'>
              <Text className='staff-stat__value'>{s ? s.inHand : '—'}</Text>
              <Text className='staff-stat__label'>办理中</Text>
            </View>
            <View className='staff-stat'>
              <Text className='staff-stat__value is-red'>{s ? s.overdueNow : '—'}</Text>
              <Text className='staff-stat__label'>超期未整改</Text>
            </View>
            <View className='staff-stat'>
              <Text className='staff-stat__value'>{s && s.onTime.rate !== null ? `${Math.round(s.onTime.rate * 100)}%` : '—'}</Text>
              <Text className='staff-stat__label'>按时整改率</Text>
            </View>
          </View>
        </View>
      </View>

      <View className='page-shell__body staff-body desk-wide'>
        <View className='rp-filters'>
          {(
            [
              ['status', '待办'],
              ['category', '分类'],
              ['district', '辖区'],
              ['grid', '网格'],
            ] as [FilterName, string][]
          ).map(([name, fallback]) => (
            <View
              key={name}
              id={`staff-filter-${name}`}
              data-value={filters[name]}
              className={`rp-filter${filters[name] ? ' is-active' : ''}`}
              onClick={() => setOpen(name)}
            >
              <Text>{labelOf(name, fallback)}</Text>
              <Text className='rp-filter__caret'>▾</Text>
            </View>
          ))}
        </View>
        <View className='staff-toolbar'>
          <Text className='staff-count'>
            {list.loading ? '加载中…' : `${list.items.length}${list.hasMore ? '+' : ''} 件${filters.status ? STATUS_LABELS[filters.status as ReportStatus] : '待办'}`}
          </Text>
          <Text id='staff-overdue-entry' className='staff-link' onClick={() => openPage(ROUTES.staffOverdue)}>
            ⏰ 超期督办台账 ›
          </Text>
        </View>

        {list.loading ? (
          <View className='card'>
            <Loading text='正在加载待办…' />
          </View>
        ) : list.error ? (
          <View className='card'>
            <ErrorState id='staff-queue-error' error={list.error} onRetry={list.reload} />
          </View>
        ) : list.items.length === 0 ? (
          <View className='card'>
            <Empty id='staff-queue-empty' icon='✅' title='没有待办' description='当前筛选条件下没有需要处理的随手拍。' />
          </View>
        ) : (
          <View id='staff-queue-list' className='desk-grid'>
            {list.items.map((r) => (
              <ReportCard
                key={r.id}
                id={r.id}
                status={r.status}
                className={r.overdue ? 'is-overdue' : ''}
                category={cats.byId[r.categoryId]}
                description={r.description}
                thumbUrl={r.photos[0] ? urls[r.photos[0].fileId] : undefined}
                meta={[
                  r.location.address,
                  `${STATUS_LABELS[r.status]}已 ${formatSpan(now - Date.parse(r.statusAt))} · 提交于 ${formatAgo(r.createdAt, now)}`,
                  r.dispatch ? `责任单位：${r.dispatch.unitName}` : '',
                ]}
                flags={flagsOf(r)}
                onClick={() => openPage(ROUTES.staffDetail(r.id))}
              />
            ))}
          </View>
        )}
        {!list.loading && !list.error ? (
          <ListFooter id='staff-queue-more' hasMore={list.hasMore} loadingMore={list.loadingMore} failed={!!list.moreError} onMore={list.loadMore} count={list.items.length} />
        ) : null}
      </View>

      {(['status', 'category', 'district', 'grid'] as FilterName[]).map((name) => (
        <OptionSheet
          key={name}
          id={`staff-filter-${name}-sheet`}
          title={{ status: '按状态筛选', category: '按问题分类筛选', district: '按辖区筛选', grid: '按网格筛选' }[name]}
          visible={open === name}
          options={options[name]}
          value={filters[name]}
          onPick={(v) => setFilter(name, v)}
          onClose={() => setOpen(null)}
        />
      ))}
    </PageShell>
  )
}
