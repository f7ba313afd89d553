export default definePageConfig({ navigationBarTitleText: '处理报事', enablePullDownRefresh: true, onReachBottomDistance: 80 })
