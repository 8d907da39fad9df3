export default definePageConfig({
  navigationBarTitleText: '点单服务',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
})
