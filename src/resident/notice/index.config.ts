// 可转发：卡片的标题、路径与图见 services/share.ts。
export default definePageConfig({ navigationBarTitleText: '公告', enableShareAppMessage: true })
