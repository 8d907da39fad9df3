export default definePageConfig({
  navigationBarTitleText: '考评管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  onReachBottomDistance: 80,
})
