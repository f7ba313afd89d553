/** 统计读取端口（用例用）与统计维护端口（管理工具用）的契约。 */
import { CATEGORY_IDS } from '../../src/core/shared/catalog'
import type { Report, StatusChange } from '../../src/core/reports'
import { recountAll } from '../../src/core/recount'
import { deltasForNotice, deltasForNoticeRead } from '../../src/core/notices'
import { deltasForNewReport, deltasForStatusChange } from '../../src/core/reports'
import { deltasForNewWorkLog, deltasForWorkLogChange } from '../../src/core/worklog'
import { bucketId } from '../../src/core/tally'
import { aChange, aNotice, anEntry, aReport, expectTalliesMatchRecount, sortedLines, freshStorePerTest, type OpenHarness, type StoreHarness } from './harness'

const insert = (h: StoreHarness, r: Report) => h.store.insertReport(r, deltasForNewReport(r))

export function tallyReaderContract(adapter: string, open: OpenHarness) {
  describe(`统计读取端口契约：${adapter}`, () => {
    const h = freshStorePerTest(open)

    it('只返回所要的范围与月份；空列表读不到东西', async () => {
      for (const month of ['2026-01', '2026-02', '2026-03']) await insert(h, aReport({ createdAt: `${month}-15T02:00:00.000Z`, month }))
      await insert(h, aReport({ buildingId: 'b2', createdAt: '2026-02-01T02:00:00.000Z', month: '2026-02' }))
      const b1 = await h.store.bucketsOf(['building:b1'], ['2026-02', '2026-03'])
      expect(new Set(b1.map((b) => `${b.scope} ${b.month}`))).toEqual(new Set(['building:b1 2026-02', 'building:b1 2026-03']))
      const both = await h.store.bucketsOf(['building:b1', 'building:b2'], ['2026-02'])
      expect(new Set(both.map((b) => b.scope))).toEqual(new Set(['building:b1', 'building:b2']))
      expect(await h.store.bucketsOf(['building:b1'], [])).toEqual([])
      expect(await h.store.bucketsOf([], ['2026-02'])).toEqual([])
    })

    it('一年的桶超过 100 个时，按月读取也一个不少', async () => {
      const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`)
      for (const month of months) for (const category of CATEGORY_IDS) await insert(h, aReport({ createdAt: `${month}-10T02:00:00.000Z`, month, category }))
      const buckets = await h.store.bucketsOf(['building:b1'], months)
      expect(buckets.length).toBeGreaterThan(100)
      expect(sortedLines(buckets)).toEqual(sortedLines(recountAll(await h.store.rawRecords())))
    })
  })
}

export function tallyMaintenanceContract(adapter: string, open: OpenHarness) {
  describe(`统计维护端口契约：${adapter}`, () => {
    const h = freshStorePerTest(open)
    let handled: Report
    beforeEach(async () => {
      for (let i = 0; i < 3; i++) await insert(h, aReport({ createdAt: `2026-10-0${i + 1}T02:00:00.000Z`, month: '2026-10' }))
      handled = aReport({ createdAt: '2026-10-05T02:00:00.000Z', month: '2026-10', category: 'parking' })
      await insert(h, handled)
      const steps: StatusChange[] = [
        aChange({ reportId: handled.id, from: 'pending', to: 'accepted', note: '', actorId: 'li', at: '2026-10-05T06:00:00.000Z' }),
        aChange({ reportId: handled.id, from: 'accepted', to: 'awaiting_confirmation', note: '已挪车', actorId: 'li', at: '2026-10-06T02:00:00.000Z' }),
      ]
      for (const [i, c] of steps.entries()) {
        await h.store.changeStatus(
          c,
          c.from as Report['status'],
          deltasForStatusChange({ ...handled, status: c.from as Report['status'] }, c, steps.slice(0, i)),
        )
      }
    })

    it('原始记录完整读出：报事与按先后的流转', async () => {
      const records = await h.store.rawRecords()
      expect(records.reports).toHaveLength(4)
      expect(records.statusChanges.map((c) => c.to)).toEqual(['accepted', 'awaiting_confirmation'])
      expect(records.follows).toEqual([])
      expect([records.notices, records.noticeReads, records.workLog, records.surveys, records.surveyAnswers]).toEqual([[], [], [], [], []])
    })

    it('公告、阅读（超过 100 条）与台账（含已删除的）都在原始记录里；它们的桶改坏了同样能改正', async () => {
      const notice = aNotice({ publishedAt: '2026-10-08T02:00:00.000Z', month: '2026-10' })
      await h.store.insertNotice(notice, deltasForNotice(notice))
      for (let i = 0; i < 101; i++) {
        const read = { noticeId: notice.id, openid: `resident${i}`, buildingId: 'b1', at: '2026-10-09T00:00:00.000Z', viaShare: false }
        await h.store.recordRead(read, deltasForNoticeRead(notice, read))
      }
      const kept = anEntry({ date: '2026-10-10' })
      const removed = anEntry({ date: '2026-10-11' })
      for (const e of [kept, removed]) await h.store.insertWorkLog(e, deltasForNewWorkLog(e))
      const gone = { ...removed, removedAt: '2026-10-12T00:00:00.000Z', updatedAt: '2026-10-12T00:00:00.000Z' }
      await h.store.replaceWorkLog(gone, removed.updatedAt, deltasForWorkLogChange(removed, gone))

      const records = await h.store.rawRecords()
      expect(records.notices).toEqual([notice])
      expect(records.noticeReads).toHaveLength(101)
      expect(records.workLog.map((e) => e.id).sort()).toEqual([kept.id, removed.id].sort())
      expect(records.workLog.find((e) => e.id === removed.id)?.removedAt).toBe('2026-10-12T00:00:00.000Z')
      await expectTalliesMatchRecount(h.store)

      await h.corruptBucket({ scope: 'building:b1', month: '2026-10', metric: 'notice.read', count: 3, sum: 0 })
      await h.corruptBucket({ scope: 'building:b1', month: '2026-10', metric: 'worklog.entry.inspection', count: null })
      const diff = await h.store.rebuild(recountAll)
      expect(diff.different.map((d) => `${bucketId(d.actual)} ${d.actual.count}→${d.expected.count}`)).toEqual(['building:b1|2026-10|notice.read 3→101'])
      expect(diff.missing.map((b) => `${bucketId(b)} ${b.count}`)).toEqual(['building:b1|2026-10|worklog.entry.inspection 1'])
      await expectTalliesMatchRecount(h.store)
    })

    it('没有差异时重算什么都不改；有差异时报告并改正（少了的、多了的、值不对的）', async () => {
      expect(await h.store.rebuild(recountAll)).toEqual({ missing: [], extra: [], different: [] })
      const before = sortedLines(await h.store.allBuckets())
      await h.corruptBucket({ scope: 'building:b1', month: '2026-10', metric: 'report.received', count: 7, sum: 0 })
      await h.corruptBucket({ scope: 'building:b1', month: '2026-10', metric: 'report.category.parking', count: null })
      await h.corruptBucket({ scope: 'building:b9', month: '2026-10', metric: 'report.received', count: 2, sum: 0 })
      const diff = await h.store.rebuild(recountAll)
      expect(diff.different.map((d) => `${bucketId(d.actual)} ${d.actual.count}→${d.expected.count}`)).toEqual(['building:b1|2026-10|report.received 7→4'])
      expect(diff.missing.map(bucketId)).toEqual(['building:b1|2026-10|report.category.parking'])
      expect(diff.extra.map(bucketId)).toEqual(['building:b9|2026-10|report.received'])
      expect(sortedLines(await h.store.allBuckets())).toEqual(before)
      expect(await h.store.rebuild(recountAll)).toEqual({ missing: [], extra: [], different: [] })
    })
  })
}
