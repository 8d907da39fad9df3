export default definePageConfig({
  navigationBarTitleText: '超期督办',
  navigationBarBackgroundColor: '#2A2420',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  onReachBottomDistance: 80,
})
