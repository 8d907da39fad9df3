/**
 * Where the resident is: the device's fix, small pin adjustments in metres, and the readable place name
 * from the city's grid map (`city.locate`). Coordinates are what the map draws: GCJ-02 in WeChat. In H5
 * (devcloud's browser build) the browser's own coordinates are used as they come.
 */
import Taro from '@tarojs/taro'
import type { Point } from './geo'
import { CONSENT_REQUIRED_MESSAGE, ensureConsent } from './privacy'

export * from './geo'

export type FixResult =
  | { ok: true; point: Point; accuracy: number | null }
  | { ok: false; denied: boolean; message: string }

/** One location fix, after the privacy consent (asked for if missing). Never throws. */
export async function getFix(): Promise<FixResult> {
  if (!(await ensureConsent())) return { ok: false, denied: false, message: CONSENT_REQUIRED_MESSAGE }
  try {
    const res = await Taro.getLocation({
      type: process.env.TARO_ENV === 'weapp' ? 'gcj02' : 'wgs84',
      isHighAccuracy: true,
      highAccuracyExpireTime: 5000,
    })
    const accuracy = typeof res.accuracy === 'number' && Number.isFinite(res.accuracy) ? Math.round(res.accuracy) : null
    return { ok: true, point: { lat: res.latitude, lng: res.longitude }, accuracy }
  } catch (err) {
    const msg = String((err as { errMsg?: unknown } | null)?.errMsg ?? '')
    const denied = /auth|deny|denied|permission/i.test(msg)
    return {
      ok: false,
      denied,
      message: denied ? '未获得定位权限，请允许获取位置后重试' : '定位失败，请到室外或打开系统定位后重试',
    }
  }
}

/** WeChat: open the settings page so a resident who refused location can allow it. */
export function openLocationSettings(): void {
  if (process.env.TARO_ENV === 'weapp') Taro.openSetting().catch(() => {})
}
