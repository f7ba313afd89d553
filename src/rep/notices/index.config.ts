export default definePageConfig({ navigationBarTitleText: '公告与知晓率', enablePullDownRefresh: true, onReachBottomDistance: 80 })
