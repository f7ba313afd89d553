export default definePageConfig({ navigationBarTitleText: '本楼统计' })
