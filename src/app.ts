import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
// NutUI React Taro: theme variables and icon base styles once; each component's CSS comes with it
// (see src/components/nut.ts). Our overrides follow in app.scss.
import '@nutui/nutui-react-taro/dist/styles/theme-default.css'
import '@nutui/icons-react-taro/dist/style_icon.css'
import { initCloud } from './services/cloud'
import { installPrivacyAuthorization } from './services/privacy'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') initCloud()
    // WeChat's privacy check: protected APIs wait for the 隐私保护提示 (services/privacy.ts).
    installPrivacyAuthorization()
    // H5: the app has mounted, drop the boot screen that index.html shows while scripts load.
    if (process.env.TARO_ENV === 'h5') document.getElementById('app-boot')?.remove()
  })
  return children
}

export default App
