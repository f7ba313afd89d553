/** 公告的契约：发布与统计一起生效、重试只存一次；撤回；按楼、按是否在效、置顶筛选并翻页；阅读每人一次；提醒额度。 */
import type { Notice, NoticeRead, NoticeCursor, NoticeQuery } from '../../src/core/notices'
import { deltasForNotice, deltasForNoticeRead } from '../../src/core/notices'
import { aNotice, bucketLine, expectTalliesMatchRecount, freshStorePerTest, type OpenHarness, type StoreHarness } from './harness'

const publish = (h: StoreHarness, n: Notice) => h.store.insertNotice(n, deltasForNotice(n))
const read = (h: StoreHarness, n: Notice, openid: string, buildingId = 'b1', at = '2026-11-21T00:00:00.000Z', viaShare = false) => {
  const r: NoticeRead = { noticeId: n.id, openid, buildingId, at, viaShare }
  return h.store.recordRead(r, deltasForNoticeRead(n, r))
}
const whole = {
  wholeCommunity: true,
  targets: [
    { buildingId: 'b1', households: 108 },
    { buildingId: 'b2', households: 44 },
  ],
}

/** 按游标一页页读完，答每页的 id。 */
async function pages(h: StoreHarness, query: NoticeQuery, size: number): Promise<string[][]> {
  const seen: string[][] = []
  let before: NoticeCursor | undefined
  for (;;) {
    const page = await h.store.notices(query, size, before)
    if (page.length === 0) return seen
    seen.push(page.map((n) => n.id))
    const last = page[page.length - 1]
    before = { publishedAt: last.publishedAt, id: last.id }
  }
}

export function noticeContract(adapter: string, open: OpenHarness) {
  describe(`公告契约：${adapter}`, () => {
    const h = freshStorePerTest(open)

    it('发布：原样存下并累加统计；同一发布人同一请求编号重试答第一次的那条，统计只加一次', async () => {
      const n = aNotice({ ...whole, requestId: 'same-1', images: ['cloud://notice.jpg'], expiresAt: '2026-11-30T16:00:00.000Z', pinned: true })
      expect(await publish(h, n)).toEqual({ notice: n, created: true })
      expect(await h.store.noticeById(n.id)).toEqual(n)
      const again = await publish(h, aNotice({ ...whole, requestId: 'same-1', title: '第二次' }))
      expect(again).toEqual({ notice: n, created: false })
      expect((await publish(h, aNotice({ requestId: 'same-1', authorId: 'chen' }))).created).toBe(true)
      expect((await h.store.rawRecords()).notices).toHaveLength(2)
      const lines = (await h.store.bucketsOf(['building:b1', 'building:b2', 'community:c1'], ['2026-11'])).map(bucketLine)
      expect(lines).toEqual(
        expect.arrayContaining([
          'community:c1|2026-11|notice.published=2/0',
          'building:b1|2026-11|notice.targeted=2/216',
          'building:b2|2026-11|notice.targeted=1/44',
        ]),
      )
      expect(await h.store.noticeById('none')).toBeNull()
      await expectTalliesMatchRecount(h.store)
    })

    it('并发重试同一请求：只有一次被创建，统计只加一次', async () => {
      const results = await Promise.all(Array.from({ length: 4 }, () => publish(h, aNotice({ requestId: 'burst-1' }))))
      expect(results.filter((x) => x.created)).toHaveLength(1)
      expect(new Set(results.map((x) => x.notice.id)).size).toBe(1)
      expect((await h.store.rawRecords()).notices).toHaveLength(1)
      await expectTalliesMatchRecount(h.store)
    })

    it('撤回：只有已发布的才生效；统计不变（确实公开过）', async () => {
      const n = aNotice()
      await publish(h, n)
      const before = await h.store.allBuckets()
      expect(await h.store.withdrawNotice(n.id, '2026-11-21T00:00:00.000Z')).toBe(true)
      expect(await h.store.noticeById(n.id)).toEqual({ ...n, status: 'withdrawn', withdrawnAt: '2026-11-21T00:00:00.000Z' })
      expect(await h.store.withdrawNotice(n.id, '2026-11-22T00:00:00.000Z')).toBe(false)
      expect((await h.store.noticeById(n.id))?.withdrawnAt).toBe('2026-11-21T00:00:00.000Z')
      expect(await h.store.withdrawNotice('none', '2026-11-22T00:00:00.000Z')).toBe(false)
      expect(await h.store.allBuckets()).toEqual(before)
      await expectTalliesMatchRecount(h.store)
    })

    it('筛选：面向所给楼栋之一的、在效的（已发布且过期时刻晚于此刻）、置顶的；别的小区的不在内', async () => {
      await h.store.saveCommunity({ id: 'c2', name: '别的小区', hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 24, normal: 72 } })
      const at = (day: string) => `2026-11-${day}T02:00:00.000Z`
      const now = at('20')
      const all = aNotice({ id: 'n-all', ...whole, publishedAt: at('01') })
      const b1 = aNotice({ id: 'n-b1', publishedAt: at('02'), pinned: true })
      const b2 = aNotice({ id: 'n-b2', targets: [{ buildingId: 'b2', households: 44 }], publishedAt: at('03') })
      const expired = aNotice({ id: 'n-expired', publishedAt: at('04'), expiresAt: at('19') })
      const endsNow = aNotice({ id: 'n-ends-now', publishedAt: at('05'), expiresAt: now })
      const later = aNotice({ id: 'n-later', publishedAt: at('06'), expiresAt: at('21'), pinned: true })
      const withdrawn = aNotice({ id: 'n-withdrawn', publishedAt: at('07') })
      const elsewhere = aNotice({ id: 'n-else', communityId: 'c2', publishedAt: at('08') })
      for (const n of [all, b1, b2, expired, endsNow, later, withdrawn, elsewhere]) await publish(h, n)
      await h.store.withdrawNotice('n-withdrawn', at('08'))

      const ids = async (query: NoticeQuery) => (await h.store.notices(query, 50)).map((n) => n.id)
      expect(await ids({ communityId: 'c1' })).toEqual(['n-withdrawn', 'n-later', 'n-ends-now', 'n-expired', 'n-b2', 'n-b1', 'n-all'])
      expect(await ids({ communityId: 'c1', buildingIds: ['b1'] })).toEqual(['n-withdrawn', 'n-later', 'n-ends-now', 'n-expired', 'n-b1', 'n-all'])
      expect(await ids({ communityId: 'c1', buildingIds: ['b2'] })).toEqual(['n-b2', 'n-all'])
      expect(await ids({ communityId: 'c1', buildingIds: ['b1', 'b2'] })).toHaveLength(7)
      expect(await ids({ communityId: 'c1', buildingIds: [] })).toEqual([])
      expect(await ids({ communityId: 'c1', buildingIds: ['b1'], liveAt: now })).toEqual(['n-later', 'n-b1', 'n-all'])
      expect(await ids({ communityId: 'c1', liveAt: now, pinned: true })).toEqual(['n-later', 'n-b1'])
      expect(await ids({ communityId: 'c1', buildingIds: ['b1'], liveAt: now, pinned: false })).toEqual(['n-all'])
      // 整个小区的与只面向所选楼栋的（居民的置顶条先放整个小区的）。
      expect(await ids({ communityId: 'c1', buildingIds: ['b1'], wholeCommunity: true })).toEqual(['n-all'])
      expect(await ids({ communityId: 'c1', buildingIds: ['b1'], liveAt: now, pinned: true, wholeCommunity: false })).toEqual(['n-later', 'n-b1'])
      expect(await ids({ communityId: 'c2' })).toEqual(['n-else'])
      // 返回的公告是完整的（面向的楼栋、户数原样）。
      expect((await h.store.notices({ communityId: 'c1', buildingIds: ['b2'] }, 50))[1]).toEqual(all)
    })

    it('翻页：发布时间新的在前，同一时刻按 id；每页 2 条按游标翻完，超过 100 条也一条不少', async () => {
      const same = '2026-11-10T02:00:00.000Z'
      for (const id of ['n-a', 'n-c', 'n-b']) await publish(h, aNotice({ id, publishedAt: same }))
      await publish(h, aNotice({ id: 'n-z', publishedAt: '2026-11-09T02:00:00.000Z' }))
      await publish(h, aNotice({ id: 'n-0', publishedAt: '2026-11-11T02:00:00.000Z' }))
      expect(await pages(h, { communityId: 'c1', buildingIds: ['b1'] }, 2)).toEqual([['n-0', 'n-c'], ['n-b', 'n-a'], ['n-z']])

      for (let i = 0; i < 110; i++) await publish(h, aNotice({ publishedAt: new Date(Date.parse('2026-10-01T00:00:00Z') + i * 3_600_000).toISOString() }))
      const first = await h.store.notices({ communityId: 'c1' }, 105)
      expect(first).toHaveLength(105)
      const last = first[first.length - 1]
      const rest = await h.store.notices({ communityId: 'c1' }, 105, { publishedAt: last.publishedAt, id: last.id })
      expect(rest).toHaveLength(10)
      expect(new Set([...first, ...rest].map((n) => n.id)).size).toBe(115)
    })

    it('阅读每人每条只记一次：已读人数与统计只加一次；读过的、各楼读者数', async () => {
      const n = aNotice({ ...whole, month: '2026-11' })
      const other = aNotice()
      await publish(h, n)
      await publish(h, other)
      expect(await read(h, n, 'wang')).toBe(true)
      expect(await read(h, n, 'wang', 'b2', '2026-11-22T00:00:00.000Z')).toBe(false)
      expect(await read(h, n, 'zhao', 'b2')).toBe(true)
      expect(await read(h, n, 'sun', 'b1', '2026-11-21T00:00:00.000Z', true)).toBe(true)
      expect(await h.store.readersByBuilding(n.id)).toEqual({ b1: 2, b2: 1 })
      expect(await h.store.readersByBuilding(other.id)).toEqual({})
      // 其中第一次打开来自群分享的（sun）；已读过的人再从分享打开不再记。
      expect(await read(h, n, 'wang', 'b1', '2026-11-23T00:00:00.000Z', true)).toBe(false)
      expect(await h.store.readCounts(n.id)).toEqual({ b1: { readers: 2, viaShare: 1 }, b2: { readers: 1, viaShare: 0 } })
      expect(await h.store.readCounts(other.id)).toEqual({})
      expect(await h.store.readNoticeIds('wang', [other.id, n.id, 'none'])).toEqual([n.id])
      expect(await h.store.readNoticeIds('wang', [])).toEqual([])
      expect(await h.store.readNoticeIds('nobody', [n.id])).toEqual([])
      expect((await h.store.rawRecords()).noticeReads.find((r) => r.openid === 'wang')).toEqual({
        noticeId: n.id,
        openid: 'wang',
        buildingId: 'b1',
        at: '2026-11-21T00:00:00.000Z',
        viaShare: false,
      })
      expect((await h.store.rawRecords()).noticeReads.find((r) => r.openid === 'sun')?.viaShare).toBe(true)
      const lines = (await h.store.bucketsOf(['building:b1', 'building:b2'], ['2026-11'])).map(bucketLine)
      expect(lines).toEqual(
        expect.arrayContaining(['building:b1|2026-11|notice.read=2/0', 'building:b2|2026-11|notice.read=1/0', 'building:b1|2026-11|notice.sharedRead=1/0']),
      )
      await expectTalliesMatchRecount(h.store)
    })

    it('阅读记在发布月：下个月才读的也记在发布那个月', async () => {
      const n = aNotice({ publishedAt: '2026-10-31T02:00:00.000Z', month: '2026-10' })
      await publish(h, n)
      await read(h, n, 'wang', 'b1', '2026-11-02T00:00:00.000Z')
      expect((await h.store.bucketsOf(['building:b1'], ['2026-10'])).map(bucketLine)).toContain('building:b1|2026-10|notice.read=1/0')
      expect(await h.store.bucketsOf(['building:b1'], ['2026-11'])).toEqual([])
      await expectTalliesMatchRecount(h.store)
    })

    it('同一人同时读几次：恰好一次为 true；不同的人同时读：一个不丢', async () => {
      const n = aNotice()
      await publish(h, n)
      const same = await Promise.all(Array.from({ length: 4 }, () => read(h, n, 'wang')))
      expect(same.filter(Boolean)).toHaveLength(1)
      expect(await Promise.all(['li', 'chen', 'sun'].map((openid) => read(h, n, openid)))).toEqual([true, true, true])
      expect(await h.store.readersByBuilding(n.id)).toEqual({ b1: 4 })
      // 阅读不写公告文档（高峰时人人都写它就成了冲突的热点）：公告读回来与发布时一样。
      expect(await h.store.noticeById(n.id)).toEqual(n)
      expect((await h.store.rawRecords()).noticeReads).toHaveLength(4)
      expect((await h.store.bucketsOf(['building:b1'], ['2026-11'])).map(bucketLine)).toContain('building:b1|2026-11|notice.read=4/0')
      await expectTalliesMatchRecount(h.store)
    })

    it('提醒额度：每点一次多一次，最多 max 次；取走时每人一次、至多 limit 人，只取所给楼栋的', async () => {
      for (let i = 0; i < 5; i++) await h.store.addNoticeCredit('wang', 'b1', 3)
      await h.store.addNoticeCredit('zhao', 'b1', 3)
      await h.store.addNoticeCredit('zhao', 'b2', 3)
      await h.store.addNoticeCredit('sun', 'b2', 3)
      await h.store.addNoticeCredit('nobody', 'b1', 0)

      // 每人一次：zhao 在两栋楼都有，只取一次。
      const first = await h.store.takeNoticeCredits(['b1', 'b2'], 10)
      expect(first.map((t) => t.openid).sort()).toEqual(['sun', 'wang', 'zhao'])
      expect(first.every((t) => (t.openid === 'sun' ? t.buildingId === 'b2' : ['b1', 'b2'].includes(t.buildingId)))).toBe(true)
      // 只取所给楼栋的：b2 里只剩 zhao 的一份（若第一次取的是 b1 那份）或没有。
      const zhaoLeft = first.find((t) => t.openid === 'zhao')!.buildingId === 'b1' ? 'b2' : 'b1'
      const second = await h.store.takeNoticeCredits(['b1', 'b2'], 10)
      expect(second.sort((a, b) => (a.openid < b.openid ? -1 : 1))).toEqual([
        { openid: 'wang', buildingId: 'b1' },
        { openid: 'zhao', buildingId: zhaoLeft },
      ])
      // wang 最多累计 3 次：第三次取完就没有了。
      expect(await h.store.takeNoticeCredits(['b1'], 10)).toEqual([{ openid: 'wang', buildingId: 'b1' }])
      expect(await h.store.takeNoticeCredits(['b1', 'b2'], 10)).toEqual([])
      expect(await h.store.takeNoticeCredits([], 10)).toEqual([])

      // 至多 limit 人，没取到的人额度还在。
      for (const openid of ['p1', 'p2', 'p3']) await h.store.addNoticeCredit(openid, 'b1', 3)
      const limited = await h.store.takeNoticeCredits(['b1'], 2)
      expect(limited).toHaveLength(2)
      const rest = await h.store.takeNoticeCredits(['b1'], 2)
      expect([...limited, ...rest].map((t) => t.openid).sort()).toEqual(['p1', 'p2', 'p3'])
    })

    it('同时取走：同一份额度不会被取两次', async () => {
      for (const openid of ['p1', 'p2', 'p3', 'p4']) await h.store.addNoticeCredit(openid, 'b1', 3)
      await h.store.addNoticeCredit('p1', 'b1', 3)
      const results = await Promise.all(Array.from({ length: 3 }, () => h.store.takeNoticeCredits(['b1'], 10)))
      const taken = results
        .flat()
        .map((t) => t.openid)
        .sort()
      expect(taken).toEqual(['p1', 'p1', 'p2', 'p3', 'p4'])
      for (const r of results) expect(new Set(r.map((t) => t.openid)).size).toBe(r.length)
      expect(await h.store.takeNoticeCredits(['b1'], 10)).toEqual([])
    })
  })
}
