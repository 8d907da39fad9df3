import Taro from '@tarojs/taro'

/** Entries whose screens are not built yet. */
export function showComingSoon(feature?: string): void {
  Taro.showToast({ title: feature ? `${feature}功能建设中` : '功能建设中', icon: 'none', duration: 1800 })
}

export type TabPage = 'home' | 'report' | 'exposure' | 'volunteer' | 'mine'

export function switchToTab(tab: TabPage): void {
  Taro.switchTab({ url: `/pages/${tab}/index` })
}
