export default definePageConfig({
  navigationBarTitleText: '红黑榜',
  navigationBarBackgroundColor: '#8E0F14',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  enableShareAppMessage: true,
})
