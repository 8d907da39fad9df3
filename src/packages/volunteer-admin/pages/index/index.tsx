import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { EventCard } from '@/components/volunteer/EventCard'
import { Notice } from '@/components/volunteer/Notice'
import { callAction } from '@/services/cloud'
import { useBusy, useOffsetList, useOnShowAgain } from '@/services/volunteerHooks'
import {
  EVENT_STATUS_LABELS,
  addMonths,
  chinaLocalToIso,
  formatHours,
  formatMonth,
  monthOf,
  openVolunteerPage,
  say,
  type EventStatus,
  type VolunteerPage,
} from '@/services/volunteer'
import { StaffOnly } from '../../guard'
import '../../admin.scss'
import './index.scss'

type Filter = EventStatus | 'all'

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  ...(['published', 'ongoing', 'draft', 'finished', 'cancelled'] as EventStatus[]).map((s) => ({ value: s, label: EVENT_STATUS_LABELS[s] })),
]

interface Tool {
  key: string
  label: string
  glyph: string
  page: VolunteerPage
  query?: Record<string, string>
  count?: number | null
}

interface Exported {
  month: string
  url: string
  rows: number
  totalMinutes: number
}

/** Beijing month `YYYY-MM` → its [start, next month's start) as ISO instants. */
function monthRange(month: string): { from: string; to: string } {
  return { from: chinaLocalToIso(`${month}-01`, '00:00') ?? '', to: chinaLocalToIso(`${addMonths(month, 1)}-01`, '00:00') ?? '' }
}

/**
 * Hands the CSV over. H5: open the (same-origin, signed) link, which downloads it. WeChat: the document
 * viewer cannot open a CSV, so the link is copied for a computer's browser.
 */
async function openExport(url: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank')
    return
  }
  await Taro.setClipboardData({ data: url })
  say('下载链接已复制，请在电脑浏览器中打开')
}

/** 导出已确认时长: one Beijing month of confirmed hours as a CSV (for 志愿中国 补录). */
function ExportCard() {
  const thisMonth = monthOf(Date.now())
  const months = [0, -1, -2, -3, -4, -5].map((d) => addMonths(thisMonth, d))
  const [month, setMonth] = useState(thisMonth)
  const [result, setResult] = useState<Exported | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, run] = useBusy()

  const exportHours = () =>
    run(async () => {
      setError(null)
      const res = await callAction('volunteer', 'exportHours', monthRange(month))
      if (!res.ok) return setError(res.message)
      setResult({ month, url: res.data.url, rows: res.data.rows, totalMinutes: res.data.totalMinutes })
    })

  return (
    <View id='export-card' className='card admin-export' data-month={month}>
      <Text className='section__title'>导出已确认时长</Text>
      <Text className='admin-export__sub'>按确认时间（北京时间）导出 CSV，用于录入全国志愿服务信息系统</Text>
      <ChoiceChips
        row
        idPrefix='export-month'
        options={months.map((m, i) => ({ value: m, label: i === 0 ? `本月（${Number(m.slice(5))}月）` : formatMonth(m) }))}
        value={month}
        onChange={(v) => {
          if (!v) return
          setMonth(v)
          setResult(null)
          setError(null)
        }}
      />
      <Button id='export-submit' block type='primary' loading={busy} disabled={busy} onClick={exportHours}>
        导出 {formatMonth(month)} 时长
      </Button>
      {error ? (
        <Notice id='export-error' tone='red'>
          {error}
        </Notice>
      ) : null}
      {result ? (
        <View id='export-result' className='admin-export__result' data-rows={result.rows} data-total-minutes={result.totalMinutes} data-url={result.url}>
          <Text className='admin-export__summary'>
            {formatMonth(result.month)}：{result.rows} 条记录，共 {formatHours(result.totalMinutes)} 小时
          </Text>
          {result.rows === 0 ? <Text className='vol-muted'>该月没有已确认的服务时长</Text> : null}
          <Text id='export-link' className='admin-export__link' onClick={() => openExport(result.url)}>
            {process.env.TARO_ENV === 'h5' ? '下载 CSV 文件 ›' : '复制下载链接 ›'}
          </Text>
        </View>
      ) : null}
    </View>
  )
}

function Hub() {
  const [filter, setFilter] = useState<Filter>('all')
  const events = useOffsetList('volunteer', 'staffEvents', filter === 'all' ? {} : { status: filter }, [filter])
  const pending = useOffsetList('volunteer', 'listRegistrations', { status: 'pending' }, [], 100)
  const requests = useOffsetList('volunteer', 'listRequests', { status: 'submitted' }, [], 100)
  const corrections = useOffsetList('volunteer', 'listCorrections', { status: 'pending' }, [], 100)

  useOnShowAgain(() => {
    events.reload()
    pending.reload()
    requests.reload()
    corrections.reload()
  })
  usePullDownRefresh(() => {
    events.reload()
    pending.reload()
    requests.reload()
    corrections.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })
  useReachBottom(() => events.loadMore())

  const tools: Tool[] = [
    { key: 'new-event', label: '新建活动', glyph: '➕', page: 'adminEventEdit' },
    { key: 'new-series', label: '每周系列', glyph: '🔁', page: 'adminEventEdit', query: { mode: 'series' } },
    { key: 'registrations', label: '注册审核', glyph: '🪪', page: 'adminRegistrations', count: pending.items.length },
    { key: 'mall', label: '超市核销', glyph: '🎁', page: 'adminMall' },
    { key: 'requests', label: '派单台', glyph: '📮', page: 'adminRequests', count: requests.items.length },
    { key: 'corrections', label: '时长更正', glyph: '⏱️', page: 'adminCorrections', count: corrections.items.length },
  ]

  return (
    <>
      <View className='admin-title'>
        <Text className='admin-title__text'>志愿服务组织管理</Text>
        <Text className='admin-title__sub'>发布活动、现场签到、确认时长、审核注册与时长更正、核销兑换、派发服务需求、导出时长</Text>
      </View>
      <View id='admin-tools' className='card admin-tools'>
        {tools.map((t) => (
          <View key={t.key} id={`admin-entry-${t.key}`} className='admin-tool' onClick={() => openVolunteerPage(t.page, t.query)}>
            <View className='admin-tool__icon'>
              <Text>{t.glyph}</Text>
              {t.count ? <Text className='admin-tool__badge'>{t.count > 99 ? '99+' : t.count}</Text> : null}
            </View>
            <Text className='admin-tool__label'>{t.label}</Text>
          </View>
        ))}
      </View>

      <ExportCard />

      <View className='admin-events-head'>
        <Text className='section__title'>活动管理</Text>
      </View>
      <ChoiceChips row idPrefix='admin-filter' options={FILTERS} value={filter} onChange={(v) => setFilter(v ?? 'all')} />
      <View id='admin-events' className='admin-events'>
        {events.loading ? (
          <Loading />
        ) : events.error ? (
          <ErrorState error={events.error} onRetry={events.reload} />
        ) : events.items.length === 0 ? (
          <Empty icon='🗓️' title='暂无活动' description='新建一场活动，或按模板生成每周五环境整治。' actionText='新建活动' onAction={() => openVolunteerPage('adminEventEdit')} />
        ) : (
          <>
            {events.items.map((e) => (
              <View key={e.id} className='admin-event' data-id={e.id} data-status={e.status}>
                <EventCard event={e} showUncovered onClick={() => openVolunteerPage('adminEvent', { id: e.id })} />
              </View>
            ))}
            {events.hasMore ? (
              <View className='vol-more' onClick={events.loadMore}>
                <Text>{events.loadingMore ? '加载中…' : '加载更多'}</Text>
              </View>
            ) : null}
          </>
        )}
      </View>
    </>
  )
}

/**
 * Organiser hub. Test hooks: #page-vol-admin, #admin-entry-<key>, #admin-filter-<status>, #admin-events .admin-event[data-id][data-status];
 * export: #export-card[data-month], #export-month-<YYYY-MM>, #export-submit, #export-result[data-rows][data-total-minutes][data-url], #export-link, #export-error.
 */
export default function AdminHubPage() {
  return (
    <PageShell desk id='page-vol-admin'>
      <StaffOnly>
        <Hub />
      </StaffOnly>
    </PageShell>
  )
}
