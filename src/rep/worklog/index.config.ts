export default definePageConfig({ navigationBarTitleText: '工作台账', enablePullDownRefresh: true, onReachBottomDistance: 80 })
