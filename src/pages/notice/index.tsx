import { movedPage } from '@/components/MovedPage'

// 新公告的订阅消息与公告的分享卡片指向这里；页面在分包 resident/（见 components/MovedPage.tsx）。
export default movedPage('/resident/notice/index')
