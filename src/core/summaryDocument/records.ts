/**
 * 工作总结存下来的样子：一份总结（范围、期间、种类、状态），它的各版（整份文档冻结存下，数字不再随统计变），
 * 居民的意见（存下 openid 只为"我提过的"与限额；给代表看的从不带它）。
 */
import type { CategoryId, ReportKind, Urgency } from '../shared/catalog'
import type { Report, ReportStatus } from '../reports'
import type { SummaryDocument, SummaryKind } from './types'
import type { SummaryPeriodInput } from './period'
import type { SummaryStatus } from './views'
import { minutesBetween, RESPONDING_STATUSES } from '../reports'

export interface SummaryRecord {
  id: string
  communityId: string
  /** 一栋楼的总结为那栋楼；整个小区为 null。 */
  buildingId: string | null
  period: SummaryPeriodInput
  kind: SummaryKind
  status: SummaryStatus
  /** 起草人（平台身份）；只用于权限，不给页面。 */
  authorId: string
  requestId: string
  title: string
  latestVersion: number
  /** 征求意见的公告；公示时另发的公告。 */
  noticeId: string | null
  finalNoticeId: string | null
  /** 收意见到这一刻为止（不含）。 */
  consultUntil: string | null
  finalizedAt: string | null
  createdAt: string
  updatedAt: string
}

export interface SummaryVersion {
  summaryId: string
  version: number
  document: SummaryDocument
  savedAt: string
  /** 保存人的称呼（成员名或身份）。 */
  savedBy: string
  /** 保存人（平台身份）与请求编号：同一次保存的重试只存一次。 */
  authorId: string
  requestId: string
  restoredFrom: number | null
}

export type SummaryVersionMeta = Omit<SummaryVersion, 'document'>

export interface SummaryComment {
  id: string
  summaryId: string
  /** 提意见的居民扫码所在的楼。 */
  buildingId: string
  openid: string
  text: string
  requestId: string
  at: string
}

/** 报事的几个里程碑（存储在流转时记下；总结的典型案例与"数字背后的记录"按它们查）。 */
export interface ReportMilestones {
  /** 第一次由代表从待受理推进的时刻。 */
  respondedAt: string | null
  /** 第一次标记已处理的时刻，以及从提交到那时的分钟数。 */
  handledAt: string | null
  handlingMinutes: number | null
  /** 第一次确认已解决的时刻。 */
  resolvedAt: string | null
  /** 带评价的确认次数。 */
  ratings: number
  /** 一次解决：第一次确认之前只标记过一次已处理。 */
  firstTimeResolved: boolean
}

/** 总结的数字背后的报事：范围、月份（提交月）与筛选（与 FigureTrace 的 reports 同形）。 */
export interface ReportTraceQuery {
  buildingIds: readonly string[]
  months: readonly string[]
  kind?: ReportKind
  categories?: readonly CategoryId[]
  urgency?: Urgency
  statuses?: readonly ReportStatus[]
  has?: 'response' | 'handling' | 'rating' | 'followers' | 'firstTimeResolved'
}

/** 典型案例的候选：报事与它的里程碑。 */
export interface CaseCandidateRow {
  report: Report
  milestones: ReportMilestones
}

/** 存储里记着的里程碑（比 ReportMilestones 多一个已处理次数：一次解决要看第一次确认之前处理过几次）。 */
export interface StoredMilestones {
  respondedAt: string | null
  handledAt: string | null
  handlingMinutes: number | null
  handledCount: number
  resolvedAt: string | null
  ratings: number
  firstTime: boolean
}

export const NO_MILESTONES: StoredMilestones = {
  respondedAt: null,
  handledAt: null,
  handlingMinutes: null,
  handledCount: 0,
  resolvedAt: null,
  ratings: 0,
  firstTime: false,
}

/** 一次流转：从哪个状态到哪个状态、何时、带没带评价。 */
export interface MilestoneStep {
  from: string
  to: string
  at: string
  rated: boolean
}

/**
 * 里程碑的唯一规则：一次流转之后的里程碑。两种存储在流转的事务里各调一次（拿存着的值），
 * 迁移重放整段历史（milestonesFrom）——三处同一个函数，所以不会各算各的。
 */
export function nextMilestones(m: StoredMilestones, createdAt: string, c: MilestoneStep): StoredMilestones {
  const next = { ...m }
  if (next.respondedAt === null && c.from === 'pending' && RESPONDING_STATUSES.includes(c.to as ReportStatus)) next.respondedAt = c.at
  if (c.to === 'awaiting_confirmation') {
    if (next.handledAt === null) {
      next.handledAt = c.at
      next.handlingMinutes = minutesBetween(createdAt, c.at)
    }
    next.handledCount++
  }
  if (c.to === 'resolved') {
    if (next.resolvedAt === null) {
      next.resolvedAt = c.at
      next.firstTime = next.handledCount === 1
    }
    if (c.rated) next.ratings++
  }
  return next
}

/** 一条报事按先后的流转 → 里程碑（迁移补旧报事时用；写入时逐次用 nextMilestones）。 */
export function milestonesFrom(createdAt: string, history: readonly MilestoneStep[]): StoredMilestones {
  return history.reduce((m, c) => nextMilestones(m, createdAt, c), NO_MILESTONES)
}
