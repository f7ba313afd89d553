/** 关注的契约："我也遇到"与合并转来的关注者：只记一次、人数与统计一起加，按先后列出，我关注的按报事新旧翻页。 */
import type { Follow, Report } from '../../src/core/reports'
import type { PageCursor } from '../../src/core/shared/ports'
import { recountAll } from '../../src/core/recount'
import { deltasForFollow, deltasForNewReport, deltasForStatusChange, REPORT_DROPPED, type StatusChange } from '../../src/core/reports'
import { aReport, bucketLine, freshStorePerTest, sortedLines, type OpenHarness, type StoreHarness } from './harness'

const insert = (h: StoreHarness, r: Report) => h.store.insertReport(r, deltasForNewReport(r))
const follow = (h: StoreHarness, r: Report, openid: string, at = '2026-11-21T00:00:00.000Z', via: Follow['via'] = 'follow') =>
  h.store.addFollower({ reportId: r.id, openid, at, via }, deltasForFollow(r))

export function followContract(adapter: string, open: OpenHarness) {
  describe(`关注契约：${adapter}`, () => {
    const h = freshStorePerTest(open)

    it('关注只记一次：第二次答 false，人数与统计都只加一次；原始记录里有它', async () => {
      const r = aReport({ createdAt: '2026-11-20T00:00:00.000Z', month: '2026-11' })
      await insert(h, r)
      expect(await follow(h, r, 'zhao')).toBe(true)
      expect(await follow(h, r, 'zhao', '2026-11-22T00:00:00.000Z', 'merge')).toBe(false)
      expect((await h.store.reportById(r.id))?.followers).toBe(1)
      expect((await h.store.bucketsOf(['building:b1'], ['2026-11'])).map(bucketLine)).toContain('building:b1|2026-11|report.followers=1/0')
      expect(await h.store.followersOf(r.id)).toEqual(['zhao'])
      expect((await h.store.rawRecords()).follows).toEqual([{ reportId: r.id, openid: 'zhao', at: '2026-11-21T00:00:00.000Z', via: 'follow' }])

      // 合并转来的关注者同样计数；关注方式原样存下。
      expect(await follow(h, r, 'sun', '2026-11-23T00:00:00.000Z', 'merge')).toBe(true)
      expect((await h.store.reportById(r.id))?.followers).toBe(2)
      const follows = (await h.store.rawRecords()).follows.sort((a, b) => (a.openid < b.openid ? -1 : 1))
      expect(follows.map((f) => `${f.openid}:${f.via}`)).toEqual(['sun:merge', 'zhao:follow'])
      expect(sortedLines(await h.store.allBuckets())).toEqual(sortedLines(recountAll(await h.store.rawRecords())))
    })

    it('同一人同时关注几次：恰好一次为 true；不同的人同时关注：一个不丢', async () => {
      const r = aReport({ createdAt: '2026-11-20T00:00:00.000Z', month: '2026-11' })
      await insert(h, r)
      const same = await Promise.all(Array.from({ length: 4 }, () => follow(h, r, 'zhao')))
      expect(same.filter(Boolean)).toHaveLength(1)
      const others = await Promise.all(['li', 'chen', 'sun'].map((openid) => follow(h, r, openid)))
      expect(others).toEqual([true, true, true])
      expect((await h.store.reportById(r.id))?.followers).toBe(4)
      expect((await h.store.bucketsOf(['building:b1'], ['2026-11'])).map(bucketLine)).toContain('building:b1|2026-11|report.followers=4/0')
      expect((await h.store.rawRecords()).follows).toHaveLength(4)
      expect(sortedLines(await h.store.allBuckets())).toEqual(sortedLines(recountAll(await h.store.rawRecords())))
    })

    it('报事已隐藏或并为重复时不写关注：答 REPORT_DROPPED，关注、人数、统计、额度都不动；流转的增量按写入时的关注人数算', async () => {
      const r = aReport({ createdAt: '2026-11-20T00:00:00.000Z', month: '2026-11' })
      await insert(h, r)
      expect(await follow(h, r, 'li')).toBe(true)
      const hide: StatusChange = {
        reportId: r.id,
        from: 'pending',
        to: 'hidden',
        note: '含个人信息',
        actorId: 'rep',
        at: '2026-11-21T01:00:00.000Z',
        requestId: 'hide-1',
        details: {},
      }
      // 增量交给存储时还是函数：它按事务里读到的人数（此刻 1 位）减去，而不是调用方手里的 0。
      const seen: number[] = []
      const stored = await h.store.changeStatus(hide, 'pending', (current) => {
        seen.push(current.followers)
        return deltasForStatusChange({ ...r, followers: current.followers }, hide, [])
      })
      expect(stored).toBe(true)
      expect(seen.at(-1)).toBe(1)
      // 调用方读到的还是待受理时的报事（增量 +1），写入时它已隐藏：什么都不写。
      expect(await follow(h, r, 'zhao')).toBe(REPORT_DROPPED)
      expect(await h.store.followersOf(r.id)).toEqual(['li'])
      expect((await h.store.reportById(r.id))?.followers).toBe(1)
      expect((await h.store.bucketsOf(['building:b1'], ['2026-11'])).map(bucketLine)).not.toContain('building:b1|2026-11|report.followers=1/0')
      expect(sortedLines(await h.store.allBuckets())).toEqual(sortedLines(recountAll(await h.store.rawRecords())))
    })

    it('一条报事的关注者按关注先后（不是写入先后）', async () => {
      const r = aReport()
      const other = aReport()
      await insert(h, r)
      await insert(h, other)
      await follow(h, r, 'zhao', '2026-11-21T03:00:00.000Z')
      await follow(h, r, 'li', '2026-11-21T01:00:00.000Z')
      await follow(h, r, 'chen', '2026-11-21T02:00:00.000Z')
      await follow(h, other, 'sun')
      expect(await h.store.followersOf(r.id)).toEqual(['li', 'chen', 'zhao'])
      expect(await h.store.followersOf('missing')).toEqual([])
    })

    it('某人关注的报事：按报事提交时间新的在前（同一时刻按 id），每页 2 条按游标翻完', async () => {
      const at = (day: string) => `2026-11-${day}T02:00:00.000Z`
      const reports = [
        aReport({ id: 'f1', createdAt: at('01'), month: '2026-11' }),
        aReport({ id: 'f2', createdAt: at('03'), month: '2026-11' }),
        aReport({ id: 'f3', createdAt: at('03'), month: '2026-11' }),
        aReport({ id: 'f4', createdAt: at('02'), month: '2026-11' }),
        aReport({ id: 'f5', createdAt: at('05'), month: '2026-11', buildingId: 'b2' }),
        aReport({ id: 'f6', createdAt: at('04'), month: '2026-11' }),
      ]
      for (const r of reports) await insert(h, r)
      // 关注的先后与报事的新旧相反：排序看报事，不看关注时间。
      for (const [i, r] of reports.slice(0, 5).entries()) await follow(h, r, 'zhao', `2026-11-2${9 - i}T00:00:00.000Z`)
      await follow(h, reports[5], 'chen')

      const seen: string[][] = []
      let before: PageCursor | undefined
      for (;;) {
        const page = await h.store.reportsFollowedBy('zhao', 2, before)
        if (page.length === 0) break
        seen.push(page.map((r) => r.id))
        const last = page[page.length - 1]
        before = { createdAt: last.createdAt, id: last.id }
      }
      expect(seen).toEqual([['f5', 'f3'], ['f2', 'f4'], ['f1']])
      const [first] = await h.store.reportsFollowedBy('zhao', 1)
      expect(first).toMatchObject({ id: 'f5', buildingId: 'b2', followers: 1 })
      expect((await h.store.reportsFollowedBy('chen', 10)).map((r) => r.id)).toEqual(['f6'])
      expect(await h.store.reportsFollowedBy('nobody', 10)).toEqual([])
    })
  })
}
