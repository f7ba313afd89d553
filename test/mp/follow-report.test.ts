/**
 * 居民跟进报事（真实的 weapp 测试构建 + 真实的云函数 + 种好演示数据的临时 SQLite）：
 * "我的报事"两个标签（我报的 / 我关注的），报事详情的时间线，报事人经 wx.cloud.callFunction 回答"解决了吗？"，
 * 库里的状态与评价随之改变；关注者看到已解决。
 */
import { setupMp, type MpHarness, type PageHandle } from './harness'
import { createSeededFunctions, MP_TEST_NOW, type SeededFunctions } from './realFunctions'

const A = 'mp_resident_a'
const B = 'mp_resident_b'
const REP = 'demo_rep_li' // 种子里 1 号楼的代表

let fns: SeededFunctions
let mp: MpHarness
let reportId = ''
const text = '5单元门口的路灯不亮了，晚上很黑'

/** 以某个身份直接调用真实的云函数（准备数据用，不经过页面）。 */
async function as<T>(openid: string, name: string, action: string, payload: unknown): Promise<T> {
  fns.setOpenid(openid)
  const reply = (await fns.handler(name, { action, payload })) as { code: string; message: string; data: T }
  if (reply.code !== 'OK') throw new Error(`${name}.${action}: ${reply.code} ${reply.message}`)
  return reply.data
}

beforeAll(async () => {
  fns = await createSeededFunctions()
  mp = setupMp({ functions: fns.handler })
  const submitted = await as<{ report: { id: string } }>(A, 'reports', 'submit', {
    requestId: 'mp-follow-submit-1',
    buildingCode: 'CHY1',
    kind: 'repair',
    category: 'facilities',
    text,
    location: { scope: 'public', area: '楼栋周边', detail: '5单元门口' },
    anonymous: false,
    urgency: 'normal',
    contactPhone: '',
    photos: [],
  })
  reportId = submitted.report.id
  await as(B, 'reports', 'follow', { reportId })
  await as(REP, 'handling', 'act', { reportId, requestId: 'mp-follow-act-1', action: 'accept', expectedStatus: 'pending', note: '' })
  await as(REP, 'handling', 'act', {
    reportId,
    requestId: 'mp-follow-act-2',
    action: 'start',
    expectedStatus: 'accepted',
    note: '已报物业',
    assignee: { party: 'property', name: '' },
  })
  await as(REP, 'handling', 'act', { reportId, requestId: 'mp-follow-act-3', action: 'handle', expectedStatus: 'processing', note: '已更换灯泡' })
})

afterEach(async () => {
  await mp.cleanup()
})

afterAll(() => fns?.cleanup())

const statusOf = () => (fns.store.db.prepare('SELECT status FROM reports WHERE id = ?').get(reportId) as { status: string }).status

describe('落地页 pages/building/index 的"解决了吗？"提示', () => {
  it('报事人一进楼栋首页就看到"有 1 件报事等您确认是否解决"（随 account.landing 那一次来），点它直接打开那条', async () => {
    fns.setOpenid(A)
    const page = await mp.renderPage('pages/building/index', { b: 'CHY1' })
    await page.waitFor(() => page.exists('answer-banner'), 3000, '解决了吗的提示')
    expect(page.textOf('answer-banner')).toContain('有 1 件报事等您确认是否解决')
    expect(mp.calls).toEqual([{ name: 'account', action: 'landing', payload: { buildingCode: 'CHY1' } }])
    // 居民没有处理报事的入口与件数。
    expect(page.exists('member-block')).toBe(false)
    await page.tap('answer-banner')
    await page.waitFor(() => mp.navigations.length > 0, 1000, '导航')
    expect(mp.navigations).toEqual([{ kind: 'navigateTo', url: `/resident/track/index?id=${reportId}` }])
  })

  it('关注者不用回答：没有这条提示', async () => {
    fns.setOpenid(B)
    const page = await mp.renderPage('pages/building/index', { b: 'CHY1' })
    await page.waitForText('我要报事')
    expect(page.exists('answer-banner')).toBe(false)
  })

  it('本楼代表：处理报事在居民入口之前，入口上的待受理与超时件数等于直接读表的重算', async () => {
    fns.setOpenid(REP)
    const page = await mp.renderPage('pages/building/index', { b: 'CHY1' })
    await page.waitFor(() => page.exists('triage-counts'), 3000, '处理报事的件数')
    const now = Date.parse(MP_TEST_NOW)
    const limits = JSON.parse(
      (
        fns.store.db.prepare(`SELECT c.overdue_hours AS h FROM communities c JOIN buildings b ON b.community_id = c.id WHERE b.code = 'CHY1'`).get() as {
          h: string
        }
      ).h,
    ) as { urgent: number; normal: number }
    const rows = fns.store.db
      .prepare(`SELECT r.status, r.urgency, r.created_at FROM reports r JOIN buildings b ON b.id = r.building_id WHERE b.code = 'CHY1'`)
      .all() as {
      status: string
      urgency: string
      created_at: string
    }[]
    const pending = rows.filter((r) => r.status === 'pending').length
    const overdue = rows.filter(
      (r) =>
        ['pending', 'accepted', 'processing'].includes(r.status) &&
        now - Date.parse(r.created_at) > (r.urgency === 'urgent' ? limits.urgent : limits.normal) * 3_600_000,
    ).length
    expect(page.textOf('triage-counts').replace(/\s+/g, '')).toBe(`待受理${pending}·超时${overdue}`)
    // 成员的入口排在公告条与"我要报事"之前。
    const shown = page.text()
    expect(shown.indexOf('处理报事')).toBeGreaterThan(-1)
    expect(shown.indexOf('处理报事')).toBeLessThan(shown.indexOf('我要报事'))
  })
})

describe('我的报事 resident/mine/index', () => {
  it('报事人：我报的里有这条（待确认，卡片上提示解决了吗），我关注的为空', async () => {
    fns.setOpenid(A)
    const page = await mp.renderPage('resident/mine/index')
    await page.waitForText(text)
    expect(page.textOf(`report-${reportId}`)).toContain('待确认')
    expect(page.textOf(`awaits-${reportId}`)).toContain('解决了吗？点此回答')
    expect(page.textOf(`report-${reportId}`)).toContain('设施维修')
    expect(page.textOf(`report-${reportId}`)).toContain('1 人也遇到')
    expect(page.classOf('tab-mine')).toContain('mine-tabs__tab--active')
    // 首次渲染一次调用：列表顺带我的身份（withRoles），不另调 account.me。
    expect(mp.calls).toEqual([{ name: 'reports', action: 'listMine', payload: { withRoles: true } }])

    await page.tap('tab-followed')
    await page.waitForText('还没有关注的报事')
    expect(page.classOf('tab-followed')).toContain('mine-tabs__tab--active')
    // 切换标签只取列表。
    expect(mp.calls.at(-1)).toEqual({ name: 'reports', action: 'listFollowed', payload: {} })

    await page.tap('tab-mine')
    await page.waitForText(text)
    await page.tap(`report-${reportId}`)
    await page.waitFor(() => mp.navigations.length > 0, 1000, '导航')
    expect(mp.navigations).toEqual([{ kind: 'navigateTo', url: `/resident/track/index?id=${reportId}` }])
  })

  it('关注者：我报的为空，我关注的里有这条', async () => {
    fns.setOpenid(B)
    const page = await mp.renderPage('resident/mine/index')
    await page.waitForText('还没有报事')
    await page.tap('tab-followed')
    await page.waitForText(text)
    expect(page.textOf(`report-${reportId}`)).toContain('待确认')
    // 关注者不用回答：卡片上没有提示。
    expect(page.exists(`awaits-${reportId}`)).toBe(false)
  })
})

describe('报事详情 resident/track/index', () => {
  let page: PageHandle

  it('报事人看到时间线与"解决了吗？"，打 4/5/4 分提交：经 wx.cloud.callFunction 调 reports.answer，库里变为已解决并记下评价', async () => {
    fns.setOpenid(A)
    page = await mp.renderPage('resident/track/index', { id: reportId })
    await page.waitForText('解决了吗？')
    expect(page.textOf('track-relation')).toBe('我报的')
    expect(page.textOf('track-status')).toBe('待确认')
    expect(page.textOf('answer-deadline')).toMatch(/请在 \d+ 月 \d+ 日前回答/)
    const timeline = page.textOf('timeline')
    for (const t of ['提交报事', '受理', '开始处理', '派给：物业', '已报物业', '标记已处理', '已更换灯泡', '业主代表']) expect(timeline).toContain(t)
    expect(page.exists('track-notes-private')).toBe(false)

    await page.tap('answer-solved')
    await page.waitForText('提交评价')
    // 没打分就提交：三行各自提示，不调用函数。
    await page.tap('answer-submit')
    await page.waitForText('请给速度打分')
    expect(page.text()).toContain('请给态度打分')
    expect(page.text()).toContain('请给效果打分')
    expect(mp.calls.filter((c) => c.action === 'answer')).toEqual([])

    // 1–5 的大按钮（与问卷页同一个组件）；改好一项，那一项的提示就收起，别的还在。
    await page.tap('rate-speed-4')
    await page.waitFor(() => !page.exists('error-speed'), 1000, '速度的提示收起')
    expect(page.exists('error-attitude')).toBe(true)
    await page.tap('rate-attitude-5')
    await page.tap('rate-effect-4')
    await page.waitFor(() => !page.exists('error-effect'), 1000, '效果的提示收起')
    await page.waitForText('5 分')
    await page.input('#answer-words', '很快就修好了')
    await page.tap('answer-submit')
    await page.waitForText('已解决', 3000)
    await page.waitForNoText('解决了吗？')

    const answers = mp.calls.filter((c) => c.name === 'reports' && c.action === 'answer')
    expect(answers).toHaveLength(1)
    // 带上页面显示的状态：另一台手机上已经答过时函数答 CONFLICT，不会连成 已解决→处理中。
    expect(answers[0].payload).toMatchObject({
      reportId,
      expectedStatus: 'awaiting_confirmation',
      solved: true,
      rating: { speed: 4, attitude: 5, effect: 4 },
      words: '很快就修好了',
    })

    expect(statusOf()).toBe('resolved')
    const changes = await fns.store.statusChangesOf(reportId)
    const confirm = changes.find((c) => c.to === 'resolved')
    expect(confirm).toMatchObject({ from: 'awaiting_confirmation', actorId: A })
    expect(confirm?.details.rating).toMatchObject({ speed: 4, attitude: 5, effect: 4, words: '很快就修好了' })
    expect(page.text()).toMatch(/速度.*4 分/)
    expect(mp.toasts).toContainEqual({ title: '谢谢你的评价', icon: 'none' })
  })

  it('关注者看到已解决，没有"解决了吗？"', async () => {
    fns.setOpenid(B)
    page = await mp.renderPage('resident/track/index', { id: reportId })
    await page.waitForText('已解决')
    expect(page.textOf('track-relation')).toBe('我关注的')
    expect(page.textOf('track-status')).toBe('已解决')
    expect(page.exists('answer-card')).toBe(false)
    expect(page.textOf('timeline')).toContain('确认解决了')
    expect(page.textOf('timeline')).toContain('报事人')
    // 代表的说明与评价的话只给报事人；关注者看到状态、时间与派给谁，并被告知这一点。
    for (const note of ['已报物业', '已更换灯泡', '很快就修好了']) expect(page.textOf('timeline')).not.toContain(note)
    expect(page.textOf('timeline')).toContain('派给：物业')
    expect(page.textOf('track-notes-private')).toBe('代表的说明只给报事人看')
  })

  it('本楼代表报的事：确认时没有星级，不带评分', async () => {
    const own = await as<{ report: { id: string } }>(REP, 'reports', 'submit', {
      requestId: 'mp-follow-submit-rep',
      buildingCode: 'CHY1',
      kind: 'repair',
      category: 'facilities',
      text: '2单元楼道的感应灯坏了',
      location: { scope: 'public', area: '楼道/楼梯间', detail: '' },
      anonymous: false,
      urgency: 'normal',
      contactPhone: '',
      photos: [],
    })
    await as(REP, 'handling', 'act', { reportId: own.report.id, requestId: 'mp-follow-act-rep', action: 'handle', expectedStatus: 'pending', note: '' })
    fns.setOpenid(REP)
    page = await mp.renderPage('resident/track/index', { id: own.report.id })
    await page.waitForText('解决了吗？')
    await page.tap('answer-solved')
    await page.waitForText('确认解决了')
    expect(page.exists('rate-speed')).toBe(false)
    await page.tap('answer-submit')
    await page.waitForText('已解决', 3000)
    const answers = mp.calls.filter((c) => c.name === 'reports' && c.action === 'answer')
    expect(answers).toHaveLength(1)
    expect(answers[0].payload).not.toHaveProperty('rating')
    expect(mp.toasts).toContainEqual({ title: '已确认解决了', icon: 'none' })
  })

  it('已解决超过 30 天：报事人看到"重新报事"，点了去这栋楼的报事页', async () => {
    // 把这条的确认挪到 31 天前（测试构建的时钟是固定的）。
    fns.store.db.prepare("UPDATE status_changes SET at = '2026-10-19T02:00:00.000Z' WHERE report_id = ? AND to_status = 'resolved'").run(reportId)
    fns.setOpenid(A)
    page = await mp.renderPage('resident/track/index', { id: reportId })
    await page.waitForText('重新报事')
    expect(page.textOf('report-again')).toContain('已超过 30 天，不能重新打开')
    await page.tap('report-again-button')
    expect(mp.navigations).toContainEqual({ kind: 'navigateTo', url: '/resident/report/index?b=CHY1' })
  })

  it('不相干的居民打开：显示函数给的中文原因', async () => {
    fns.setOpenid('mp_stranger')
    page = await mp.renderPage('resident/track/index', { id: reportId })
    await page.waitForText('只能查看自己报的或关注的报事')
    expect(page.text()).toContain('无法查看')
  })
})
