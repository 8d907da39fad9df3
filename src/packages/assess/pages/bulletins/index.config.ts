export default definePageConfig({
  navigationBarTitleText: '考评通报',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  onReachBottomDistance: 80,
})
