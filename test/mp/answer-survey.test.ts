/**
 * 居民答满意度问卷（真实的 weapp 测试构建 + 真实的云函数 + 种好演示数据的临时 SQLite，先 npm run build:weapp:test）：
 * 1 号楼代表李建国经真实的 surveys.create 按模板发一份问卷（准备数据，不经过页面）；
 * 居民在落地页的问卷条上看到它写着"去答卷"，点开答卷分包里的页面（surveys.form），
 * 打分、选推荐意愿、写建议、填单元房号，点提交：页面经 wx.cloud.callFunction 调 surveys.answer，
 * 函数收到的就是页面上的回答，库里这位居民一份答卷；再打开时带着上次的回答，改了再交是替换，库里仍是一份。
 * 没答完就提交：错误放在那道题下面，不调用函数。
 */
import type { ManagedSurveyView } from '../../src/core/surveys'
import { setupMp, type MpHarness } from './harness'
import { createSeededFunctions, MP_TEST_OPENID, type SeededFunctions } from './realFunctions'

const REP = 'demo_rep_li'
const RESIDENT = MP_TEST_OPENID
const COMMUNITY = 'c_chunhui'
const TITLE = '1号楼电梯与保洁满意度小调查'
const SUGGESTION = '希望电梯维保时提前一天贴通知'

jest.setTimeout(20_000)

let fns: SeededFunctions
let mp: MpHarness
let survey: ManagedSurveyView

const as = <T>(openid: string, name: string, action: string, payload: unknown) => fns.as<T>(openid, name, action, payload)

const storedAnswers = () =>
  fns.store.db.prepare('SELECT openid, building_id, unit, room, answer_values FROM survey_answers WHERE survey_id = ?').all(survey.id) as {
    openid: string
    building_id: string
    unit: string
    room: string
    answer_values: string
  }[]

beforeAll(async () => {
  fns = await createSeededFunctions()
  mp = setupMp({ functions: fns.handler })
  survey = await as<ManagedSurveyView>(REP, 'surveys', 'create', {
    requestId: 'mp-answer-survey-create-1',
    communityId: COMMUNITY,
    target: { scope: 'buildings', buildingCodes: ['CHY1'] },
    title: TITLE,
    template: 'property_satisfaction',
    questions: [],
    opensOn: null,
    closesOn: '2026-11-30',
    minAnswers: 3,
  })
  expect(survey.status).toBe('open')
})

afterEach(async () => {
  await mp.cleanup()
  fns.setOpenid(RESIDENT)
})

afterAll(() => fns?.cleanup())

describe('居民答问卷', () => {
  it('落地页问卷条 → 答卷页打分、提交：surveys.answer 收到页面上的回答，库里一份；再交是替换', async () => {
    const landing = await mp.renderPage('pages/building/index', { b: 'CHY1' })
    await landing.waitFor(() => landing.exists(`strip-survey-${survey.id}`), 3000, '问卷条')
    expect(landing.textOf(`strip-survey-${survey.id}`)).toContain(TITLE)
    expect(landing.textOf(`strip-survey-${survey.id}`)).toContain('去答卷')
    // 问卷条的数据（surveys.open 的同形）随落地页那一次 account.landing 来。
    expect(mp.calls).toEqual([{ name: 'account', action: 'landing', payload: { buildingCode: 'CHY1' } }])
    await landing.tap(`strip-survey-${survey.id}`)
    await landing.waitFor(() => mp.navigations.length > 0, 1000, '导航')
    const url = `/survey/answer/index?id=${survey.id}&b=CHY1`
    expect(mp.navigations).toEqual([{ kind: 'navigateTo', url }])
    mp.clearRecords()

    const query = Object.fromEntries(new URLSearchParams(url.split('?')[1]))
    const page = await mp.renderPage('survey/answer/index', query)
    await page.waitFor(() => page.exists('survey-submit'), 3000, '答卷页')
    expect(mp.calls).toEqual([{ name: 'surveys', action: 'form', payload: { surveyId: survey.id, buildingCode: 'CHY1' } }])
    expect(page.textOf('survey-title')).toBe(TITLE)
    expect(page.exists('survey-mine')).toBe(false)

    // 只答了前两题就提交：第 3 题下面说"还没有回答"，不调用函数。
    await page.tap('survey-q1-4')
    await page.tap('survey-q2-5')
    mp.clearRecords()
    await page.tap('survey-submit')
    await page.waitFor(() => page.exists('survey-q3-error'), 1000, '第 3 题的错误')
    expect(page.textOf('survey-q3-error')).toBe('第 3 题还没有回答')
    // 每道没答的必答题一次全标出（改之前：一次只标第一道，要点好几次提交才找全）。
    for (const q of ['q4', 'q5', 'q6', 'q7']) expect(page.textOf(`survey-${q}-error`)).toBe(`第 ${q.slice(1)} 题还没有回答`)
    expect(page.textOf('survey-error')).toMatch(/^有 \d+ 道题要补上，已在题下标出$/)
    expect(mp.calls).toEqual([])
    // 答好一题，那一题的提示收起，别的还在。
    await page.tap('survey-q3-3')
    await page.waitFor(() => !page.exists('survey-q3-error'), 1000, '第 3 题的提示收起')
    expect(page.exists('survey-q4-error')).toBe(true)

    const ratings = { q3: 3, q4: 4, q5: 2, q6: 5, q7: 4 }
    for (const [q, score] of Object.entries(ratings)) await page.tap(`survey-${q}-${score}`)
    await page.tap('survey-q8-9')
    await page.input('#survey-q9-input', SUGGESTION)
    await page.input('#survey-unit', '2')
    // 房号粘贴了 12 个字：不悄悄截成 10 个（改之前 maxLength 截掉），卡片里说超了几个字，提交被拒、不调用函数。
    await page.input('#survey-room', '7号楼2单元702室旁边')
    await page.waitFor(() => page.exists('survey-home-error'), 1000, '房号超长的提示')
    expect(page.textOf('survey-home-error')).toBe('房号超出 2 个字，最多 10 个字，请删减后再提交')
    mp.clearRecords()
    await page.tap('survey-submit')
    await page.waitFor(() => page.exists('survey-error'), 1000, '页底的提示')
    expect(page.textOf('survey-error')).toBe('房号超出 2 个字，最多 10 个字，请删减后再提交')
    expect(mp.calls).toEqual([])
    await page.input('#survey-room', '702')
    await page.waitFor(() => !page.exists('survey-home-error'), 1000, '提示收起')
    await page.tap('survey-submit')
    await page.waitFor(() => page.exists('survey-done'), 3000, '提交成功')
    expect(page.textOf('survey-done')).toContain('谢谢你的回答')

    const answers = mp.calls.filter((c) => c.action === 'answer')
    expect(answers).toHaveLength(1)
    const values = { q1: 4, q2: 5, ...ratings, q8: 9, q9: SUGGESTION }
    expect(answers[0]).toEqual({
      name: 'surveys',
      action: 'answer',
      payload: { surveyId: survey.id, buildingCode: 'CHY1', requestId: expect.any(String), unit: '2', room: '702', values },
    })
    expect(storedAnswers().map((r) => ({ ...r, answer_values: JSON.parse(r.answer_values) }))).toEqual([
      { openid: RESIDENT, building_id: 'b_chy1', unit: '2', room: '702', answer_values: values },
    ])
    await page.unmount()
    mp.clearRecords()

    // 再打开：带着上次的回答；把保洁改成 2 分再交，是替换。
    const again = await mp.renderPage('survey/answer/index', query)
    await again.waitFor(() => again.exists('survey-mine'), 3000, '已交过的提示')
    expect(again.classOf('survey-q1-4')).toContain('sv-score--on')
    expect(again.textOf('survey-submit')).toBe('更新答卷')
    await again.tap('survey-q1-2')
    await again.tap('survey-submit')
    await again.waitFor(() => again.exists('survey-done'), 3000, '更新成功')
    expect(again.textOf('survey-done')).toContain('已更新你的答卷')
    const rows = storedAnswers()
    expect(rows).toHaveLength(1)
    expect(JSON.parse(rows[0].answer_values)).toEqual({ ...values, q1: 2 })
  })
})

describe('建议的字数：字数提示与提交时的核对同一个数法（core 的 textLength）', () => {
  it('写 251 个 emoji：提示"超出 2 个字"，提交也被拒（改之前核对按码点数只算 251 个，提示说超了、提交照样通过）', async () => {
    const page = await mp.renderPage('survey/answer/index', { id: survey.id, b: 'CHY1' })
    await page.waitFor(() => page.exists('survey-submit'), 3000, '答卷页')
    for (const [q, score] of Object.entries({ q1: 4, q2: 4, q3: 4, q4: 4, q5: 4, q6: 4, q7: 4 })) await page.tap(`survey-${q}-${score}`)
    await page.tap('survey-q8-9')
    await page.input('#survey-q9-input', '😀'.repeat(251))
    await page.waitFor(() => page.textOf('survey-q9-input-length').includes('超出'), 1000, '字数提示')
    expect(page.textOf('survey-q9-input-length')).toContain('超出 2 个字，最多 500 个字')
    mp.clearRecords()
    await page.tap('survey-submit')
    await page.waitFor(() => page.exists('survey-q9-error'), 1000, '第 9 题的提示')
    expect(page.textOf('survey-q9-error')).toBe('第 9 题最多 500 个字')
    expect(mp.calls).toEqual([])
    // 250 个正好 500：提示不说超出，提交通过。
    await page.input('#survey-q9-input', '😀'.repeat(250))
    await page.waitFor(() => !page.textOf('survey-q9-input-length').includes('超出'), 1000, '提示收起')
    expect(page.textOf('survey-q9-input-length')).toContain('500/500')
  })
})

describe('代表出题 rep/surveyEdit/index', () => {
  it('自己出题时题目没填：提示在那一题下面（"第 1 题：请填写题目"），不在已经填好的问卷标题下面', async () => {
    fns.setOpenid(REP)
    const page = await mp.renderPage('rep/surveyEdit/index', {})
    await page.waitFor(() => page.exists('survey-source-custom'), 3000, '出题页')
    await page.tap('survey-source-custom')
    await page.waitFor(() => page.exists('question-1'), 1000, '第 1 题')
    mp.clearRecords()
    await page.tap('survey-submit')
    await page.waitFor(() => page.exists('error-question-1'), 1000, '第 1 题下的提示')
    expect(page.textOf('error-question-1')).toBe('请填写题目')
    // 改之前：题目的"请填写题目"落在问卷标题下（两者的字段名都叫 title）。
    expect(page.exists('error-survey-title')).toBe(false)
    expect(page.textOf('error-survey-questions')).toBe('第 1 题：请填写题目')
    expect(mp.calls.filter((c) => c.action === 'create')).toEqual([])
  })
})
