export default definePageConfig({
  navigationBarTitleText: '爱心超市管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
})
