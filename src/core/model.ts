import type { CategoryId, PublicArea, ReportKind } from './catalog'
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
}

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
  photos: string[]
  status: ReportStatus
  /** 报事人的 OPENID（来自平台上下文）；匿名只是对外不显示，不是不记录。 */
  reporterId: string
  requestId: string
  createdAt: string
  updatedAt: string
  /** 计入统计的月份（北京时间 YYYY-MM），提交时定下，之后不变。 */
  month: string
}

/** 一次状态变化的留痕：谁、何时、从什么到什么、备注。 */
export interface StatusChange {
  reportId: string
  from: string
  to: ReportStatus
  note: string
  actorId: string
  at: string
}
