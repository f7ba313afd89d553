/**
 * 问卷的契约：建问卷与统计一起生效、重试只存一次；按楼、按此刻是否开着筛选并翻页；提前结束只一次；环比找上一份；
 * 答卷每人每卷一份（第一份、按 previous 替换、过时的 previous、同一人同时交两份）；全部答卷（超过 100 份）；每小时限额的计数。
 * 每次写入之后，桶都与从原始记录独立重算的一致。
 */
import type { Survey, SurveyAnswer, SurveyQuery } from '../../src/core/surveys'
import type { PageCursor } from '../../src/core/shared/ports'
import { deltasForAnswer, deltasForSurvey } from '../../src/core/surveys'
import { aSurvey, anAnswer, bucketLine, expectTalliesMatchRecount, freshStorePerTest, sortedLines, type OpenHarness, type StoreHarness } from './harness'

const create = (h: StoreHarness, s: Survey) => h.store.insertSurvey(s, deltasForSurvey(s))
const answer = (h: StoreHarness, s: Survey, a: SurveyAnswer, previous: SurveyAnswer | null = null) =>
  h.store.saveAnswer(a, previous, deltasForAnswer(s, a, previous))
const at = (day: string, hour = '00') => `2026-11-${day}T${hour}:00:00.000Z`

/** 按游标一页页读完，答每页的 id。 */
async function pages(h: StoreHarness, query: SurveyQuery, size: number): Promise<string[][]> {
  const seen: string[][] = []
  let before: PageCursor | undefined
  for (;;) {
    const page = await h.store.surveys(query, size, before)
    if (page.length === 0) return seen
    seen.push(page.map((s) => s.id))
    const last = page[page.length - 1]
    before = { createdAt: last.createdAt, id: last.id }
  }
}

export function surveyContract(adapter: string, open: OpenHarness) {
  describe(`问卷契约：${adapter}`, () => {
    const h = freshStorePerTest(open)

    it('建问卷：原样存下并累加各楼户数；同一发起人同一请求编号重试答第一次的那份，统计只加一次', async () => {
      const s = aSurvey({ requestId: 'same-1' })
      expect(await create(h, s)).toEqual({ survey: s, created: true })
      expect(await h.store.surveyById(s.id)).toEqual(s)
      expect(await create(h, aSurvey({ requestId: 'same-1', title: '第二次' }))).toEqual({ survey: s, created: false })
      expect((await create(h, aSurvey({ requestId: 'same-1', authorId: 'chen', template: null }))).created).toBe(true)
      expect((await h.store.rawRecords()).surveys).toHaveLength(2)
      const lines = (await h.store.bucketsOf(['building:b1', 'building:b2'], ['2026-11'])).map(bucketLine)
      expect(lines.sort()).toEqual(['building:b1|2026-11|survey.targeted=2/216', 'building:b2|2026-11|survey.targeted=2/88'])
      expect(await h.store.surveyById('none')).toBeNull()
      await expectTalliesMatchRecount(h.store)
    })

    it('并发重试同一请求：只有一次被创建，统计只加一次', async () => {
      const results = await Promise.all(Array.from({ length: 4 }, () => create(h, aSurvey({ requestId: 'burst-1' }))))
      expect(results.filter((x) => x.created)).toHaveLength(1)
      expect(new Set(results.map((x) => x.survey.id)).size).toBe(1)
      expect((await h.store.rawRecords()).surveys).toHaveLength(1)
      await expectTalliesMatchRecount(h.store)
    })

    it('筛选：面向所给楼栋之一的；此刻开着的（已开始、没到截止、没提前结束）；别的小区的不在内', async () => {
      await h.store.saveCommunity({ id: 'c2', name: '别的小区', hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 24, normal: 72 } })
      const now = at('20')
      const b1Only = { wholeCommunity: false, targets: [{ buildingId: 'b1', households: 108 }] }
      const b2Only = { wholeCommunity: false, targets: [{ buildingId: 'b2', households: 44 }] }
      const open = aSurvey({ id: 's-open', opensAt: at('10'), createdAt: at('01'), closesAt: at('24') })
      const opensNow = aSurvey({ id: 's-opens-now', ...b1Only, opensAt: now, createdAt: at('02'), closesAt: at('24') })
      const notYet = aSurvey({ id: 's-not-yet', ...b1Only, opensAt: at('21'), createdAt: at('03'), closesAt: at('28') })
      const past = aSurvey({ id: 's-past', ...b2Only, opensAt: at('05'), createdAt: at('04'), closesAt: at('19') })
      const endsNow = aSurvey({ id: 's-ends-now', ...b1Only, opensAt: at('05'), createdAt: at('05'), closesAt: now })
      const closedEarly = aSurvey({ id: 's-closed', ...b2Only, opensAt: at('10'), createdAt: at('06'), closesAt: at('24') })
      const elsewhere = aSurvey({ id: 's-else', communityId: 'c2', opensAt: at('10'), createdAt: at('07') })
      for (const s of [open, opensNow, notYet, past, endsNow, closedEarly, elsewhere]) await create(h, s)
      expect(await h.store.closeSurvey('s-closed', at('15'))).toBe(true)

      const ids = async (query: SurveyQuery) => (await h.store.surveys(query, 50)).map((s) => s.id)
      expect(await ids({ communityId: 'c1' })).toEqual(['s-closed', 's-ends-now', 's-past', 's-not-yet', 's-opens-now', 's-open'])
      expect(await ids({ communityId: 'c1', buildingIds: ['b1'] })).toEqual(['s-ends-now', 's-not-yet', 's-opens-now', 's-open'])
      expect(await ids({ communityId: 'c1', buildingIds: ['b2'] })).toEqual(['s-closed', 's-past', 's-open'])
      expect(await ids({ communityId: 'c1', buildingIds: ['b1', 'b2'] })).toHaveLength(6)
      expect(await ids({ communityId: 'c1', buildingIds: [] })).toEqual([])
      expect(await ids({ communityId: 'c1', openAt: now })).toEqual(['s-opens-now', 's-open'])
      expect(await ids({ communityId: 'c1', buildingIds: ['b2'], openAt: now })).toEqual(['s-open'])
      expect(await ids({ communityId: 'c1', openAt: at('22') })).toEqual(['s-not-yet', 's-opens-now', 's-open'])
      // 还没结束的（开着的与没开始的）：截止晚于此刻、没提前结束。
      expect(await ids({ communityId: 'c1', unfinishedAt: now })).toEqual(['s-not-yet', 's-opens-now', 's-open'])
      expect(await ids({ communityId: 'c1', buildingIds: ['b2'], unfinishedAt: now })).toEqual(['s-open'])
      expect(await ids({ communityId: 'c1', buildingIds: ['b1'], wholeCommunity: true })).toEqual(['s-open'])
      expect(await ids({ communityId: 'c1', buildingIds: ['b1'], unfinishedAt: now, wholeCommunity: false })).toEqual(['s-not-yet', 's-opens-now'])
      expect(await ids({ communityId: 'c2' })).toEqual(['s-else'])
      expect(await h.store.surveys({ communityId: 'c1' }, 0)).toEqual([])
      // 返回的问卷是完整的（面向的楼栋、户数、题目原样）。
      expect((await h.store.surveys({ communityId: 'c1', buildingIds: ['b2'] }, 50))[2]).toEqual(open)
      await expectTalliesMatchRecount(h.store)
    })

    it('翻页：创建时间新的在前，同一时刻按 id；每页 2 条按游标翻完', async () => {
      const same = at('10')
      for (const id of ['s-a', 's-c', 's-b']) await create(h, aSurvey({ id, createdAt: same }))
      await create(h, aSurvey({ id: 's-z', createdAt: at('09') }))
      await create(h, aSurvey({ id: 's-0', createdAt: at('11') }))
      expect(await pages(h, { communityId: 'c1', buildingIds: ['b1'] }, 2)).toEqual([['s-0', 's-c'], ['s-b', 's-a'], ['s-z']])
      expect(await pages(h, { communityId: 'c1' }, 10)).toEqual([['s-0', 's-c', 's-b', 's-a', 's-z']])
    })

    it('提前结束：只对还没结束的生效，只一次；过了截止的、找不到的答 false；统计不变', async () => {
      const s = aSurvey()
      await create(h, s)
      const ended = aSurvey({ closesAt: at('12') })
      await create(h, ended)
      const before = sortedLines(await h.store.allBuckets())
      expect(await h.store.closeSurvey(s.id, at('15'))).toBe(true)
      expect(await h.store.surveyById(s.id)).toEqual({ ...s, closedAt: at('15') })
      expect(await h.store.closeSurvey(s.id, at('16'))).toBe(false)
      expect((await h.store.surveyById(s.id))?.closedAt).toBe(at('15'))
      expect(await h.store.closeSurvey(ended.id, at('15'))).toBe(false)
      expect(await h.store.closeSurvey(ended.id, at('12'))).toBe(false)
      expect((await h.store.surveyById(ended.id))?.closedAt).toBeNull()
      expect(await h.store.closeSurvey('none', at('15'))).toBe(false)
      expect(sortedLines(await h.store.allBuckets())).toEqual(before)
      await expectTalliesMatchRecount(h.store)
    })

    it('上一份（环比）：同一小区同一模板、开始时刻严格早于所给时刻的里最近的一份；自建的、别的小区的不算', async () => {
      await h.store.saveCommunity({ id: 'c2', name: '别的小区', hasPropertyCompany: true, oldEstate: false, overdueHours: { urgent: 24, normal: 72 } })
      const may = aSurvey({ id: 's-may', opensAt: '2026-05-10T00:00:00.000Z', closedAt: null })
      const aug = aSurvey({ id: 's-aug', opensAt: '2026-08-10T00:00:00.000Z' })
      const custom = aSurvey({ id: 's-custom', template: null, opensAt: '2026-10-01T00:00:00.000Z' })
      const other = aSurvey({ id: 's-other', communityId: 'c2', opensAt: '2026-10-02T00:00:00.000Z' })
      const nov = aSurvey({ id: 's-nov', opensAt: '2026-11-10T00:00:00.000Z' })
      for (const s of [may, aug, custom, other, nov]) await create(h, s)
      await h.store.closeSurvey(aug.id, '2026-08-15T00:00:00.000Z')
      expect((await h.store.previousSurvey('c1', 'property_satisfaction', nov.opensAt))?.id).toBe('s-aug')
      expect(await h.store.previousSurvey('c1', 'property_satisfaction', nov.opensAt)).toEqual({ ...aug, closedAt: '2026-08-15T00:00:00.000Z' })
      expect((await h.store.previousSurvey('c1', 'property_satisfaction', aug.opensAt))?.id).toBe('s-may')
      expect((await h.store.previousSurvey('c1', 'property_satisfaction', '2026-08-10T00:00:00.001Z'))?.id).toBe('s-aug')
      expect(await h.store.previousSurvey('c1', 'property_satisfaction', may.opensAt)).toBeNull()
      expect((await h.store.previousSurvey('c2', 'property_satisfaction', '2027-01-01T00:00:00.000Z'))?.id).toBe('s-other')
    })

    it('第一份答卷：存下并累加统计；已有答卷时再以"第一份"交答 false、什么都不改', async () => {
      const s = aSurvey()
      await create(h, s)
      const a = anAnswer(s, 'wang', { score: 4, nps: 9 })
      expect(await h.store.answerOf(s.id, 'wang')).toBeNull()
      expect(await answer(h, s, a)).toBe(true)
      expect(await h.store.answerOf(s.id, 'wang')).toEqual(a)
      expect(await h.store.answerOf(s.id, 'zhao')).toBeNull()
      expect(await h.store.answerOf('none', 'wang')).toBeNull()
      const lines = (await h.store.bucketsOf(['building:b1'], ['2026-11'])).map(bucketLine)
      expect(lines).toEqual(
        expect.arrayContaining([
          'building:b1|2026-11|survey.respondents=1/0',
          'building:b1|2026-11|survey.dimension.cleaning=1/4',
          'building:b1|2026-11|survey.dimension_score.overall.4=1/0',
          'building:b1|2026-11|survey.nps.promoter=1/0',
        ]),
      )
      await expectTalliesMatchRecount(h.store)

      const before = sortedLines(await h.store.allBuckets())
      expect(await answer(h, s, anAnswer(s, 'wang', { score: 1, at: at('13') }))).toBe(false)
      expect(await h.store.answerOf(s.id, 'wang')).toEqual(a)
      expect(sortedLines(await h.store.allBuckets())).toEqual(before)
      expect((await h.store.rawRecords()).surveyAnswers).toEqual([a])
    })

    it('替换：previous 与存储里的一致时整份换掉，统计减旧加新；过时的 previous 答 false、什么都不改', async () => {
      const s = aSurvey()
      await create(h, s)
      // 第一份是从群分享打开后交的，替换的那份不是："其中经群分享"跟着新的一份走。
      const first = anAnswer(s, 'wang', { score: 2, nps: 3, viaShare: true })
      await answer(h, s, first)
      expect((await h.store.rawRecords()).surveyAnswers).toEqual([first])
      expect((await h.store.bucketsOf(['building:b1'], ['2026-11'])).map(bucketLine)).toContain('building:b1|2026-11|survey.sharedRespondents=1/0')
      await expectTalliesMatchRecount(h.store)
      // 换了楼、换了分数、去掉了建议。
      const second = anAnswer(s, 'wang', { score: 5, nps: 10, buildingId: 'b2', unit: '1', room: '0601', at: at('13') })
      delete second.values.q9
      expect(await answer(h, s, second, first)).toBe(true)
      expect(await h.store.answerOf(s.id, 'wang')).toEqual(second)
      expect((await h.store.rawRecords()).surveyAnswers).toEqual([second])
      expect(await h.store.bucketsOf(['building:b1'], ['2026-11'])).toEqual(
        expect.not.arrayContaining([expect.objectContaining({ metric: 'survey.respondents' })]),
      )
      expect((await h.store.bucketsOf(['building:b2'], ['2026-11'])).map(bucketLine)).toEqual(
        expect.arrayContaining([
          'building:b2|2026-11|survey.respondents=1/0',
          'building:b2|2026-11|survey.dimension.repair=1/5',
          'building:b2|2026-11|survey.nps.promoter=1/0',
        ]),
      )
      await expectTalliesMatchRecount(h.store)

      // 过时的 previous：还以为存储里是第一份（请求编号或时刻对不上）。
      const before = sortedLines(await h.store.allBuckets())
      expect(await answer(h, s, anAnswer(s, 'wang', { score: 1, at: at('14') }), first)).toBe(false)
      expect(await answer(h, s, anAnswer(s, 'wang', { score: 1, at: at('14') }), { ...second, at: at('12') })).toBe(false)
      expect(await answer(h, s, anAnswer(s, 'wang', { score: 1, at: at('14') }), { ...second, requestId: 'other' })).toBe(false)
      // 没有答卷时按 previous 替换：同样 false。
      expect(await answer(h, s, anAnswer(s, 'zhao', { at: at('14') }), anAnswer(s, 'zhao'))).toBe(false)
      expect(await h.store.answerOf(s.id, 'wang')).toEqual(second)
      expect(await h.store.answerOf(s.id, 'zhao')).toBeNull()
      expect(sortedLines(await h.store.allBuckets())).toEqual(before)
      await expectTalliesMatchRecount(h.store)
    })

    it('同一人同时交两份第一份：恰好一次 true、只存一份；同时按同一 previous 替换：恰好一次 true；不同的人同时交：一个不丢', async () => {
      const s = aSurvey()
      await create(h, s)
      const [x, y] = [anAnswer(s, 'wang', { score: 1 }), anAnswer(s, 'wang', { score: 5, at: at('12', '03') })]
      const firsts = await Promise.all([answer(h, s, x), answer(h, s, y)])
      expect(firsts.filter(Boolean)).toHaveLength(1)
      const stored = (await h.store.rawRecords()).surveyAnswers
      expect(stored).toEqual([firsts[0] ? x : y])
      await expectTalliesMatchRecount(h.store)

      const previous = stored[0]
      const replacements = [anAnswer(s, 'wang', { score: 2, at: at('13') }), anAnswer(s, 'wang', { score: 3, at: at('13', '01') })]
      const replaced = await Promise.all(replacements.map((r) => answer(h, s, r, previous)))
      expect(replaced.filter(Boolean)).toHaveLength(1)
      expect(await h.store.answerOf(s.id, 'wang')).toEqual(replaced[0] ? replacements[0] : replacements[1])
      await expectTalliesMatchRecount(h.store)

      const others = ['li', 'chen', 'sun'].map((openid) => anAnswer(s, openid, { buildingId: openid === 'sun' ? 'b2' : 'b1' }))
      expect(await Promise.all(others.map((a) => answer(h, s, a)))).toEqual([true, true, true])
      expect((await h.store.answersOf(s.id)).map((a) => a.openid).sort()).toEqual(['chen', 'li', 'sun', 'wang'])
      expect((await h.store.bucketsOf(['building:b1'], ['2026-11'])).map(bucketLine)).toContain('building:b1|2026-11|survey.respondents=3/0')
      await expectTalliesMatchRecount(h.store)
    })

    it('全部答卷：超过 100 份也一份不少，按交卷先后；只有这份问卷的', async () => {
      const s = aSurvey()
      const other = aSurvey()
      await create(h, s)
      await create(h, other)
      // 只答文字题：每份只动一个桶，让 100 多份在云开发的执行器上也快。
      const quick = (openid: string, i: number) =>
        anAnswer(s, openid, { values: { q9: `建议 ${i}` }, at: new Date(Date.parse(at('11')) + i * 60_000).toISOString() })
      const all = Array.from({ length: 103 }, (_, i) => quick(`resident${String(102 - i).padStart(3, '0')}`, i))
      for (const a of all) expect(await answer(h, s, a)).toBe(true)
      await answer(h, other, anAnswer(other, 'resident000'))
      const got = await h.store.answersOf(s.id)
      expect(got).toHaveLength(103)
      expect(got).toEqual(all)
      expect(await h.store.answersOf(other.id)).toHaveLength(1)
      expect(await h.store.answersOf('none')).toEqual([])
      const records = await h.store.rawRecords()
      expect(records.surveyAnswers).toHaveLength(104)
      expect((await h.store.bucketsOf(['building:b1'], ['2026-11'])).map(bucketLine)).toContain('building:b1|2026-11|survey.respondents=104/0')
      await expectTalliesMatchRecount(h.store)
    })
  })
}
