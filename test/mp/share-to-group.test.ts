/**
 * 转发到业主群（真实的 weapp 测试构建 + 真实的云函数 + 演示数据）：公告页、问卷页与楼栋首页的 onShareAppMessage
 * 给出的卡片标题说清是哪个小区哪栋楼的什么，路径打开同一栋楼的同一条（带 b= 与 s=1）；
 * 从分享路径（s=1）打开公告页时，notices.read 带 fromShare，库里这条阅读记为来自分享。
 */
import type { ManagedNoticeView } from '../../src/core/notices'
import type { ManagedSurveyView } from '../../src/core/surveys'
import { setupMp, type MpHarness, type PageHandle } from './harness'
import { createSeededFunctions, MP_TEST_OPENID, type SeededFunctions } from './realFunctions'

const REP = 'demo_rep_li'
const COMMUNITY = 'c_chunhui'

jest.setTimeout(20_000)

let fns: SeededFunctions
let mp: MpHarness
let notice: ManagedNoticeView
let survey: ManagedSurveyView

type ShareObject = { title?: string; path?: string; promise?: Promise<{ title: string; path: string; imageUrl?: string }> }
const share = (page: PageHandle): ShareObject => {
  const handler = (page.instance as unknown as { onShareAppMessage?: (o: { from: string }) => ShareObject }).onShareAppMessage
  expect(typeof handler).toBe('function')
  return handler!.call(page.instance, { from: 'menu' })
}
const query = (path: string) => Object.fromEntries(new URLSearchParams(path.split('?')[1] ?? ''))

beforeAll(async () => {
  fns = await createSeededFunctions()
  mp = setupMp({ functions: fns.handler })
  notice = await fns.as<ManagedNoticeView>(REP, 'notices', 'publish', {
    requestId: 'mp-share-notice-1',
    communityId: COMMUNITY,
    target: { scope: 'buildings', buildingCodes: ['CHY1'] },
    title: '电梯年检通知',
    body: '12 月 10 日上午电梯年检，请走楼梯。',
    images: [],
    pinned: false,
    expiresOn: null,
  })
  survey = await fns.as<ManagedSurveyView>(REP, 'surveys', 'create', {
    requestId: 'mp-share-survey-1',
    communityId: COMMUNITY,
    target: { scope: 'buildings', buildingCodes: ['CHY1'] },
    title: '物业服务满意度调查',
    template: 'property_satisfaction',
    questions: [],
    opensOn: null,
    closesOn: '2026-12-31',
    minAnswers: 3,
  })
})
afterEach(async () => {
  await mp.cleanup()
  fns.setOpenid(MP_TEST_OPENID)
})
afterAll(() => fns?.cleanup())

describe('分享卡片', () => {
  it('公告页：标题写小区、楼栋与公告标题；路径打开同一栋楼的同一条公告，带 s=1', async () => {
    const page = await mp.renderPage('resident/notice/index', { id: notice.id, b: 'CHY1' })
    await page.waitForText('电梯年检通知')
    const card = share(page)
    expect(card.title).toContain('1号楼')
    expect(card.title).toContain('电梯年检通知')
    expect(card.path!.startsWith('/pages/notice/index?')).toBe(true)
    expect(query(card.path!)).toEqual({ id: notice.id, b: 'CHY1', s: '1' })
    expect(page.exists('notice-share')).toBe(true)
  })

  it('从分享路径打开公告页：notices.read 带 fromShare，库里这条阅读记为来自分享', async () => {
    fns.setOpenid('mp_group_member')
    const page = await mp.renderPage('resident/notice/index', { id: notice.id, b: 'CHY1', s: '1' })
    await page.waitForText('电梯年检通知')
    const call = mp.calls.find((c) => c.name === 'notices' && c.action === 'read')
    expect(call?.payload).toEqual({ noticeId: notice.id, buildingCode: 'CHY1', fromShare: true })
    const row = fns.store.db.prepare('SELECT via_share FROM notice_reads WHERE notice_id = ? AND openid = ?').get(notice.id, 'mp_group_member') as {
      via_share: number
    }
    expect(row.via_share).toBe(1)
  })

  it('问卷页：标题写小区、楼栋与问卷标题；路径打开同一栋楼的同一份问卷', async () => {
    const page = await mp.renderPage('survey/answer/index', { id: survey.id, b: 'CHY1' })
    await page.waitForText('物业服务满意度调查')
    const card = share(page)
    expect(card.title).toContain('1号楼')
    expect(card.title).toContain('物业服务满意度调查')
    expect(query(card.path!)).toEqual({ id: survey.id, b: 'CHY1', s: '1' })
  })

  it('楼栋首页：标题写小区与楼栋；路径打开同一栋楼的首页', async () => {
    const page = await mp.renderPage('pages/building/index', { b: 'CHY1' })
    await page.waitForText('我要报事')
    const card = share(page)
    expect(card.title).toContain('1号楼')
    expect(card.path!.startsWith('/pages/building/index?')).toBe(true)
    expect(query(card.path!)).toEqual({ b: 'CHY1', s: '1' })
  })
})
