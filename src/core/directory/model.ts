/** 小区、楼栋、成员与邀请：谁在哪个小区、以什么身份、管哪栋楼。 */
import type { CommitteeBody, Urgency } from '../shared/catalog'

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
