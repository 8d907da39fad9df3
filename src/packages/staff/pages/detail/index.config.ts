export default definePageConfig({
  navigationBarTitleText: '随手拍办理',
  navigationBarBackgroundColor: '#2A2420',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
})
