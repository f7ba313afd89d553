/**
 * 治理相关的返回数据（页面与函数共用的形状）：小区管理、邀请、公告、工作台账。
 * 返回给页面的从不含任何人的 openid：成员用成员编号，作者用落款。
 */
import type { CommitteeBody } from '../shared/catalog'
import type { InvitedRole, OverdueLimits, Role } from './model'

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
