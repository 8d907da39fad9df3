export default definePageConfig({
  navigationBarTitleText: '选择要曝光的随手拍',
  navigationBarBackgroundColor: '#2A2420',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
  onReachBottomDistance: 80,
})
