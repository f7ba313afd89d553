/**
 * 表单错误说在对的地方、说对的话：
 * - 校验的中文前缀不张冠李戴（改之前建小区不填名称答"称呼：请填写小区名称"：name 字段统一叫"称呼"）；
 * - 答卷一次找出每道没答好的题（改之前只有第一道）。
 */
import { parsePayload } from '../../src/core/shared/schema'
import { createCommunitySchema, joinSchema, saveBuildingSchema } from '../../src/core/directory'
import { answerProblems, checkAnswerValues } from '../../src/core/surveys/rules'
import type { SurveyQuestion } from '../../src/core/surveys/model'

describe('名称字段的错误说的是它自己', () => {
  it('小区名称、楼栋名称、称呼：不再一律冠上"称呼："', () => {
    const community = parsePayload(createCommunitySchema, { requestId: 'req-community-1', name: '', hasPropertyCompany: true, oldEstate: false })
    expect(community).toMatchObject({ ok: false, message: '请填写小区名称', field: 'name' })
    const building = parsePayload(saveBuildingSchema, { communityId: 'c1', name: '春'.repeat(21), households: 10, units: 1, floors: 6 })
    expect(building).toMatchObject({ ok: false, message: '楼栋名称最多 20 个字' })
    expect(parsePayload(joinSchema, { code: 'K7M2Q9XA', name: '' })).toMatchObject({ ok: false, message: '请填写称呼' })
  })
})

describe('答卷：每道有问题的题都标出来', () => {
  const q = (id: string, type: SurveyQuestion['type'], required = true, options: string[] = []) =>
    ({ id, type, title: id, required, options }) as SurveyQuestion
  const survey = { questions: [q('q1', 'rating'), q('q2', 'rating'), q('q3', 'nps'), q('q4', 'single', true, ['是', '否']), q('q5', 'text', false)] }

  it('只答了第 1 题：第 2、3、4 题各有一句，选答的第 5 题没有；服务端的校验仍答第一句', () => {
    const values = { q1: 4 }
    expect(answerProblems(survey, values)).toEqual({ q2: '第 2 题还没有回答', q3: '第 3 题还没有回答', q4: '第 4 题还没有回答' })
    expect(checkAnswerValues(survey, values)).toMatchObject({ ok: false, message: '第 2 题还没有回答' })
  })

  it('答了但不合规的也算（分数越界、选项不存在）；全答好时为空', () => {
    expect(answerProblems(survey, { q1: 6, q2: 3, q3: 10, q4: 5 })).toEqual({ q1: '第 1 题请打 1 到 5 分', q4: '第 4 题请选一个选项' })
    expect(answerProblems(survey, { q1: 1, q2: 3, q3: 10, q4: 1 })).toEqual({})
  })
})
