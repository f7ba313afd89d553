export default definePageConfig({ navigationBarTitleText: '楼栋海报' })
