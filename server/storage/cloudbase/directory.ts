/**
 * 云开发：小区、楼栋与成员（DirectoryStore）。成员的 _id 为 openid|小区|楼|身份，"是否已是成员"在事务里按 _id 读；
 * 建小区的幂等记录（创建者|请求编号）与每人的建小区计数同理。
 */
import { DEFAULT_OVERDUE_HOURS, type Community, type Member } from '../../../src/core/directory'
import type { DirectoryStore } from '../../../src/core/directory'
import { COLLECTIONS } from './collections'
import type { StoreContext } from './context'
import { byCreation, communityCreationId, legacyMemberId, memberDoc, membershipId, toBuilding, toMember } from './documents'

export function cloudbaseDirectory(ctx: StoreContext): DirectoryStore {
  const { _, coll, readAll, transact } = ctx

  /** 某人作为管理员的小区数（移除了的不算）。 */
  async function adminCommunityCount(openid: string): Promise<number> {
    const docs = await readAll('memberships', { openid, role: 'admin' })
    return new Set(docs.map((d) => d.communityId)).size
  }

  return {
    async buildingByCode(code) {
      const { data } = await coll('buildings').where({ codeKey: code.toUpperCase() }).limit(1).get()
      return data.length ? toBuilding(data[0]) : null
    },
    async buildingById(id) {
      const { data } = await coll('buildings').doc(id).get()
      return data ? toBuilding(data) : null
    },
    async buildingsOfCommunity(communityId) {
      const docs = await readAll('buildings', { communityId })
      return docs.map(toBuilding).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    },
    async community(id): Promise<Community | null> {
      const { data } = await coll('communities').doc(id).get()
      if (!data) return null
      const overdueHours = (data.overdueHours as Community['overdueHours'] | undefined) ?? { ...DEFAULT_OVERDUE_HOURS }
      // 迁移 2026-11-governance 之前的小区没有 oldEstate。
      const oldEstate = (data.oldEstate as boolean | undefined) ?? false
      return { id, name: data.name as string, hasPropertyCompany: data.hasPropertyCompany as boolean, oldEstate, overdueHours }
    },
    async membershipsOf(openid): Promise<Member[]> {
      const docs = await readAll('memberships', { openid })
      const key = (m: Member) => `${m.role}|${m.buildingId ?? ''}`
      return docs.map(toMember).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    },
    async representativesOf(buildingId) {
      const docs = await readAll('memberships', { buildingId, role: 'representative' })
      return docs.map((d) => d.openid as string).sort()
    },
    async saveCommunity(c) {
      await coll('communities')
        .doc(c.id)
        .set({ data: { name: c.name, hasPropertyCompany: c.hasPropertyCompany, oldEstate: c.oldEstate, overdueHours: c.overdueHours } })
    },
    async saveBuilding(b) {
      const { id, ...fields } = b
      await coll('buildings')
        .doc(id)
        .set({ data: { ...fields, codeKey: b.code.toUpperCase() } })
    },
    async addMember(member) {
      let added = false
      await transact(async (tx) => {
        const ref = tx.collection(COLLECTIONS.memberships).doc(membershipId(member.openid, member))
        // 同一对同时加：两个事务都写这个 _id，后写的冲突、退避重试，重试时读到已有。
        added = !(await ref.get()).data
        if (added) await ref.set({ data: memberDoc(member) })
      })
      return added
    },
    async membersOf(communityId) {
      return (await readAll('memberships', { communityId })).map(toMember).sort(byCreation((m) => m.since))
    },
    async removeMember(memberId) {
      const { data } = await coll('memberships').where({ id: memberId }).limit(1).get()
      // 找不到时再看迁移前没有 id 字段的旧文档（迁移之后一个也没有，这一步什么都读不到）。
      const legacy = data.length ? [] : (await readAll('memberships', { id: _().exists(false) })).filter((d) => legacyMemberId(String(d._id)) === memberId)
      const found = data[0] ?? legacy[0]
      if (!found) return false
      await coll('memberships').doc(String(found._id)).remove()
      return true
    },
    communitiesCreatedBy: adminCommunityCount,
    async communityCreatedBy(openid, requestId) {
      const { data } = await coll('communityCreations').doc(communityCreationId(openid, requestId)).get()
      return data ? (data.communityId as string) : null
    },
    async createCommunity({ requestId, community, admin }, maxPerCreator) {
      let outcome: { communityId: string; created: boolean } | 'limited' = { communityId: community.id, created: false }
      await transact(async (tx) => {
        // 同一请求同时两次：两个事务都写这条记录的 _id，后写的冲突、退避重试，重试时读到已有的记录。
        const ref = tx.collection(COLLECTIONS.communityCreations).doc(communityCreationId(admin.openid, requestId))
        const { data } = await ref.get()
        if (data) {
          outcome = { communityId: data.communityId as string, created: false }
          return
        }
        // 每人的上限：事务里不能数，所以每人一条计数，同时的创建都写它，后写的冲突、重试时读到新数。
        // 计数还没有时从他已有的管理员身份数起（这一读在事务之外；之后每次建成都会写计数，
        // 在这一读之后建成的会让本事务写计数时冲突）。
        const counterRef = tx.collection(COLLECTIONS.communityCreators).doc(admin.openid)
        const { data: counter } = await counterRef.get()
        const createdSoFar = counter ? (counter.created as number) : await adminCommunityCount(admin.openid)
        if (createdSoFar >= maxPerCreator) {
          outcome = 'limited'
          return
        }
        await counterRef.set({ data: { created: createdSoFar + 1 } })
        await ref.set({ data: { creator: admin.openid, requestId, communityId: community.id, at: admin.since } })
        await tx
          .collection(COLLECTIONS.communities)
          .doc(community.id)
          .set({
            data: {
              name: community.name,
              hasPropertyCompany: community.hasPropertyCompany,
              oldEstate: community.oldEstate,
              overdueHours: community.overdueHours,
            },
          })
        await tx
          .collection(COLLECTIONS.memberships)
          .doc(membershipId(admin.openid, admin))
          .set({ data: memberDoc(admin) })
        outcome = { communityId: community.id, created: true }
      })
      return outcome
    },
  }
}
