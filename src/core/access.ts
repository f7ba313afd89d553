import type { Building, Membership } from './model'
import type { DirectoryStore } from './ports'

/** 代表只看自己负责的楼；业委会/居委会/物业与管理员看整个小区。 */
export function canManageBuilding(memberships: Membership[], building: Building): boolean {
  return memberships.some(
    (m) =>
      m.communityId === building.communityId &&
      (m.role === 'committee' || m.role === 'admin' || (m.role === 'representative' && m.buildingId === building.id)),
  )
}

/** 一个人能管的楼：代表是自己的楼，业委会与管理员是整个小区；按楼栋码排序。 */
export async function managedBuildings(directory: Pick<DirectoryStore, 'buildingsOfCommunity' | 'buildingById'>, memberships: readonly Membership[]): Promise<Building[]> {
  const found = new Map<string, Building>()
  for (const m of memberships) {
    if (m.role === 'committee' || m.role === 'admin') {
      for (const b of await directory.buildingsOfCommunity(m.communityId)) found.set(b.id, b)
    } else if (m.role === 'representative' && m.buildingId) {
      const b = await directory.buildingById(m.buildingId)
      if (b) found.set(b.id, b)
    }
  }
  return [...found.values()].sort((a, b) => a.code.localeCompare(b.code))
}

/** 在这个小区里是业委会（居委会、物业）或管理员：可以代表整个小区发公告、记台账。 */
export const speaksForCommunity = (memberships: readonly Membership[], communityId: string): boolean =>
  memberships.some((m) => m.communityId === communityId && (m.role === 'committee' || m.role === 'admin'))

export const isAdminOf = (memberships: readonly Membership[], communityId: string): boolean =>
  memberships.some((m) => m.communityId === communityId && m.role === 'admin')
