/** 目录端口（小区、楼栋、成员身份）的契约。 */
import { freshStorePerTest, type OpenHarness } from './harness'

export function directoryContract(adapter: string, open: OpenHarness) {
  describe(`目录端口契约：${adapter}`, () => {
    const h = freshStorePerTest(open)

    it('楼栋按码（不分大小写）与 id 查找，小区内按码排序', async () => {
      expect(await h.store.buildingByCode('chy1')).toMatchObject({ id: 'b1', name: '1号楼', households: 108 })
      expect(await h.store.buildingByCode('NONE')).toBeNull()
      expect((await h.store.buildingById('b2'))?.code).toBe('CHY2')
      expect((await h.store.buildingsOfCommunity('c1')).map((b) => b.code)).toEqual(['CHY1', 'CHY2'])
      expect(await h.store.community('c1')).toEqual({ id: 'c1', name: '春晖苑', hasPropertyCompany: true, overdueHours: { urgent: 24, normal: 72 } })
      expect(await h.store.community('none')).toBeNull()
    })

    it('小区的超时界限原样存取，覆盖写', async () => {
      await h.store.saveCommunity({ id: 'c2', name: '无物业小区', hasPropertyCompany: false, overdueHours: { urgent: 12, normal: 48 } })
      expect(await h.store.community('c2')).toEqual({ id: 'c2', name: '无物业小区', hasPropertyCompany: false, overdueHours: { urgent: 12, normal: 48 } })
      await h.store.saveCommunity({ id: 'c2', name: '无物业小区', hasPropertyCompany: false, overdueHours: { urgent: 6, normal: 72 } })
      expect((await h.store.community('c2'))?.overdueHours).toEqual({ urgent: 6, normal: 72 })
    })

    it('成员身份：代表有楼栋，业委会没有；重复登记只算一次', async () => {
      await h.store.addMembership('li', { communityId: 'c1', buildingId: 'b1', role: 'representative' })
      await h.store.addMembership('li', { communityId: 'c1', buildingId: 'b1', role: 'representative' })
      await h.store.addMembership('zhang', { communityId: 'c1', buildingId: null, role: 'committee' })
      expect(await h.store.membershipsOf('li')).toEqual([{ communityId: 'c1', buildingId: 'b1', role: 'representative' }])
      expect(await h.store.membershipsOf('zhang')).toEqual([{ communityId: 'c1', buildingId: null, role: 'committee' }])
      expect(await h.store.membershipsOf('nobody')).toEqual([])
      await h.store.addMembership('chen', { communityId: 'c1', buildingId: 'b2', role: 'representative' })
      await h.store.addMembership('an', { communityId: 'c1', buildingId: 'b1', role: 'representative' })
      expect(await h.store.representativesOf('b1')).toEqual(['an', 'li'])
      expect(await h.store.representativesOf('b2')).toEqual(['chen'])
    })
  })
}
