/** 代表处理报事时看到的：待办队列、各状态的数量、一条报事的详情与可做的动作。 */
import type { OverdueLimits } from '../directory'
import { availableActions, type PhotoView, type QueueItemView, type TimelineEntry } from '../reports'

export interface QueueView {
  items: QueueItemView[]
  nextCursor: string | null
  /** 能管的楼（筛选用）。 */
  buildings: { code: string; name: string }[]
  /** 载荷带 withCounts 时：这个范围（楼栋码，不看其余筛选）的待办数，与 handling.counts 相同。 */
  counts?: QueueCountsView
}

/** 代表首页：需要动手的数。 */
export interface QueueCountsView {
  /** 待受理。 */
  pending: number
  /** 未办结（待受理、已受理、处理中）。 */
  open: number
  /** 未办结且超时。 */
  overdue: number
  /** 已处理、等居民确认。 */
  awaitingConfirmation: number
  overdueHours: OverdueLimits
  buildings: { code: string; name: string }[]
}

/** 落地页"处理报事"入口上的数：待受理、未办结且超时。 */
export interface TriageCountsView {
  pending: number
  overdue: number
}

/** 代表看一条报事。 */
export interface ManagedReportView extends QueueItemView {
  photos: PhotoView[]
  /** 居民留的联系电话：只给这栋楼的业主代表（表单上承诺"只给本楼代表看"）；没留或看的人不是本楼代表为 null。 */
  contactPhone: string | null
  /** 居民留了电话，但看的人不是本楼代表（业委会、管理员）：页面说明电话在代表那里。 */
  phoneLeftForRepresentative: boolean
  timeline: TimelineEntry[]
  /** 现在可做的动作。 */
  actions: ReturnType<typeof availableActions>
  mergedInto: string | null
  /** 可以作为"重复"并入的目标：同楼同分类、未办结的其他报事（最多 10 条）。 */
  mergeTargets: QueueItemView[]
}
