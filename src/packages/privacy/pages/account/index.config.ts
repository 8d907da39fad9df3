export default definePageConfig({
  navigationBarTitleText: '隐私与账号',
})
