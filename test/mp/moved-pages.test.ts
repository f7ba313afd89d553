/**
 * 居民页面搬进预下载的分包 resident/ 之后（issue 23），已经发出去的链接仍然打得开（真实的 weapp 测试构建）：
 * 报事进度与新公告的订阅消息、公告的分享卡片指向的旧路径在主包里，是转发页，原样带着参数 redirectTo 到分包里的页面；
 * 落地页显示时预下载 resident/。
 */
import fs from 'node:fs'
import path from 'node:path'
import { NEW_NOTICE_TEMPLATE } from '../../src/core/notices'
import { REPORT_PROGRESS_TEMPLATE } from '../../src/core/reports'
import { DEFAULT_DIST, setupMp, type MpHarness } from './harness'
import { createSeededFunctions, MP_TEST_OPENID, type SeededFunctions } from './realFunctions'

let fns: SeededFunctions
let mp: MpHarness

beforeAll(async () => {
  fns = await createSeededFunctions()
  mp = setupMp({ functions: fns.handler })
})
afterEach(async () => {
  await mp.cleanup()
  fns.setOpenid(MP_TEST_OPENID)
})
afterAll(() => fns?.cleanup())

type AppJson = { pages: string[]; subPackages: { root: string; pages: string[] }[]; preloadRule?: Record<string, { network: string; packages: string[] }> }
const appJson = (): AppJson => JSON.parse(fs.readFileSync(path.join(DEFAULT_DIST, 'app.json'), 'utf8'))

describe('构建出的 app.json', () => {
  it('主包只有落地页与两个转发页；居民的其余页面在分包 resident/，落地页显示时在任何网络下预下载它', () => {
    const app = appJson()
    expect(app.pages).toEqual(['pages/building/index', 'pages/track/index', 'pages/notice/index'])
    const resident = app.subPackages.find((p) => p.root === 'resident')
    expect(resident?.pages.sort()).toEqual(['mine/index', 'notice/index', 'notices/index', 'report/index', 'track/index'])
    expect(app.preloadRule).toEqual({ 'pages/building/index': { network: 'all', packages: ['resident'] } })
  })

  it('订阅消息与二维码指向的路径都在主包里（没下载分包也打得开）', () => {
    const { pages } = appJson()
    for (const route of [REPORT_PROGRESS_TEMPLATE.page, NEW_NOTICE_TEMPLATE.page, 'pages/building/index']) expect(pages).toContain(route)
  })
})

describe('旧路径上的转发页', () => {
  it('报事进度消息（pages/track/index?id=…）转到分包里的报事详情，带同样的参数，不调云函数', async () => {
    const page = await mp.renderPage(REPORT_PROGRESS_TEMPLATE.page, { id: 'r_abc123' })
    await page.waitFor(() => mp.navigations.length > 0, 2000, '转发')
    expect(mp.navigations).toEqual([{ kind: 'redirectTo', url: '/resident/track/index?id=r_abc123' }])
    expect(mp.calls).toEqual([])
  })

  it('公告的消息与分享卡片（pages/notice/index?id=…&b=…&s=1）转到分包里的公告页，来源标记 s=1 也带上', async () => {
    const page = await mp.renderPage(NEW_NOTICE_TEMPLATE.page, { id: 'n_42', b: 'CHY1', s: '1' })
    await page.waitFor(() => mp.navigations.length > 0, 2000, '转发')
    expect(mp.navigations).toEqual([{ kind: 'redirectTo', url: '/resident/notice/index?id=n_42&b=CHY1&s=1' }])
  })

  it('转到的页面真的在构建里：分包里的公告页用转发来的参数打开同一条公告', async () => {
    const notice = fns.store.db
      .prepare("SELECT id FROM notices WHERE status = 'published' AND community_id = 'c_chunhui' AND whole_community = 1 ORDER BY published_at DESC LIMIT 1")
      .get() as { id: string }
    const stub = await mp.renderPage(NEW_NOTICE_TEMPLATE.page, { id: notice.id, b: 'CHY1' })
    await stub.waitFor(() => mp.navigations.length > 0, 2000, '转发')
    const [to] = mp.navigations
    const [route, search] = to.url!.replace(/^\//, '').split('?')
    const page = await mp.renderPage(route, Object.fromEntries(new URLSearchParams(search)))
    await page.waitFor(() => mp.calls.find((c) => c.name === 'notices' && c.action === 'read'), 5000, 'notices.read')
    expect(mp.calls.find((c) => c.name === 'notices' && c.action === 'read')?.payload).toMatchObject({ noticeId: notice.id, buildingCode: 'CHY1' })
  })
})
