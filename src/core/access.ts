import type { Building, Membership } from './model'

/** 代表只看自己负责的楼；业委会/居委会/物业与管理员看整个小区。 */
export function canManageBuilding(memberships: Membership[], building: Building): boolean {
  return memberships.some(
    (m) =>
      m.communityId === building.communityId &&
      (m.role === 'committee' || m.role === 'admin' || (m.role === 'representative' && m.buildingId === building.id)),
  )
}
