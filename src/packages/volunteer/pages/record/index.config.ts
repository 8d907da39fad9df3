export default definePageConfig({
  navigationBarTitleText: '时间存折',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  onReachBottomDistance: 80,
})
