export default definePageConfig({
  navigationBarTitleText: '台账导出',
  backgroundTextStyle: 'light',
})
