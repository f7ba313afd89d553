/** 公告与阅读回执。 */
import type { NoticeTarget } from '../directory'

export type NoticeStatus = 'published' | 'withdrawn'

export interface Notice {
  id: string
  communityId: string
  /** 面向整个小区（发布时的全部楼栋都在 targets 里）还是选定的楼栋。 */
  wholeCommunity: boolean
  targets: NoticeTarget[]
  title: string
  body: string
  images: string[]
  pinned: boolean
  /** 过期后居民列表不再显示（链接仍可打开，标明已过期）；不过期为 null。 */
  expiresAt: string | null
  status: NoticeStatus
  /** 落款：如"1号楼业主代表 李老师"、"业委会"。 */
  signedAs: string
  authorId: string
  requestId: string
  publishedAt: string
  withdrawnAt: string | null
  /** 发布月（北京时间 YYYY-MM）：公告与它的阅读都记在这个月。 */
  month: string
  /** 工作总结的征求意见稿或公示（居民在公告里看总结、提意见）；普通公告没有这一项。 */
  summaryId?: string
}

/** 一位居民读了一条公告（每人每条一次），记下他扫码所在的楼。 */
export interface NoticeRead {
  noticeId: string
  openid: string
  buildingId: string
  at: string
  /** 第一次打开是从分享到群里的卡片或链接来的（页面路径带 s=1）。由客户端说，只影响"其中经群分享打开"这个分项，每人每条至多一次。 */
  viaShare: boolean
}
