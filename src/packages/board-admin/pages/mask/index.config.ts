export default definePageConfig({
  navigationBarTitleText: '照片打码',
  navigationBarBackgroundColor: '#1A1512',
  backgroundColor: '#1A1512',
  disableScroll: false,
})
