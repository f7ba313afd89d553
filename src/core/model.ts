import type { AssigneeParty, CategoryId, CommitteeBody, MediationOutcome, MeetingType, PublicArea, QuestionType, RatingDimension, ReportKind, SatisfactionDimension, SurveyTemplate, Urgency, WorkLogKind } from './catalog'
import type { ReportStatus } from './workflow'

export type Role = 'resident' | 'representative' | 'committee' | 'admin'
export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  representative: '业主代表',
  committee: '业委会/居委会/物业',
  admin: '管理员',
}

export interface Community {
  id: string
  name: string
  /** 无物业小区由志愿者担任代表，总结模板不同。 */
  hasPropertyCompany: boolean
  /** 老旧小区（多为无电梯的多层楼）：默认的总结种类不同。 */
  oldEstate: boolean
  /** 超时界限（小时）：报事提交后超过这么久仍未办结即为超时。 */
  overdueHours: OverdueLimits
}

export type OverdueLimits = Record<Urgency, number>
export const DEFAULT_OVERDUE_HOURS: OverdueLimits = { urgent: 24, normal: 72 }

export interface Building {
  id: string
  communityId: string
  /** 楼栋码：印在二维码里的短码（小程序码 scene 不能有中文，≤32 字符）。 */
  code: string
  name: string
  households: number
  units: number
  floors: number
}

/** 一个人在小区里的身份；居民不需要登记，代表和业委会需要。 */
export interface Membership {
  communityId: string
  /** 代表只负责一栋楼；业委会、管理员覆盖整个小区（为 null）。 */
  buildingId: string | null
  role: Role
}

/** 存下来的一条成员关系：谁（平台身份）、以什么名义、从何时起。 */
export interface Member extends Membership {
  id: string
  openid: string
  /** 接受邀请时自己填的称呼（如"李老师"），给管理员与居民看；不是实名。 */
  name: string
  /** 业委会 / 居委会 / 物业（只对 committee 有意义，其余为 null）。 */
  body: CommitteeBody | null
  since: string
}

/** 可以邀请的身份：管理员是创建小区的人，不经邀请。 */
export type InvitedRole = 'representative' | 'committee'

/** 一次性邀请码：管理员生成，受邀人接受时绑定其平台身份；过期、撤回或用过即失效。 */
export interface Invite {
  code: string
  communityId: string
  role: InvitedRole
  /** 代表负责的楼；业委会为 null。 */
  buildingId: string | null
  body: CommitteeBody | null
  createdBy: string
  createdAt: string
  expiresAt: string
  acceptedBy: string | null
  acceptedAt: string | null
  revokedAt: string | null
}

/** 公告面向的一栋楼，带发布时的户数（知晓率的分母在发布时定下，之后改户数不改旧公告）。 */
export interface NoticeTarget {
  buildingId: string
  households: number
}

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
}

/** 巡查发现的一处隐患；整改后记下整改日期。 */
export interface Hazard {
  id: string
  text: string
  /** 整改日期（北京时间 YYYY-MM-DD）；未整改为 null。 */
  fixedOn: string | null
}

/** 各种台账的专有内容。 */
export type WorkLogDetails =
  | { kind: 'inspection'; area: string; hazards: Hazard[] }
  | { kind: 'meeting'; type: MeetingType; attendees: number; topics: string; decisions: string }
  | { kind: 'activity'; name: string; participants: number }
  | { kind: 'mediation'; parties: string; outcome: MediationOutcome }
  | { kind: 'volunteer'; volunteers: number; hours: number }
  | { kind: 'coordination'; counterpart: string; subject: string; outcome: string }

/** 工作台账的一条：代表或业委会做了什么、何时、在哪栋楼（或整个小区）。 */
export interface WorkLogEntry {
  id: string
  communityId: string
  /** 整个小区的事为 null。 */
  buildingId: string | null
  kind: WorkLogKind
  /** 事情发生的日期（北京时间 YYYY-MM-DD）；统计记在这个月。 */
  date: string
  month: string
  /** 一句话的经过或备注。 */
  note: string
  photos: string[]
  /** 关联的报事 id。 */
  reportIds: string[]
  details: WorkLogDetails
  authorId: string
  requestId: string
  createdAt: string
  updatedAt: string
  /** 删除是留痕的：删掉的不显示、不计数，但记录还在。 */
  removedAt: string | null
}

export type ReportLocation =
  | { scope: 'unit'; unit: string; floor: number; room: string }
  | { scope: 'public'; area: PublicArea; detail: string }

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

/** 问卷里的一道题。评分题可以对应一个满意度维度（模板里的保洁、安保……），统计按维度累计。 */
export interface SurveyQuestion {
  /** q1、q2……（服务端编号）。 */
  id: string
  type: QuestionType
  title: string
  required: boolean
  /** 单选、多选的选项；其他题型为空。 */
  options: string[]
  dimension: SatisfactionDimension | null
}

export interface Survey {
  id: string
  communityId: string
  wholeCommunity: boolean
  /** 面向的楼栋与创建时的户数（答卷率的分母，创建时定下）。 */
  targets: NoticeTarget[]
  title: string
  /** 按模板建的（环比找同一模板的上一次）；自建的为 null。 */
  template: SurveyTemplate | null
  questions: SurveyQuestion[]
  opensAt: string
  closesAt: string
  /** 提前结束的时刻；没有提前结束为 null。 */
  closedAt: string | null
  /** 一栋楼少于这么多份答卷时不显示它的结果。 */
  minAnswers: number
  authorId: string
  requestId: string
  createdAt: string
  /** 开始月（北京时间 YYYY-MM）：答卷都记在这个月。 */
  month: string
}

/** 一题的回答：评分与推荐意愿为分数，单选为选项下标，多选为下标数组，文字为字符串。 */
export type SurveyValue = number | number[] | string

/** 一位居民对一份问卷的答卷：每人每卷一份，问卷开着时再答是替换。 */
export interface SurveyAnswer {
  surveyId: string
  openid: string
  buildingId: string
  /** 自愿填的单元与房号（按户算答卷率用）；不填为空串。 */
  unit: string
  room: string
  values: Record<string, SurveyValue>
  requestId: string
  at: string
}
