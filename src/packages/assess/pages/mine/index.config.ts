export default definePageConfig({
  navigationBarTitleText: '单位考评',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  onReachBottomDistance: 80,
})
