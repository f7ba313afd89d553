/** 小区名录与邀请的存储端口。 */
import type { Building, Community, Invite, Member } from './model'

export interface DirectoryStore {
  buildingByCode(code: string): Promise<Building | null>
  buildingById(id: string): Promise<Building | null>
  buildingsOfCommunity(communityId: string): Promise<Building[]>
  community(id: string): Promise<Community | null>
  /** 某人的全部身份（移除了的不在内）。 */
  membershipsOf(openid: string): Promise<Member[]>
  /** 某栋楼的业主代表（openid），用于新报事提醒。 */
  representativesOf(buildingId: string): Promise<string[]>
  saveCommunity(community: Community): Promise<void>
  saveBuilding(building: Building): Promise<void>
  /** 加一位成员；同一人在同一小区同一楼同一身份已有一条时不再加，返回 false。 */
  addMember(member: Member): Promise<boolean>
  /** 小区的全部成员（管理员看、移除用），按加入先后。 */
  membersOf(communityId: string): Promise<Member[]>
  /** 移除立即生效：之后 membershipsOf 不再有这条。找不到返回 false。 */
  removeMember(memberId: string): Promise<boolean>
  /** 某人作为管理员创建过的小区数（每人创建的上限）。 */
  communitiesCreatedBy(openid: string): Promise<number>
  /** 这个人用这个请求编号建过的小区的 id（建小区的幂等记录）；没有为 null。 */
  communityCreatedBy(openid: string, requestId: string): Promise<string | null>
  /**
   * 原子地建小区：记下 (创建者, 请求编号) → 小区 id、存小区、加创建者为它的管理员，要么都生效，要么都不生效。
   * 同一 (创建者, 请求编号) 已有记录时（重试，含同时的两次）什么都不改，答记录里的小区 id（created = false）。
   * 创建者已建了 maxPerCreator 个（从他已有的管理员身份数起）时什么都不改，答 'limited'；
   * 这个数与写入在同一步里，不同请求编号同时建也不会超过。
   */
  createCommunity(creation: CommunityCreation, maxPerCreator: number): Promise<{ communityId: string; created: boolean } | 'limited'>
}

/** 一次建小区：新小区（服务端随机的 id）与它的管理员（创建者本人）。 */
export interface CommunityCreation {
  requestId: string
  community: Community
  /** 创建者：openid 即创建者，communityId 即新小区，role 为 admin。 */
  admin: Member
}

export interface InviteStore {
  saveInvite(invite: Invite): Promise<void>
  inviteByCode(code: string): Promise<Invite | null>
  /** 小区里还没用过、没撤回的邀请（含已过期的，页面标明），新的在前。 */
  openInvitesOf(communityId: string): Promise<Invite[]>
  /**
   * 原子地接受邀请并加成员：只有没用过、没撤回、at 早于过期时刻的邀请才生效。
   * 同一人重试（邀请已被他本人接受）答 'accepted'，不再加成员；别人用过答 'taken'。
   */
  acceptInvite(code: string, openid: string, at: string, member: Member): Promise<'accepted' | 'taken' | 'expired' | 'revoked' | 'missing'>
  /** 撤回还没用过的邀请；已用过或找不到返回 false。 */
  revokeInvite(code: string, at: string): Promise<boolean>
  /**
   * 原子地记一次查邀请码的尝试：这个人在这个小时（hourKey）里已记的不到 max 次才记上并答 true，否则什么都不改、答 false。
   * 同时的许多次尝试里恰好 max 次答 true。
   */
  recordInviteAttempt(openid: string, hourKey: string, max: number): Promise<boolean>
  /** 退回一次已记的尝试（码是真的：用对的码不算试错）；这个小时没有记过时什么都不改。 */
  forgiveInviteAttempt(openid: string, hourKey: string): Promise<void>
  /** 这个人在这个小时里已记的试错次数（没记过为 0）；只读。 */
  inviteAttemptsOf(openid: string, hourKey: string): Promise<number>
}
