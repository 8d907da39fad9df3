export default definePageConfig({
  navigationBarTitleText: '文明同行',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
})
