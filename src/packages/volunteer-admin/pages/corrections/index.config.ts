export default definePageConfig({
  navigationBarTitleText: '时长更正审核',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  onReachBottomDistance: 80,
})
