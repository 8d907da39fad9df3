export default definePageConfig({
  navigationBarTitleText: '案件受理与派单',
  navigationBarBackgroundColor: '#2A2420',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  onReachBottomDistance: 80,
})
