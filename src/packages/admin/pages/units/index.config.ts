export default definePageConfig({ navigationBarTitleText: '责任单位', onReachBottomDistance: 80 })
