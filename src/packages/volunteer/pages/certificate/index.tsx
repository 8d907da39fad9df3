import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Empty, ErrorState, Loading, PageShell } from '@/components'
import { Button } from '@/components/nut'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { Notice } from '@/components/volunteer/Notice'
import { callAction, type ClientFail } from '@/services/cloud'
import { useOffsetList, useBusy } from '@/services/volunteerHooks'
import { formatDateLong, formatHours, say, type Certificate } from '@/services/volunteer'
import { certificateSentence, saveCertificateImage } from '../../certificateImage'
import '../../volunteer.scss'
import './index.scss'

type Period = 'all' | 'year'

/** The certificate as a page (and as what H5 prints). Test hooks: #certificate[data-number], #cert-number, #cert-text, #cert-hours. */
function CertificateView({ c }: { c: Certificate }) {
  return (
    <View id='certificate' className='cert' data-number={c.number}>
      <View className='cert__frame'>
        <Text className='cert__title'>志愿服务证明</Text>
        <Text id='cert-number' className='cert__number'>
          编号：{c.number}
        </Text>
        <Text id='cert-text' className='cert__text'>
          {certificateSentence(c)}
        </Text>
        <View className='cert__summary'>
          <View className='cert__summary-item'>
            <Text id='cert-hours' className='cert__summary-value' data-minutes={String(c.totalMinutes)}>
              {formatHours(c.totalMinutes)}
            </Text>
            <Text className='cert__summary-label'>累计时长（小时）</Text>
          </View>
          <View className='cert__summary-item'>
            <Text className='cert__summary-value'>{c.serviceCount}</Text>
            <Text className='cert__summary-label'>服务次数</Text>
          </View>
        </View>
        {c.byType.length > 0 ? (
          <View className='cert__content'>
            <Text className='cert__section'>服务内容</Text>
            {c.byType.map((b) => (
              <View key={b.label} className='cert__row'>
                <Text className='cert__row-main'>{b.label}</Text>
                <Text className='cert__row-side'>
                  {b.count} 次 · {formatHours(b.minutes)} 小时
                </Text>
              </View>
            ))}
          </View>
        ) : null}
        {c.items.length > 0 ? (
          <View className='cert__content'>
            <Text className='cert__section'>服务记录（最近 {Math.min(c.items.length, 12)} 次）</Text>
            {c.items.slice(0, 12).map((it, i) => (
              <View key={`${it.date}-${i}`} className='cert__row'>
                <Text className='cert__row-main'>
                  {formatDateLong(it.date)} {it.title}
                </Text>
                <Text className='cert__row-side'>{formatHours(it.minutes)} 小时</Text>
              </View>
            ))}
          </View>
        ) : null}
        <View className='cert__issuer'>
          <View className='cert__seal'>
            <Text className='cert__seal-text'>{c.issuer.seal}</Text>
          </View>
          <Text className='cert__issuer-name'>{c.issuer.name}</Text>
          <Text className='cert__issuer-line'>出具日期：{formatDateLong(c.issuedAt)}</Text>
          <Text className='cert__issuer-line'>联系方式：{c.issuer.contact}</Text>
        </View>
        <Text className='cert__foot'>凭编号可在“文明同行”小程序查验本证明</Text>
      </View>
    </View>
  )
}

/**
 * 志愿服务证明. Test hooks: #page-vol-certificate, #cert-period-all / -year, #cert-issue, #cert-save,
 * #cert-print (H5), #cert-file (server rendering), #cert-history .cert-history-item, #cert-error.
 */
export default function CertificatePage() {
  const history = useOffsetList('volunteer', 'myCertificates', {}, [], 20)
  const [shown, setShown] = useState<Certificate | null>(null)
  const [period, setPeriod] = useState<Period>('all')
  const [error, setError] = useState<ClientFail | null>(null)
  const [busy, run] = useBusy()

  useEffect(() => {
    if (!shown && history.items.length > 0) setShown(history.items[0])
  }, [history.items, shown])

  const issue = () =>
    run(async () => {
      setError(null)
      const beijingYear = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear()
      const from = period === 'year' ? new Date(Date.UTC(beijingYear, 0, 1) - 8 * 3600 * 1000).toISOString() : undefined
      const res = await callAction('volunteer', 'issueCertificate', { ...(from ? { from } : {}), render: true })
      if (!res.ok) return setError(res)
      setShown(res.data)
      say('证明已开具', 'success')
      history.reload()
    })

  const save = () =>
    run(async () => {
      if (!shown) return
      const res = await saveCertificateImage(shown)
      say(res.message, res.ok ? 'success' : 'none')
    })

  return (
    <PageShell id='page-vol-certificate'>
      <View className='vol-card cert-issue no-print'>
        <Text className='vol-card__title'>开具志愿服务证明</Text>
        <Text className='vol-card__sub'>依据《志愿服务记录与证明出具办法》，证明载明服务时长、服务内容和期间，附唯一编号可查验。</Text>
        <View className='cert-issue__period'>
          <ChoiceChips
            idPrefix='cert-period'
            options={[
              { value: 'all', label: '全部服务记录' },
              { value: 'year', label: '本年度' },
            ]}
            value={period}
            onChange={(v) => v && setPeriod(v)}
          />
        </View>
        <Button id='cert-issue' type='primary' block loading={busy} disabled={busy} onClick={issue}>
          开具新证明
        </Button>
        {error ? (
          <Notice id='cert-error' tone='red' code={error.code}>
            {error.message}
          </Notice>
        ) : null}
      </View>

      {history.loading && !shown ? (
        <Loading text='正在加载证明…' />
      ) : history.error && !shown ? (
        <ErrorState error={history.error} onRetry={history.reload} />
      ) : shown ? (
        <>
          <CertificateView c={shown} />
          <View className='cert-actions no-print'>
            <Button id='cert-save' type='primary' loading={busy} disabled={busy} onClick={save}>
              {process.env.TARO_ENV === 'weapp' ? '保存到相册' : '下载证明图片'}
            </Button>
            {process.env.TARO_ENV === 'h5' ? (
              <Button id='cert-print' type='primary' fill='outline' onClick={() => window.print()}>
                打印 / 存为 PDF
              </Button>
            ) : shown.url ? (
              <Button
                id='cert-file'
                type='primary'
                fill='outline'
                onClick={() => {
                  Taro.setClipboardData({ data: shown.url ?? '' }).then(() => say('链接已复制'))
                }}
              >
                复制证明文件链接
              </Button>
            ) : null}
          </View>
          {process.env.TARO_ENV === 'h5' && shown.url ? (
            <View className='cert-file no-print'>
              <Text id='cert-file' className='cert-file__link' onClick={() => window.open(shown.url ?? '', '_blank')}>
                查看服务器生成的证明文件（SVG）›
              </Text>
            </View>
          ) : null}
        </>
      ) : (
        <Empty icon='📜' title='还没有开具过证明' description='服务时长经组织者确认后即可开具，可保存为图片或打印。' />
      )}

      {history.items.length > 1 ? (
        <View id='cert-history' className='vol-card no-print'>
          <Text className='vol-card__title'>历史证明</Text>
          {history.items.map((c) => (
            <View key={c.number} className='vol-list-row cert-history-item' data-number={c.number} onClick={() => setShown(c)}>
              <View className='vol-list-row__main'>
                <Text className='vol-list-row__title'>{c.number}</Text>
                <Text className='vol-list-row__sub'>
                  {formatDateLong(c.issuedAt)} 出具 · {formatHours(c.totalMinutes)} 小时
                </Text>
              </View>
              <Text className='vol-list-row__side vol-muted'>{shown?.number === c.number ? '当前' : '查看 ›'}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  )
}
