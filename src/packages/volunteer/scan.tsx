/**
 * 扫码签到/签退, shared by the event page and the 扫码签到 page. In WeChat `Taro.scanCode` reads the
 * organiser's QR; in H5 (no camera in devcloud's browser app) the same token is typed into a sheet — the
 * organiser's screen shows it under the QR. Then one location fix (`Taro.getLocation`) for the distance
 * check, and `volunteer.scan`.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { TextInput } from '@/components/volunteer/Field'
import './volunteer.scss'
import { Sheet } from '@/components/volunteer/Sheet'
import { callAction, type ClientFail, type OutputOf } from '@/services/cloud'
import { CONSENT_REQUIRED_MESSAGE, ensureConsent } from '@/services/privacy'
import { formatClock, formatHours } from '@/services/volunteer'

export type ScanResult = OutputOf<'volunteer', 'scan'>
export type ScanOutcome = { ok: true; result: ScanResult } | { ok: false; message: string; code: string }

type Fix = { ok: true; lat: number; lng: number } | { ok: false; message: string }

/** One location fix: GCJ-02 in WeChat (what the city's coordinates are), the browser's own in H5. */
async function locate(): Promise<Fix> {
  try {
    const res = await Taro.getLocation({
      type: process.env.TARO_ENV === 'weapp' ? 'gcj02' : 'wgs84',
      isHighAccuracy: true,
      highAccuracyExpireTime: 5000,
    })
    return { ok: true, lat: res.latitude, lng: res.longitude }
  } catch (err) {
    const msg = String((err as { errMsg?: unknown } | null)?.errMsg ?? '')
    return /auth|deny|denied|permission/i.test(msg)
      ? { ok: false, message: '签到需要核验您在活动现场，请允许获取位置后重试' }
      : { ok: false, message: '定位失败，请打开手机定位后重试' }
  }
}

/** The token a QR carries (organiser screens encode the bare token). */
const cleanToken = (raw: string): string => raw.trim().replace(/\s+/g, '')

/** What to say after a scan. */
export function describeScan(r: ScanResult): string {
  const where = `距活动地点 ${r.distanceM} 米`
  if (r.kind === 'in') return `${r.repeated ? '您已签到' : '签到成功'}（${formatClock(r.at)}，${where}）`
  const hours = r.minutes !== null ? `，记录服务时长 ${formatHours(r.minutes)} 小时，待组织者确认` : ''
  return `${r.repeated ? '您已签退' : '签退成功'}（${formatClock(r.at)}${hours}）`
}

/**
 * The scan flow as a hook: `start()` reads a code (WeChat camera, or the H5 sheet), locates, calls the
 * server and reports through `onDone`. Render `sheet` somewhere in the page.
 * Test hooks (H5 sheet): #scan-sheet, input #scan-code-input, #scan-sheet-confirm.
 */
export function useScanFlow(onDone: (outcome: ScanOutcome) => void) {
  const [open, setOpen] = useState(false)
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)

  const submit = async (token: string) => {
    setBusy(true)
    try {
      const fix = await locate()
      if (!fix.ok) return onDone({ ok: false, message: fix.message, code: 'LOCATION' })
      const res = await callAction('volunteer', 'scan', { token, lat: fix.lat, lng: fix.lng })
      if (res.ok) {
        setOpen(false)
        setCode('')
        onDone({ ok: true, result: res.data })
      } else onDone({ ok: false, message: (res as ClientFail).message, code: res.code })
    } finally {
      setBusy(false)
    }
  }

  const start = async () => {
    if (busy) return
    // The check-in takes the camera and the location: only with the privacy consent.
    if (!(await ensureConsent())) return onDone({ ok: false, message: CONSENT_REQUIRED_MESSAGE, code: 'CONSENT' })
    if (process.env.TARO_ENV === 'weapp') {
      try {
        const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
        const token = cleanToken(res.result ?? '')
        if (token) await submit(token)
      } catch (err) {
        // Cancelled by the user: nothing to say. Camera refused: offer the typed path.
        const msg = String((err as { errMsg?: unknown } | null)?.errMsg ?? '')
        if (!/cancel/i.test(msg)) setOpen(true)
      }
      return
    }
    setOpen(true)
  }

  const token = cleanToken(code)
  const sheet = (
    <Sheet
      id='scan-sheet'
      visible={open}
      title='扫码签到 / 签退'
      onClose={() => setOpen(false)}
      confirmText={busy ? '正在核验…' : '确认'}
      busy={busy}
      disabled={token.length < 10}
      onConfirm={() => submit(token)}
    >
      <View className='scan-sheet'>
        <Text className='scan-sheet__hint'>
          {process.env.TARO_ENV === 'weapp'
            ? '无法使用相机时，请输入组织者屏幕二维码下方显示的签到码。'
            : '浏览器中无法调用相机：请输入组织者屏幕二维码下方显示的签到码（与二维码内容相同，约 10 秒更新一次）。'}
        </Text>
        <TextInput id='scan-code-input' value={code} onChange={setCode} placeholder='签到码，如 v1.xxxx…' maxlength={200} />
        <Text className='scan-sheet__hint'>确认后将获取一次您的位置，核验您在活动现场附近。</Text>
      </View>
    </Sheet>
  )
  return { start, sheet, busy }
}
