export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/report/index',
    'pages/exposure/index',
    'pages/volunteer/index',
    'pages/mine/index',
  ],
  window: {
    navigationBarTitleText: '文明同行',
    navigationBarBackgroundColor: '#C8161D',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F6F3EE',
    backgroundColorTop: '#C8161D',
    backgroundColorBottom: '#F6F3EE',
    backgroundTextStyle: 'light',
  },
  tabBar: {
    color: '#8E857C',
    selectedColor: '#C8161D',
    backgroundColor: '#FFFFFF',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/report/index', text: '随手拍', iconPath: 'assets/tabbar/report.png', selectedIconPath: 'assets/tabbar/report-active.png' },
      { pagePath: 'pages/exposure/index', text: '曝光台', iconPath: 'assets/tabbar/exposure.png', selectedIconPath: 'assets/tabbar/exposure-active.png' },
      { pagePath: 'pages/volunteer/index', text: '志愿', iconPath: 'assets/tabbar/volunteer.png', selectedIconPath: 'assets/tabbar/volunteer-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tabbar/mine.png', selectedIconPath: 'assets/tabbar/mine-active.png' },
    ],
  },
  // Only the components a page uses are injected (smaller startup). Required by WeChat for new projects.
  lazyCodeLoading: 'requiredComponents',
  // Privacy: photos and location come later (随手拍); the check is on so the 隐私保护指引 flow applies.
  __usePrivacyCheck__: true,
  style: 'v2',
})
