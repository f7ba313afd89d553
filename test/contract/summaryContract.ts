/**
 * 工作总结的存储契约：新总结连同第 1 版一起存、重试只存一次；存下一版以最新版为准（过期的底版、定稿都拒收，
 * 同一请求编号重试答已存的那版，同时两次只有一次成功）；改状态以状态与最新版为准；意见只存一次、按先后列出、计数。
 * 以及起草要的两种报事查询：典型案例候选（每楼每月每条规则至多 k 条）与"数字背后的报事"（筛选、翻页、计数），
 * 它们依据的里程碑由流转记下；读回的报事里没有这些存储用的字段。
 */
import type { Report, StatusChange, ReportStatus } from '../../src/core/reports'
import { deltasForFollow, deltasForNewReport, deltasForStatusChange } from '../../src/core/reports'
import type { SummaryDocument, SummaryComment, SummaryRecord, SummaryVersion } from '../../src/core/summaryDocument'
import { LIMITED } from '../../src/core/shared/hourlyLimit'
import { aChange, aReport, freshStorePerTest, type OpenHarness, type StoreHarness } from './harness'

const doc = (title: string): SummaryDocument => ({
  kind: 'representative',
  kindLabel: '业主代表工作总结',
  title,
  periodLabel: '2026年11月',
  scopeLabel: '春晖苑1号楼',
  sections: [{ id: 'intro', heading: '引言', paragraphs: [{ id: 'intro', text: '本月收到报事 {{f:received}}。', figureIds: ['received'] }], children: [] }],
  figures: {
    received: { id: 'received', label: '收到的报事', display: '3 件', value: 3, trace: { source: 'reports', buildingIds: ['b1'], months: ['2026-11'] } },
  },
  keyFigures: [{ label: '收到报事', figureId: 'received', previousId: null, yearAgoId: null }],
  weaknesses: [],
  gaps: [],
})
const aSummary = (over: Partial<SummaryRecord> = {}): SummaryRecord => ({
  id: 'sum1',
  communityId: 'c1',
  buildingId: 'b1',
  period: { kind: 'month', start: '2026-11', end: '2026-11' },
  kind: 'representative',
  status: 'draft',
  authorId: 'li',
  requestId: 'sreq-0001',
  title: '1号楼工作总结',
  latestVersion: 1,
  noticeId: null,
  finalNoticeId: null,
  consultUntil: null,
  finalizedAt: null,
  createdAt: '2026-11-20T02:00:00.000Z',
  updatedAt: '2026-11-20T02:00:00.000Z',
  ...over,
})
const aVersion = (version: number, over: Partial<SummaryVersion> = {}): SummaryVersion => ({
  summaryId: 'sum1',
  version,
  document: doc(`第 ${version} 版`),
  savedAt: `2026-11-20T0${2 + version}:00:00.000Z`,
  savedBy: '李老师',
  authorId: 'li',
  requestId: `vreq-${version}`,
  restoredFrom: null,
  ...over,
})
const aComment = (over: Partial<SummaryComment> = {}): SummaryComment => ({
  id: 'cm1',
  summaryId: 'sum1',
  buildingId: 'b1',
  openid: 'wang',
  text: '建议多巡查地下车库',
  requestId: 'creq-0001',
  at: '2026-11-21T02:00:00.000Z',
  ...over,
})

/** 一条报事走过若干状态（与用例同样的增量），答最后的样子。 */
async function walk(h: StoreHarness, r: Report, steps: [ReportStatus, string, boolean?][]): Promise<Report> {
  await h.store.insertReport(r, deltasForNewReport(r))
  let current = r
  const earlier: StatusChange[] = []
  for (const [to, at, rated] of steps) {
    const change = aChange({
      reportId: r.id,
      from: current.status,
      to,
      note: '',
      actorId: 'li',
      at,
      ...(rated ? { details: { rating: { speed: 5, attitude: 4, effect: 4, words: '' } } } : {}),
    })
    expect(await h.store.changeStatus(change, current.status, deltasForStatusChange(current, change, earlier))).toBe(true)
    earlier.push(change)
    current = { ...current, status: to, updatedAt: at }
  }
  return current
}

export function summaryContract(adapter: string, open: OpenHarness) {
  describe(`工作总结契约：${adapter}`, () => {
    const h = freshStorePerTest(open)

    it('新总结连同第 1 版存下；同一起草人同一请求编号重试答第一次的', async () => {
      const s = aSummary()
      expect(await h.store.insertSummary(s, aVersion(1))).toEqual({ summary: s, created: true })
      const again = await h.store.insertSummary(aSummary({ id: 'sum-other', title: '重试' }), aVersion(1, { summaryId: 'sum-other' }))
      expect(again).toEqual({ summary: s, created: false })
      expect(await h.store.summaryById('sum-other')).toBeNull()
      expect(await h.store.summaryById(s.id)).toEqual(s)
      expect(await h.store.summaryVersion(s.id, 1)).toEqual(aVersion(1))
      expect(await h.store.summaryVersion(s.id, 2)).toBeNull()
      const { document: _d, ...meta } = aVersion(1)
      expect(await h.store.summaryVersions(s.id)).toEqual([meta])
      expect(await h.store.summariesOf('c1', null, 10)).toEqual([s])
      expect(await h.store.summariesOf('c1', ['b2'], 10)).toEqual([])
      expect(await h.store.summariesOf('c1', [], 10)).toEqual([])
    })

    it('存下一版：以最新版为准；重试答已存的那版；定稿后拒收', async () => {
      await h.store.insertSummary(aSummary(), aVersion(1))
      expect(await h.store.appendSummaryVersion(aVersion(2), 1)).toEqual({ version: aVersion(2), created: true })
      expect(await h.store.summaryById('sum1')).toMatchObject({ latestVersion: 2, title: '第 2 版', updatedAt: aVersion(2).savedAt })
      // 过期的底版：什么都不改。
      expect(await h.store.appendSummaryVersion(aVersion(2, { requestId: 'vreq-late' }), 1)).toBeNull()
      // 同一请求编号的重试（哪怕最新版已经变了）：答已存的那版。
      expect(await h.store.appendSummaryVersion(aVersion(3, { requestId: 'vreq-2' }), 2)).toEqual({ version: aVersion(2), created: false })
      expect((await h.store.summaryVersions('sum1')).map((v) => v.version)).toEqual([1, 2])
      expect(await h.store.updateSummaryStatus('sum1', 'draft', 2, { status: 'final', finalizedAt: '2026-11-22T00:00:00.000Z' })).toBe(true)
      expect(await h.store.appendSummaryVersion(aVersion(3, { restoredFrom: 1 }), 2)).toBeNull()
      expect((await h.store.summaryById('sum1'))?.latestVersion).toBe(2)
    })

    it('同一底版同时存两版：恰好一次成功', async () => {
      await h.store.insertSummary(aSummary(), aVersion(1))
      const results = await Promise.all(['a', 'b', 'c'].map((x) => h.store.appendSummaryVersion(aVersion(2, { requestId: `vreq-race-${x}` }), 1)))
      expect(results.filter((r) => r?.created)).toHaveLength(1)
      expect(results.filter((r) => r === null)).toHaveLength(2)
      expect((await h.store.summaryVersions('sum1')).map((v) => v.version)).toEqual([1, 2])
    })

    it('改状态：只有状态与最新版都还是预期的才改', async () => {
      await h.store.insertSummary(aSummary(), aVersion(1))
      expect(await h.store.updateSummaryStatus('sum1', 'consulting', 1, { status: 'final' })).toBe(false)
      expect(await h.store.updateSummaryStatus('sum1', 'draft', 2, { status: 'consulting' })).toBe(false)
      expect(
        await h.store.updateSummaryStatus('sum1', 'draft', 1, {
          status: 'consulting',
          noticeId: 'n1',
          consultUntil: '2026-11-30T16:00:00.000Z',
          updatedAt: '2026-11-21T00:00:00.000Z',
        }),
      ).toBe(true)
      expect(await h.store.summaryById('sum1')).toEqual(
        aSummary({ status: 'consulting', noticeId: 'n1', consultUntil: '2026-11-30T16:00:00.000Z', updatedAt: '2026-11-21T00:00:00.000Z' }),
      )
      expect(await h.store.updateSummaryStatus('nobody', 'draft', 1, { status: 'final' })).toBe(false)
      // 公告额度满了时用例把占住的状态还回去：字段能改回 null。
      expect(
        await h.store.updateSummaryStatus('sum1', 'consulting', 1, { status: 'draft', noticeId: null, consultUntil: null, updatedAt: aSummary().updatedAt }),
      ).toBe(true)
      expect(await h.store.summaryById('sum1')).toEqual(aSummary())
    })

    it('意见：同一人同一请求编号只存一次；按先后列出；按人计数', async () => {
      await h.store.insertSummary(aSummary(), aVersion(1))
      const first = aComment()
      expect(await h.store.insertSummaryComment(first)).toEqual({ comment: first, created: true })
      expect(await h.store.insertSummaryComment(aComment({ id: 'cm-dup', text: '重试' }))).toEqual({ comment: first, created: false })
      const burst = await Promise.all(
        [1, 2, 3].map((i) => h.store.insertSummaryComment(aComment({ id: `cm-b${i}`, requestId: 'creq-burst', at: '2026-11-21T03:00:00.000Z' }))),
      )
      expect(burst.filter((r) => r.created)).toHaveLength(1)
      await h.store.insertSummaryComment(
        aComment({ id: 'cm2', openid: 'zhao', requestId: 'creq-0002', at: '2026-11-21T01:00:00.000Z', text: '保洁可以再勤一些' }),
      )
      expect((await h.store.summaryComments('sum1', 10)).map((c) => c.at)).toEqual([
        '2026-11-21T01:00:00.000Z',
        '2026-11-21T02:00:00.000Z',
        '2026-11-21T03:00:00.000Z',
      ])
      expect(await h.store.summaryComments('sum1', 1)).toHaveLength(1)
      expect((await h.store.summaryCommentsBy('sum1', 'zhao')).map((c) => c.text)).toEqual(['保洁可以再勤一些'])
      expect(await h.store.countSummaryComments('sum1')).toBe(3)
    })

    it('意见的每小时限额：同时提 8 条、上限 3，存下 3 条；已满时重试已存下的请求编号答第一次的、不占额度', async () => {
      await h.store.insertSummary(aSummary(), aVersion(1))
      const limit = (at: string) => ({ key: 'summaryComment|wang', at, max: 3 })
      const comments = Array.from({ length: 8 }, (_, i) => aComment({ id: `cm-l${i}`, requestId: `creq-l${i}`, at: `2026-11-21T02:00:0${i}.000Z` }))
      const outcomes = await Promise.all(comments.map((c) => h.store.insertSummaryComment(c, limit(c.at))))
      expect(outcomes.filter((o) => o === LIMITED)).toHaveLength(5)
      const stored = await h.store.summaryCommentsBy('sum1', 'wang')
      expect(stored).toHaveLength(3)
      expect(await h.store.insertSummaryComment({ ...stored[0], id: 'cm-retry' }, limit('2026-11-21T02:30:00.000Z'))).toEqual({
        comment: stored[0],
        created: false,
      })
      expect(
        await h.store.insertSummaryComment(
          aComment({ id: 'cm-over', requestId: 'creq-over', at: '2026-11-21T02:30:00.000Z' }),
          limit('2026-11-21T02:30:00.000Z'),
        ),
      ).toBe(LIMITED)
      expect(await h.store.countSummaryComments('sum1')).toBe(3)
    })

    describe('起草要的报事查询', () => {
      let reports: Record<string, Report>
      beforeEach(async () => {
        const at = (d: string) => `2026-11-${d}T02:00:00.000Z`
        const r = (id: string, over: Partial<Report>) => aReport({ id, requestId: `req-${id}`, month: '2026-11', ...over })
        reports = {
          followed: await walk(h, r('t_followed', { createdAt: at('02'), category: 'elevator' }), [
            ['awaiting_confirmation', at('03')],
            ['resolved', at('04'), true],
          ]),
          fast: await walk(h, r('t_fast', { createdAt: at('05'), urgency: 'urgent', kind: 'complaint' }), [
            ['accepted', '2026-11-05T02:10:00.000Z'],
            ['awaiting_confirmation', '2026-11-05T02:30:00.000Z'],
          ]),
          slow: await walk(h, r('t_slow', { createdAt: at('06'), urgency: 'urgent' }), [
            ['awaiting_confirmation', at('08')],
            ['processing', at('09')],
            ['awaiting_confirmation', at('10')],
            ['resolved', at('11')],
          ]),
          oldOpen: await walk(h, r('t_old_open', { createdAt: at('01'), category: 'sanitation' }), []),
          newOpen: await walk(h, r('t_new_open', { createdAt: at('15') }), [['accepted', at('16')]]),
          otherBuilding: await walk(h, r('t_b2', { createdAt: at('03'), buildingId: 'b2' }), []),
          otherMonth: await walk(h, aReport({ id: 't_oct', requestId: 'req-t_oct', createdAt: '2026-10-20T02:00:00.000Z', month: '2026-10' }), []),
        }
        for (const openid of ['zhao', 'sun'])
          await h.store.addFollower({ reportId: 't_followed', openid, at: at('03'), via: 'follow' }, deltasForFollow(reports.followed))
      })

      it('流转记下里程碑；读回的报事里没有这些存储用的字段', async () => {
        expect(await h.store.reportById('t_fast')).toEqual(reports.fast)
        const candidates = await h.store.caseCandidates(['b1'], ['2026-11'], 5)
        const byId = new Map(candidates.map((c) => [c.report.id, c]))
        expect(byId.get('t_fast')?.milestones).toEqual({
          respondedAt: '2026-11-05T02:10:00.000Z',
          handledAt: '2026-11-05T02:30:00.000Z',
          handlingMinutes: 30,
          resolvedAt: null,
          ratings: 0,
          firstTimeResolved: false,
        })
        expect(byId.get('t_slow')?.milestones).toMatchObject({
          handledAt: '2026-11-08T02:00:00.000Z',
          handlingMinutes: 2880,
          resolvedAt: '2026-11-11T02:00:00.000Z',
          firstTimeResolved: false,
        })
        expect(byId.get('t_followed')?.milestones).toMatchObject({ ratings: 1, firstTimeResolved: true, resolvedAt: '2026-11-04T02:00:00.000Z' })
        expect(byId.get('t_followed')?.report.followers).toBe(2)
      })

      it('典型案例候选：每条规则在范围里排前 k 的都在，只在这些楼、这些月', async () => {
        const ids = (await h.store.caseCandidates(['b1'], ['2026-11'], 1)).map((c) => c.report.id)
        // 关注最多的已办结、最快的紧急、最早的未办结；办得慢的、别的楼的、别的月的都不在。
        expect(ids).toEqual(expect.arrayContaining(['t_fast', 't_followed', 't_old_open']))
        for (const absent of ['t_slow', 't_b2', 't_oct']) expect(ids).not.toContain(absent)
        const wider = (await h.store.caseCandidates(['b1', 'b2'], ['2026-10', '2026-11'], 1)).map((c) => c.report.id)
        // 最早的未办结现在是 10 月那条（b1）；两栋楼里 b2 那条不比它早。
        expect(wider).toEqual(expect.arrayContaining(['t_fast', 't_followed', 't_oct']))
        expect(await h.store.caseCandidates(['b1'], ['2026-09'], 3)).toEqual([])
        expect(await h.store.caseCandidates([], ['2026-11'], 3)).toEqual([])
      })

      it('数字背后的报事：筛选、按提交先后翻页、计数', async () => {
        const q = { buildingIds: ['b1'], months: ['2026-11'] }
        const list = async (extra: object) => (await h.store.traceReports({ ...q, ...extra }, 50)).map((r) => r.id)
        expect(await list({})).toEqual(['t_old_open', 't_followed', 't_fast', 't_slow', 't_new_open'])
        expect(await h.store.countTraceReports(q)).toBe(5)
        const first = await h.store.traceReports(q, 2)
        const second = await h.store.traceReports(q, 2, { createdAt: first[1].createdAt, id: first[1].id })
        expect([...first, ...second].map((r) => r.id)).toEqual(['t_old_open', 't_followed', 't_fast', 't_slow'])
        expect(await list({ has: 'handling' })).toEqual(['t_followed', 't_fast', 't_slow'])
        expect(await list({ has: 'response' })).toEqual(['t_followed', 't_fast', 't_slow', 't_new_open'])
        expect(await list({ has: 'rating' })).toEqual(['t_followed'])
        expect(await list({ has: 'followers' })).toEqual(['t_followed'])
        expect(await list({ has: 'firstTimeResolved' })).toEqual(['t_followed'])
        expect(await list({ statuses: ['pending', 'accepted'] })).toEqual(['t_old_open', 't_new_open'])
        expect(await list({ categories: ['sanitation'] })).toEqual(['t_old_open'])
        expect(await list({ urgency: 'urgent', kind: 'complaint' })).toEqual(['t_fast'])
        expect(await h.store.countTraceReports({ ...q, has: 'handling', urgency: 'urgent' })).toBe(2)
        expect(await list({ statuses: [] })).toEqual([])
        expect(await h.store.countTraceReports({ buildingIds: ['b1', 'b2'], months: ['2026-10', '2026-11'] })).toBe(7)
      })
    })
  })
}
