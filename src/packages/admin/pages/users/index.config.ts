export default definePageConfig({ navigationBarTitleText: '用户与角色', onReachBottomDistance: 80 })
