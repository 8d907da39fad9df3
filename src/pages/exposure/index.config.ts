export default definePageConfig({
  navigationBarTitleText: '曝光台',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  onReachBottomDistance: 80,
})
