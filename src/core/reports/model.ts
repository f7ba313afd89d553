/** 报事、状态流转记录、关注与评分。 */
import type { AssigneeParty, CategoryId, PublicArea, RatingDimension, ReportKind, Urgency } from '../shared/catalog'
import type { ReportStatus } from './workflow'

export type ReportLocation = { scope: 'unit'; unit: string; floor: number; room: string } | { scope: 'public'; area: PublicArea; detail: string }

export interface Report {
  id: string
  communityId: string
  buildingId: string
  kind: ReportKind
  category: CategoryId
  text: string
  location: ReportLocation
  anonymous: boolean
  urgency: Urgency
  /** 居民留给代表的联系电话（可不留，为空串）；只给这栋楼的代表与业委会看。 */
  contactPhone: string
  photos: string[]
  status: ReportStatus
  /** 处理中派给了谁；没派为 null。 */
  assignee: Assignee | null
  /** 作为重复并入的那条报事的 id。 */
  mergedInto: string | null
  /** 关注者人数（"我也遇到"与合并转来的，不含报事人）。 */
  followers: number
  /** 报事人的 OPENID（来自平台上下文）；匿名只是对外不显示，不是不记录。 */
  reporterId: string
  requestId: string
  createdAt: string
  updatedAt: string
  /** 计入统计的月份（北京时间 YYYY-MM），提交时定下，之后不变。 */
  month: string
}

export interface Assignee {
  party: AssigneeParty
  /** 单位或人的名字，可为空串。 */
  name: string
}

/** 居民回答"解决了"时的评价：三个维度各 1–5 分，外加可选的话。 */
export type Rating = Record<RatingDimension, number> & { words: string }

/** 流转附带的信息：派给谁（开始处理）、并入哪条（重复）、评价（确认已解决）。 */
export interface ChangeDetails {
  assignee?: Assignee
  mergedInto?: string
  rating?: Rating
}

/** 一次状态变化的留痕：谁、何时、从什么到什么、备注。 */
export interface StatusChange {
  reportId: string
  from: string
  to: ReportStatus
  /** 代表的备注，或不予受理、隐藏、没解决的原因。 */
  note: string
  actorId: string
  at: string
  /** 客户端的请求编号：同一动作重试时认出它已经做过（旧记录为空串）。 */
  requestId: string
  details: ChangeDetails
}

/** 一个居民关注一条报事（"我也遇到"，或所报的那条被合并进来）。 */
export interface Follow {
  reportId: string
  openid: string
  at: string
  via: 'follow' | 'merge'
}
