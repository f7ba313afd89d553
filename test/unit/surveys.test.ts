/**
 * 满意度问卷的纯函数：模板、答卷核对、结果（门槛、NPS、文字答案的顺序、没有身份）、环比；
 * 以及写进统计桶的增量与从答卷的重算逐桶相同，且与结果页算出的维度均分一致（两条独立的路）。
 */
import fc from 'fast-check'
import { SATISFACTION_DIMENSIONS } from '../../src/core/shared/catalog'
import type { Survey, SurveyAnswer } from '../../src/core/surveys'
import {
  deltasForAnswer,
  deltasForSurvey,
  recountSurveys,
  checkAnswerValues,
  compareWithPrevious,
  npsOf,
  satisfactionTemplate,
  surveyResults,
} from '../../src/core/surveys'
import { textLength } from '../../src/core/shared/textLength'
import { applyDeltas, Totals, type TallyBucket } from '../../src/core/tally'

/** 问卷已结束：分数才公布。 */
const CLOSED = { closed: true }
const lines = (bs: TallyBucket[]) => bs.map((b) => `${b.scope}|${b.month}|${b.metric}=${b.count}/${b.sum}`).sort()

const aSurvey = (over: Partial<Survey> = {}): Survey => ({
  id: 's1',
  communityId: 'c1',
  wholeCommunity: true,
  targets: [
    { buildingId: 'b1', households: 108 },
    { buildingId: 'b2', households: 44 },
  ],
  title: '2026 年下半年物业服务满意度调查',
  template: 'property_satisfaction',
  questions: satisfactionTemplate(),
  opensAt: '2026-11-01T00:00:00.000Z',
  closesAt: '2026-11-30T16:00:00.000Z',
  closedAt: null,
  minAnswers: 3,
  authorId: 'committee_zhang',
  requestId: 'survey-0001',
  createdAt: '2026-11-01T00:00:00.000Z',
  month: '2026-11',
  ...over,
})

/** 一份答卷：七个维度都打 score 分，推荐意愿 nps 分，建议 text。 */
const anAnswer = (openid: string, buildingId: string, score: number, nps: number, text = '', over: Partial<SurveyAnswer> = {}): SurveyAnswer => ({
  surveyId: 's1',
  openid,
  buildingId,
  unit: '',
  room: '',
  values: { ...Object.fromEntries(SATISFACTION_DIMENSIONS.map((_, i) => [`q${i + 1}`, score])), q8: nps, ...(text ? { q9: text } : {}) },
  requestId: `answer-${openid}`,
  at: '2026-11-10T02:00:00.000Z',
  viaShare: false,
  ...over,
})

describe('模板与答卷核对', () => {
  it('物业服务满意度：保洁、安保、维修、绿化、停车、客服、总体各 1–5 分，推荐意愿 0–10，一条可不答的建议', () => {
    const q = satisfactionTemplate()
    expect(q.map((x) => `${x.id}:${x.type}:${x.dimension ?? ''}`)).toEqual([
      'q1:rating:cleaning',
      'q2:rating:security',
      'q3:rating:repair',
      'q4:rating:greenery',
      'q5:rating:parking',
      'q6:rating:service',
      'q7:rating:overall',
      'q8:nps:',
      'q9:text:',
    ])
    expect(q[8].required).toBe(false)
  })

  it('答了的才留下；范围、类型、必答、多选重复、卷上没有的题都答一句指出第几题的中文', () => {
    const survey = {
      questions: [
        ...satisfactionTemplate(),
        { id: 'q10', type: 'multiple' as const, title: '希望改进', required: false, options: ['保洁', '停车', '门禁'], dimension: null },
      ],
    }
    const full = anAnswer('a', 'b1', 4, 9, '  楼道灯希望换成感应的  ').values
    expect(checkAnswerValues(survey, { ...full, q10: [2, 0] })).toEqual({ ok: true, data: { ...full, q9: '楼道灯希望换成感应的', q10: [0, 2] } })
    // 空白的文字、空的多选不算回答（两题都不是必答）。
    const { q9: _blank, ...withoutText } = full
    expect(checkAnswerValues(survey, { ...full, q9: '   ', q10: [] })).toEqual({ ok: true, data: withoutText })
    expect(checkAnswerValues(survey, { ...full, q3: 6 })).toMatchObject({ ok: false, message: '第 3 题请打 1 到 5 分' })
    expect(checkAnswerValues(survey, { ...full, q8: 10.5 })).toMatchObject({ ok: false, message: '第 8 题请选 0 到 10 分' })
    expect(checkAnswerValues(survey, { ...full, q1: undefined })).toMatchObject({ ok: false, message: '第 1 题还没有回答' })
    expect(checkAnswerValues(survey, { ...full, q10: [1, 1] })).toMatchObject({ ok: false, message: '第 10 题的选项不正确' })
    expect(checkAnswerValues(survey, { ...full, q99: 3 })).toMatchObject({ ok: false, message: '答卷里有问卷上没有的题，请刷新后重答' })
    expect(checkAnswerValues(survey, { ...full, q9: '建'.repeat(501) })).toMatchObject({ ok: false, message: '第 9 题最多 500 个字' })
  })

  it('文字题的上限与字数提示同一个数法（core 的 textLength，同 zod 的 max）：一个 emoji 记 2 个字', () => {
    const survey = { questions: satisfactionTemplate() }
    const full = anAnswer('a', 'b1', 4, 9, '').values
    expect(textLength('😀')).toBe(2)
    expect(checkAnswerValues(survey, { ...full, q9: '😀'.repeat(250) })).toMatchObject({ ok: true })
    // 改之前按码点数：251 个 emoji 算 251 个字通过，而框下的提示说超出 2 个字。
    expect(checkAnswerValues(survey, { ...full, q9: '😀'.repeat(251) })).toMatchObject({ ok: false, message: '第 9 题最多 500 个字' })
    expect(checkAnswerValues(survey, { ...full, q9: `${'建'.repeat(499)}😀` })).toMatchObject({ ok: false, message: '第 9 题最多 500 个字' })
  })
})

describe('结果', () => {
  const answers = [
    anAnswer('a', 'b1', 5, 10, '保洁很及时', { unit: '1', room: '101' }),
    anAnswer('b', 'b1', 4, 9, '', { unit: '1', room: '101' }),
    anAnswer('c', 'b1', 3, 7, '停车位太少'),
    anAnswer('d', 'b1', 2, 3),
    anAnswer('e', 'b2', 1, 0, '门禁经常坏'),
    anAnswer('f', 'b2', 4, 8),
  ]

  it('合计：6 份答卷 / 152 户；总体均分 3.2、分布；NPS = (2 − 2) / 6 = 0；按户答卷率只数填了房号的不同户', () => {
    const r = surveyResults(aSurvey(), answers, CLOSED)
    expect(r.responseRate).toMatchObject({ numerator: 6, denominator: 152, percent: 4 })
    expect(r.householdRate).toMatchObject({ numerator: 1, denominator: 152 })
    const overall = r.questions?.find((q) => q.id === 'q7')
    expect(overall).toMatchObject({ count: 6, sum: 19, mean: 3.2, distribution: [1, 1, 1, 2, 1] })
    expect(r.questions?.find((q) => q.type === 'nps')).toMatchObject({ promoters: 2, passives: 2, detractors: 2, nps: 0 })
    expect(npsOf(5, 3, 2)).toBe(30)
    expect(npsOf(0, 0, 0)).toBeNull()
  })

  it('门槛 3：2 号楼只有 2 份，它的分项不显示；不显示的楼合起来不到 3 份，1 号楼也不显示（补充隐藏，否则合计减 1 号楼就是 2 号楼）；全部不到 3 份时整份不显示', () => {
    const r = surveyResults(aSurvey(), answers, CLOSED)
    expect(r.buildings.map((b) => `${b.buildingId}:${b.respondents}:${b.hidden}`)).toEqual(['b1:4:true', 'b2:2:true'])
    expect(r.buildings.map((b) => b.questions)).toEqual([null, null])
    expect(r.questions?.find((q) => q.id === 'q7')).toMatchObject({ count: 6 })
    // 2 号楼再有一份：两栋楼都到门槛，都显示；按楼的结果没有文字题（小范围里文字最容易认出是谁）。
    const both = surveyResults(aSurvey(), [...answers, anAnswer('g', 'b2', 5, 10)], CLOSED)
    expect(both.buildings.map((b) => `${b.buildingId}:${b.respondents}:${b.hidden}`)).toEqual(['b1:4:false', 'b2:3:false'])
    expect(both.buildings[0].questions?.some((q) => q.type === 'text')).toBe(false)
    const few = surveyResults(aSurvey(), answers.slice(4), CLOSED)
    expect(few).toMatchObject({ hidden: true, questions: null, respondents: 2 })
  })

  it('问卷开着时只有份数与答卷率：各题结果、各楼结果都不给；门槛低于 3 的旧问卷按 3 份算', () => {
    const open = surveyResults(aSurvey(), answers, { closed: false })
    expect(open).toMatchObject({ respondents: 6, scoresReleased: false, questions: null, minAnswers: 3 })
    expect(open.buildings.map((b) => [b.respondents, b.questions])).toEqual([
      [4, null],
      [2, null],
    ])
    expect(surveyResults(aSurvey({ minAnswers: 1 }), answers.slice(4), CLOSED)).toMatchObject({ hidden: true, questions: null, minAnswers: 3 })
  })

  it('结果里没有任何人的身份；文字答案的顺序与提交先后无关', () => {
    const r = surveyResults(aSurvey(), answers, CLOSED)
    expect(JSON.stringify(r)).not.toMatch(/"(a|b|c|d|e|f)"|openid|requestId/)
    const reversed = surveyResults(aSurvey(), [...answers].reverse(), CLOSED)
    const texts = (x: typeof r) => x.questions?.find((q) => q.type === 'text')
    expect(texts(reversed)).toEqual(texts(r))
    expect(texts(r)).toMatchObject({ count: 3 })
  })

  it('环比：与上一次同模板问卷逐维度比较，上一次不显示时那一边为 null', () => {
    const before = [anAnswer('a', 'b1', 3, 6), anAnswer('b', 'b1', 3, 9), anAnswer('c', 'b1', 2, 5)]
    const cmp = compareWithPrevious(surveyResults(aSurvey(), answers, CLOSED), surveyResults(aSurvey(), before, CLOSED))
    expect(cmp.dimensions.find((d) => d.dimension === 'overall')).toEqual({ dimension: 'overall', label: '总体', current: 3.2, previous: 2.7, change: 0.5 })
    expect(cmp.nps).toEqual({ current: 0, previous: -33, change: 33 })
    const none = compareWithPrevious(surveyResults(aSurvey(), answers, CLOSED), surveyResults(aSurvey(), before.slice(0, 2), CLOSED))
    expect(none.dimensions[0]).toMatchObject({ previous: null, change: null })
  })
})

describe('写进统计的数字', () => {
  it('建问卷：每栋目标楼记一次、总量为户数；一份答卷：答卷人一次、每个维度记分、推荐意愿按三档', () => {
    expect(lines(deltasForSurvey(aSurvey()))).toEqual(['building:b1|2026-11|survey.targeted=1/108', 'building:b2|2026-11|survey.targeted=1/44'])
    const d = lines(deltasForAnswer(aSurvey(), anAnswer('a', 'b2', 4, 9)))
    expect(d).toEqual(
      expect.arrayContaining([
        'building:b2|2026-11|survey.respondents=1/0',
        'building:b2|2026-11|survey.dimension.overall=1/4',
        'building:b2|2026-11|survey.dimension_score.overall.4=1/0',
        'building:b2|2026-11|survey.nps.promoter=1/0',
      ]),
    )
    expect(d).toHaveLength(1 + 7 * 2 + 1)
  })

  it('任意答卷与替换（换楼、改分）交错之后：累加的增量与重算逐桶相同，且桶里的维度均分等于结果页从答卷算出的', () => {
    const arbValues = fc.record({ score: fc.integer({ min: 1, max: 5 }), nps: fc.integer({ min: 0, max: 10 }), skipNps: fc.boolean() })
    const arbStep = fc.record({ who: fc.constantFrom('a', 'b', 'c', 'd', 'e'), building: fc.constantFrom('b1', 'b2'), v: arbValues })
    fc.assert(
      fc.property(fc.array(arbStep, { minLength: 1, maxLength: 60 }), (steps) => {
        const survey = aSurvey()
        let buckets = applyDeltas([], deltasForSurvey(survey))
        const current = new Map<string, SurveyAnswer>()
        for (const s of steps) {
          const answer = anAnswer(s.who, s.building, s.v.score, s.v.nps)
          if (s.v.skipNps) delete answer.values.q8
          buckets = applyDeltas(buckets, deltasForAnswer(survey, answer, current.get(s.who) ?? null))
          current.set(s.who, answer)
        }
        const answers = [...current.values()]
        expect(lines(buckets)).toEqual(lines(recountSurveys([survey], answers)))
        const totals = new Totals(buckets, ['2026-11'])
        expect(totals.count('survey.respondents')).toBe(answers.length)
        const overall = surveyResults(survey, answers, CLOSED).questions?.find((q) => q.id === 'q7')
        if (answers.length >= 3)
          expect(totals.measure('survey.dimension.overall')).toEqual({ count: overall?.count, sum: overall?.type === 'rating' ? overall.sum : NaN })
      }),
      { numRuns: 300, seed: 20261121 },
    )
  })
})
