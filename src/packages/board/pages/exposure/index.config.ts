export default definePageConfig({
  navigationBarTitleText: '曝光详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  enableShareAppMessage: true,
})
