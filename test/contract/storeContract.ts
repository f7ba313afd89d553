/**
 * 存储端口的契约：同一组断言跑在每个适配器上（SQLite 临时文件；真 wx-server-sdk 接执行器的云开发适配器）。
 */
import { CATEGORY_IDS } from '../../src/core/catalog'
import type { Report } from '../../src/core/model'
import type { Store } from '../../src/core/ports'
import { deltasForNewReport, deltasForStatusChange, rebuildBuckets } from '../../src/core/tally'

export interface StoreHarness {
  store: Store
  dispose(): Promise<void> | void
}

let serial = 0
const aReport = (over: Partial<Report> = {}): Report => {
  serial++
  const createdAt = over.createdAt ?? `2026-11-${String(1 + (serial % 28)).padStart(2, '0')}T02:00:00.000Z`
  return {
    id: `rep${String(serial).padStart(6, '0')}`,
    communityId: 'c1',
    buildingId: 'b1',
    kind: 'repair',
    category: 'elevator',
    text: '电梯按钮失灵',
    location: { scope: 'public', area: '电梯轿厢', detail: '' },
    anonymous: false,
    photos: [],
    status: 'pending',
    reporterId: 'wang',
    requestId: `req-${serial}`,
    createdAt,
    updatedAt: createdAt,
    month: createdAt.slice(0, 7),
    ...over,
  }
}

export function storeContract(adapter: string, open: () => Promise<StoreHarness>) {
  describe(`存储端口契约：${adapter}`, () => {
    let h: StoreHarness
    beforeEach(async () => {
      h = await open()
      await h.store.saveCommunity({ id: 'c1', name: '春晖苑', hasPropertyCompany: true })
      await h.store.saveBuilding({ id: 'b2', communityId: 'c1', code: 'CHY2', name: '2号楼', households: 44, units: 2, floors: 11 })
      await h.store.saveBuilding({ id: 'b1', communityId: 'c1', code: 'CHY1', name: '1号楼', households: 108, units: 3, floors: 18 })
    })
    afterEach(() => h.dispose())

    it('楼栋按码（不分大小写）与 id 查找，小区内按码排序', async () => {
      expect(await h.store.buildingByCode('chy1')).toMatchObject({ id: 'b1', name: '1号楼', households: 108 })
      expect(await h.store.buildingByCode('NONE')).toBeNull()
      expect((await h.store.buildingById('b2'))?.code).toBe('CHY2')
      expect((await h.store.buildingsOfCommunity('c1')).map((b) => b.code)).toEqual(['CHY1', 'CHY2'])
      expect(await h.store.community('c1')).toEqual({ id: 'c1', name: '春晖苑', hasPropertyCompany: true })
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

    it('插入报事并累加统计；同一报事人同一请求编号只存一次、只计一次', async () => {
      const r = aReport({ requestId: 'same-1' })
      expect(await h.store.insertReport(r, deltasForNewReport(r))).toEqual({ report: r, created: true })
      const retry = { ...aReport({ requestId: 'same-1' }), text: '第二次' }
      const again = await h.store.insertReport(retry, deltasForNewReport(retry))
      expect(again.created).toBe(false)
      expect(again.report).toEqual(r)
      const other = aReport({ requestId: 'same-1', reporterId: 'zhao' })
      expect((await h.store.insertReport(other, deltasForNewReport(other))).created).toBe(true)
      expect(await h.store.allReports()).toHaveLength(2)
      expect(await h.store.bucketsOf('b1', ['2026-11'])).toContainEqual({ buildingId: 'b1', month: '2026-11', dim: 'reports', count: 2 })
    })

    it('状态变化：只在当前状态符合预期时生效，留痕并调整统计，归零的桶被删除', async () => {
      const r = aReport()
      await h.store.insertReport(r, deltasForNewReport(r))
      const stale = await h.store.changeStatus({ reportId: r.id, from: 'accepted', to: 'processing', note: '', actorId: 'li', at: '2026-11-21T00:00:00.000Z' }, 'accepted', deltasForStatusChange({ ...r, status: 'accepted' }, 'processing'))
      expect(stale).toBe(false)
      expect((await h.store.reportById(r.id))?.status).toBe('pending')
      const ok = await h.store.changeStatus({ reportId: r.id, from: 'pending', to: 'resolved', note: '已更换按钮', actorId: 'li', at: '2026-11-21T00:00:00.000Z' }, 'pending', deltasForStatusChange(r, 'resolved'))
      expect(ok).toBe(true)
      expect(await h.store.reportById(r.id)).toMatchObject({ status: 'resolved', updatedAt: '2026-11-21T00:00:00.000Z' })
      expect(await h.store.statusChangesOf(r.id)).toEqual([{ reportId: r.id, from: 'pending', to: 'resolved', note: '已更换按钮', actorId: 'li', at: '2026-11-21T00:00:00.000Z' }])
      const dims = (await h.store.bucketsOf('b1', [r.month])).map((b) => `${b.dim}=${b.count}`).sort()
      expect(dims).toEqual(['category:elevator=1', 'kind:repair=1', 'reports=1', 'status:resolved=1'])
      expect(await h.store.reportById('missing')).toBeNull()
    })

    it('某人的报事：新的在前，超过 100 条也能按游标完整翻完', async () => {
      for (let i = 0; i < 130; i++) {
        const r = aReport({ reporterId: 'wang', createdAt: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 3_600_000).toISOString() })
        await h.store.insertReport(r, deltasForNewReport(r))
      }
      const other = aReport({ reporterId: 'zhao' })
      await h.store.insertReport(other, deltasForNewReport(other))
      const first = await h.store.reportsByReporter('wang', 120)
      expect(first).toHaveLength(120)
      expect(first[0].createdAt > first[1].createdAt).toBe(true)
      const last = first[first.length - 1]
      const rest = await h.store.reportsByReporter('wang', 120, { createdAt: last.createdAt, id: last.id })
      expect(rest).toHaveLength(10)
      expect(new Set([...first, ...rest].map((r) => r.id)).size).toBe(130)
      expect(rest.every((r) => r.reporterId === 'wang')).toBe(true)
    })

    it('并发重试同一请求：只有一次被创建，统计只加一次', async () => {
      const attempts = Array.from({ length: 5 }, () => aReport({ requestId: 'burst-1' }))
      const results = await Promise.all(attempts.map((r) => h.store.insertReport(r, deltasForNewReport(r))))
      expect(results.filter((x) => x.created)).toHaveLength(1)
      expect(new Set(results.map((x) => x.report.id)).size).toBe(1)
      expect(await h.store.allReports()).toHaveLength(1)
      expect(await h.store.bucketsOf('b1', [attempts[0].month])).toContainEqual({ buildingId: 'b1', month: attempts[0].month, dim: 'reports', count: 1 })
    })

    it('同楼同月并发提交：每一条都存下、都计入', async () => {
      const burst = Array.from({ length: 12 }, (_, i) => aReport({ reporterId: `resident${i}`, createdAt: '2026-11-20T02:00:00.000Z', month: '2026-11' }))
      const results = await Promise.all(burst.map((r) => h.store.insertReport(r, deltasForNewReport(r))))
      expect(results.every((x) => x.created)).toBe(true)
      expect(await h.store.bucketsOf('b1', ['2026-11'])).toContainEqual({ buildingId: 'b1', month: '2026-11', dim: 'reports', count: 12 })
      expect(await h.store.allReports()).toHaveLength(12)
    })

    it('两人同时处理同一条：只有一个生效，只留一条痕', async () => {
      const r = aReport()
      await h.store.insertReport(r, deltasForNewReport(r))
      const attempt = (actorId: string) =>
        h.store.changeStatus({ reportId: r.id, from: 'pending', to: 'accepted', note: '', actorId, at: '2026-11-21T00:00:00.000Z' }, 'pending', deltasForStatusChange(r, 'accepted'))
      const outcomes = await Promise.all([attempt('li'), attempt('chen')])
      expect(outcomes.filter(Boolean)).toHaveLength(1)
      expect(await h.store.statusChangesOf(r.id)).toHaveLength(1)
      const status = (await h.store.bucketsOf('b1', [r.month])).filter((b) => b.dim.startsWith('status:'))
      expect(status).toEqual([{ buildingId: 'b1', month: r.month, dim: 'status:accepted', count: 1 }])
    })

    it('一年的桶超过 100 个时，按月读取也一个不少', async () => {
      const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`)
      for (const month of months) {
        for (const category of CATEGORY_IDS) {
          const r = aReport({ createdAt: `${month}-10T02:00:00.000Z`, month, category })
          await h.store.insertReport(r, deltasForNewReport(r))
        }
      }
      const buckets = await h.store.bucketsOf('b1', months)
      expect(buckets.length).toBeGreaterThan(100)
      const key = (b: { month: string; dim: string; count: number }) => `${b.month}|${b.dim}|${b.count}`
      expect(buckets.map(key).sort()).toEqual(rebuildBuckets(await h.store.allReports()).map(key).sort())
    })

    it('按月读桶只返回所要的月份；全部桶与从原始记录重算的一致', async () => {
      for (const month of ['2026-01', '2026-02', '2026-03']) {
        const r = aReport({ createdAt: `${month}-15T02:00:00.000Z`, month, category: month === '2026-02' ? 'parking' : 'elevator' })
        await h.store.insertReport(r, deltasForNewReport(r))
      }
      const b2 = aReport({ buildingId: 'b2', createdAt: '2026-02-01T02:00:00.000Z', month: '2026-02' })
      await h.store.insertReport(b2, deltasForNewReport(b2))
      const buckets = await h.store.bucketsOf('b1', ['2026-02', '2026-03'])
      expect(new Set(buckets.map((b) => b.month))).toEqual(new Set(['2026-02', '2026-03']))
      expect(buckets.every((b) => b.buildingId === 'b1')).toBe(true)
      expect(await h.store.bucketsOf('b1', [])).toEqual([])
      const sort = <T extends { buildingId: string; month: string; dim: string }>(xs: T[]) => [...xs].sort((a, b) => `${a.buildingId}${a.month}${a.dim}`.localeCompare(`${b.buildingId}${b.month}${b.dim}`))
      expect(sort(await h.store.allBuckets())).toEqual(sort(rebuildBuckets(await h.store.allReports())))
    })
  })
}
