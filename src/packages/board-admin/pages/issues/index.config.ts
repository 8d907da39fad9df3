export default definePageConfig({
  navigationBarTitleText: '红黑榜编辑与审核',
  navigationBarBackgroundColor: '#2A2420',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  onReachBottomDistance: 80,
})
