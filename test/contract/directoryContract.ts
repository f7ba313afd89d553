/** 目录端口（小区、楼栋、成员）的契约。 */
import type { Member } from '../../src/core/directory'
import { memberOf } from '../samples'
import { freshStorePerTest, type OpenHarness } from './harness'

const li = memberOf('li', { communityId: 'c1', buildingId: 'b1', role: 'representative' }, { id: 'm-li', name: '李老师', since: '2026-11-01T00:00:00.000Z' })
const zhang = memberOf(
  'zhang',
  { communityId: 'c1', buildingId: null, role: 'committee' },
  { id: 'm-zhang', body: 'residents_committee', since: '2026-10-01T00:00:00.000Z' },
)

export function directoryContract(adapter: string, open: OpenHarness) {
  describe(`目录端口契约：${adapter}`, () => {
    const h = freshStorePerTest(open)

    it('楼栋按码（不分大小写）与 id 查找，小区内按码排序', async () => {
      expect(await h.store.buildingByCode('chy1')).toMatchObject({ id: 'b1', name: '1号楼', households: 108 })
      expect(await h.store.buildingByCode('NONE')).toBeNull()
      expect((await h.store.buildingById('b2'))?.code).toBe('CHY2')
      expect((await h.store.buildingsOfCommunity('c1')).map((b) => b.code)).toEqual(['CHY1', 'CHY2'])
      expect(await h.store.community('c1')).toEqual({
        id: 'c1',
        name: '春晖苑',
        hasPropertyCompany: true,
        oldEstate: false,
        overdueHours: { urgent: 24, normal: 72 },
      })
      expect(await h.store.community('none')).toBeNull()
    })

    it('小区的超时界限与是否老旧小区原样存取，覆盖写', async () => {
      await h.store.saveCommunity({ id: 'c2', name: '无物业小区', hasPropertyCompany: false, oldEstate: true, overdueHours: { urgent: 12, normal: 48 } })
      expect(await h.store.community('c2')).toEqual({
        id: 'c2',
        name: '无物业小区',
        hasPropertyCompany: false,
        oldEstate: true,
        overdueHours: { urgent: 12, normal: 48 },
      })
      await h.store.saveCommunity({ id: 'c2', name: '无物业小区', hasPropertyCompany: false, oldEstate: false, overdueHours: { urgent: 6, normal: 72 } })
      expect(await h.store.community('c2')).toMatchObject({ oldEstate: false, overdueHours: { urgent: 6, normal: 72 } })
    })

    it('成员原样存取：代表有楼栋，业委会没有；同一人同一身份只加一次（换了 id 也不加）', async () => {
      expect(await h.store.addMember(li)).toBe(true)
      expect(await h.store.addMember({ ...li, id: 'm-li-again', name: '又一次' })).toBe(false)
      expect(await h.store.addMember(zhang)).toBe(true)
      expect(await h.store.membershipsOf('li')).toEqual([li])
      expect(await h.store.membershipsOf('zhang')).toEqual([zhang])
      expect(await h.store.membershipsOf('nobody')).toEqual([])
      // 同一人在另一栋楼、或以另一身份，是另一条。
      const liB2 = memberOf('li', { communityId: 'c1', buildingId: 'b2', role: 'representative' }, { id: 'm-li-b2' })
      const liCommittee = memberOf('li', { communityId: 'c1', buildingId: null, role: 'committee' }, { id: 'm-li-c', body: 'owners_committee' })
      expect(await h.store.addMember(liB2)).toBe(true)
      expect(await h.store.addMember(liCommittee)).toBe(true)
      expect((await h.store.membershipsOf('li')).map((m) => m.id).sort()).toEqual(['m-li', 'm-li-b2', 'm-li-c'])
      await h.store.addMember(memberOf('chen', { communityId: 'c1', buildingId: 'b2', role: 'representative' }))
      await h.store.addMember(memberOf('an', { communityId: 'c1', buildingId: 'b1', role: 'representative' }))
      expect(await h.store.representativesOf('b1')).toEqual(['an', 'li'])
      expect(await h.store.representativesOf('b2')).toEqual(['chen', 'li'])
    })

    it('同一人同一身份同时加几次：恰好一次为 true，只存一条', async () => {
      const results = await Promise.all(Array.from({ length: 4 }, (_, i) => h.store.addMember({ ...li, id: `m-li-${i}` })))
      expect(results.filter(Boolean)).toHaveLength(1)
      expect(await h.store.membershipsOf('li')).toHaveLength(1)
      expect(await h.store.membersOf('c1')).toHaveLength(1)
    })

    it('小区的全部成员按加入先后；别的小区的不在内', async () => {
      await h.store.saveCommunity({ id: 'c2', name: '别的小区', hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 24, normal: 72 } })
      const later = memberOf('chen', { communityId: 'c1', buildingId: 'b2', role: 'representative' }, { id: 'm-chen', since: '2026-11-15T00:00:00.000Z' })
      const elsewhere = memberOf('li', { communityId: 'c2', buildingId: null, role: 'admin' }, { id: 'm-li-c2', since: '2026-09-01T00:00:00.000Z' })
      for (const m of [later, li, elsewhere, zhang]) await h.store.addMember(m)
      expect((await h.store.membersOf('c1')).map((m) => m.id)).toEqual(['m-zhang', 'm-li', 'm-chen'])
      expect(await h.store.membersOf('c2')).toEqual([elsewhere])
      expect(await h.store.membersOf('none')).toEqual([])
    })

    it('移除立即生效：身份、成员列表、代表名单里都不再有；找不到答 false；移除后可以再加', async () => {
      await h.store.addMember(li)
      await h.store.addMember(zhang)
      expect(await h.store.removeMember('m-li')).toBe(true)
      expect(await h.store.membershipsOf('li')).toEqual([])
      expect((await h.store.membersOf('c1')).map((m) => m.id)).toEqual(['m-zhang'])
      expect(await h.store.representativesOf('b1')).toEqual([])
      expect(await h.store.removeMember('m-li')).toBe(false)
      expect(await h.store.removeMember('none')).toBe(false)
      const back: Member = { ...li, id: 'm-li-2', since: '2026-11-20T00:00:00.000Z' }
      expect(await h.store.addMember(back)).toBe(true)
      expect(await h.store.membershipsOf('li')).toEqual([back])
    })

    it('某人创建过的小区数：只数他作为管理员的小区（移除了的不算）', async () => {
      const community = (id: string) => ({ id, name: id, hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 24, normal: 72 } })
      for (const id of ['c2', 'c3']) await h.store.saveCommunity(community(id))
      await h.store.addMember(memberOf('zhou', { communityId: 'c1', buildingId: null, role: 'admin' }, { id: 'a1' }))
      await h.store.addMember(memberOf('zhou', { communityId: 'c2', buildingId: null, role: 'admin' }, { id: 'a2' }))
      await h.store.addMember(memberOf('zhou', { communityId: 'c3', buildingId: 'b1', role: 'representative' }, { id: 'r3' }))
      await h.store.addMember(memberOf('li', { communityId: 'c3', buildingId: null, role: 'admin' }, { id: 'a3' }))
      expect(await h.store.communitiesCreatedBy('zhou')).toBe(2)
      expect(await h.store.communitiesCreatedBy('li')).toBe(1)
      expect(await h.store.communitiesCreatedBy('nobody')).toBe(0)
      await h.store.removeMember('a2')
      expect(await h.store.communitiesCreatedBy('zhou')).toBe(1)
    })

    /** 一次建小区：新小区 id 与管理员成员 id 由调用方给（用例里是随机的）。 */
    const creation = (openid: string, requestId: string, communityId: string) => ({
      requestId,
      community: { id: communityId, name: `小区${communityId}`, hasPropertyCompany: false, oldEstate: true, overdueHours: { urgent: 24, normal: 72 } },
      admin: memberOf(openid, { communityId, buildingId: null, role: 'admin' }, { id: `m-${communityId}`, name: '管理员', since: '2026-11-20T02:00:00.000Z' }),
    })

    const notLimited = (r: { communityId: string; created: boolean } | 'limited') => {
      if (r === 'limited') throw new Error('第一次建小区不该碰到上限')
      return r
    }

    it('建小区：小区、创建者的管理员身份、幂等记录一起存下；同一人同一请求编号再建答第一次的小区、什么都不改', async () => {
      expect(await h.store.communityCreatedBy('wu', 'create-0001')).toBeNull()
      expect(await h.store.createCommunity(creation('wu', 'create-0001', 'cnew1'), 3)).toEqual({ communityId: 'cnew1', created: true })
      expect(await h.store.community('cnew1')).toEqual({
        id: 'cnew1',
        name: '小区cnew1',
        hasPropertyCompany: false,
        oldEstate: true,
        overdueHours: { urgent: 24, normal: 72 },
      })
      expect(await h.store.membersOf('cnew1')).toEqual([creation('wu', 'create-0001', 'cnew1').admin])
      expect(await h.store.communityCreatedBy('wu', 'create-0001')).toBe('cnew1')
      expect(await h.store.communitiesCreatedBy('wu')).toBe(1)

      // 重试（新的随机 id）：不建第二个，答第一次的。
      expect(await h.store.createCommunity(creation('wu', 'create-0001', 'cnew2'), 3)).toEqual({ communityId: 'cnew1', created: false })
      expect(await h.store.community('cnew2')).toBeNull()
      expect(await h.store.membersOf('cnew2')).toEqual([])
      // 记录按人分：别人用同一个请求编号建的是他自己的。
      expect(await h.store.communityCreatedBy('he', 'create-0001')).toBeNull()
      expect(await h.store.createCommunity(creation('he', 'create-0001', 'cnew3'), 3)).toEqual({ communityId: 'cnew3', created: true })
      expect((await h.store.membershipsOf('wu')).map((m) => m.communityId)).toEqual(['cnew1'])
    })

    it('同一请求同时建 5 次：恰好一次 created，都答同一个小区，只有一个小区、一位管理员', async () => {
      const results = (await Promise.all(Array.from({ length: 5 }, (_, i) => h.store.createCommunity(creation('wu', 'create-0001', `crace${i}`), 3)))).map(
        notLimited,
      )
      expect(results.filter((r) => r.created)).toHaveLength(1)
      const winner = results.find((r) => r.created)!.communityId
      expect(results.map((r) => r.communityId)).toEqual(Array(5).fill(winner))
      const existing = []
      for (let i = 0; i < 5; i++) if (await h.store.community(`crace${i}`)) existing.push(`crace${i}`)
      expect(existing).toEqual([winner])
      expect((await h.store.membershipsOf('wu')).map((m) => [m.communityId, m.role])).toEqual([[winner, 'admin']])
      expect(await h.store.communityCreatedBy('wu', 'create-0001')).toBe(winner)
    })

    it('每人建小区的上限在原子的建小区里数：同一人用 6 个请求编号同时建，恰好 3 个建成，其余答 limited、什么都不存', async () => {
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => h.store.createCommunity(creation('wu', `create-000${i}`, `cpar${i}`), 3)))
      expect(results.filter((r) => r !== 'limited' && r.created)).toHaveLength(3)
      expect(results.filter((r) => r === 'limited')).toHaveLength(3)
      const existing = []
      for (let i = 0; i < 6; i++) if (await h.store.community(`cpar${i}`)) existing.push(`cpar${i}`)
      expect(existing).toHaveLength(3)
      expect((await h.store.membershipsOf('wu')).filter((m) => m.role === 'admin')).toHaveLength(3)
      expect(await h.store.communitiesCreatedBy('wu')).toBe(3)
      // 到了上限，已建成的那几次重试仍答原来的小区；别人不受影响。
      const done = results.find((r) => r !== 'limited' && r.created)
      const doneIndex = results.indexOf(done!)
      expect(await h.store.createCommunity(creation('wu', `create-000${doneIndex}`, 'cretry'), 3)).toEqual({ communityId: `cpar${doneIndex}`, created: false })
      expect(await h.store.createCommunity(creation('he', 'create-0001', 'che1'), 3)).toEqual({ communityId: 'che1', created: true })
    })

    it('上限从已有的管理员身份数起：已是 2 个小区管理员的人同时建 3 个，只建成 1 个', async () => {
      for (const id of ['cold1', 'cold2']) {
        await h.store.saveCommunity({ id, name: id, hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 24, normal: 72 } })
        await h.store.addMember(memberOf('zhou', { communityId: id, buildingId: null, role: 'admin' }, { id: `a-${id}` }))
      }
      const results = await Promise.all(Array.from({ length: 3 }, (_, i) => h.store.createCommunity(creation('zhou', `create-000${i}`, `cz${i}`), 3)))
      expect(results.filter((r) => r !== 'limited' && r.created)).toHaveLength(1)
      expect(results.filter((r) => r === 'limited')).toHaveLength(2)
      expect(await h.store.communitiesCreatedBy('zhou')).toBe(3)
      expect(await h.store.createCommunity(creation('zhou', 'create-0009', 'cz9'), 3)).toBe('limited')
      expect(await h.store.community('cz9')).toBeNull()
    })
  })
}
