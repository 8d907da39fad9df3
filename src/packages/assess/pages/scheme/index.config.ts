export default definePageConfig({
  navigationBarTitleText: '考评方案',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
})
