export default definePageConfig({
  navigationBarTitleText: '整改任务详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
})
