export default definePageConfig({ navigationBarTitleText: '网格与包保', onReachBottomDistance: 80 })
