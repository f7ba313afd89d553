/** 报事查询的契约：代表的队列（筛选、排序、翻页）、待办数、每小时限额用的计数。 */
import type { Report, ReportQuery, ReportStore } from '../../src/core/reports'
import type { PageCursor } from '../../src/core/shared/ports'
import { deltasForNewReport } from '../../src/core/reports'
import { aReport, freshStorePerTest, type OpenHarness, type StoreHarness } from './harness'

const insert = (h: StoreHarness, r: Report) => h.store.insertReport(r, deltasForNewReport(r))

/**
 * 队列的样本（数据少：执行器慢）。q3 与 q4 同一时刻，靠 id 排先后；q8 在不相干的楼。
 * 楼栋 · 状态 · 分类 · 紧急程度 · 提交时间（11 月）：
 */
const QUEUE: [string, string, Report['status'], Report['category'], Report['urgency'], string][] = [
  ['q1', 'b1', 'pending', 'elevator', 'normal', '01'],
  ['q2', 'b1', 'accepted', 'parking', 'urgent', '02'],
  ['q3', 'b1', 'processing', 'elevator', 'urgent', '03'],
  ['q4', 'b1', 'pending', 'elevator', 'normal', '03'],
  ['q5', 'b1', 'resolved', 'elevator', 'normal', '04'],
  ['q6', 'b2', 'pending', 'elevator', 'urgent', '05'],
  ['q7', 'b1', 'pending', 'parking', 'normal', '06'],
  ['q8', 'b9', 'pending', 'elevator', 'urgent', '01'],
]

const query = (over: Partial<ReportQuery> = {}): ReportQuery => ({ buildingIds: ['b1', 'b2'], statuses: [], order: 'asc', ...over })

/** 按游标一页页读到底，返回每页的 id。 */
async function pages(store: ReportStore, q: ReportQuery, size: number): Promise<string[][]> {
  const out: string[][] = []
  let after: PageCursor | undefined
  for (;;) {
    const page = await store.queueReports(q, size, after)
    if (page.length === 0) return out
    out.push(page.map((r) => r.id))
    const last = page[page.length - 1]
    after = { createdAt: last.createdAt, id: last.id }
  }
}

export function reportQueueContract(adapter: string, open: OpenHarness) {
  describe(`报事查询契约：${adapter}`, () => {
    const h = freshStorePerTest(open)
    beforeEach(async () => {
      // 不相干的楼（别的小区），SQLite 的外键要求它存在。
      await h.store.saveBuilding({ id: 'b9', communityId: 'c1', code: 'OTHER9', name: '9号楼', households: 10, units: 1, floors: 3 })
      for (const [id, buildingId, status, category, urgency, day] of QUEUE) {
        const createdAt = `2026-11-${day}T02:00:00.000Z`
        await insert(h, aReport({ id, buildingId, status, category, urgency, createdAt, month: '2026-11', reporterId: `r-${id}` }))
      }
    })
    const ids = async (q: ReportQuery, limit = 50) => (await h.store.queueReports(q, limit)).map((r) => r.id)

    it('按楼栋、状态、分类、紧急程度筛选，按提交时间（同一时刻按 id）排序；条数与列表一致', async () => {
      const cases: [ReportQuery, string[]][] = [
        [query({ buildingIds: ['b1'] }), ['q1', 'q2', 'q3', 'q4', 'q5', 'q7']],
        [query({ statuses: ['pending'], order: 'desc' }), ['q7', 'q6', 'q4', 'q1']],
        [query({ statuses: ['pending', 'processing'] }), ['q1', 'q3', 'q4', 'q6', 'q7']],
        [query({ category: 'parking' }), ['q2', 'q7']],
        [query({ urgency: 'urgent', order: 'desc' }), ['q6', 'q3', 'q2']],
        [query({ buildingIds: ['b2'], category: 'parking' }), []],
        [query({ buildingIds: [] }), []],
      ]
      for (const [q, expected] of cases) {
        expect(await ids(q)).toEqual(expected)
        expect(await h.store.countReports(q)).toBe(expected.length)
      }
      expect((await h.store.queueReports(query({ buildingIds: ['b2'] }), 5))[0]).toMatchObject({
        id: 'q6',
        buildingId: 'b2',
        urgency: 'urgent',
        status: 'pending',
      })
    })

    it('超时筛选：各紧急程度只要严格早于各自界限的；没列出的紧急程度不要', async () => {
      const unfinished = query({ statuses: ['pending', 'accepted', 'processing'] })
      // 紧急的界限正好是 q3 的提交时刻：q3 不算超时。
      const overdue = { ...unfinished, createdBefore: { urgent: '2026-11-03T02:00:00.000Z', normal: '2026-11-04T00:00:00.000Z' } }
      expect(await ids(overdue)).toEqual(['q1', 'q2', 'q4'])
      expect(await h.store.countReports(overdue)).toBe(3)
      const urgentOnly = { ...unfinished, createdBefore: { urgent: '2026-12-01T00:00:00.000Z' } }
      expect(await ids(urgentOnly)).toEqual(['q2', 'q3', 'q6'])
      expect(await h.store.countReports(urgentOnly)).toBe(3)
      expect(await ids({ ...unfinished, createdBefore: {} })).toEqual([])
      expect(await h.store.countReports({ ...unfinished, createdBefore: {} })).toBe(0)
      // 与其他条件一起用。
      expect(await ids({ ...overdue, category: 'elevator', order: 'desc' })).toEqual(['q4', 'q1'])
    })

    it('按游标翻页：每页 2 条，升序与降序都不重不漏，同一时刻的两条跨页也接得上', async () => {
      expect(await pages(h.store, query({ buildingIds: ['b1'] }), 2)).toEqual([
        ['q1', 'q2'],
        ['q3', 'q4'],
        ['q5', 'q7'],
      ])
      expect(await pages(h.store, query({ order: 'desc' }), 2)).toEqual([['q7', 'q6'], ['q5', 'q4'], ['q3', 'q2'], ['q1']])
      // 游标是 q3（与 q4 同一时刻）：升序只剩它之后的。
      const after = await h.store.queueReports(query(), 10, { createdAt: '2026-11-03T02:00:00.000Z', id: 'q3' })
      expect(after.map((r) => r.id)).toEqual(['q4', 'q5', 'q6', 'q7'])
    })
  })
}
