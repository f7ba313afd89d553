export default definePageConfig({ navigationBarTitleText: '对照页' })
