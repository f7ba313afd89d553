/**
 * 小程序页面渲染测试：真实的 weapp 测试构建（dist/weapp-test，先 npm run build:weapp:test)
 * 在 miniprogram-simulate 里渲染；wx.cloud.callFunction 接到真实的云函数代码与一个种好演示数据的临时 SQLite 文件。
 */
import { setupMp, type MpHarness } from './harness'
import { createSeededFunctions, MP_TEST_NOW, MP_TEST_OPENID, type SeededFunctions } from './realFunctions'

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

const buildingFromDb = async (code: string) => {
  const building = await fns.store.buildingByCode(code)
  if (!building) throw new Error(`种子里没有楼栋 ${code}`)
  const community = await fns.store.community(building.communityId)
  return { ...building, communityName: community?.name ?? '' }
}

describe('扫码落地页 pages/building/index', () => {
  it('按 b= 显示种子库里的楼名与小区名，点"我要报事"进入本楼的报事表单', async () => {
    const chy1 = await buildingFromDb('CHY1')
    const page = await mp.renderPage('pages/building/index', { b: 'CHY1' })

    await page.waitForText('我要报事')
    expect(page.textOf('building-name')).toBe(chy1.name)
    expect(page.text()).toContain(chy1.communityName)
    expect(page.text()).toContain(`${chy1.units} 个单元 · ${chy1.floors} 层 · ${chy1.households} 户`)
    // 普通居民看不到统计入口。
    expect(page.exists('action-stats')).toBe(false)
    expect(page.text()).not.toContain('本楼统计')
    // 楼栋、身份、公告条（本楼与全小区的公告，种子里有一年的）与问卷条：一次 account.landing。
    await page.waitFor(() => page.exists('notice-strip'), 2000, '公告条')
    expect(mp.calls).toEqual([{ name: 'account', action: 'landing', payload: { buildingCode: 'CHY1' } }])
    // 记住这栋楼，下次直接打开小程序时不用再扫码。
    expect(mp.storage.get('loushi.buildingCode')).toBe('CHY1')

    await page.tap('action-report')
    await page.waitFor(() => mp.navigations.length > 0, 1000, '导航')
    expect(mp.navigations).toEqual([{ kind: 'navigateTo', url: '/resident/report/index?b=CHY1' }])
  })

  it('小程序码的 scene 参数同样定位楼栋', async () => {
    const chy2 = await buildingFromDb('CHY2')
    const page = await mp.renderPage('pages/building/index', { scene: 'CHY2' })
    await page.waitForText('我要报事')
    expect(page.textOf('building-name')).toBe(chy2.name)
  })

  it('本楼的业主代表多看到"本楼统计"入口', async () => {
    fns.setOpenid('demo_rep_li') // 种子里 1号楼的代表
    const page = await mp.renderPage('pages/building/index', { b: 'CHY1' })
    await page.waitForText('本楼统计')
    await page.tap('action-stats')
    await page.waitFor(() => mp.navigations.length > 0, 1000, '导航')
    expect(mp.navigations).toEqual([{ kind: 'navigateTo', url: '/rep/stats/index?b=CHY1' }])
  })

  it('楼栋码不存在时显示函数给出的中文错误', async () => {
    const page = await mp.renderPage('pages/building/index', { b: 'NOPE9' })
    await page.waitForText('没有找到这栋楼')
    expect(page.text()).toContain('出了点问题')
    expect(page.text()).not.toContain('我要报事')
  })

  it('没有楼栋码也没记住过楼时请居民扫码，不调用函数', async () => {
    const page = await mp.renderPage('pages/building/index', {})
    await page.waitForText('请扫描楼栋二维码')
    expect(mp.calls).toEqual([])
  })
})

describe('报事表单 resident/report/index', () => {
  it('选分类、写描述、选公共区域后提交：函数收到对应载荷，库里多一条，提示"已提交"并转到我的报事', async () => {
    const page = await mp.renderPage('resident/report/index', { b: 'CHY1' })
    await page.waitForText('问题分类')

    await page.tap('kind-complaint')
    await page.tap('category-elevator')
    const description = '3单元电梯按钮失灵，已经两天了'
    await page.input('textarea', description)
    // 受控的 TextArea 把输入渲染回来：字数统计跟着变。
    await page.waitForText(`${description.length}/500`, 1000)
    await page.tap('scope-public')
    await page.tap('area-大堂')
    await page.waitFor(() => page.classOf('area-大堂').includes('chip--active'), 1000, '区域选中')
    expect(page.classOf('category-elevator')).toContain('chip--active')
    expect(page.classOf('category-fire')).not.toContain('chip--active')

    await page.tap('submit-report')
    await page.waitFor(() => mp.toasts.length > 0, 2000, '提示')
    expect(mp.toasts).toEqual([{ title: '已提交', icon: 'success' }])

    const submits = mp.calls.filter((c) => c.name === 'reports' && c.action === 'submit')
    expect(submits).toHaveLength(1)
    expect(submits[0].payload).toMatchObject({
      buildingCode: 'CHY1',
      kind: 'complaint',
      category: 'elevator',
      text: description,
      location: { scope: 'public', area: '大堂' },
      anonymous: false,
    })

    // 真的写进了种子库，记在这个居民名下。
    const rows = fns.store.db.prepare('SELECT kind, category, text, location, status FROM reports WHERE reporter_id = ?').all(MP_TEST_OPENID) as {
      kind: string
      category: string
      text: string
      location: string
      status: string
    }[]
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ kind: 'complaint', category: 'elevator', text: description, status: 'pending' })
    expect(JSON.parse(rows[0].location)).toMatchObject({ scope: 'public', area: '大堂' })

    await page.waitFor(() => mp.navigations.find((n) => n.kind === 'redirectTo'), 2000, '转到我的报事')
    expect(mp.navigations).toEqual([{ kind: 'redirectTo', url: '/resident/mine/index' }])

    // 转过去的"我的报事"列出刚提交的这一条。
    const mine = await mp.renderPage('resident/mine/index')
    await mine.waitForText('3单元电梯按钮失灵')
    expect(mine.text()).toContain('共 1 条')
    expect(mine.text()).toContain('投诉 · 电梯')
  })

  it('什么都没填就提交：显示"问题分类"的中文校验错误，不调用提交函数', async () => {
    const page = await mp.renderPage('resident/report/index', { b: 'CHY1' })
    // 表单顶部写明报给哪栋楼（读自种子库）。
    await page.waitForText('报给：春晖苑 · 1号楼 的业主代表')

    await page.tap('submit-report')
    await page.waitFor(() => page.exists('report-error'), 1000, '校验错误')
    expect(page.textOf('report-error')).toContain('问题分类')
    expect(page.textOf('report-error')).toMatch(/[\u4e00-\u9fa5]/)
    expect(mp.calls.map((c) => `${c.name}.${c.action}`)).toEqual(['account.building'])
    expect(mp.toasts).toEqual([])
  })
})

describe('代表分包 rep/stats 与 rep/qrcode', () => {
  it('统计页有"楼栋二维码"入口；二维码页经 wx.cloud.callFunction 调 account.buildingQr，显示图片与楼名', async () => {
    fns.setOpenid('demo_rep_li')
    const stats = await mp.renderPage('rep/stats/index', { b: 'CHY1' })
    await stats.waitForText('楼栋二维码')
    expect(mp.calls.map((c) => `${c.name}.${c.action}`)).toContain('stats.building')
    // 本年的办结率与解决率：分子分母与从原始报事直接数出来的一致（不经过统计桶）。
    const year = (await fns.store.rawRecords()).reports.filter((r) => r.buildingId === 'b_chy1' && r.month.startsWith(MP_TEST_NOW.slice(0, 4)))
    const handled = year.filter((r) => r.status === 'awaiting_confirmation' || r.status === 'resolved').length
    const resolved = year.filter((r) => r.status === 'resolved').length
    // 分母：收到 − 已隐藏 − 重复（重复的并进了另一条，不是另一个问题）。
    const received = year.filter((r) => r.status !== 'hidden' && r.status !== 'duplicate').length
    expect(stats.text()).toContain(`办结率 ${Math.round((handled / received) * 100)}%（${handled}/${received}）`)
    expect(stats.text()).toContain(`解决率 ${Math.round((resolved / handled) * 100)}%（${resolved}/${handled}）`)
    expect(stats.text()).toMatch(/平均响应 [\d.]+ (分钟|小时|天)（\d+ 件，中位数 /)

    const page = await mp.renderPage('rep/qrcode/index', { b: 'CHY1' })
    await page.waitForText('春晖苑 · 1号楼')
    expect(mp.calls.filter((c) => c.action === 'buildingQr')).toEqual([{ name: 'account', action: 'buildingQr', payload: { buildingCode: 'CHY1' } }])
    // 图片地址在页面的渲染数据里（模拟器的 DOM 不带 src 属性）。
    const src = await page.waitFor(() => /data:image\/png;base64,[A-Za-z0-9+/=]{100,}/.exec(JSON.stringify(page.instance.data))?.[0], 2000, '二维码图片')
    expect(src.startsWith('data:image/png;base64,iVBORw0KGgo')).toBe(true)
    expect(page.text()).toContain('保存到相册')
  })

  it('居民打开二维码页：函数拒绝，页面说明原因而不是显示"重试"', async () => {
    const page = await mp.renderPage('rep/qrcode/index', { b: 'CHY1' })
    await page.waitForText('只有这栋楼的业主代表或业委会可以生成楼栋二维码')
    expect(page.text()).toContain('无法生成')
    expect(page.text()).not.toContain('重试')
  })
})
