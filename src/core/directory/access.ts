import type { Building, Member, Membership } from './model'
import { fail, ok, type Result } from '../shared/result'
import type { DirectoryStore } from './ports'

/** 代表只看自己负责的楼；业委会/居委会/物业与管理员看整个小区。 */
export function canManageBuilding(memberships: Membership[], building: Building): boolean {
  return memberships.some(
    (m) =>
      m.communityId === building.communityId && (m.role === 'committee' || m.role === 'admin' || (m.role === 'representative' && m.buildingId === building.id)),
  )
}

/** 是这栋楼的业主代表：居民留的联系电话只给他们（报事表单上这样承诺；业委会、管理员管很多楼，不拿居民的电话）。 */
export const representsBuilding = (memberships: readonly Membership[], building: Building): boolean =>
  memberships.some((m) => m.communityId === building.communityId && m.role === 'representative' && m.buildingId === building.id)

/** 一个人能管的楼：代表是自己的楼，业委会与管理员是整个小区；按楼栋码排序。 */
export async function managedBuildings(
  directory: Pick<DirectoryStore, 'buildingsOfCommunity' | 'buildingById'>,
  memberships: readonly Membership[],
): Promise<Building[]> {
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

/**
 * 代表页面没带小区（?c=）时用的小区：我第一个代表、业委会或管理员身份所在的小区；没有这样的身份为 null。
 * 公告、台账、问卷的列表据此自己取小区，页面不必先问一次"我是谁"。
 */
export const defaultCommunityOf = (memberships: readonly Membership[]): string | null =>
  memberships.find((m) => m.role === 'representative' || m.role === 'committee' || m.role === 'admin')?.communityId ?? null

export const isAdminOf = (memberships: readonly Membership[], communityId: string): boolean =>
  memberships.some((m) => m.communityId === communityId && m.role === 'admin')

/** 一个人在某小区里管得到的范围：他在这个小区的身份、能管的楼、能否代表整个小区。公告、台账、问卷共用。 */
export interface CommunityScope {
  memberships: Member[]
  buildings: Building[]
  wholeCommunity: boolean
}

export async function scopeInCommunity(
  directory: Pick<DirectoryStore, 'membershipsOf' | 'buildingsOfCommunity' | 'buildingById'>,
  openid: string,
  communityId: string,
): Promise<CommunityScope> {
  const memberships = (await directory.membershipsOf(openid)).filter((m) => m.communityId === communityId)
  return { memberships, buildings: await managedBuildings(directory, memberships), wholeCommunity: speaksForCommunity(memberships, communityId) }
}

/** 发给谁：整个小区，或选定的楼栋（楼栋码）。公告与问卷的载荷同形。 */
export type AudienceInput = { scope: 'community' } | { scope: 'buildings'; buildingCodes: string[] }

/**
 * 把"发给谁"换成楼栋：整个小区要业委会或管理员，选定的楼栋须都是自己能管的；
 * 不合时答 refusals 里对应的那句（公告与问卷各有说法）。
 */
export async function audienceBuildings(
  directory: Pick<DirectoryStore, 'buildingsOfCommunity'>,
  scope: CommunityScope,
  communityId: string,
  target: AudienceInput,
  refusals: { wholeCommunity: string; otherBuildings: string },
): Promise<Result<Building[]>> {
  if (target.scope === 'community') {
    if (!scope.wholeCommunity) return fail('FORBIDDEN', refusals.wholeCommunity)
    const all = await directory.buildingsOfCommunity(communityId)
    return all.length ? ok(all) : fail('INVALID', '小区里还没有楼栋，请先添加楼栋')
  }
  const wanted = target.buildingCodes.map((c) => c.toUpperCase())
  const chosen = scope.buildings.filter((b) => wanted.includes(b.code.toUpperCase()))
  return chosen.length === wanted.length ? ok(chosen) : fail('FORBIDDEN', refusals.otherBuildings)
}
