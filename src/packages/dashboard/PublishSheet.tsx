/**
 * 发布排名通报: staff choose the period (上周, 上月, or ended days of their choosing), see the ranking the
 * 通报 will print, and publish it (public and final). Test hooks: #dash-publish-sheet, #dash-publish-kind-<kind>,
 * #dash-publish-from / #dash-publish-to (data-value), #dash-publish-title, #dash-publish-error,
 * #dash-publish-preview (data-from, data-to) with .dash-preview-row rows, #dash-publish-sheet-confirm.
 */
import { useState } from 'react'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { ErrorState, Loading } from '@/components'
import { Sheet } from '@/components/Sheet'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { callAction } from '@/services/cloud'
import { useAction } from '@/services/useAction'
import { toast } from '@/services/ui'
import { PUBLISH_KINDS, dayLabel, defaultTitle, lastMonth, lastWeek, publishPeriodError, yesterday, type PublishKind } from './period'
import { RankingTable } from './RankingTable'

type Period = { from: string; to: string }

/** The ranking the 通报 would print for the period (figures as of now; publishing freezes them). */
function Preview({ period }: { period: Period }) {
  const r = useAction('stats', 'overview', { ...period, bucket: 'month' }, [period.from, period.to])
  if (r.error) return <ErrorState error={r.error} onRetry={r.reload} />
  if (!r.data) return <Loading text='正在计算排名…' />
  const ranked = r.data.units.filter((u) => u.rank !== null).length
  return (
    <View id='dash-publish-preview' data-from={period.from} data-to={period.to} className='dash-preview'>
      <Text className='dash-muted'>
        预览：{ranked} 个单位参与排名{r.data.pending ? '（数据仍在汇总，发布时会先汇总完毕）' : ''}
      </Text>
      <RankingTable rows={r.data.units} rowClass='dash-preview-row' foldQuiet />
    </View>
  )
}

export function PublishSheet({ visible, onClose, onPublished }: { visible: boolean; onClose: () => void; onPublished: (no: number) => void }) {
  const [kind, setKind] = useState<PublishKind>('week')
  const [custom, setCustom] = useState<Period>(() => lastWeek())
  const [title, setTitle] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const period = kind === 'week' ? lastWeek() : kind === 'month' ? lastMonth() : custom
  const error = publishPeriodError(period)
  const shownTitle = title ?? defaultTitle(kind, period)
  const titleError = shownTitle.trim().length < 2 ? '标题至少 2 个字' : null

  const publish = async () => {
    setBusy(true)
    const res = await callAction('stats', 'publishRanking', { ...period, title: shownTitle.trim(), note: note.trim() })
    setBusy(false)
    if (!res.ok) return toast(res.message)
    onPublished(res.data.no)
  }

  return (
    <Sheet id='dash-publish-sheet' visible={visible} title='发布责任单位排名通报' onClose={onClose} confirmText='确认发布（公开，不可修改）' onConfirm={publish} busy={busy} disabled={!!error || !!titleError}>
      <View className='dash-form'>
        <Text className='dash-form__label'>统计期</Text>
        <ChoiceChips
          idPrefix='dash-publish-kind'
          options={PUBLISH_KINDS}
          value={kind}
          onChange={(v) => {
            if (!v) return
            setKind(v)
            setTitle(null)
          }}
        />
        {kind === 'custom' ? (
          <View className='dash-days'>
            <Picker mode='date' value={custom.from} end={yesterday()} onChange={(e) => setCustom({ ...custom, from: String(e.detail.value) })}>
              <View id='dash-publish-from' className='dash-picker' data-value={custom.from}>
                <Text>{custom.from}</Text>
              </View>
            </Picker>
            <Text className='dash-muted'>至</Text>
            <Picker mode='date' value={custom.to} end={yesterday()} onChange={(e) => setCustom({ ...custom, to: String(e.detail.value) })}>
              <View id='dash-publish-to' className='dash-picker' data-value={custom.to}>
                <Text>{custom.to}</Text>
              </View>
            </Picker>
          </View>
        ) : (
          <Text id='dash-publish-period' className='dash-muted'>
            {dayLabel(period.from)} 至 {dayLabel(period.to)}
          </Text>
        )}
        {error ? (
          <Text id='dash-publish-error' className='dash-form__error'>
            {error}
          </Text>
        ) : null}
        <Text className='dash-form__label'>标题</Text>
        <Input id='dash-publish-title' className='dash-input' value={shownTitle} maxlength={60} onInput={(e) => setTitle(e.detail.value)} />
        {titleError ? <Text className='dash-form__error'>{titleError}</Text> : null}
        <Text className='dash-form__label'>说明（选填，默认写明统计期）</Text>
        <Textarea id='dash-publish-note' className='dash-input is-area' value={note} maxlength={500} autoHeight placeholder='例如：请排名靠后的单位于一周内报送整改说明' onInput={(e) => setNote(e.detail.value)} />
        {error ? null : <Preview period={period} />}
      </View>
    </Sheet>
  )
}
