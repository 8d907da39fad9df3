export default definePageConfig({
  navigationBarTitleText: '编辑曝光',
  navigationBarBackgroundColor: '#2A2420',
})
