export default definePageConfig({
  navigationBarTitleText: '考评表',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
})
