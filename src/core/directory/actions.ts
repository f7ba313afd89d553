/**
 * 管理员的用例：建小区（创建者即管理员）、改小区信息与超时时限、建楼栋、邀请代表与业委会、撤回邀请、移除成员；
 * 以及任何人都能做的：看一个邀请码是什么、接受邀请。
 * 谁是管理员只看平台身份对应的成员关系，从不看载荷。
 */
import { isAdminOf } from './access'
import { COMMITTEE_BODY_LABELS, COMMUNITIES_PER_PERSON, INVITE_ATTEMPTS_PER_HOUR, INVITE_VALID_HOURS } from '../shared/catalog'
import { DEFAULT_OVERDUE_HOURS, type Building, type Community, type Invite, type Member } from './model'
import type { Clock, IdGenerator, Logger, Platform } from '../shared/ports'
import type { DirectoryStore, InviteStore } from './ports'
import { fail, ok, type Result } from '../shared/result'
import type {
  CommunityRefInput,
  CreateCommunityInput,
  CreateInviteInput,
  InviteLookupInput,
  InviteRefInput,
  JoinInput,
  RemoveMemberInput,
  SaveBuildingInput,
  UpdateCommunityInput,
} from './schema'
import { formatChinaTime, HOUR_MS } from '../shared/time'
import { toBase64 } from '../shared/bytes'
import { checkText } from '../shared/contentCheck'
import type { CommunityAdminView, InviteStatus, InviteView, MemberView, NewInviteView } from './views'

export interface AdminDeps {
  directory: DirectoryStore
  invites: InviteStore
  clock: Clock
  ids: IdGenerator
  platform: Pick<Platform, 'qr' | 'content'>
  logger: Logger
}

/**
 * 名字过内容检测：小区名、楼栋名贴在每个居民看到的页面与公告里，成员的称呼写在公告的落款里。
 * 答拒收的原因，通过时为 null。
 */
async function refusedName(deps: { platform: Pick<Platform, 'content'>; logger: Logger }, name: string, openid: string): Promise<string | null> {
  const verdict = await checkText(deps.platform.content, name, openid, deps.logger)
  return verdict.ok ? null : verdict.reason
}

/** 一个小区里同时有效的邀请上限：挡住刷邀请，真实的管理员碰不到。 */
export const OPEN_INVITES_MAX = 50
const NOT_ADMIN = '只有小区管理员可以做这件事'

export function inviteStatus(invite: Invite, now: string): InviteStatus {
  if (invite.acceptedBy) return 'accepted'
  if (invite.revokedAt) return 'revoked'
  return invite.expiresAt <= now ? 'expired' : 'open'
}

function inviteRoleLabel(invite: Pick<Invite, 'role' | 'body'>, buildingName: string | null): string {
  return invite.role === 'representative' ? `${buildingName ?? ''}的业主代表` : `${invite.body ? COMMITTEE_BODY_LABELS[invite.body] : '业委会'}成员`
}

async function inviteViewOf(directory: DirectoryStore, invite: Invite, now: string): Promise<InviteView> {
  const building = invite.buildingId ? await directory.buildingById(invite.buildingId) : null
  const community = await directory.community(invite.communityId)
  const communityName = community?.name ?? ''
  const until = formatChinaTime(invite.expiresAt, 'M月D日 HH:mm')
  return {
    code: invite.code,
    role: invite.role,
    body: invite.body,
    buildingCode: building?.code ?? null,
    buildingName: building?.name ?? null,
    communityName,
    expiresAt: invite.expiresAt,
    status: inviteStatus(invite, now),
    shareText: `邀请你成为「${communityName}」${inviteRoleLabel(invite, building?.name ?? null)}。打开微信小程序"楼事通"，在首页点"我有邀请码"，输入 ${invite.code}（${until}前有效，仅限一人使用）。`,
  }
}

async function overviewOf(deps: AdminDeps, community: Community, openid: string): Promise<CommunityAdminView> {
  const now = deps.clock.now()
  const [buildings, members, invites] = await Promise.all([
    deps.directory.buildingsOfCommunity(community.id),
    deps.directory.membersOf(community.id),
    deps.invites.openInvitesOf(community.id),
  ])
  const byId = new Map(buildings.map((b) => [b.id, b]))
  const memberView = (m: Member): MemberView => ({
    id: m.id,
    name: m.name,
    role: m.role,
    body: m.body,
    buildingCode: m.buildingId ? (byId.get(m.buildingId)?.code ?? null) : null,
    buildingName: m.buildingId ? (byId.get(m.buildingId)?.name ?? null) : null,
    since: m.since,
    isYou: m.openid === openid,
  })
  return {
    community: {
      id: community.id,
      name: community.name,
      hasPropertyCompany: community.hasPropertyCompany,
      oldEstate: community.oldEstate,
      overdueHours: community.overdueHours,
    },
    buildings: buildings.map((b) => ({
      code: b.code,
      name: b.name,
      households: b.households,
      units: b.units,
      floors: b.floors,
      representatives: members.filter((m) => m.role === 'representative' && m.buildingId === b.id).map((m) => m.name),
    })),
    members: members.map(memberView),
    invites: await Promise.all(invites.map((i) => inviteViewOf(deps.directory, i, now))),
  }
}

/** 确认是这个小区的管理员，答小区。小区不存在也答"不是管理员"：不让人借此探测别人的小区。 */
async function asAdmin(deps: AdminDeps, openid: string, communityId: string): Promise<Result<Community>> {
  if (!isAdminOf(await deps.directory.membershipsOf(openid), communityId)) return fail('FORBIDDEN', NOT_ADMIN)
  const community = await deps.directory.community(communityId)
  return community ? ok(community) : fail('NOT_FOUND', '没有找到这个小区')
}

export function createCommunityActions(deps: AdminDeps) {
  const { directory, invites, clock, ids, platform } = deps

  const overview = async (openid: string, input: CommunityRefInput): Promise<Result<CommunityAdminView>> => {
    const community = await asAdmin(deps, openid, input.communityId)
    return community.ok ? ok(await overviewOf(deps, community.data, openid)) : community
  }

  /**
   * 建小区：id 由服务端随机生成（与创建者、请求编号无关，谁也算不到一个已有的小区上）；
   * 重试靠 (创建者, 请求编号) 的幂等记录答第一次建的那个。只有这一次新建的小区才让创建者成为管理员。
   */
  const createCommunity = async (openid: string, input: CreateCommunityInput): Promise<Result<CommunityAdminView>> => {
    const earlier = await directory.communityCreatedBy(openid, input.requestId)
    if (earlier) return overview(openid, { communityId: earlier })
    const refused = await refusedName(deps, input.name, openid)
    if (refused) return fail('INVALID', refused)
    const community: Community = {
      id: ids.newId(),
      name: input.name,
      hasPropertyCompany: input.hasPropertyCompany,
      oldEstate: input.oldEstate,
      overdueHours: DEFAULT_OVERDUE_HOURS,
    }
    const admin: Member = {
      id: ids.newId(),
      openid,
      communityId: community.id,
      buildingId: null,
      role: 'admin',
      name: '管理员',
      body: null,
      since: clock.now(),
    }
    // 每人的上限在存储的同一步里数：先数后写会让不同请求编号的同时创建都通过。
    const created = await directory.createCommunity({ requestId: input.requestId, community, admin }, COMMUNITIES_PER_PERSON)
    if (created === 'limited') return fail('RATE_LIMITED', `每人最多创建 ${COMMUNITIES_PER_PERSON} 个小区`)
    // 同时的另一次重试先建成了：答它建的那个（created = false 时 communityId 是记录里的）。
    return overview(openid, { communityId: created.communityId })
  }

  const updateCommunity = async (openid: string, input: UpdateCommunityInput): Promise<Result<CommunityAdminView>> => {
    const found = await asAdmin(deps, openid, input.communityId)
    if (!found.ok) return found
    const refused = await refusedName(deps, input.name, openid)
    if (refused) return fail('INVALID', refused)
    const community: Community = {
      ...found.data,
      name: input.name,
      hasPropertyCompany: input.hasPropertyCompany,
      oldEstate: input.oldEstate,
      overdueHours: input.overdueHours,
    }
    await directory.saveCommunity(community)
    return ok(await overviewOf(deps, community, openid))
  }

  const saveBuilding = async (openid: string, input: SaveBuildingInput): Promise<Result<CommunityAdminView>> => {
    const found = await asAdmin(deps, openid, input.communityId)
    if (!found.ok) return found
    const community = found.data
    const refused = await refusedName(deps, input.name, openid)
    if (refused) return fail('INVALID', refused)
    const siblings = await directory.buildingsOfCommunity(community.id)
    const fields = { name: input.name, households: input.households, units: input.units, floors: input.floors }
    if (input.buildingCode) {
      const building = siblings.find((b) => b.code.toUpperCase() === input.buildingCode?.toUpperCase())
      if (!building) return fail('NOT_FOUND', '这个小区没有这栋楼')
      if (siblings.some((b) => b.id !== building.id && b.name === input.name)) return fail('INVALID', `楼栋名称：小区里已有"${input.name}"`)
      await directory.saveBuilding({ ...building, ...fields })
      return ok(await overviewOf(deps, community, openid))
    }
    const same = siblings.find((b) => b.name === input.name)
    if (same) {
      // 同名同数的是上一次提交的重试：不再建第二栋。
      const isRetry = same.households === input.households && same.units === input.units && same.floors === input.floors
      return isRetry ? ok(await overviewOf(deps, community, openid)) : fail('INVALID', `楼栋名称：小区里已有"${input.name}"`)
    }
    if (siblings.length >= 500) return fail('RATE_LIMITED', '一个小区最多 500 栋楼')
    let code = ''
    for (let tries = 0; tries < 8 && !code; tries++) {
      const candidate = ids.newCode(6)
      if (!(await directory.buildingByCode(candidate))) code = candidate
    }
    if (!code) return fail('INTERNAL', '没能生成楼栋码，请再试一次')
    const building: Building = { id: ids.newId(), communityId: community.id, code, ...fields }
    await directory.saveBuilding(building)
    return ok(await overviewOf(deps, community, openid))
  }

  const invite = async (openid: string, input: CreateInviteInput): Promise<Result<NewInviteView>> => {
    const found = await asAdmin(deps, openid, input.communityId)
    if (!found.ok) return found
    const now = clock.now()
    const open = (await invites.openInvitesOf(input.communityId)).filter((i) => inviteStatus(i, now) === 'open')
    if (open.length >= OPEN_INVITES_MAX) return fail('RATE_LIMITED', `有效的邀请已有 ${OPEN_INVITES_MAX} 个，请先撤回不用的`)
    let buildingId: string | null = null
    if (input.role === 'representative') {
      const building = await directory.buildingByCode(input.buildingCode)
      if (!building || building.communityId !== input.communityId) return fail('NOT_FOUND', '这个小区没有这栋楼')
      buildingId = building.id
    }
    let code = ''
    for (let tries = 0; tries < 8 && !code; tries++) {
      const candidate = ids.newCode(8)
      if (!(await invites.inviteByCode(candidate))) code = candidate
    }
    if (!code) return fail('INTERNAL', '没能生成邀请码，请再试一次')
    const record: Invite = {
      code,
      communityId: input.communityId,
      role: input.role,
      buildingId,
      body: input.role === 'committee' ? input.committeeBody : null,
      createdBy: openid,
      createdAt: now,
      expiresAt: new Date(Date.parse(now) + INVITE_VALID_HOURS * HOUR_MS).toISOString(),
      acceptedBy: null,
      acceptedAt: null,
      revokedAt: null,
    }
    await invites.saveInvite(record)
    const qr = await platform.qr.inviteQr(code)
    return ok({ ...(await inviteViewOf(directory, record, now)), qr: { contentType: qr.contentType, base64: toBase64(qr.data) } })
  }

  const revokeInvite = async (openid: string, input: InviteRefInput): Promise<Result<CommunityAdminView>> => {
    const found = await asAdmin(deps, openid, input.communityId)
    if (!found.ok) return found
    const record = await invites.inviteByCode(input.code)
    if (!record || record.communityId !== input.communityId) return fail('NOT_FOUND', '没有找到这个邀请')
    if (record.acceptedBy) return fail('INVALID', '这个邀请已被接受，不能撤回；如需取消身份，请在成员里移除')
    if (!record.revokedAt) await invites.revokeInvite(record.code, clock.now())
    return ok(await overviewOf(deps, found.data, openid))
  }

  const removeMember = async (openid: string, input: RemoveMemberInput): Promise<Result<CommunityAdminView>> => {
    const found = await asAdmin(deps, openid, input.communityId)
    if (!found.ok) return found
    const member = (await directory.membersOf(input.communityId)).find((m) => m.id === input.memberId)
    // 已经移除的（重试）答当前的成员表。
    if (!member) return ok(await overviewOf(deps, found.data, openid))
    if (member.openid === openid && member.role === 'admin') return fail('INVALID', '管理员不能移除自己')
    await directory.removeMember(member.id)
    return ok(await overviewOf(deps, found.data, openid))
  }

  return { createCommunity, overview, updateCommunity, saveBuilding, invite, revokeInvite, removeMember }
}

const TOO_MANY_ATTEMPTS = '尝试次数过多，请一小时后再试'

/** 守卫记住"这个人这一小时还没有试错"多久（毫秒）：同 warmDirectory 的 60 秒。 */
export const CODE_ATTEMPTS_MEMO_MS = 60_000
/** 记住的人数上限：满了就清空重来（之后从存储读回），不随访客数无限增长。 */
const CODE_ATTEMPTS_MEMO_MAX = 10_000

/**
 * 楼栋码的试错与邀请码的合计：每人每小时至多 INVITE_ATTEMPTS_PER_HOUR 次（同一份计数）。楼栋码贴在电梯里、是公开的，
 * 但挨个试码的人不该能把别的小区的楼都找出来（公告、问卷、同类报事的描述）。云函数外壳（router.ts）对载荷带楼栋码的每个动作：
 * 先看这一小时的试错满了没有（满了连对的码也不答，否则"答了的就是真的"照样能试）；答"没有找到"、且这个码确实不是哪栋楼时记一次。
 * 居民几乎从不试错：读到"还没有试错"时记住 60 秒，免得每次打开落地页多一次存储请求；这个进程里记下一次试错就忘掉它、下次重读，
 * 所以记住的期间里一个身份在一个实例上至多多得一次答复。先读后记：同时发来的一批都读到"没满"时都会得到答复（写在 SECURITY.md）。
 */
export function createCodeAttemptGuard({ directory, invites, clock }: Pick<AdminDeps, 'directory' | 'invites' | 'clock'>) {
  const clean = new Map<string, { hourKey: string; until: number }>()
  return {
    async refuse(openid: string): Promise<Result<never> | null> {
      const now = clock.now()
      const hourKey = now.slice(0, 13)
      const known = clean.get(openid)
      if (known && known.hourKey === hourKey && Date.parse(now) < known.until) return null
      const attempts = await invites.inviteAttemptsOf(openid, hourKey)
      if (attempts >= INVITE_ATTEMPTS_PER_HOUR) return fail('RATE_LIMITED', TOO_MANY_ATTEMPTS)
      if (attempts === 0) {
        if (clean.size >= CODE_ATTEMPTS_MEMO_MAX) clean.clear()
        clean.set(openid, { hourKey, until: Date.parse(now) + CODE_ATTEMPTS_MEMO_MS })
      } else clean.delete(openid)
      return null
    },
    async notFound(openid: string, buildingCode: string): Promise<void> {
      if (await directory.buildingByCode(buildingCode)) return
      clean.delete(openid)
      await invites.recordInviteAttempt(openid, clock.now().slice(0, 13), INVITE_ATTEMPTS_PER_HOUR)
    },
  }
}

/** 接受邀请的一方：先看邀请码是什么，再填称呼接受。 */
export function createInviteActions(deps: Omit<AdminDeps, 'platform'> & { platform: Pick<Platform, 'content'> }) {
  const { directory, invites, clock, ids } = deps
  const STATUS_MESSAGES: Record<Exclude<InviteStatus, 'open'>, string> = {
    accepted: '这个邀请码已经用过了，请向管理员要一个新的',
    expired: '这个邀请码已过期，请向管理员要一个新的',
    revoked: '这个邀请码已被管理员撤回',
  }

  /**
   * 查一个邀请码之前先记一次尝试（原子地，到了上限就不查：同时发来的一批也只有上限那么多次得到答复）；
   * 码是真的就退回这一次，所以只有试错才占用次数。答邀请，或拒绝的答复。
   */
  const lookUp = async (openid: string, code: string): Promise<Result<Invite>> => {
    // 按 UTC 的整点分段：ISO 时刻的前 13 个字符（YYYY-MM-DDTHH）。
    const hourKey = clock.now().slice(0, 13)
    if (!(await invites.recordInviteAttempt(openid, hourKey, INVITE_ATTEMPTS_PER_HOUR))) return fail('RATE_LIMITED', TOO_MANY_ATTEMPTS)
    const record = await invites.inviteByCode(code)
    if (!record) return fail('NOT_FOUND', '没有这个邀请码，请核对后再输入')
    await invites.forgiveInviteAttempt(openid, hourKey)
    return ok(record)
  }

  const inviteInfo = async (openid: string, input: InviteLookupInput): Promise<Result<InviteView>> => {
    const record = await lookUp(openid, input.code)
    if (!record.ok) return record
    return ok(await inviteViewOf(directory, record.data, clock.now()))
  }

  const join = async (openid: string, input: JoinInput) => {
    const now = clock.now()
    const found = await lookUp(openid, input.code)
    if (!found.ok) return found
    const refused = await refusedName(deps, input.name, openid)
    if (refused) return fail('INVALID', refused)
    const record = found.data
    const member: Member = {
      id: ids.newId(),
      openid,
      communityId: record.communityId,
      buildingId: record.buildingId,
      role: record.role,
      body: record.body,
      name: input.name,
      since: now,
    }
    const outcome = await invites.acceptInvite(record.code, openid, now, member)
    if (outcome === 'missing') return fail('NOT_FOUND', '没有这个邀请码，请核对后再输入')
    if (outcome === 'taken') return fail('CONFLICT', STATUS_MESSAGES.accepted)
    if (outcome !== 'accepted') return fail('INVALID', STATUS_MESSAGES[outcome])
    return ok(true as const)
  }

  return { inviteInfo, join }
}
