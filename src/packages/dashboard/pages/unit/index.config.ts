export default definePageConfig({ navigationBarTitleText: '本单位整改数据', enablePullDownRefresh: true })
