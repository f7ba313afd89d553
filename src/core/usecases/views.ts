/**
 * 治理相关的返回数据（页面与函数共用的形状）：小区管理、邀请、公告、工作台账。
 * 返回给页面的从不含任何人的 openid：成员用成员编号，作者用落款。
 */
import type { CommitteeBody, MediationOutcome, MeetingType, WorkLogKind } from '../catalog'
import type { Hazard, InvitedRole, NoticeStatus, OverdueLimits, Role } from '../model'
import type { Rate } from '../rates'
import type { ReportStatus } from '../workflow'
import type { ResidentSummaryView } from './summaryViews'

export interface AdminBuildingView {
  code: string
  name: string
  households: number
  units: number
  floors: number
  /** 这栋楼的代表（称呼）。 */
  representatives: string[]
}

export interface MemberView {
  id: string
  name: string
  role: Role
  body: CommitteeBody | null
  buildingCode: string | null
  buildingName: string | null
  since: string
  /** 是不是正在看的人自己（管理员不能移除自己）。 */
  isYou: boolean
}

export type InviteStatus = 'open' | 'expired' | 'accepted' | 'revoked'

export interface InviteView {
  code: string
  role: InvitedRole
  body: CommitteeBody | null
  buildingCode: string | null
  buildingName: string | null
  communityName: string
  expiresAt: string
  status: InviteStatus
  /** 转发到微信的一段话（含邀请码与打开方式）。 */
  shareText: string
}

/** 生成邀请时多带二维码（base64）。 */
export interface NewInviteView extends InviteView {
  qr: { contentType: string; base64: string }
}

export interface CommunityAdminView {
  community: { id: string; name: string; hasPropertyCompany: boolean; oldEstate: boolean; overdueHours: OverdueLimits }
  buildings: AdminBuildingView[]
  members: MemberView[]
  invites: InviteView[]
}

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
}

export interface NoticeReadRateView {
  buildingCode: string
  buildingName: string
  households: number
  readers: number
  /** 居民知晓率：已读人数 / 户数。 */
  rate: Rate
}

/** 代表看的一条公告：正文、状态与各楼知晓率。 */
export interface ManagedNoticeView extends NoticeView {
  wholeCommunity: boolean
  readRates: NoticeReadRateView[]
  total: Rate
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

export type WorkLogDetailsView =
  | { kind: 'inspection'; area: string; hazards: Hazard[] }
  | { kind: 'meeting'; type: MeetingType; attendees: number; topics: string; decisions: string }
  | { kind: 'activity'; name: string; participants: number }
  | { kind: 'mediation'; parties: string; outcome: MediationOutcome }
  | { kind: 'volunteer'; volunteers: number; hours: number }
  | { kind: 'coordination'; counterpart: string; subject: string; outcome: string }

export interface WorkLogView {
  id: string
  kind: WorkLogKind
  date: string
  /** 整个小区的为 null。 */
  buildingCode: string | null
  buildingName: string
  note: string
  photos: { fileId: string; url: string }[]
  reports: { id: string; label: string; status: ReportStatus }[]
  details: WorkLogDetailsView
  /** 记录人的落款。 */
  signedAs: string
  createdAt: string
  updatedAt: string
  canEdit: boolean
}

export interface WorkLogListView {
  items: WorkLogView[]
  nextCursor: string | null
  /** 能记的楼（表单的选择）与能否记整个小区的事。 */
  buildings: { code: string; name: string }[]
  canLogCommunity: boolean
  /** 这个范围里还没整改的隐患数。 */
  openHazards: number
  /** 这一页的小区（没带小区时是函数按身份取的）。 */
  communityId: string
}
