/**
 * 问卷匿名的性质测试（issue 18，High 2）：随机的问卷（2–6 栋楼、门槛 3–10、每楼 0–15 份答卷、评分 / 推荐意愿 / 单选 / 多选 / 文字题），
 * 算出一切公布的数——结果页的合计与各楼、任意一组楼上公布的合计（环比的上一次那一边、统计看板的本楼、工作总结的范围）、
 * 环比本身、工作总结的问卷数字——然后检查：
 *   (i)  问卷结束后，把"隐藏池"（不公布的楼合起来）里的答卷取值任意互换（跨楼），公布的数一个都不变；
 *   (ii) 问卷开着时，答卷取值任意改变，公布的数一个都不变（只有份数）；
 *   (iii) 隐藏池是 0 份或不少于门槛（全部不到门槛时合计也不公布）；
 *   (iv) 合计公布当且仅当全部答卷不少于门槛。
 * (i) 说的是：公布的数的任何组合都分不清隐藏池里谁答了什么，于是定不出不公布的楼的任何一个数。
 */
import fc from 'fast-check'
import { DEFAULT_OVERDUE_HOURS } from '../../src/core/directory'
import {
  type Survey,
  type SurveyAnswer,
  type SurveyQuestion,
  compareWithPrevious,
  releasedOver,
  surveyResults,
  surveyThreshold,
  type SurveyResults,
} from '../../src/core/surveys'
import { deriveFacts } from '../../src/core/summary'
import { Totals } from '../../src/core/tally'

const QUESTIONS: SurveyQuestion[] = [
  { id: 'q1', type: 'rating', title: '保洁服务满意度', required: true, options: [], dimension: 'cleaning' },
  { id: 'q2', type: 'rating', title: '总体满意度', required: false, options: [], dimension: 'overall' },
  { id: 'q3', type: 'nps', title: '推荐意愿', required: false, options: [], dimension: null },
  { id: 'q4', type: 'single', title: '最关心', required: false, options: ['保洁', '停车', '门禁'], dimension: null },
  { id: 'q5', type: 'multiple', title: '希望改进', required: false, options: ['保洁', '停车', '门禁'], dimension: null },
  { id: 'q6', type: 'text', title: '建议', required: false, options: [], dimension: null },
  { id: 'q7', type: 'rating', title: '电梯', required: false, options: [], dimension: null },
]

type Values = SurveyAnswer['values']
const arbValues: fc.Arbitrary<Values> = fc
  .record({
    q1: fc.integer({ min: 1, max: 5 }),
    q2: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    q3: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    q4: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    q5: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    q6: fc.option(fc.constantFrom('保洁很好', '停车难', '门禁坏了', '谢谢'), { nil: undefined }),
    q7: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  })
  .map((v) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as Values)

interface Case {
  minAnswers: number
  /** 每栋楼的答卷取值。 */
  perBuilding: Values[][]
  /** 打乱隐藏池用的排序键。 */
  shuffle: number[]
  /** 开着时换上的另一组取值。 */
  other: Values[]
}

const arbCase: fc.Arbitrary<Case> = fc
  .record({
    // 1、2 是早先存下的问卷：按 3 份算。
    minAnswers: fc.integer({ min: 1, max: 10 }),
    perBuilding: fc.array(fc.array(arbValues, { maxLength: 15 }), { minLength: 2, maxLength: 6 }),
    shuffle: fc.array(fc.nat(), { minLength: 90, maxLength: 90 }),
  })
  .chain((c) => fc.array(arbValues, { minLength: c.perBuilding.flat().length, maxLength: c.perBuilding.flat().length }).map((other) => ({ ...c, other })))

const surveyOf = (c: Case): Survey => ({
  id: 's1',
  communityId: 'c1',
  wholeCommunity: true,
  targets: c.perBuilding.map((_, i) => ({ buildingId: `b${i + 1}`, households: 40 })),
  title: '满意度',
  template: 'property_satisfaction',
  questions: QUESTIONS,
  opensAt: '2026-11-01T00:00:00.000Z',
  closesAt: '2026-11-30T16:00:00.000Z',
  closedAt: null,
  minAnswers: c.minAnswers,
  authorId: 'c',
  requestId: 'r',
  createdAt: '2026-11-01T00:00:00.000Z',
  month: '2026-11',
})

const answersOf = (c: Case): SurveyAnswer[] =>
  c.perBuilding.flatMap((list, b) =>
    list.map((values, i) => ({
      surveyId: 's1',
      openid: `o${b}_${i}`,
      buildingId: `b${b + 1}`,
      unit: i % 3 ? '1' : '',
      room: i % 3 ? String(100 + i) : '',
      values,
      requestId: `a${b}_${i}`,
      at: '2026-11-10T00:00:00.000Z',
      viaShare: false,
    })),
  )

/** 全部楼的非空子集。 */
function subsets(ids: string[]): string[][] {
  const out: string[][] = []
  for (let mask = 1; mask < 1 << ids.length; mask++) out.push(ids.filter((_, i) => mask & (1 << i)))
  return out
}

/** 一切公布的数，以可比较的文字给出。 */
function released(survey: Survey, answers: SurveyAnswer[], closed: boolean): string {
  const results = surveyResults(survey, answers, { closed })
  const ids = survey.targets.map((t) => t.buildingId)
  // 任意一组楼上公布的合计：环比里作为上一次、统计看板里作为本楼、工作总结里作为范围。
  const over = subsets(ids).map((s) => releasedOver(results, s))
  // 这份问卷作为"这一次"，与一份固定的上一次比；作为"上一次"，被只问某几栋楼的这一次拿来比。
  const fixed: Pick<SurveyResults, 'questions'> = {
    questions: [{ id: 'q1', type: 'rating', title: '保洁', dimension: 'cleaning', count: 3, sum: 9, mean: 3, distribution: [0, 0, 3, 0, 0] }],
  }
  const comparisons = [
    compareWithPrevious(results, fixed),
    ...subsets(ids).map((s) =>
      compareWithPrevious(
        fixed,
        (() => {
          const q = releasedOver(results, s)
          return q ? { questions: q } : null
        })(),
      ),
    ),
  ]
  // 工作总结：一栋楼与整个小区的问卷数字（均分、答题人数、NPS、是否不说分项）。
  const drafts = [...ids.map((b) => [b]), ids].map((scope) => summaryNumbers(survey, results, scope))
  return JSON.stringify({ results, over, comparisons, drafts })
}

function summaryNumbers(survey: Survey, results: SurveyResults, buildingIds: string[]) {
  const months = ['2026-11']
  const facts = deriveFacts({
    community: { hasPropertyCompany: true, oldEstate: false, overdueHours: DEFAULT_OVERDUE_HOURS },
    scope: {
      communityId: 'c1',
      communityName: '小区',
      building: null,
      buildingIds,
      households: 40 * buildingIds.length,
      includesCommunity: buildingIds.length === survey.targets.length,
    },
    author: { role: 'committee', body: 'owners_committee', name: '' },
    period: { kind: 'month', start: '2026-11', end: '2026-11' },
    tallies: { current: new Totals([], months), previous: null, yearAgo: null },
    workLog: [],
    caseCandidates: [],
    asOf: '2026-12-31T00:00:00.000Z',
    surveys: [{ id: survey.id, title: survey.title }],
    surveyReleases: { current: [{ id: survey.id, questions: releasedOver(results, buildingIds) }] },
  })
  const s = facts.survey.current
  const figures = ['survey.dim.cleaning', 'survey.dim.cleaning.count', 'survey.dim.overall', 'survey.dim.overall.count', 'survey.nps'].map(
    (id) => facts.book.find(id)?.value ?? null,
  )
  return { hidden: s?.hidden, means: s?.means, nps: s?.nps, figures }
}

describe('问卷匿名：公布的数的任何组合都定不出隐藏池里任何一份答卷', () => {
  it('结束后：隐藏池里的取值任意互换，公布的数不变；隐藏池 0 份或不少于门槛；合计公布当且仅当全部不少于门槛', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const survey = surveyOf(c)
        const answers = answersOf(c)
        const k = surveyThreshold(survey)
        const results = surveyResults(survey, answers, { closed: true })
        const hidden = new Set(results.buildings.filter((b) => b.hidden).map((b) => b.buildingId))
        const pool = answers.filter((a) => hidden.has(a.buildingId))
        // (iii) 隐藏池：0 份或不少于门槛；全部不到门槛时什么都不公布（合计也不），池子就是全部。
        expect(pool.length === 0 || pool.length >= k || (pool.length === answers.length && results.questions === null)).toBe(true)
        // 合计公布时，非空的隐藏池至少跨两栋有答卷的楼：于是总有一种跨楼的互换改变隐藏的楼的数、却不改变公布的数。
        if (pool.length > 0 && results.questions !== null) expect(new Set(pool.map((a) => a.buildingId)).size).toBeGreaterThanOrEqual(2)
        // (iv) 合计
        expect(results.questions !== null).toBe(answers.length >= k)
        expect(k).toBe(Math.max(3, c.minAnswers))
        // 公布的楼都不少于门槛，不公布的楼一个数也不给。
        for (const b of results.buildings) expect(b.hidden ? b.questions === null : b.respondents >= k && b.questions !== null).toBe(true)
        // (i) 隐藏池里的取值按随机顺序重新分给池里的答卷（跨楼）。
        const order = pool.map((_, i) => i).sort((x, y) => c.shuffle[x % c.shuffle.length] - c.shuffle[y % c.shuffle.length] || x - y)
        const shuffled = new Map(pool.map((a, i) => [a.openid, pool[order[i]].values]))
        const swapped = answers.map((a) => (shuffled.has(a.openid) ? { ...a, values: shuffled.get(a.openid)! } : a))
        expect(released(survey, swapped, true)).toBe(released(survey, answers, true))
      }),
      { numRuns: 300, seed: 20261206 },
    )
  })

  it('结束后：两栋隐藏的楼之间互换一份答卷的取值（最小的差分），公布的数不变', () => {
    fc.assert(
      fc.property(arbCase, fc.nat(), fc.nat(), (c, i, j) => {
        const survey = surveyOf(c)
        const answers = answersOf(c)
        const results = surveyResults(survey, answers, { closed: true })
        const hidden = new Set(results.buildings.filter((b) => b.hidden).map((b) => b.buildingId))
        const pool = answers.filter((a) => hidden.has(a.buildingId))
        if (pool.length < 2) return
        const a = pool[i % pool.length]
        const b = pool.filter((x) => x.buildingId !== a.buildingId)[j % Math.max(1, pool.filter((x) => x.buildingId !== a.buildingId).length)]
        if (!b) return
        const swapped = answers.map((x) => (x.openid === a.openid ? { ...x, values: b.values } : x.openid === b.openid ? { ...x, values: a.values } : x))
        expect(released(survey, swapped, true)).toBe(released(survey, answers, true))
      }),
      { numRuns: 300, seed: 20261207 },
    )
  })

  it('开着时：答卷取值任意改变（份数与楼不变），公布的数不变', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const survey = surveyOf(c)
        const answers = answersOf(c)
        const changed = answers.map((a, i) => ({ ...a, values: c.other[i] }))
        expect(released(survey, changed, false)).toBe(released(survey, answers, false))
        const results = surveyResults(survey, answers, { closed: false })
        expect(results.questions).toBeNull()
        expect(results.buildings.every((b) => b.questions === null)).toBe(true)
      }),
      { numRuns: 200, seed: 20261208 },
    )
  })

  it('看得见的例子：门槛 3，楼的份数 [5, 2, 0, 7]：2 份的楼不公布，池子只有 2 份，再藏最少的 5 份那栋；合计 14 份公布', () => {
    const c: Case = { minAnswers: 3, perBuilding: [5, 2, 0, 7].map((n) => Array.from({ length: n }, () => ({ q1: 4 }))), shuffle: [], other: [] }
    const r = surveyResults(surveyOf(c), answersOf(c), { closed: true })
    expect(r.buildings.map((b) => `${b.buildingId}:${b.respondents}:${b.hidden ? '藏' : '公布'}`)).toEqual(['b1:5:藏', 'b2:2:藏', 'b3:0:藏', 'b4:7:公布'])
    expect(r.questions?.find((q) => q.id === 'q1')).toMatchObject({ count: 14 })
  })
})
