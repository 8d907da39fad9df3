import Taro from '@tarojs/taro'

/** Entries whose screens are not built yet. */
export function showComingSoon(feature?: string): void {
  Taro.showToast({ title: feature ? `${feature}功能建设中` : '功能建设中', icon: 'none', duration: 1800 })
}

export type TabPage = 'home' | 'report' | 'exposure' | 'volunteer' | 'mine'

export function switchToTab(tab: TabPage): void {
  Taro.switchTab({ url: `/pages/${tab}/index` })
}

/** Pages outside the tab bar (subpackages). */
export const ROUTES = {
  myReports: '/packages/report/pages/mine/index',
  reportDetail: (id: string) => `/packages/report/pages/detail/index?id=${encodeURIComponent(id)}`,
  staffQueue: '/packages/staff/pages/queue/index',
  staffDetail: (id: string) => `/packages/staff/pages/detail/index?id=${encodeURIComponent(id)}`,
  staffOverdue: '/packages/staff/pages/overdue/index',
  unitTasks: '/packages/unit/pages/tasks/index',
  unitDetail: (id: string) => `/packages/unit/pages/detail/index?id=${encodeURIComponent(id)}`,
} as const

export function openPage(url: string): void {
  Taro.navigateTo({ url }).catch(() => Taro.redirectTo({ url }))
}

/** Replace the current page (detail → another detail, so one of each is in the page stack). */
export function replacePage(url: string): void {
  Taro.redirectTo({ url })
}

export function toast(title: string, icon: 'success' | 'none' = 'none'): void {
  Taro.showToast({ title, icon, duration: icon === 'success' ? 1500 : 2200 })
}
