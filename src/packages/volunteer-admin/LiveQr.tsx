import { useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState } from '@/components'
import { ChoiceChips } from '@/components/volunteer/Chips'
import { QrMatrix } from '@/components/volunteer/QrMatrix'
import { callAction, type ClientFail } from '@/services/cloud'
import { useTick } from '@/services/volunteerHooks'
import { TOKEN_REFRESH_MS } from '@/services/volunteer'
import './admin.scss'
import './LiveQr.scss'

type Kind = 'in' | 'out'

/**
 * The live check-in/out code: a fresh token from `checkinToken` every `refreshAfterMs` (the server says how
 * long; about 10 s), drawn as a QR with a countdown, the token's text under it for volunteers who cannot scan
 * (and the H5 path). Stops fetching while the page is hidden or the panel is not shown.
 * Test hooks: #qr-kind-in / #qr-kind-out, #live-qr[data-text], #live-qr-token[data-token][data-kind],
 * #live-qr-countdown[data-seconds], #live-qr-error.
 */
export function LiveQr({ eventId, active, checkedIn, checkedOut, confirmed }: { eventId: string; active: boolean; checkedIn: number; checkedOut: number; confirmed: number }) {
  const [kind, setKind] = useState<Kind>('in')
  const [token, setToken] = useState<{ token: string; kind: Kind; at: number; refreshMs: number } | null>(null)
  const [error, setError] = useState<ClientFail | null>(null)
  const [visible, setVisible] = useState(true)
  const [nonce, setNonce] = useState(0)
  const now = useTick(500)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))

  useEffect(() => {
    if (!active || !visible) return
    let alive = true
    const load = async () => {
      const res = await callAction('volunteer', 'checkinToken', { eventId, kind })
      if (!alive) return
      let wait: number
      if (res.ok) {
        const refreshMs = Math.max(2000, Math.min(30000, res.data.refreshAfterMs || TOKEN_REFRESH_MS))
        setToken({ token: res.data.token, kind, at: Date.now(), refreshMs })
        setError(null)
        wait = refreshMs
      } else {
        setError(res)
        wait = 5000
      }
      timer.current = setTimeout(load, wait)
    }
    load()
    return () => {
      alive = false
      if (timer.current) clearTimeout(timer.current)
    }
  }, [eventId, kind, active, visible, nonce])

  const current = token && token.kind === kind ? token : null
  const seconds = current ? Math.max(0, Math.ceil((current.at + current.refreshMs - now) / 1000)) : 0

  return (
    <View id='live-qr-panel' className='live-qr'>
      <ChoiceChips
        idPrefix='qr-kind'
        options={[
          { value: 'in', label: '签到码' },
          { value: 'out', label: '签退码' },
        ]}
        value={kind}
        onChange={(v) => v && setKind(v)}
      />
      <View className='live-qr__counts'>
        <Text>
          已签到 <Text className='live-qr__num'>{checkedIn}</Text>/{confirmed} · 已签退 <Text className='live-qr__num'>{checkedOut}</Text>
        </Text>
      </View>
      {error && !current ? (
        <View id='live-qr-error'>
          <ErrorState compact title={error.code === 'CONFLICT' ? `暂不能生成${kind === 'in' ? '签到' : '签退'}码` : undefined} error={error} onRetry={() => setNonce((n) => n + 1)} />
        </View>
      ) : current ? (
        <View className='live-qr__body'>
          <View className={`live-qr__frame is-${kind}`}>
            <QrMatrix id='live-qr' className='live-qr__matrix' text={current.token} />
          </View>
          <Text className='live-qr__title'>{kind === 'in' ? '请志愿者扫码签到' : '请志愿者扫码签退'}</Text>
          <View className='live-qr__countdown-row'>
            <View className='live-qr__ring'>
              <View className='live-qr__ring-fill' style={{ width: `${Math.round((seconds * 1000 * 100) / current.refreshMs)}%` }} />
            </View>
            <Text id='live-qr-countdown' className='live-qr__countdown' data-seconds={String(seconds)}>
              {seconds} 秒后刷新
            </Text>
          </View>
          <Text className='live-qr__label'>无法扫码时输入签到码：</Text>
          <Text id='live-qr-token' className='live-qr__token' data-token={current.token} data-kind={kind} selectable userSelect>
            {current.token}
          </Text>
          <Text className='live-qr__hint'>二维码每 {Math.round(current.refreshMs / 1000)} 秒更新，截图转发无效；签到须在活动地点 500 米内。</Text>
        </View>
      ) : (
        <View className='live-qr__loading'>
          <Text className='vol-muted'>正在生成{kind === 'in' ? '签到' : '签退'}码…</Text>
        </View>
      )}
    </View>
  )
}
