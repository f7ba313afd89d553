/**
 * 满意度问卷（H5 构建 + 本地宿主 + 演示数据，Chromium 驱动）：
 * 1 号楼代表（rep1）从首页"问卷"进入，用物业服务满意度模板给 1号楼 发起一份问卷 →
 * 三位居民各用一个全新的浏览器扫码，在首页看到这份问卷，点进去作答、提交 →
 * 代表的结果页在前两份时只说"已收到 N 份，满 3 份后显示结果"，第三份之后出现各项满意度的图、NPS、分布与建议，
 * 全程不显示谁答了什么。每一步在 390×844 下截图到 screenshots/。
 */
import type { Page } from 'playwright-core'
import { openBuilding, startE2E, switchIdentity, type E2EEnv } from './helpers'
import { collectPageErrors, fillField, settle, shot } from './shots'

jest.setTimeout(120_000)

const CODE = 'CHY1'
const HOUSEHOLDS = 108
/** 模板：7 项评分（q1–q7）、推荐意愿（q8）、建议（q9）。 */
const RATINGS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7']

let env: E2EEnv
const errors: string[] = []

beforeAll(async () => {
  env = await startE2E()
})

afterAll(async () => {
  await env?.teardown()
})

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim()

interface Answer {
  ratings: number[]
  nps: number
  suggestion?: string
  home?: { unit: string; room: string }
}

/** 一位新居民：扫码 → 首页的问卷条 → 作答 → 提交 → "谢谢你的回答"。 */
async function answerAsNewResident(surveyId: string, answer: Answer, label: string, shots: { form?: string; done?: string } = {}) {
  const r = await env.newVisitor()
  collectPageErrors(r.page, errors, label)
  await openBuilding(r.page, CODE)
  const item = r.page.locator(`#strip-survey-${surveyId}`)
  await item.waitFor()
  expect(await item.textContent()).toContain('去答卷')
  await settle(r.page)
  await item.click()
  await r.page.waitForURL(/\/survey\/answer\/index\?id=/)
  await r.page.locator('#survey-submit').waitFor()
  expect(await text(r.page, '#survey-title')).toContain('物业服务满意度')
  for (const [i, q] of RATINGS.entries()) await r.page.locator(`#survey-${q}-${answer.ratings[i]}`).click()
  await r.page.locator(`#survey-q8-${answer.nps}`).click()
  if (answer.suggestion) await fillField(r.page, '#survey-q9-input', answer.suggestion)
  if (answer.home) {
    await fillField(r.page, '#survey-unit', answer.home.unit)
    await fillField(r.page, '#survey-room', answer.home.room)
  }
  if (shots.form) await shot(r.page, shots.form, { full: true })
  await r.page.locator('#survey-submit').click()
  await r.page.locator('#survey-done').waitFor()
  expect(await text(r.page, '#survey-done')).toContain('谢谢你的回答')
  if (shots.done) await shot(r.page, shots.done)
  return r
}

/** 代表的结果页：刷新后等内容出现。 */
async function reloadResults(page: Page) {
  await page.reload()
  await page.locator('#survey-response-total').waitFor()
}

test('代表按模板发起问卷，三位居民作答；问卷开着时只有份数，代表提前结束后结果与图才出现', async () => {
  // ---- 代表：首页 → 问卷 → 发起问卷（模板、1号楼已选好）----
  const rep = await env.newVisitor()
  collectPageErrors(rep.page, errors, '代表')
  await openBuilding(rep.page, CODE)
  await switchIdentity(rep.page, 'rep1')
  await rep.page.locator('#action-surveys').click()
  await rep.page.waitForURL(/\/rep\/surveys\/index/)
  await rep.page.locator('#survey-create').waitFor()
  await shot(rep.page, 'survey-01-rep-list')

  await settle(rep.page)
  await rep.page.locator('#survey-create').click()
  await rep.page.waitForURL(/\/rep\/surveyEdit\/index/)
  await rep.page.locator('#survey-submit').waitFor()
  // 只管一栋楼的代表：1号楼 已选好，没有"整个小区"；默认用模板，预览里 9 道题。
  await expect(rep.page.locator(`#survey-building-${CODE}`).getAttribute('class')).resolves.toContain('gcheck--on')
  expect(await rep.page.locator('#survey-target-community').count()).toBe(0)
  expect(await rep.page.locator('#survey-template-preview .se-template__item').count()).toBe(9)
  const title = `物业服务满意度调查 ${new Date().toISOString().slice(11, 19).replace(/:/g, '')}`
  await fillField(rep.page, '#survey-title-input', title)
  await rep.page.locator('#survey-closes-7').click()
  expect(await text(rep.page, '#survey-period-text')).toMatch(/^现在开始，.+（含当天）截止/)
  await shot(rep.page, 'survey-02-rep-create', { full: true })
  await rep.page.locator('#survey-submit').click()

  // 发起后到结果页：0 份，问卷开着，结果不显示。
  await rep.page.waitForURL(/\/rep\/surveyResults\/index\?id=/)
  const surveyId = new URL(rep.page.url()).searchParams.get('id') ?? ''
  expect(surveyId).not.toBe('')
  await rep.page.locator('#survey-results-pending').waitFor()
  expect(await text(rep.page, '#survey-results-pending')).toContain('问卷结束后显示结果（现已收到 0 份）')
  expect(await text(rep.page, '#survey-response-total')).toContain(`0/${HOUSEHOLDS} 户`)
  await shot(rep.page, 'survey-03-rep-results-empty')

  // ---- 三位居民 ----
  const r1 = await answerAsNewResident(
    surveyId,
    { ratings: [4, 4, 4, 4, 4, 4, 4], nps: 9, suggestion: '希望电梯维保时提前一天贴通知', home: { unit: '2', room: '702' } },
    '居民甲',
    {
      form: 'survey-04-resident-form',
      done: 'survey-05-resident-done',
    },
  )
  // 答过的居民回首页：问卷条写"已答，可修改"。
  await settle(r1.page)
  await r1.page.locator('#survey-home').click()
  await r1.page.locator(`#strip-survey-${surveyId}`).waitFor()
  await r1.page.waitForFunction((id) => document.querySelector(`#strip-survey-${id}`)?.textContent?.includes('已答，可修改'), surveyId)
  await shot(r1.page, 'survey-06-landing-answered')

  await answerAsNewResident(surveyId, { ratings: [5, 5, 5, 5, 5, 5, 5], nps: 10 }, '居民乙')
  await reloadResults(rep.page)
  expect(await text(rep.page, '#survey-results-pending')).toContain('问卷结束后显示结果（现已收到 2 份）')
  expect(await rep.page.locator('#survey-chart').count()).toBe(0)
  await shot(rep.page, 'survey-07-rep-results-two')

  await answerAsNewResident(surveyId, { ratings: [3, 3, 3, 3, 3, 3, 2], nps: 6, suggestion: '地下车库的灯太暗了' }, '居民丙')

  // ---- 代表：三份了，问卷还开着，仍只有份数（开着时分数随每一份变动，前后一比就认得出是谁）----
  await reloadResults(rep.page)
  expect(await text(rep.page, '#survey-results-pending')).toContain('问卷结束后显示结果（现已收到 3 份）')
  expect(await rep.page.locator('#survey-chart').count()).toBe(0)
  expect((await rep.page.locator('.sr-page').textContent()) ?? '').not.toContain('地下车库的灯太暗了')

  // ---- 代表：在列表里提前结束，结果出现 ----
  await rep.page.goto('/rep/surveys/index')
  await rep.page.locator(`#survey-close-${surveyId}`).click()
  await rep.page.locator('#survey-close-confirm-ok').click()
  await rep.page.waitForFunction((id) => document.querySelector(`#survey-status-${id}`)?.textContent?.includes('已结束'), surveyId)
  await rep.page.locator(`#survey-results-${surveyId}`).click()
  await rep.page.waitForURL(/\/rep\/surveyResults\/index\?id=/)
  await rep.page.locator('#survey-chart').waitFor()
  expect(await rep.page.locator('#survey-results-hidden').count()).toBe(0)
  expect(await rep.page.locator('#survey-results-pending').count()).toBe(0)
  expect(await text(rep.page, '#survey-response-total')).toContain(`3/${HOUSEHOLDS} 户`)
  // 保洁（q1）均分 (4+5+3)/3 = 4.0；总体（q7）(4+5+2)/3 = 3.7。
  expect(await text(rep.page, '#chart-row-q1')).toContain('4.0')
  expect(await text(rep.page, '#chart-row-q7')).toContain('3.7')
  // 图真的画出来了：条的宽度与均分成比例（4.0/5 = 80%，3.7/5 = 74%）。
  const widthRatio = (q: string) =>
    rep.page.evaluate((id) => {
      const bar = document.querySelector(`#chart-bar-${id}`) as HTMLElement
      return bar.getBoundingClientRect().width / (bar.parentElement as HTMLElement).getBoundingClientRect().width
    }, q)
  expect(await widthRatio('q1')).toBeCloseTo(0.8, 2)
  expect(await widthRatio('q7')).toBeCloseTo(0.74, 2)
  // NPS：推荐者 2、贬损者 1，(2 − 1)/3 = +33。
  expect(await text(rep.page, '#survey-nps-value')).toBe('+33')
  // 建议两条，都在；没有任何居民的标识（新访客的 openid 以 local_ 开头）或"居民甲"之类。
  const body = (await rep.page.locator('.sr-page').textContent()) ?? ''
  expect(body).toContain('希望电梯维保时提前一天贴通知')
  expect(body).toContain('地下车库的灯太暗了')
  expect(body).not.toMatch(/local_|openid|702/)
  // 按户：一位填了单元和房号。
  expect(await text(rep.page, '#survey-household-rate')).toContain('按户：1 户')
  await shot(rep.page, 'survey-08-rep-results', { full: true })

  // 代表的列表：这份问卷 3/108。
  await rep.page.goto('/rep/surveys/index')
  await rep.page.locator(`#survey-respondents-${surveyId}`).waitFor()
  expect(await text(rep.page, `#survey-respondents-${surveyId}`)).toContain(`3/${HOUSEHOLDS} 户`)
  await shot(rep.page, 'survey-09-rep-list-after')

  expect(errors).toEqual([])
})
