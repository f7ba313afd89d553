/** SQLite：小区、楼栋与成员（DirectoryStore）。 */
import { DEFAULT_OVERDUE_HOURS, type Community, type Member } from '../../../src/core/directory'
import type { CommunityCreation, DirectoryStore } from '../../../src/core/directory'
import type { SqliteContext } from './context'
import { toBuilding, toMember, type BuildingRow, type MemberRow } from './rows'

/** 加一位成员（接受邀请也用它）；同一人同一小区同一楼同一身份已有一条时什么都不做（唯一约束），答 changes = 0。 */
export function memberAdder({ db, directoryMemo }: Pick<SqliteContext, 'db' | 'directoryMemo'>) {
  const addMember = db.prepare(
    `INSERT INTO memberships (id, openid, community_id, building_id, role, name, body, since) VALUES (@id, @openid, @communityId, @buildingId, @role, @name, @body, @since)
     ON CONFLICT DO NOTHING`,
  )
  return (m: Member) => {
    const info = addMember.run({ ...m, buildingId: m.buildingId ?? '' })
    directoryMemo.clear()
    return info
  }
}

const communityParams = (c: Community) => ({
  id: c.id,
  name: c.name,
  hasPropertyCompany: c.hasPropertyCompany ? 1 : 0,
  oldEstate: c.oldEstate ? 1 : 0,
  overdueHours: JSON.stringify(c.overdueHours),
})

export function sqliteDirectory(ctx: SqliteContext): DirectoryStore {
  const { db, directoryMemo: memo } = ctx
  const addMember = memberAdder(ctx)
  const q = {
    buildingByCode: db.prepare<[string], BuildingRow>('SELECT * FROM buildings WHERE code = ? COLLATE NOCASE'),
    buildingById: db.prepare<[string], BuildingRow>('SELECT * FROM buildings WHERE id = ?'),
    buildingsOf: db.prepare<[string], BuildingRow>('SELECT * FROM buildings WHERE community_id = ? ORDER BY code'),
    community: db.prepare<[string], { id: string; name: string; has_property_company: number; old_estate: number; overdue_hours: string }>(
      'SELECT * FROM communities WHERE id = ?',
    ),
    memberships: db.prepare<[string], MemberRow>('SELECT * FROM memberships WHERE openid = ? ORDER BY role, building_id'),
    membersOf: db.prepare<[string], MemberRow>('SELECT * FROM memberships WHERE community_id = ? ORDER BY since, seq'),
    removeMember: db.prepare('DELETE FROM memberships WHERE id = ?'),
    communitiesCreatedBy: db.prepare<[string], { n: number }>("SELECT COUNT(DISTINCT community_id) AS n FROM memberships WHERE openid = ? AND role = 'admin'"),
    representatives: db.prepare<[string], { openid: string }>(
      "SELECT openid FROM memberships WHERE building_id = ? AND role = 'representative' ORDER BY openid",
    ),
    saveCommunity: db.prepare(
      `INSERT INTO communities (id, name, has_property_company, old_estate, overdue_hours) VALUES (@id, @name, @hasPropertyCompany, @oldEstate, @overdueHours)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, has_property_company = excluded.has_property_company, old_estate = excluded.old_estate,
         overdue_hours = excluded.overdue_hours`,
    ),
    saveBuilding: db.prepare(
      `INSERT INTO buildings (id, community_id, code, name, households, units, floors) VALUES (@id, @communityId, @code, @name, @households, @units, @floors)
       ON CONFLICT(id) DO UPDATE SET code = excluded.code, name = excluded.name, households = excluded.households, units = excluded.units, floors = excluded.floors`,
    ),
    creationOf: db.prepare<[string, string], { community_id: string }>('SELECT community_id FROM community_creations WHERE creator = ? AND request_id = ?'),
    insertCommunity: db.prepare(
      `INSERT INTO communities (id, name, has_property_company, old_estate, overdue_hours) VALUES (@id, @name, @hasPropertyCompany, @oldEstate, @overdueHours)`,
    ),
    insertCreation: db.prepare('INSERT INTO community_creations (creator, request_id, community_id, created_at) VALUES (?, ?, ?, ?)'),
  }

  // 先查幂等记录、再数上限、再写：在 immediate 事务里，别的连接的建小区要等这个提交之后才读得到、才写得了。
  const createCommunityTx = ctx.transaction((creation: CommunityCreation, maxPerCreator: number) => {
    const { community, admin, requestId } = creation
    const earlier = q.creationOf.get(admin.openid, requestId)
    if (earlier) return { communityId: earlier.community_id, created: false }
    if ((q.communitiesCreatedBy.get(admin.openid)?.n ?? 0) >= maxPerCreator) return 'limited' as const
    q.insertCommunity.run(communityParams(community))
    q.insertCreation.run(admin.openid, requestId, community.id, admin.since)
    addMember(admin)
    return { communityId: community.id, created: true }
  })

  return {
    async buildingByCode(code) {
      return memo.remember(`code:${code.toUpperCase()}`, () => {
        const row = q.buildingByCode.get(code)
        return row ? toBuilding(row) : null
      })
    },
    async buildingById(id) {
      return memo.remember(`building:${id}`, () => {
        const row = q.buildingById.get(id)
        return row ? toBuilding(row) : null
      })
    },
    async buildingsOfCommunity(communityId) {
      return q.buildingsOf.all(communityId).map(toBuilding)
    },
    async community(id): Promise<Community | null> {
      return memo.remember(`community:${id}`, () => {
        const row = q.community.get(id)
        if (!row) return null
        return {
          id: row.id,
          name: row.name,
          hasPropertyCompany: row.has_property_company === 1,
          oldEstate: row.old_estate === 1,
          overdueHours: { ...DEFAULT_OVERDUE_HOURS, ...JSON.parse(row.overdue_hours) },
        }
      })
    },
    async membershipsOf(openid): Promise<Member[]> {
      return q.memberships.all(openid).map(toMember)
    },
    async representativesOf(buildingId) {
      return [...memo.remember(`representatives:${buildingId}`, () => q.representatives.all(buildingId).map((r) => r.openid))]
    },
    async saveCommunity(c) {
      q.saveCommunity.run(communityParams(c))
      memo.clear()
    },
    async saveBuilding(b) {
      q.saveBuilding.run(b)
      memo.clear()
    },
    async addMember(member) {
      return addMember(member).changes > 0
    },
    async membersOf(communityId) {
      return q.membersOf.all(communityId).map(toMember)
    },
    async removeMember(memberId) {
      const removed = q.removeMember.run(memberId).changes > 0
      memo.clear()
      return removed
    },
    async communitiesCreatedBy(openid) {
      return q.communitiesCreatedBy.get(openid)?.n ?? 0
    },
    async communityCreatedBy(openid, requestId) {
      return q.creationOf.get(openid, requestId)?.community_id ?? null
    },
    async createCommunity(creation, maxPerCreator) {
      try {
        return createCommunityTx.immediate(creation, maxPerCreator)
      } finally {
        memo.clear()
      }
    },
  }
}
