export default definePageConfig({ navigationBarTitleText: '责任单位排名通报' })
