/**
 * 隐私政策 / 用户服务协议, full text (`?doc=privacy|terms`). Linked from the 隐私保护提示 and from 我的.
 * Test hooks: #page-policy (data-doc), #policy-tab-privacy, #policy-tab-terms, .policy-section.
 */
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '@/components'
import { PRIVACY_VERSION, openWechatPrivacyContract } from '@/services/privacy'
import { PRIVACY_POLICY, TERMS } from '../../policy'
import '../../privacy.scss'

type Doc = 'privacy' | 'terms'
const TITLES: Record<Doc, string> = { privacy: '隐私政策', terms: '用户服务协议' }

export default function PolicyPage() {
  const router = useRouter()
  const [doc, setDoc] = useState<Doc>(router.params.doc === 'terms' ? 'terms' : 'privacy')
  const show = (d: Doc) => {
    setDoc(d)
    Taro.setNavigationBarTitle({ title: TITLES[d] }).catch(() => {})
  }
  const sections = doc === 'terms' ? TERMS : PRIVACY_POLICY
  return (
    <PageShell id='page-policy' className='privacy-page'>
      <View className='privacy-tabs' data-doc={doc}>
        {(['privacy', 'terms'] as Doc[]).map((d) => (
          <Text key={d} id={`policy-tab-${d}`} className={`privacy-tab${d === doc ? ' is-active' : ''}`} onClick={() => show(d)}>
            {TITLES[d]}
          </Text>
        ))}
      </View>
      <View className='privacy-card'>
        <Text className='privacy-card__title'>文明同行{TITLES[doc]}</Text>
        <Text className='privacy-card__meta'>版本 {PRIVACY_VERSION}</Text>
        {sections.map((s) => (
          <View key={s.title} className='policy-section'>
            <Text className='policy-section__title'>{s.title}</Text>
            {s.paragraphs.map((p) => (
              <Text key={p} className='policy-section__p'>
                {p}
              </Text>
            ))}
          </View>
        ))}
        {process.env.TARO_ENV === 'weapp' ? (
          <Text className='privacy-link' onClick={openWechatPrivacyContract}>
            查看《小程序隐私保护指引》
          </Text>
        ) : null}
      </View>
    </PageShell>
  )
}
