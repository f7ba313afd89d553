/**
 * 居民读公告（真实的 weapp 测试构建 + 真实的云函数 + 种好演示数据的临时 SQLite，先 npm run build:weapp:test）：
 * 1 号楼代表李建国经真实的 notices.publish 发一条公告（准备数据，不经过页面）；
 * 居民在落地页的公告条与"本楼公告"列表里看到它未读；打开公告页经 wx.cloud.callFunction 调 notices.read，
 * 页面显示标题与正文，库里记下这位居民的一条阅读；列表随之显示已读；再打开一次不多记。
 * 代表的公告页显示 1 号楼的知晓率 1/108 户。
 */
import type { ManagedNoticeView, NoticeListView } from '../../src/core/notices'
import { setupMp, type MpHarness } from './harness'
import { createSeededFunctions, MP_TEST_OPENID, type SeededFunctions } from './realFunctions'

const REP = 'demo_rep_li' // 种子里 1 号楼的代表
const RESIDENT = MP_TEST_OPENID // 新来的居民：种子里的公告他一条都没读过
const COMMUNITY = 'c_chunhui'
const TITLE = '1号楼本周六上午停水检修'
const BODY = '本周六（11月21日）8:00—12:00 更换1号楼二次供水泵，期间全楼停水，请提前储水。如有困难请联系楼栋代表李建国。'

// 一个测试走完整条流程（首次加载分包页面、几次渲染与函数调用）：2 核机器上 3–5 s，默认的 5 s 不够稳。
jest.setTimeout(20_000)

let fns: SeededFunctions
let mp: MpHarness
let notice: ManagedNoticeView

const as = <T>(openid: string, name: string, action: string, payload: unknown) => fns.as<T>(openid, name, action, payload)

/** notice_reads 表里这条公告的全部阅读（不止这位居民的）。 */
const receipts = (noticeId: string) =>
  fns.store.db.prepare('SELECT openid, building_id FROM notice_reads WHERE notice_id = ? ORDER BY openid').all(noticeId) as {
    openid: string
    building_id: string
  }[]

beforeAll(async () => {
  fns = await createSeededFunctions()
  mp = setupMp({ functions: fns.handler })
  notice = await as<ManagedNoticeView>(REP, 'notices', 'publish', {
    requestId: 'mp-read-notice-publish-1',
    communityId: COMMUNITY,
    target: { scope: 'buildings', buildingCodes: ['CHY1'] },
    title: TITLE,
    body: BODY,
    images: [],
    pinned: false,
    expiresOn: null,
  })
  expect(notice.status).toBe('published')
  expect(notice.readRates.map((r) => [r.buildingCode, r.readers])).toEqual([['CHY1', 0]])
})

afterEach(async () => {
  await mp.cleanup()
  fns.setOpenid(RESIDENT)
})

afterAll(() => fns?.cleanup())

describe('居民读公告', () => {
  it('落地页公告条与列表里未读；打开公告页调 notices.read、显示标题正文、记一条阅读；列表变已读；再打开不多记', async () => {
    fns.setOpenid(RESIDENT)
    expect(await fns.store.readNoticeIds(RESIDENT, [notice.id])).toEqual([])

    // 落地页：公告条显示的就是 notices.list 的前三条（置顶在前），新公告未读；数据随落地页那一次 account.landing 来。
    const expected = await as<NoticeListView>(RESIDENT, 'notices', 'list', { buildingCode: 'CHY1' })
    const firstThree = [...expected.pinned, ...expected.items.filter((i) => !expected.pinned.some((p) => p.id === i.id))].slice(0, 3)
    const landing = await mp.renderPage('pages/building/index', { b: 'CHY1' })
    await landing.waitFor(() => landing.exists('notice-strip'), 3000, '公告条')
    expect(landing.ids().filter((i) => i.startsWith('strip-notice-'))).toEqual(firstThree.map((n) => `strip-notice-${n.id}`))
    expect(landing.textOf('notice-strip-all')).toContain(`全部公告 ${expected.unread} 条未读`)
    expect(mp.calls).toEqual([{ name: 'account', action: 'landing', payload: { buildingCode: 'CHY1' } }])
    await landing.tap('notice-strip-all')
    await landing.waitFor(() => mp.navigations.length > 0, 1000, '导航')
    expect(mp.navigations).toEqual([{ kind: 'navigateTo', url: '/resident/notices/index?b=CHY1' }])
    mp.clearRecords()

    // 列表页：新公告在，标为未读（红点），头部的未读数与函数一致。
    const list = await mp.renderPage('resident/notices/index', { b: 'CHY1' })
    await list.waitFor(() => list.exists(`notice-item-${notice.id}`), 3000, '新公告')
    expect(mp.calls).toEqual([{ name: 'notices', action: 'list', payload: { buildingCode: 'CHY1' } }])
    const card = () => list.textOf(`notice-item-${notice.id}`)
    expect(card()).toContain(TITLE)
    expect(card()).toContain('1号楼业主代表')
    expect(list.classOf(`notice-item-${notice.id}`)).toContain('notice-card--unread')
    expect(list.html()).toMatch(/ntitle__dot/)
    const unreadBefore = expected.unread
    expect(unreadBefore).toBeGreaterThan(0)
    expect(list.textOf('notices-unread')).toBe(`${unreadBefore} 条未读`)

    // 点它：列表先标成已读，并打开公告页（导航只记录，下面按记录的地址渲染）。
    await list.tap(`notice-item-${notice.id}`)
    await list.waitFor(() => mp.navigations.length > 0, 1000, '导航')
    const url = `/resident/notice/index?id=${notice.id}&b=CHY1`
    expect(mp.navigations).toEqual([{ kind: 'navigateTo', url }])
    await list.waitFor(() => !list.classOf(`notice-item-${notice.id}`).includes('notice-card--unread'), 1000, '列表里标成已读')
    expect(list.textOf('notices-unread')).toBe(unreadBefore > 1 ? `${unreadBefore - 1} 条未读` : '全部已读')
    // 列表上标已读只是本地的：库里还没有阅读。
    expect(await fns.store.readNoticeIds(RESIDENT, [notice.id])).toEqual([])
    mp.clearRecords()

    const query = Object.fromEntries(new URLSearchParams(url.split('?')[1]))
    const page = await mp.renderPage('resident/notice/index', query)
    await page.waitFor(() => page.exists('notice-title'), 3000, '公告标题')
    expect(mp.calls).toEqual([{ name: 'notices', action: 'read', payload: { noticeId: notice.id, buildingCode: 'CHY1' } }])
    expect(page.textOf('notice-title')).toBe(TITLE)
    expect(page.textOf('notice-body')).toBe(BODY)
    expect(page.textOf('notice-signed')).toBe(notice.signedAs)
    expect(page.exists('notice-withdrawn')).toBe(false)
    expect(page.exists('notice-expired')).toBe(false)

    // 库里：这位居民一条阅读，记在 1 号楼。
    expect(await fns.store.readNoticeIds(RESIDENT, [notice.id])).toEqual([notice.id])
    expect(receipts(notice.id)).toEqual([{ openid: RESIDENT, building_id: 'b_chy1' }])

    // 重新打开列表：函数说已读，未读数少一。
    mp.clearRecords()
    const again = await mp.renderPage('resident/notices/index', { b: 'CHY1' })
    await again.waitFor(() => again.exists(`notice-item-${notice.id}`), 3000, '新公告')
    expect(again.classOf(`notice-item-${notice.id}`)).not.toContain('notice-card--unread')
    expect(again.textOf('notices-unread')).toBe(unreadBefore > 1 ? `${unreadBefore - 1} 条未读` : '全部已读')

    // 再打开一次公告：照样调 notices.read、照样显示，库里不多记。
    mp.clearRecords()
    const second = await mp.renderPage('resident/notice/index', query)
    await second.waitFor(() => second.exists('notice-title'), 3000, '公告标题')
    expect(mp.calls).toEqual([{ name: 'notices', action: 'read', payload: { noticeId: notice.id, buildingCode: 'CHY1' } }])
    expect(second.textOf('notice-body')).toBe(BODY)
    expect(receipts(notice.id)).toHaveLength(1)
    expect(await fns.store.readNoticeIds(RESIDENT, [notice.id])).toEqual([notice.id])
  })

  it('代表的公告页 rep/notices/index：这条公告面向 1 号楼，知晓率 1/108 户', async () => {
    // 依赖上一个测试里居民读过一次；单独跑时在这里补读（notices.read 每人只记一次）。
    await as(RESIDENT, 'notices', 'read', { noticeId: notice.id, buildingCode: 'CHY1' })
    expect(receipts(notice.id)).toHaveLength(1)

    fns.setOpenid(REP)
    const page = await mp.renderPage('rep/notices/index', { c: COMMUNITY })
    await page.waitFor(() => page.exists(`managed-notice-${notice.id}`), 3000, '代表的公告列表')
    expect(mp.calls).toEqual([{ name: 'notices', action: 'managed', payload: { communityId: COMMUNITY } }])
    expect(page.textOf(`managed-notice-${notice.id}`)).toContain(TITLE)
    expect(page.textOf(`managed-notice-${notice.id}`)).toContain('面向 1号楼')
    expect(page.textOf(`notice-status-${notice.id}`)).toBe('已发布')
    expect(page.textOf(`notice-rate-${notice.id}-CHY1`)).toContain('1/108 户')
    // 发布人本人可以撤回。
    expect(page.exists(`notice-withdraw-${notice.id}`)).toBe(true)
  })
})
