import { movedPage } from '@/components/MovedPage'

// 报事进度的订阅消息指向这里；页面在分包 resident/（见 components/MovedPage.tsx）。
export default movedPage('/resident/track/index')
