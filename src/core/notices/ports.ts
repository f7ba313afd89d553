/** 公告的存储端口。 */
import type { Notice, NoticeRead } from './model'
import type { TallyDelta } from '../tally'
import type { HourlyLimit, LimitedIf } from '../shared/hourlyLimit'

/** 公告的查询：某小区、面向这些楼栋之一（或整个小区）的公告。 */
export interface NoticeQuery {
  communityId: string
  /** 只要面向其中任一楼栋的（整个小区的公告面向全部楼栋）；不填为小区的全部公告。 */
  buildingIds?: readonly string[]
  /** 居民看的：只要已发布、没过期（过期时刻晚于 now）的。 */
  liveAt?: string
  pinned?: boolean
  /** true 只要面向整个小区的，false 只要面向所选楼栋的（居民的置顶条先放整个小区的）。 */
  wholeCommunity?: boolean
}

export interface NoticeStore {
  /**
   * 原子地插入公告并累加统计；同一发布人用同一请求编号重试时返回第一次的那条（created = false）。
   * 给出 limit 时，额度与插入在同一个事务里（见 shared/hourlyLimit.ts）：这一小时已满则什么都不存，答 'limited'。
   */
  insertNotice<L extends HourlyLimit | undefined = undefined>(
    notice: Notice,
    deltas: TallyDelta[],
    limit?: L,
  ): Promise<{ notice: Notice; created: boolean } | LimitedIf<L>>
  noticeById(id: string): Promise<Notice | null>
  /** 撤回：只有已发布的才生效，返回是否改了。 */
  withdrawNotice(id: string, at: string): Promise<boolean>
  /** 按发布时间新的在前；before 为上一页最后一条（publishedAt|id）。 */
  notices(query: NoticeQuery, limit: number, before?: NoticeCursor): Promise<Notice[]>
  /** 原子地记一次阅读：每人每条只记一次（已读过返回 false，什么都不改），公告的已读人数加一、累加统计。 */
  recordRead(read: NoticeRead, deltas: TallyDelta[]): Promise<boolean>
  /** 这些公告里某人读过的（标未读用）。 */
  readNoticeIds(openid: string, noticeIds: readonly string[]): Promise<string[]>
  /** 一条公告各楼的已读人数（楼栋 id → 人数）。 */
  readersByBuilding(noticeId: string): Promise<Record<string, number>>
  /** 一条公告各楼的已读人数与其中第一次打开来自群分享的人数（一次读取两个数，代表的公告列表用）。 */
  readCounts(noticeId: string): Promise<Record<string, { readers: number; viaShare: number }>>
  /** 居民点了"订阅公告提醒"：每点一次多一次可发的额度（一次性订阅消息），最多累计 max 次。 */
  addNoticeCredit(openid: string, buildingId: string, max: number): Promise<void>
  /** 原子地取走这些楼栋里每人一次额度，答被取走额度的人（每人最多一次，至多 limit 人）。 */
  takeNoticeCredits(buildingIds: readonly string[], limit: number): Promise<{ openid: string; buildingId: string }[]>
}

export interface NoticeCursor {
  publishedAt: string
  id: string
}
