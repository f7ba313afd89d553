/**
 * 每小时限额的契约（规则见 src/core/shared/hourlyLimit.ts）：带额度的写入在存储里与额度一起生效——同一人同时发出的 N 次写入
 * 正好存下上限条，其余答 'limited' 且什么都不存（统计与重算相同）；已存下的请求编号重试答第一次的、不占额度；
 * 没写成的（已关注、答卷已被替换）不占额度；窗口是滑动的一小时；别人、别的动作各有各的额度。
 * 工作总结意见的额度在 summaryContract 里（那里有建总结的样本）。
 */
import { hourlyLimit, HOURLY_LIMITS, LIMITED, type HourlyLimit } from '../../src/core/shared/hourlyLimit'
import type { Report } from '../../src/core/reports'
import { deltasForNewReport, deltasForFollow } from '../../src/core/reports'
import { deltasForNewWorkLog } from '../../src/core/worklog'
import { deltasForNotice } from '../../src/core/notices'
import { deltasForAnswer, deltasForSurvey } from '../../src/core/surveys'
import { aNotice, anAnswer, anEntry, aReport, aSurvey, expectTalliesMatchRecount, freshStorePerTest, type OpenHarness, type StoreHarness } from './harness'

const AT = '2026-11-20T02:00:00.000Z'
const later = (ms: number) => new Date(Date.parse(AT) + ms).toISOString()
const insertReport = (h: StoreHarness, r: Report, limit: HourlyLimit = hourlyLimit('report', r.reporterId, r.createdAt)) =>
  h.store.insertReport(r, deltasForNewReport(r), limit)
const tally = <T>(outcomes: T[]) => ({
  limited: outcomes.filter((o) => o === LIMITED).length,
  stored: outcomes.filter((o) => o !== LIMITED && o !== false).length,
})

export function rateLimitContract(adapter: string, open: OpenHarness) {
  describe(`每小时限额契约：${adapter}`, () => {
    const h = freshStorePerTest(open)

    it(`同一人同时提交 ${HOURLY_LIMITS.report + 5} 条报事：正好存下 ${HOURLY_LIMITS.report} 条，其余答 limited；别人不受影响；统计与重算相同`, async () => {
      const reports = Array.from({ length: HOURLY_LIMITS.report + 5 }, (_, i) => aReport({ reporterId: 'wang', createdAt: later(i), month: '2026-11' }))
      const outcomes = await Promise.all(reports.map((r) => insertReport(h, r)))
      expect(tally(outcomes)).toEqual({ stored: HOURLY_LIMITS.report, limited: 5 })
      expect(await h.store.reportsByReporter('wang', 100)).toHaveLength(HOURLY_LIMITS.report)
      const other = aReport({ reporterId: 'zhao', createdAt: AT, month: '2026-11' })
      expect(await insertReport(h, other)).toEqual({ report: other, created: true })
      await expectTalliesMatchRecount(h.store)
    })

    it('已满时重试已存下的请求编号：答第一次的那条，不占额度；滑动的一小时过去后又可以写', async () => {
      const limit = (at: string): HourlyLimit => ({ key: 'report|wang', at, max: 3 })
      const first = aReport({ reporterId: 'wang', createdAt: AT, month: '2026-11' })
      expect(await insertReport(h, first, limit(AT))).toEqual({ report: first, created: true })
      for (let i = 1; i < 3; i++) await insertReport(h, aReport({ reporterId: 'wang', createdAt: later(i * 60_000) }), limit(later(i * 60_000)))
      const retry = { ...first, id: 'rep-retry', createdAt: later(30 * 60_000) }
      expect(await insertReport(h, retry, limit(retry.createdAt))).toEqual({ report: first, created: false })
      expect(await insertReport(h, aReport({ reporterId: 'wang', createdAt: later(59 * 60_000) }), limit(later(59 * 60_000)))).toBe(LIMITED)
      // 第一次写入在 02:00:00.000：到 03:00:00.000 仍在一小时内（含两端），过 1 毫秒就滑出去了。
      expect(await insertReport(h, aReport({ reporterId: 'wang', createdAt: later(3_600_000) }), limit(later(3_600_000)))).toBe(LIMITED)
      const next = aReport({ reporterId: 'wang', createdAt: later(3_600_001) })
      expect(await insertReport(h, next, limit(next.createdAt))).toEqual({ report: next, created: true })
      expect(await h.store.reportsByReporter('wang', 100)).toHaveLength(4)
      await expectTalliesMatchRecount(h.store)
    })

    it('公告与台账：同时写 8 条、上限 3，各存 3 条；两种动作各有各的额度', async () => {
      const notices = Array.from({ length: 8 }, (_, i) => aNotice({ authorId: 'li', publishedAt: later(i) }))
      const noticeOutcomes = await Promise.all(notices.map((n) => h.store.insertNotice(n, deltasForNotice(n), { key: 'notice|li', at: n.publishedAt, max: 3 })))
      expect(tally(noticeOutcomes)).toEqual({ stored: 3, limited: 5 })
      expect(await h.store.notices({ communityId: 'c1' }, 100)).toHaveLength(3)
      const entries = Array.from({ length: 8 }, (_, i) => anEntry({ authorId: 'li', createdAt: later(i), updatedAt: later(i) }))
      const entryOutcomes = await Promise.all(
        entries.map((e) => h.store.insertWorkLog(e, deltasForNewWorkLog(e), { key: 'worklog|li', at: e.createdAt, max: 3 })),
      )
      expect(tally(entryOutcomes)).toEqual({ stored: 3, limited: 5 })
      expect(await h.store.workLog({ communityId: 'c1', buildingIds: ['b1'], includeCommunity: true }, 100)).toHaveLength(3)
      await expectTalliesMatchRecount(h.store)
    })

    it('"我也遇到"：同时关注 8 条、上限 3，记下 3 次；已关注的再点答 false、不占额度', async () => {
      const reports = Array.from({ length: 8 }, (_, i) => aReport({ reporterId: `r${i}`, createdAt: AT, month: '2026-11' }))
      for (const r of reports) await h.store.insertReport(r, deltasForNewReport(r))
      const limit = (at: string): HourlyLimit => ({ key: 'follow|zhao', at, max: 3 })
      const outcomes = await Promise.all(
        reports.map((r, i) => h.store.addFollower({ reportId: r.id, openid: 'zhao', at: later(i), via: 'follow' }, deltasForFollow(r), limit(later(i)))),
      )
      expect(tally(outcomes)).toEqual({ stored: 3, limited: 5 })
      const followed = reports.filter((_, i) => outcomes[i] === true)
      expect(
        await h.store.addFollower({ reportId: followed[0].id, openid: 'zhao', at: later(100), via: 'follow' }, deltasForFollow(followed[0]), limit(later(100))),
      ).toBe(false)
      expect((await h.store.rawRecords()).follows).toHaveLength(3)
      await expectTalliesMatchRecount(h.store)
    })

    it('答卷：替换也占额度；同时答 8 份问卷、上限 3，存下 3 份；没替换成的（底版已变）不占额度', async () => {
      const s = aSurvey()
      await h.store.insertSurvey(s, deltasForSurvey(s))
      const limit = (at: string): HourlyLimit => ({ key: 'surveyAnswer|wang', at, max: 3 })
      let previous = null
      const outcomes = []
      for (let i = 0; i < 4; i++) {
        const a = anAnswer(s, 'wang', { at: later(i), requestId: `areq-${i}` })
        const saved = await h.store.saveAnswer(a, previous, deltasForAnswer(s, a, previous), limit(a.at))
        outcomes.push(saved)
        if (saved === true) previous = a
      }
      expect(outcomes).toEqual([true, true, true, LIMITED])
      expect((await h.store.answerOf(s.id, 'wang'))?.requestId).toBe('areq-2')
      // 底版不对：答 false，额度不变（zhao 的额度里还是一次也没用）。
      const z1 = anAnswer(s, 'zhao', { at: later(10), requestId: 'zreq-1' })
      expect(await h.store.saveAnswer(z1, null, deltasForAnswer(s, z1, null), { key: 'surveyAnswer|zhao', at: z1.at, max: 1 })).toBe(true)
      const stale = anAnswer(s, 'zhao', { at: later(11), requestId: 'zreq-2' })
      expect(
        await h.store.saveAnswer(stale, { ...z1, requestId: 'zreq-0' }, deltasForAnswer(s, stale, z1), { key: 'surveyAnswer|zhao2', at: stale.at, max: 1 }),
      ).toBe(false)
      const fresh = anAnswer(s, 'zhao', { at: later(12), requestId: 'zreq-3' })
      expect(await h.store.saveAnswer(fresh, z1, deltasForAnswer(s, fresh, z1), { key: 'surveyAnswer|zhao2', at: fresh.at, max: 1 })).toBe(true)

      const surveys = Array.from({ length: 8 }, () => aSurvey())
      for (const x of surveys) await h.store.insertSurvey(x, deltasForSurvey(x))
      const burst = await Promise.all(
        surveys.map((x, i) => {
          const a = anAnswer(x, 'sun', { at: later(i) })
          return h.store.saveAnswer(a, null, deltasForAnswer(x, a, null), { key: 'surveyAnswer|sun', at: a.at, max: 3 })
        }),
      )
      expect(tally(burst)).toEqual({ stored: 3, limited: 5 })
      expect((await h.store.rawRecords()).surveyAnswers.filter((a) => a.openid === 'sun')).toHaveLength(3)
      await expectTalliesMatchRecount(h.store)
    })
  })
}
