import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components'
import { Button } from '@/components/nut'
import { Notice } from '@/components/volunteer/Notice'
import { openVolunteerPage, type Tone } from '@/services/volunteer'
import { describeScan, useScanFlow, type ScanResult } from '../../scan'
import '../../volunteer.scss'
import './index.scss'

/**
 * 扫码签到/签退 from the 志愿 tab: scan the organiser's code for whichever event it belongs to.
 * Test hooks: #page-vol-scan, #scan-start, #scan-result[data-tone][data-code], #scan-open-event.
 */
export default function ScanPage() {
  const [outcome, setOutcome] = useState<{ tone: Tone; text: string; code: string; result?: ScanResult } | null>(null)
  const scan = useScanFlow((o) =>
    setOutcome(o.ok ? { tone: 'green', text: describeScan(o.result), code: `SCAN_${o.result.kind.toUpperCase()}`, result: o.result } : { tone: 'red', text: o.message, code: o.code }),
  )
  // In WeChat the camera opens at once: that is what the volunteer came here for.
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') scan.start()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return (
    <PageShell id='page-vol-scan'>
      <View className='scan-hero'>
        <View className='scan-hero__frame'>
          <Text className='scan-hero__glyph'>📷</Text>
        </View>
        <Text className='scan-hero__title'>扫码签到 / 签退</Text>
        <Text className='scan-hero__desc'>到达活动现场后，扫描组织者手机上的动态二维码完成签到；服务结束时再扫一次签退。二维码每 10 秒更新，截图转发无效。</Text>
        <View className='scan-hero__button'>
          <Button id='scan-start' type='primary' block loading={scan.busy} disabled={scan.busy} onClick={scan.start}>
            {process.env.TARO_ENV === 'weapp' ? '扫一扫' : '输入签到码'}
          </Button>
        </View>
      </View>
      {outcome ? (
        <>
          <Notice id='scan-result' tone={outcome.tone} code={outcome.code}>
            {outcome.result ? `${outcome.result.eventTitle}：${outcome.text}` : outcome.text}
          </Notice>
          {outcome.result ? (
            <View className='scan-open'>
              <Text id='scan-open-event' className='scan-open__link' onClick={() => openVolunteerPage('event', { id: outcome.result?.eventId })}>
                查看活动 ›
              </Text>
            </View>
          ) : null}
        </>
      ) : null}
      <View className='vol-card scan-tips'>
        <Text className='vol-card__title'>签到须知</Text>
        <Text className='scan-tips__item'>· 活动开始前 30 分钟起可以签到，活动结束后 1 小时内可以签退。</Text>
        <Text className='scan-tips__item'>· 签到、签退时需获取一次位置，须在活动地点 500 米范围内。</Text>
        <Text className='scan-tips__item'>· 服务时长按签到至签退计算（不超过活动时长），经组织者确认后记入时间存折，每小时积 1 分。</Text>
        <Text className='scan-tips__item'>· 忘记签退请联系组织者补录。</Text>
      </View>
      {scan.sheet}
    </PageShell>
  )
}
