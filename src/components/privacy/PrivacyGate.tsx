import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import {
  AGREE_BUTTON_ID,
  POLICY_ROUTE,
  agree,
  askOnFirstUse,
  decline,
  gateState,
  openWechatPrivacyContract,
  subscribeGate,
  syncConsent,
  type GateReason,
} from '@/services/privacy'
import { openPage } from '@/services/ui'
import './PrivacyGate.scss'

const LEAD: Record<GateReason, string> = {
  'first-use': '欢迎使用文明同行。在您使用前，请阅读并同意《隐私政策》和《用户服务协议》。',
  needed: '此功能需要收集您的个人信息。请阅读并同意《隐私政策》和《用户服务协议》后继续。',
  wechat: '此功能需要使用您的个人信息。请阅读并同意《隐私政策》和《用户服务协议》后继续。',
}

/** What we collect and why, in one screen (the full text is on the policy page). */
const POINTS: { title: string; text: string }[] = [
  { title: '照片', text: '随手拍时由您拍摄或选择，用于反映问题；上传前压缩并去除拍摄地点等附加信息。' },
  { title: '位置', text: '仅在随手拍定位和志愿服务签到时获取，用于确定问题位置、核验签到。' },
  { title: '实名信息', text: '仅志愿者登记时填写姓名、手机号（证件号可选，只保存脱敏号码），用于志愿服务记录。' },
  { title: '您的权利', text: '您可在“我的 → 隐私与账号”查阅、导出个人信息或注销账号；举报人身份不对公众公开。' },
]

/** The pages the prompt links to must stay readable: they show no prompt themselves. */
const isPolicyPath = (path: string): boolean => path.includes('/packages/privacy/')

/**
 * The 隐私保护提示, mounted by every page's PageShell: asks at first use, when a protected action needs
 * consent, and when WeChat's privacy check holds an API. Test hooks: #privacy-gate (data-reason),
 * #privacy-agree, #privacy-decline, #privacy-link-privacy, #privacy-link-terms.
 */
export function PrivacyGate() {
  const [gate, setGate] = useState(gateState)
  // The page this prompt belongs to, fixed at mount: a page left behind (still in the DOM while the one on
  // top opens the prompt) must judge by its own path, not by whichever page is current then.
  const [onPolicyPage] = useState(() => isPolicyPath(Taro.getCurrentInstance().router?.path ?? ''))
  useEffect(() => {
    const off = subscribeGate(setGate)
    if (!onPolicyPage) askOnFirstUse()
    void syncConsent()
    return () => {
      off()
    }
  }, [onPolicyPage])
  if (!gate.open || onPolicyPage) return null

  const weapp = process.env.TARO_ENV === 'weapp'
  return (
    <View id='privacy-gate' className='privacy-gate' data-reason={gate.reason} catchMove>
      <View className='privacy-gate__card'>
        <Text className='privacy-gate__title'>隐私保护提示</Text>
        <Text className='privacy-gate__lead'>{LEAD[gate.reason]}</Text>
        <View className='privacy-gate__points'>
          {POINTS.map((p) => (
            <View key={p.title} className='privacy-gate__point'>
              <Text className='privacy-gate__point-title'>{p.title}</Text>
              <Text className='privacy-gate__point-text'>{p.text}</Text>
            </View>
          ))}
        </View>
        <View className='privacy-gate__links'>
          <Text id='privacy-link-privacy' className='privacy-gate__link' onClick={() => openPage(POLICY_ROUTE('privacy'))}>
            《隐私政策》
          </Text>
          <Text id='privacy-link-terms' className='privacy-gate__link' onClick={() => openPage(POLICY_ROUTE('terms'))}>
            《用户服务协议》
          </Text>
          {weapp ? (
            <Text className='privacy-gate__link' onClick={openWechatPrivacyContract}>
              《小程序隐私保护指引》
            </Text>
          ) : null}
        </View>
        <View className='privacy-gate__actions'>
          <Button id='privacy-decline' className='privacy-gate__btn privacy-gate__btn--ghost' onClick={decline}>
            不同意
          </Button>
          {/* In WeChat the same tap also grants the mini-program privacy authorisation. */}
          <Button
            id={AGREE_BUTTON_ID}
            className='privacy-gate__btn privacy-gate__btn--primary'
            openType={weapp ? 'agreePrivacyAuthorization' : undefined}
            onAgreePrivacyAuthorization={agree}
            onClick={weapp ? undefined : agree}
          >
            同意并继续
          </Button>
        </View>
        {gate.reason === 'first-use' ? <Text className='privacy-gate__note'>不同意也可以浏览曝光台、红黑榜等公开内容。</Text> : null}
      </View>
    </View>
  )
}
