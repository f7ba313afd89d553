/** 报事端口的契约：写入与统计增量原子地一起生效，重试只存一次，并发不丢不重。 */
import type { Rating, Report, StatusChange, ReportPatch } from '../../src/core/reports'
import { recountAll } from '../../src/core/recount'
import { deltasForNewReport, deltasForStatusChange } from '../../src/core/reports'
import { aChange, aReport, bucketLine, sortedLines, freshStorePerTest, type OpenHarness, type StoreHarness } from './harness'

const insert = (h: StoreHarness, r: Report) => h.store.insertReport(r, deltasForNewReport(r))
const change = (h: StoreHarness, r: Report, c: StatusChange, earlier: StatusChange[] = [], patch?: ReportPatch) =>
  h.store.changeStatus(c, c.from as Report['status'], deltasForStatusChange({ ...r, status: c.from as Report['status'] }, c, earlier), patch)

export function reportStoreContract(adapter: string, open: OpenHarness) {
  describe(`报事端口契约：${adapter}`, () => {
    const h = freshStorePerTest(open)

    it('插入报事并累加统计；同一报事人同一请求编号只存一次、只计一次', async () => {
      const r = aReport({ requestId: 'same-1' })
      expect(await insert(h, r)).toEqual({ report: r, created: true })
      const again = await insert(h, { ...aReport({ requestId: 'same-1' }), text: '第二次' })
      expect(again.created).toBe(false)
      expect(again.report).toEqual(r)
      expect((await insert(h, aReport({ requestId: 'same-1', reporterId: 'zhao' }))).created).toBe(true)
      expect((await h.store.rawRecords()).reports).toHaveLength(2)
      expect((await h.store.bucketsOf(['building:b1'], ['2026-11'])).map(bucketLine)).toContain('building:b1|2026-11|report.received=2/0')
    })

    it('状态变化：只在当前状态符合预期时生效，留痕并调整统计（含响应时长），归零的桶被删除', async () => {
      const r = aReport({ createdAt: '2026-11-20T00:00:00.000Z', month: '2026-11' })
      await insert(h, r)
      const stale = await h.store.changeStatus(
        aChange({ reportId: r.id, from: 'accepted', to: 'processing', note: '', actorId: 'li', at: '2026-11-21T00:00:00.000Z' }),
        'accepted',
        deltasForStatusChange({ ...r, status: 'accepted' }, { to: 'processing', at: '2026-11-21T00:00:00.000Z' }, []),
      )
      expect(stale).toBe(false)
      expect((await h.store.reportById(r.id))?.status).toBe('pending')
      const handled: StatusChange = aChange({
        reportId: r.id,
        from: 'pending',
        to: 'awaiting_confirmation',
        note: '已更换按钮',
        actorId: 'li',
        at: '2026-11-21T00:00:00.000Z',
      })
      expect(await change(h, r, handled)).toBe(true)
      expect(await h.store.reportById(r.id)).toMatchObject({ status: 'awaiting_confirmation', updatedAt: '2026-11-21T00:00:00.000Z' })
      expect(await h.store.statusChangesOf(r.id)).toEqual([handled])
      expect(sortedLines(await h.store.bucketsOf(['building:b1'], [r.month]))).toEqual([
        'building:b1|2026-11|report.action.handle=1/0',
        'building:b1|2026-11|report.category.elevator=1/0',
        'building:b1|2026-11|report.category_status.elevator.awaiting_confirmation=1/0',
        'building:b1|2026-11|report.handling.repair=1/1440',
        'building:b1|2026-11|report.handling_bin.repair.lt3d=1/0',
        'building:b1|2026-11|report.handling_urgency.normal=1/1440',
        'building:b1|2026-11|report.handling_urgency_bin.normal.lt3d=1/0',
        'building:b1|2026-11|report.kind.repair=1/0',
        'building:b1|2026-11|report.kind_category.repair.elevator=1/0',
        'building:b1|2026-11|report.kind_status.repair.awaiting_confirmation=1/0',
        'building:b1|2026-11|report.received=1/0',
        'building:b1|2026-11|report.response.repair=1/1440',
        'building:b1|2026-11|report.response_bin.repair.lt3d=1/0',
        'building:b1|2026-11|report.status.awaiting_confirmation=1/0',
        'building:b1|2026-11|report.urgency.normal=1/0',
      ])
      const confirmed: StatusChange = aChange({
        reportId: r.id,
        from: 'awaiting_confirmation',
        to: 'resolved',
        note: '',
        actorId: 'wang',
        at: '2026-11-22T00:00:00.000Z',
      })
      expect(await change(h, { ...r }, confirmed, [handled])).toBe(true)
      expect(await h.store.statusChangesOf(r.id)).toEqual([handled, confirmed])
      expect(await h.store.reportById('missing')).toBeNull()
    })

    it('流转带着派给谁、并入哪条：与状态一起改在报事上；请求编号与附带信息随留痕存取', async () => {
      const r = aReport({ createdAt: '2026-11-20T00:00:00.000Z', month: '2026-11', urgency: 'urgent', contactPhone: '13800000000' })
      const target = aReport({ createdAt: '2026-11-19T00:00:00.000Z', month: '2026-11' })
      await insert(h, r)
      await insert(h, target)
      expect(await h.store.reportById(r.id)).toEqual(r)

      const property = { party: 'property', name: '物业王师傅' } as const
      const start = aChange({
        reportId: r.id,
        from: 'pending',
        to: 'processing',
        note: '',
        actorId: 'li',
        at: '2026-11-20T01:00:00.000Z',
        requestId: 'act-1',
        details: { assignee: property },
      })
      expect(await change(h, r, start, [], { assignee: property })).toBe(true)
      expect(await h.store.reportById(r.id)).toMatchObject({ status: 'processing', assignee: property, mergedInto: null })

      // 改派：整个换掉（名字为空串也不留旧的）。
      const contractor = { party: 'contractor', name: '' } as const
      const reassign = aChange({
        reportId: r.id,
        from: 'processing',
        to: 'processing',
        note: '换人',
        actorId: 'li',
        at: '2026-11-20T02:00:00.000Z',
        requestId: 'act-2',
        details: { assignee: contractor },
      })
      expect(await change(h, r, reassign, [start], { assignee: contractor })).toBe(true)
      expect((await h.store.reportById(r.id))?.assignee).toEqual(contractor)

      // 状态已不是预期的：什么都不改，补丁也不生效。
      const stale = aChange({
        reportId: r.id,
        from: 'pending',
        to: 'duplicate',
        note: '',
        actorId: 'chen',
        at: '2026-11-20T03:00:00.000Z',
        details: { mergedInto: target.id },
      })
      expect(await change(h, r, stale, [], { mergedInto: target.id, assignee: null })).toBe(false)
      expect(await h.store.reportById(r.id)).toMatchObject({
        status: 'processing',
        assignee: contractor,
        mergedInto: null,
        updatedAt: '2026-11-20T02:00:00.000Z',
      })

      const handled = aChange({
        reportId: r.id,
        from: 'processing',
        to: 'awaiting_confirmation',
        note: '已修好',
        actorId: 'li',
        at: '2026-11-21T00:00:00.000Z',
      })
      expect(await change(h, r, handled, [start, reassign])).toBe(true)
      const rating: Rating = { speed: 5, attitude: 4, effect: 3, words: '谢谢' }
      const confirmed = aChange({
        reportId: r.id,
        from: 'awaiting_confirmation',
        to: 'resolved',
        note: '',
        actorId: 'wang',
        at: '2026-11-22T00:00:00.000Z',
        requestId: 'act-3',
        details: { rating },
      })
      expect(await change(h, r, confirmed, [start, reassign, handled])).toBe(true)
      // 没带补丁的流转不动派给谁。
      expect(await h.store.reportById(r.id)).toMatchObject({ status: 'resolved', assignee: contractor, contactPhone: '13800000000', urgency: 'urgent' })
      expect(await h.store.statusChangesOf(r.id)).toEqual([start, reassign, handled, confirmed])
      expect(sortedLines(await h.store.bucketsOf(['building:b1'], ['2026-11']))).toEqual(
        expect.arrayContaining(['building:b1|2026-11|report.rating.speed=1/5', 'building:b1|2026-11|report.action.start=2/0']),
      )

      // 合并为重复：并入哪条记在报事上；清掉派给谁（null）。
      const other = aReport({ createdAt: '2026-11-20T05:00:00.000Z', month: '2026-11' })
      await insert(h, other)
      const merge = aChange({
        reportId: other.id,
        from: 'pending',
        to: 'duplicate',
        note: '',
        actorId: 'li',
        at: '2026-11-20T06:00:00.000Z',
        requestId: 'act-4',
        details: { mergedInto: target.id },
      })
      expect(await change(h, other, merge, [], { mergedInto: target.id, assignee: null })).toBe(true)
      expect(await h.store.reportById(other.id)).toMatchObject({ status: 'duplicate', mergedInto: target.id, assignee: null })
      expect(await h.store.statusChangesOf(other.id)).toEqual([merge])
      expect(sortedLines(await h.store.allBuckets())).toEqual(sortedLines(recountAll(await h.store.rawRecords())))
    })

    it('某人的报事：新的在前，超过 100 条也能按游标完整翻完', async () => {
      for (let i = 0; i < 130; i++)
        await insert(h, aReport({ reporterId: 'wang', createdAt: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 3_600_000).toISOString() }))
      await insert(h, aReport({ reporterId: 'zhao' }))
      const first = await h.store.reportsByReporter('wang', 120)
      expect(first).toHaveLength(120)
      expect(first[0].createdAt > first[1].createdAt).toBe(true)
      const last = first[first.length - 1]
      const rest = await h.store.reportsByReporter('wang', 120, { createdAt: last.createdAt, id: last.id })
      expect(rest).toHaveLength(10)
      expect(new Set([...first, ...rest].map((r) => r.id)).size).toBe(130)
      expect(rest.every((r) => r.reporterId === 'wang')).toBe(true)
    })

    it('某人待确认的报事：只有他报的、此刻待确认的，全部、新的在前', async () => {
      const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T02:00:00.000Z`
      const older = aReport({ reporterId: 'wang', status: 'awaiting_confirmation', createdAt: at(3) })
      const newer = aReport({ reporterId: 'wang', status: 'awaiting_confirmation', createdAt: at(9) })
      for (const r of [older, newer]) await insert(h, r)
      await insert(h, aReport({ reporterId: 'wang', status: 'processing', createdAt: at(10) }))
      await insert(h, aReport({ reporterId: 'wang', status: 'resolved', createdAt: at(11) }))
      await insert(h, aReport({ reporterId: 'zhao', status: 'awaiting_confirmation', createdAt: at(12) }))
      expect((await h.store.awaitingConfirmationOf('wang')).map((r) => r.id)).toEqual([newer.id, older.id])
      expect(await h.store.awaitingConfirmationOf('nobody')).toEqual([])
    })

    it('并发重试同一请求：只有一次被创建，统计只加一次', async () => {
      const attempts = Array.from({ length: 5 }, () => aReport({ requestId: 'burst-1' }))
      const results = await Promise.all(attempts.map((r) => insert(h, r)))
      expect(results.filter((x) => x.created)).toHaveLength(1)
      expect(new Set(results.map((x) => x.report.id)).size).toBe(1)
      expect((await h.store.rawRecords()).reports).toHaveLength(1)
      expect((await h.store.bucketsOf(['building:b1'], [attempts[0].month])).map(bucketLine)).toContain(`building:b1|${attempts[0].month}|report.received=1/0`)
    })

    it('同楼同月并发提交：每一条都存下、都计入', async () => {
      const burst = Array.from({ length: 12 }, (_, i) => aReport({ reporterId: `resident${i}`, createdAt: '2026-11-20T02:00:00.000Z', month: '2026-11' }))
      const results = await Promise.all(burst.map((r) => insert(h, r)))
      expect(results.every((x) => x.created)).toBe(true)
      expect((await h.store.bucketsOf(['building:b1'], ['2026-11'])).map(bucketLine)).toContain('building:b1|2026-11|report.received=12/0')
      expect((await h.store.rawRecords()).reports).toHaveLength(12)
    })

    it('两人同时处理同一条：只有一个生效，只留一条痕，统计与重算一致', async () => {
      const r = aReport()
      await insert(h, r)
      const attempt = (actorId: string) =>
        change(h, r, aChange({ reportId: r.id, from: 'pending', to: 'accepted', note: '', actorId, at: '2026-11-28T00:00:00.000Z' }))
      const outcomes = await Promise.all([attempt('li'), attempt('chen')])
      expect(outcomes.filter(Boolean)).toHaveLength(1)
      expect(await h.store.statusChangesOf(r.id)).toHaveLength(1)
      expect(sortedLines(await h.store.allBuckets())).toEqual(sortedLines(recountAll(await h.store.rawRecords())))
    })
  })
}
