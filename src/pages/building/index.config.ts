export default definePageConfig({ navigationBarTitleText: '楼事通' })
