/** 公告在页面上的样子：居民的列表与详情、代表看到的知晓率。 */
import type { NoticeStatus } from './model'
import type { Rate } from '../shared/rates'
import type { ResidentSummaryView } from '../summaryDocument'

/** 居民列表里的一条公告。 */
export interface NoticeItemView {
  id: string
  title: string
  /** 正文开头（列表里一行半）。 */
  excerpt: string
  signedAs: string
  publishedAt: string
  pinned: boolean
  read: boolean
  hasImages: boolean
}

export interface NoticeListView {
  /** 置顶的（只在第一页给出）。 */
  pinned: NoticeItemView[]
  items: NoticeItemView[]
  nextCursor: string | null
  unread: number
}

export interface NoticeView {
  id: string
  title: string
  body: string
  images: string[]
  signedAs: string
  publishedAt: string
  expiresAt: string | null
  status: NoticeStatus
  expired: boolean
  pinned: boolean
  /** 工作总结的征求意见稿或公示（居民在这条公告里看全文、提意见）；普通公告为 null。 */
  summary: ResidentSummaryView | null
  /** 打开它的那栋楼（居民读公告时给出：分享卡片的标题写"春晖苑 1号楼 的公告"）。 */
  place?: { communityName: string; buildingName: string }
}

export interface NoticeReadRateView {
  buildingCode: string
  buildingName: string
  households: number
  readers: number
  /** 其中第一次打开来自群分享（卡片或链接）的人数。 */
  sharedOpens: number
  /** 居民知晓率：已读人数 / 户数。 */
  rate: Rate
}

/** 代表看的一条公告：正文、状态与各楼知晓率。 */
export interface ManagedNoticeView extends NoticeView {
  wholeCommunity: boolean
  readRates: NoticeReadRateView[]
  total: Rate
  /** 各楼"其中经群分享打开"的合计（只算看得到的楼）。 */
  sharedOpens: number
  canWithdraw: boolean
}

export interface ManagedNoticeListView {
  items: ManagedNoticeView[]
  nextCursor: string | null
  /** 能发往的楼（发布页的选择）与能否发给整个小区。 */
  buildings: { code: string; name: string }[]
  canTargetCommunity: boolean
  communityId: string
  communityName: string
}
