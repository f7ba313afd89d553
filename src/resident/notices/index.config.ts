export default definePageConfig({ navigationBarTitleText: '本楼公告', enablePullDownRefresh: true, onReachBottomDistance: 80 })
