/** 工作台账的契约：插入与统计一起生效、重试只存一次；整条替换只在没被别人改过时生效；删除留痕；按楼与种类筛选并翻页。 */
import type { WorkLogEntry, WorkLogCursor, WorkLogQuery } from '../../src/core/worklog'
import { deltasForNewWorkLog, deltasForWorkLogChange } from '../../src/core/worklog'
import { anEntry, bucketLine, expectTalliesMatchRecount, freshStorePerTest, type OpenHarness, type StoreHarness } from './harness'

const insert = (h: StoreHarness, e: WorkLogEntry) => h.store.insertWorkLog(e, deltasForNewWorkLog(e))
const replace = (h: StoreHarness, before: WorkLogEntry, after: WorkLogEntry) =>
  h.store.replaceWorkLog(after, before.updatedAt, deltasForWorkLogChange(before, after))
const meeting = (over: Partial<WorkLogEntry> = {}) =>
  anEntry({ kind: 'meeting', details: { kind: 'meeting', type: 'joint', attendees: 12, topics: '电梯更新', decisions: '下月招标' }, ...over })

/** 按游标一页页读完，答每页的 id。 */
async function pages(h: StoreHarness, query: WorkLogQuery, size: number): Promise<string[][]> {
  const seen: string[][] = []
  let before: WorkLogCursor | undefined
  for (;;) {
    const page = await h.store.workLog(query, size, before)
    if (page.length === 0) return seen
    seen.push(page.map((e) => e.id))
    const last = page[page.length - 1]
    before = { date: last.date, id: last.id }
  }
}

export function workLogContract(adapter: string, open: OpenHarness) {
  describe(`工作台账契约：${adapter}`, () => {
    const h = freshStorePerTest(open)

    it('插入：原样存下并累加统计；同一人同一请求编号重试答第一次的那条，统计只加一次', async () => {
      const e = anEntry({ requestId: 'same-1', photos: ['cloud://a.jpg'], reportIds: ['r1'] })
      expect(await insert(h, e)).toEqual({ entry: e, created: true })
      expect(await h.store.workLogById(e.id)).toEqual(e)
      expect(await insert(h, anEntry({ requestId: 'same-1', note: '第二次' }))).toEqual({ entry: e, created: false })
      expect((await insert(h, anEntry({ requestId: 'same-1', authorId: 'chen' }))).created).toBe(true)
      expect((await h.store.rawRecords()).workLog).toHaveLength(2)
      const lines = (await h.store.bucketsOf(['building:b1'], ['2026-11'])).map(bucketLine)
      expect(lines).toEqual(
        expect.arrayContaining([
          'building:b1|2026-11|worklog.entry.inspection=2/0',
          'building:b1|2026-11|worklog.hazard.found=4/0',
          'building:b1|2026-11|worklog.hazard.fixed=2/0',
        ]),
      )
      expect(await h.store.workLogById('none')).toBeNull()
      await expectTalliesMatchRecount(h.store)
    })

    it('整个小区的台账（楼栋为 null）记在小区范围', async () => {
      const e = meeting({ buildingId: null, authorId: 'zhang' })
      await insert(h, e)
      expect(await h.store.workLogById(e.id)).toEqual(e)
      expect((await h.store.bucketsOf(['community:c1'], ['2026-11'])).map(bucketLine)).toContain('community:c1|2026-11|worklog.meeting.joint=1/12')
      await expectTalliesMatchRecount(h.store)
    })

    it('并发重试同一请求：只有一次被创建，统计只加一次', async () => {
      const results = await Promise.all(Array.from({ length: 4 }, () => insert(h, anEntry({ requestId: 'burst-1' }))))
      expect(results.filter((x) => x.created)).toHaveLength(1)
      expect(new Set(results.map((x) => x.entry.id)).size).toBe(1)
      expect((await h.store.rawRecords()).workLog).toHaveLength(1)
      await expectTalliesMatchRecount(h.store)
    })

    it('替换：只在 updatedAt 仍为预期时生效并调整统计；过期的什么都不改；作者、请求编号、创建时刻不变', async () => {
      const e = anEntry()
      await insert(h, e)
      const fixed: WorkLogEntry = {
        ...e,
        note: '两处都已整改',
        details: {
          kind: 'inspection',
          area: '楼道',
          hazards: [
            { id: 'h1', text: '灭火器过期', fixedOn: '2026-11-19' },
            { id: 'h2', text: '消防通道堆物', fixedOn: '2026-12-02' },
          ],
        },
        updatedAt: '2026-12-02T01:00:00.000Z',
      }
      expect(await replace(h, e, fixed)).toBe(true)
      expect(await h.store.workLogById(e.id)).toEqual(fixed)
      expect((await h.store.bucketsOf(['building:b1'], ['2026-12'])).map(bucketLine)).toEqual(['building:b1|2026-12|worklog.hazard.fixed=1/0'])

      // 拿着旧的 updatedAt 再改：不生效，内容与统计都不变。
      const stale = { ...e, note: '过期的编辑', updatedAt: '2026-12-03T00:00:00.000Z' }
      const buckets = await h.store.allBuckets()
      expect(await h.store.replaceWorkLog(stale, e.updatedAt, deltasForWorkLogChange(e, stale))).toBe(false)
      expect(await h.store.workLogById(e.id)).toEqual(fixed)
      expect(await h.store.allBuckets()).toEqual(buckets)
      expect(await h.store.replaceWorkLog({ ...stale, id: 'none' }, e.updatedAt, [])).toBe(false)

      // 换了种类与楼栋：旧的桶减去，新的加上。
      const moved: WorkLogEntry = {
        ...meeting({ id: e.id, buildingId: null, authorId: 'someone', requestId: 'other', createdAt: '2026-12-05T00:00:00.000Z' }),
        updatedAt: '2026-12-05T00:00:00.000Z',
      }
      expect(await replace(h, fixed, moved)).toBe(true)
      expect(await h.store.workLogById(e.id)).toEqual({ ...moved, authorId: e.authorId, requestId: e.requestId, createdAt: e.createdAt })
      expect(await h.store.bucketsOf(['building:b1'], ['2026-11', '2026-12'])).toEqual([])
      await expectTalliesMatchRecount(h.store)
    })

    it('两人同时改同一条：只有一个生效，统计与重算一致', async () => {
      const e = anEntry()
      await insert(h, e)
      const edit = (who: string, fixedOn: string): WorkLogEntry => ({
        ...e,
        note: `${who} 改的`,
        details: { kind: 'inspection', area: '楼道', hazards: [{ id: 'h2', text: '消防通道堆物', fixedOn }] },
        updatedAt: `2026-11-2${who === 'li' ? 1 : 2}T00:00:00.000Z`,
      })
      const outcomes = await Promise.all([replace(h, e, edit('li', '2026-11-20')), replace(h, e, edit('zhang', '2026-12-01'))])
      expect(outcomes.filter(Boolean)).toHaveLength(1)
      const winner = outcomes[0] ? 'li' : 'zhang'
      expect((await h.store.workLogById(e.id))?.note).toBe(`${winner} 改的`)
      await expectTalliesMatchRecount(h.store)
    })

    it('删除留痕：列表里不再有、不再计数，原始记录与按 id 读取里还在', async () => {
      const e = anEntry()
      const kept = meeting()
      await insert(h, e)
      await insert(h, kept)
      const removed = { ...e, removedAt: '2026-11-20T00:00:00.000Z', updatedAt: '2026-11-20T00:00:00.000Z' }
      expect(await replace(h, e, removed)).toBe(true)
      expect((await h.store.workLog({ communityId: 'c1', buildingIds: ['b1'], includeCommunity: true }, 10)).map((x) => x.id)).toEqual([kept.id])
      expect(await h.store.workLogById(e.id)).toEqual(removed)
      expect((await h.store.rawRecords()).workLog.map((x) => x.id).sort()).toEqual([e.id, kept.id].sort())
      expect((await h.store.bucketsOf(['building:b1'], ['2026-11'])).map((b) => b.metric).sort()).toEqual(['worklog.entry.meeting', 'worklog.meeting.joint'])
      await expectTalliesMatchRecount(h.store)
    })

    it('筛选：所给楼栋的，要时加上整个小区的；按种类；别的小区的不在内', async () => {
      await h.store.saveCommunity({ id: 'c2', name: '别的小区', hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 24, normal: 72 } })
      await insert(h, anEntry({ id: 'w-b1', date: '2026-11-01' }))
      await insert(h, meeting({ id: 'w-b1-meeting', date: '2026-11-02' }))
      await insert(h, anEntry({ id: 'w-b2', buildingId: 'b2', date: '2026-11-03' }))
      await insert(h, meeting({ id: 'w-all', buildingId: null, date: '2026-11-04' }))
      await insert(h, anEntry({ id: 'w-else', communityId: 'c2', buildingId: null, date: '2026-11-05' }))
      const ids = async (query: WorkLogQuery) => (await h.store.workLog(query, 50)).map((e) => e.id)
      expect(await ids({ communityId: 'c1', buildingIds: ['b1'], includeCommunity: false })).toEqual(['w-b1-meeting', 'w-b1'])
      expect(await ids({ communityId: 'c1', buildingIds: ['b1'], includeCommunity: true })).toEqual(['w-all', 'w-b1-meeting', 'w-b1'])
      expect(await ids({ communityId: 'c1', buildingIds: ['b1', 'b2'], includeCommunity: true })).toEqual(['w-all', 'w-b2', 'w-b1-meeting', 'w-b1'])
      expect(await ids({ communityId: 'c1', buildingIds: [], includeCommunity: true })).toEqual(['w-all'])
      expect(await ids({ communityId: 'c1', buildingIds: [], includeCommunity: false })).toEqual([])
      expect(await ids({ communityId: 'c1', buildingIds: ['b1', 'b2'], includeCommunity: true, kind: 'meeting' })).toEqual(['w-all', 'w-b1-meeting'])
      expect(await ids({ communityId: 'c2', buildingIds: [], includeCommunity: true })).toEqual(['w-else'])
    })

    it('翻页：日期新的在前，同日按 id；每页 2 条按游标翻完，超过 100 条也一条不少', async () => {
      for (const id of ['w-a', 'w-c', 'w-b']) await insert(h, anEntry({ id, date: '2026-11-10' }))
      await insert(h, anEntry({ id: 'w-z', date: '2026-11-09' }))
      await insert(h, anEntry({ id: 'w-0', date: '2026-11-11' }))
      expect(await pages(h, { communityId: 'c1', buildingIds: ['b1'], includeCommunity: false }, 2)).toEqual([['w-0', 'w-c'], ['w-b', 'w-a'], ['w-z']])

      for (let i = 0; i < 110; i++) await insert(h, anEntry({ date: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 86_400_000).toISOString().slice(0, 10) }))
      const query = { communityId: 'c1', buildingIds: ['b1'], includeCommunity: false }
      const first = await h.store.workLog(query, 105)
      expect(first).toHaveLength(105)
      const last = first[first.length - 1]
      const rest = await h.store.workLog(query, 105, { date: last.date, id: last.id })
      expect(rest).toHaveLength(10)
      expect(new Set([...first, ...rest].map((e) => e.id)).size).toBe(115)
    })
  })
}
