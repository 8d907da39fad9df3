export default definePageConfig({
  navigationBarTitleText: '红黑榜往期',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  onReachBottomDistance: 80,
})
