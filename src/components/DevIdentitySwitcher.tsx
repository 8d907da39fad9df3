/**
 * H5 only (PageShell requires this module behind `process.env.TARO_ENV === 'h5'`): a floating pill that
 * shows who devcloud thinks the caller is, and a sheet to switch between the demo users. Switching
 * stores the choice and every `useAction` (on every mounted page) reloads. Test hooks: `#dev-identity`
 * (the pill, `data-user` = current id; only the front page renders it), `.dev-identity-option` with
 * `data-user`, ids `#dev-identity-option-<user>`.
 */
import { useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import '@nutui/nutui-react-taro/dist/esm/Popup/style/css'
import { Popup } from '@nutui/nutui-react-taro'
import { DEV_USERS, describeDevUser, setDevUser } from '@/services/devIdentity'
import { useDevUserId } from '@/services/useAction'
import './DevIdentitySwitcher.scss'

export default function DevIdentitySwitcher() {
  const current = useDevUserId()
  const [open, setOpen] = useState(false)
  // H5 keeps visited tab pages mounted (hidden); render only on the page in front, so there is one
  // #dev-identity in the document at a time.
  const [shown, setShown] = useState(true)
  useDidShow(() => setShown(true))
  useDidHide(() => {
    setShown(false)
    setOpen(false)
  })
  if (!shown) return null
  const users = DEV_USERS.some((u) => u.id === current)
    ? DEV_USERS
    : [...DEV_USERS, { id: current, role: 'resident' as const, label: '自定义' }]

  return (
    <>
      <View id='dev-identity' className='dev-identity-pill' data-user={current} onClick={() => setOpen(true)}>
        <View className='dev-identity-pill__dot' />
        <Text className='dev-identity-pill__text'>
          身份：{describeDevUser(current)}
          <Text className='dev-identity-pill__id'>{current}</Text>
        </Text>
      </View>
      <Popup
        visible={open}
        position='bottom'
        round
        closeable
        title='切换演示身份'
        // Out of the page's stacking context, so the sheet covers the tab bar.
        portal={document.body}
        onClose={() => setOpen(false)}
      >
        <View className='dev-identity-sheet'>
          <Text className='dev-identity-sheet__hint'>
            仅在浏览器开发环境显示。devcloud 按 X-Dev-User 识别调用者；小程序中身份即微信用户。
          </Text>
          {users.map((u) => (
            <View
              key={u.id}
              id={`dev-identity-option-${u.id}`}
              data-user={u.id}
              className={`dev-identity-option${u.id === current ? ' is-active' : ''}`}
              onClick={() => {
                setDevUser(u.id)
                setOpen(false)
              }}
            >
              <Text className='dev-identity-option__label'>{u.label}</Text>
              <Text className='dev-identity-option__id'>{u.id}</Text>
              {u.id === current ? <Text className='dev-identity-option__check'>✓</Text> : null}
            </View>
          ))}
        </View>
      </Popup>
    </>
  )
}
