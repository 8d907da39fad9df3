export default definePageConfig({
  navigationBarTitleText: '红黑榜草稿',
  navigationBarBackgroundColor: '#2A2420',
})
