/**
 * 代表处理报事（一个流程一个文件）：真实的 weapp 测试构建（先 npm run build:weapp:test）在 miniprogram-simulate 里渲染，
 * wx.cloud.callFunction 接到真实的云函数代码与一个种好演示数据的临时 SQLite 文件。
 * 1 号楼代表李建国打开队列、筛选、翻页；打开一条待受理的报事，受理、开始处理（派给物业）、不予受理（必须写原因）；
 * 网络出错后重试用同一个请求编号；别的代表先动了手时提示并重新加载。
 */
import type { FunctionReply } from '../../src/core/api'
import { formatRate } from '../../src/core/shared/rates'
import type { SubmitReportInput } from '../../src/core/reports'
import type { BuildingStatsView } from '../../src/core/dashboard'
import type { QueueCountsView, QueueView } from '../../src/core/handling'
import type { QueueItemView } from '../../src/core/reports'
import { aReport } from '../samples'
import { setupMp, type MpHarness, type PageHandle } from './harness'
import { createSeededFunctions, MP_TEST_OPENID, type SeededFunctions } from './realFunctions'

const REP = 'demo_rep_li' // 种子里 1号楼的代表
const COMMITTEE = 'demo_committee_zhang'

let fns: SeededFunctions
let mp: MpHarness

beforeAll(async () => {
  fns = await createSeededFunctions()
  mp = setupMp({ functions: fns.handler })
})

/** 页面此刻以谁的身份调用函数。 */
let viewer = MP_TEST_OPENID
function viewAs(openid: string) {
  viewer = openid
  fns.setOpenid(openid)
}

afterEach(async () => {
  await mp.cleanup()
  mp.setFunctions(fns.handler)
  viewAs(MP_TEST_OPENID)
})

afterAll(() => fns?.cleanup())

/** 不经过页面，直接以某人身份调 handling 函数（页面该显示的"标准答案"）。 */
async function handling<T>(openid: string, action: string, payload: unknown): Promise<T> {
  fns.setOpenid(openid)
  try {
    const reply = (await fns.handler('handling', { action, payload })) as FunctionReply<T>
    if (reply.code !== 'OK') throw new Error(`handling.${action}：${reply.code} ${reply.message}`)
    return reply.data
  } finally {
    fns.setOpenid(viewer)
  }
}

const shownQueue = (page: PageHandle) =>
  page
    .ids()
    .filter((id) => id.startsWith('queue-item-'))
    .map((id) => id.slice('queue-item-'.length))

const queueCalls = () => mp.calls.filter((c) => c.name === 'handling' && c.action === 'queue')

interface Row {
  id: string
  status: string
  assignee: string | null
}
const reportRow = (id: string) => fns.store.db.prepare('SELECT id, status, assignee FROM reports WHERE id = ?').get(id) as Row
const changesOf = (id: string) =>
  fns.store.db.prepare('SELECT from_status, to_status, note, actor_id, request_id, details FROM status_changes WHERE report_id = ? ORDER BY seq').all(id) as {
    from_status: string
    to_status: string
    note: string
    actor_id: string
    request_id: string
    details: string
  }[]

/** 居民经真实的 reports.submit 报一条 1 号楼的事（每条换一位邻居，碰不到每小时的上限），返回待受理的它。 */
let filed = 0
async function pendingReport(over: Partial<SubmitReportInput> = {}): Promise<{ id: string; text: string }> {
  filed += 1
  const text = over.text ?? `测试报事 ${filed}：2单元楼道灯不亮，晚上看不清台阶`
  fns.setOpenid(`mp_neighbour_${filed}`)
  try {
    const reply = (await fns.handler('reports', { action: 'submit', payload: aReport({ ...over, text }) })) as FunctionReply<{
      report: { id: string; status: string }
    }>
    if (reply.code !== 'OK') throw new Error(`reports.submit：${reply.code} ${reply.message}`)
    expect(reply.data.report.status).toBe('pending')
    return { id: reply.data.report.id, text }
  } finally {
    fns.setOpenid(viewer)
  }
}

async function openDetail(id: string, text: string) {
  const page = await mp.renderPage('rep/detail/index', { id })
  await page.waitForText(text.slice(0, 12))
  return page
}

describe('队列 rep/queue/index', () => {
  it('显示的报事与 handling.queue 给的相同（同样的顺序）；四格待办数与 handling.counts 相同；点格子、筛选、翻页都按函数的结果', async () => {
    viewAs(REP)
    const page = await mp.renderPage('rep/queue/index', { b: 'CHY1' })
    const expected = await handling<QueueView>(REP, 'queue', { buildingCode: 'CHY1', group: 'open', order: 'priority' })
    const counts = await handling<QueueCountsView>(REP, 'counts', { buildingCode: 'CHY1' })
    expect(expected.items.length).toBeGreaterThan(0)

    await page.waitFor(() => page.exists(`queue-item-${expected.items[0].id}`), 3000, '第一条报事')
    // 首次渲染一次调用：队列带上待办数（withCounts）。
    expect(mp.calls).toEqual([{ name: 'handling', action: 'queue', payload: { buildingCode: 'CHY1', group: 'open', order: 'priority', withCounts: true } }])
    expect(shownQueue(page)).toEqual(expected.items.map((i) => i.id))
    // 默认待受理、紧急在前（排序的按钮上这样写）：一年前的超时旧报事不再压着今天的紧急报事。
    expect(page.textOf('order-toggle')).toContain('待受理、紧急在前')
    const rank = (i: QueueItemView) => (i.status === 'pending' ? 0 : 2) + (i.urgency === 'urgent' ? 0 : 1)
    const ranks = expected.items.map(rank)
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    for (const item of expected.items) {
      const card = page.textOf(`queue-item-${item.id}`)
      expect(card).toContain(item.categoryLabel)
      expect(card).toContain(item.statusLabel)
      expect(card).toContain(item.locationLabel)
      expect(card).toContain(item.buildingName)
      expect(card.includes('超时')).toBe(item.overdue)
      expect(card.includes('紧急')).toBe(item.urgency === 'urgent')
      if (item.followers > 0) expect(card).toContain(`${item.followers} 人也遇到`)
      if (item.assigneeLabel) expect(card).toContain(item.assigneeLabel)
    }

    expect(page.textOf('count-pending')).toBe(`${counts.pending}待受理`)
    expect(page.textOf('count-open')).toBe(`${counts.open}未办结`)
    expect(page.textOf('count-overdue')).toBe(`${counts.overdue}超时`)
    expect(page.textOf('count-awaiting')).toBe(`${counts.awaitingConfirmation}待居民确认`)
    expect(page.text()).toContain(`紧急 ${counts.overdueHours.urgent} 小时、一般 ${counts.overdueHours.normal} 小时`)
    // 代表只管一栋楼：没有楼栋选择。
    expect(page.exists('building-all')).toBe(false)

    // 点"超时"格：只看超时的。
    await page.tap('count-overdue')
    const overdue = await handling<QueueView>(REP, 'queue', { buildingCode: 'CHY1', group: 'open', overdue: true, order: 'priority' })
    await page.waitFor(() => queueCalls().length === 2, 2000, '第二次队列请求')
    expect(queueCalls()[1].payload).toEqual({ buildingCode: 'CHY1', group: 'open', overdue: true, order: 'priority' })
    if (overdue.items.length === 0) await page.waitForText('没有符合条件的报事')
    else await page.waitFor(() => shownQueue(page).join() === overdue.items.map((i) => i.id).join(), 2000, '超时的报事')
    expect(page.classOf('count-overdue')).toContain('tile--active')

    // 全部状态、最新在前：种子里一年的报事超过一页，点"加载更多"接上第二页。
    await page.tap('group-all')
    await page.tap('order-toggle')
    const first = await handling<QueueView>(REP, 'queue', { buildingCode: 'CHY1', order: 'newest' })
    await page.waitFor(() => shownQueue(page).join() === first.items.map((i) => i.id).join(), 3000, '全部报事的第一页')
    expect(queueCalls().at(-1)?.payload).toEqual({ buildingCode: 'CHY1', order: 'newest' })
    expect(first.nextCursor).not.toBeNull()
    const second = await handling<QueueView>(REP, 'queue', { buildingCode: 'CHY1', order: 'newest', cursor: first.nextCursor })
    await page.tap('queue-more')
    await page.waitFor(() => shownQueue(page).length === first.items.length + second.items.length, 3000, '第二页')
    expect(shownQueue(page)).toEqual([...first.items, ...second.items].map((i) => i.id))

    // 点一条进详情。
    await page.tap(`queue-item-${first.items[0].id}`)
    await page.waitFor(() => mp.navigations.length > 0, 1000, '导航')
    expect(mp.navigations).toEqual([{ kind: 'navigateTo', url: `/rep/detail/index?id=${first.items[0].id}` }])
  })

  it('业委会不带楼栋码：看全小区，有楼栋选择；选一栋后只请求那栋', async () => {
    viewAs(COMMITTEE)
    const page = await mp.renderPage('rep/queue/index', {})
    const counts = await handling<QueueCountsView>(COMMITTEE, 'counts', {})
    expect(counts.buildings.length).toBeGreaterThan(1)
    await page.waitFor(() => page.exists('building-all'), 3000, '楼栋选择')
    for (const b of counts.buildings) expect(page.textOf(`building-${b.code}`)).toBe(b.name)
    expect(mp.calls).toEqual([{ name: 'handling', action: 'queue', payload: { group: 'open', order: 'priority', withCounts: true } }])

    await page.tap('building-CHY2')
    const chy2 = await handling<QueueView>(COMMITTEE, 'queue', { buildingCode: 'CHY2', group: 'open', order: 'priority' })
    await page.waitFor(
      () => queueCalls().at(-1)?.payload && (queueCalls().at(-1)!.payload as { buildingCode?: string }).buildingCode === 'CHY2',
      2000,
      '2 号楼的队列',
    )
    if (chy2.items.length) await page.waitFor(() => shownQueue(page).join() === chy2.items.map((i) => i.id).join(), 2000, '2 号楼的报事')
    // 换了楼栋：待办数随这次队列一起来，不另调 handling.counts。
    expect(queueCalls().at(-1)?.payload).toEqual({ buildingCode: 'CHY2', group: 'open', order: 'priority', withCounts: true })
    expect(mp.calls.filter((c) => c.action === 'counts')).toEqual([])
  })

  it('居民打开队列链接：说明没有权限，不显示"重试"', async () => {
    const page = await mp.renderPage('rep/queue/index', { b: 'CHY1' })
    await page.waitForText('无法查看')
    expect(page.text()).toContain('只有业主代表或业委会可以处理报事')
    expect(page.text()).not.toContain('重试')
  })
})

describe('详情 rep/detail/index', () => {
  it('待受理的报事：点"受理"、确认：函数收到带请求编号的受理，库里的状态变成已受理，页面随之更新', async () => {
    viewAs(REP)
    const report = await pendingReport({ contactPhone: '13800138000', urgency: 'urgent' })
    const view = await handling<{ locationLabel: string; actions: string[] }>(REP, 'detail', { reportId: report.id })
    const page = await openDetail(report.id, report.text)
    expect(page.textOf('detail-text')).toBe(report.text)
    expect(page.text()).toContain(view.locationLabel)
    expect(page.text()).toContain('提交报事')
    expect(page.text()).toContain('本楼居民')
    expect(page.text()).toContain('紧急')
    for (const a of ['accept', 'start', 'handle', 'close', 'merge', 'hide']) expect(page.exists(`act-${a}`)).toBe(view.actions.includes(a))

    // 居民留了电话：点一下就拨。
    const dialled: unknown[] = []
    const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx
    wx.makePhoneCall = (opts: { phoneNumber: string; success?: (r: unknown) => void }) => {
      dialled.push(opts.phoneNumber)
      opts.success?.({ errMsg: 'makePhoneCall:ok' })
    }
    expect(page.textOf('detail-phone')).toContain('13800138000')
    await page.tap('call-phone')
    await page.waitFor(() => dialled.length > 0, 1000, '拨号')
    expect(dialled).toEqual(['13800138000'])

    await page.tap('act-accept')
    await page.waitFor(() => page.exists('act-sheet'), 1000, '受理表单')
    expect(page.textOf('act-title')).toBe('受理')
    await page.tap('act-submit')
    await page.waitFor(() => mp.toasts.length > 0, 3000, '提示')
    expect(mp.toasts).toEqual([{ title: '已受理', icon: 'success' }])

    const acts = mp.calls.filter((c) => c.action === 'act')
    expect(acts).toHaveLength(1)
    const payload = acts[0].payload as { requestId: string }
    // 带上页面显示的状态：别人先动过就答 CONFLICT，不会接着推进。
    expect(payload).toEqual({ reportId: report.id, requestId: payload.requestId, action: 'accept', expectedStatus: 'pending', note: '' })
    expect(payload.requestId).toMatch(/^r[0-9a-z]+$/)

    expect(reportRow(report.id).status).toBe('accepted')
    const changes = changesOf(report.id)
    expect(changes.at(-1)).toMatchObject({ from_status: 'pending', to_status: 'accepted', actor_id: REP, request_id: payload.requestId })

    await page.waitFor(() => !page.exists('act-sheet'), 1000, '表单关闭')
    expect(page.exists('act-accept')).toBe(false)
    expect(page.exists('act-start')).toBe(true)
    expect(page.text()).toContain('你 · 状态：已受理')
  })

  it('业委会打开留了电话的报事：只说电话在本楼代表那里，没有号码也不能拨', async () => {
    viewAs(COMMITTEE)
    const report = await pendingReport({ contactPhone: '13800138000' })
    const page = await openDetail(report.id, report.text)
    expect(page.textOf('detail-phone')).toContain('居民留了电话，只给本楼代表看')
    expect(page.text()).not.toContain('13800138000')
    expect(page.exists('call-phone')).toBe(false)
  })

  it('匿名、没留电话的报事：显示匿名与"居民未留电话"；开始处理并派给物业：名称写进库里的派给与留痕', async () => {
    viewAs(REP)
    const report = await pendingReport({ anonymous: true })
    const page = await openDetail(report.id, report.text)
    expect(page.textOf('detail-phone')).toContain('居民未留电话')
    expect(page.exists('call-phone')).toBe(false)
    expect(page.text()).toContain('匿名')
    await page.tap('act-start')
    await page.waitForText('派给')
    await page.tap('party-property')
    await page.input('#act-assignee-name', '春晖物业 王师傅')
    await page.input('#act-note', '已约明天上午上门')
    await page.tap('act-submit')
    await page.waitFor(() => mp.toasts.length > 0, 3000, '提示')
    expect(mp.toasts[0].title).toBe('已开始处理')

    expect(reportRow(report.id).status).toBe('processing')
    expect(JSON.parse(reportRow(report.id).assignee ?? 'null')).toEqual({ party: 'property', name: '春晖物业 王师傅' })
    expect(changesOf(report.id).at(-1)).toMatchObject({ to_status: 'processing', note: '已约明天上午上门' })
    await page.waitForText('物业 · 春晖物业 王师傅')
    // 处理中再"开始处理"就是改派。
    expect(page.textOf('act-start')).toBe('改派')
  })

  it('不予受理不写原因：表单里说明原因必填，不调用函数；写了原因后状态变为不予受理', async () => {
    viewAs(REP)
    const report = await pendingReport()
    const page = await openDetail(report.id, report.text)
    await page.tap('act-close')
    await page.waitFor(() => page.exists('act-sheet'), 1000, '表单')
    await page.tap('act-submit')
    await page.waitFor(() => page.exists('act-error'), 1000, '错误提示')
    expect(page.textOf('act-error')).toContain('请写明不予受理的原因')
    expect(mp.calls.filter((c) => c.action === 'act')).toEqual([])

    await page.input('#act-note', '属于户内设施，请联系维修单位')
    await page.tap('act-submit')
    await page.waitFor(() => mp.toasts.length > 0, 3000, '提示')
    expect(reportRow(report.id).status).toBe('closed')
    expect(changesOf(report.id).at(-1)).toMatchObject({ to_status: 'closed', note: '属于户内设施，请联系维修单位' })
    // 不予受理后只能重新打开或隐藏。
    await page.waitFor(() => page.exists('act-reopen'), 1000, '重新打开按钮')
    expect(page.exists('act-close')).toBe(false)
  })

  it('网络出错后再点提交：用同一个请求编号，库里只记一次', async () => {
    viewAs(REP)
    const report = await pendingReport()
    let failNext = true
    mp.setFunctions(async (name, data) => {
      if (data.action === 'act' && failNext) {
        failNext = false
        // 请求到了函数、写进了库，回复却丢了：最难的那种网络失败。
        await fns.handler(name, data)
        throw new Error('request:fail timeout')
      }
      return fns.handler(name, data)
    })
    const page = await openDetail(report.id, report.text)
    await page.tap('act-accept')
    await page.waitFor(() => page.exists('act-sheet'), 1000, '表单')
    await page.tap('act-submit')
    await page.waitFor(() => page.exists('act-error'), 3000, '网络错误')
    expect(page.textOf('act-error')).toContain('网络不太稳定')
    expect(page.exists('act-sheet')).toBe(true)

    await page.tap('act-submit')
    await page.waitFor(() => mp.toasts.length > 0, 3000, '提示')
    expect(mp.toasts[0].title).toBe('已受理')
    const ids = mp.calls.filter((c) => c.action === 'act').map((c) => (c.payload as { requestId: string }).requestId)
    expect(ids).toHaveLength(2)
    expect(ids[1]).toBe(ids[0])
    expect(changesOf(report.id).filter((c) => c.to_status === 'accepted')).toHaveLength(1)
    expect(reportRow(report.id).status).toBe('accepted')
  })

  it('别的代表（业委会）先受理了：提示函数给的中文原因，关掉表单并重新加载详情', async () => {
    viewAs(REP)
    const report = await pendingReport()
    const page = await openDetail(report.id, report.text)
    await page.tap('act-accept')
    await page.waitFor(() => page.exists('act-sheet'), 1000, '表单')
    // 表单开着的时候，业委会主任在自己的手机上受理了同一条。
    await handling(COMMITTEE, 'act', { reportId: report.id, requestId: 'r-committee-first', action: 'accept', expectedStatus: 'pending', note: '业委会已跟进' })
    mp.clearRecords()

    await page.tap('act-submit')
    await page.waitFor(() => mp.toasts.length > 0, 3000, '提示')
    expect(mp.toasts[0].icon).toBe('none')
    expect(mp.toasts[0].title).toMatch(/已受理/)
    await page.waitFor(() => !page.exists('act-sheet'), 2000, '表单关闭')
    await page.waitForText('业委会已跟进')
    expect(page.exists('act-accept')).toBe(false)
    expect(changesOf(report.id).filter((c) => c.to_status === 'accepted')).toEqual([expect.objectContaining({ actor_id: COMMITTEE })])
  })

  it('函数回答 CONFLICT（两人同时提交，写入时才发现）：提示原话并重新加载', async () => {
    viewAs(REP)
    const report = await pendingReport()
    // 真实的并发冲突只在读与写之间的一瞬发生：这里让函数在这一次回答 CONFLICT，其余照常。
    mp.setFunctions(async (name, data) =>
      data.action === 'act' ? { code: 'CONFLICT', message: '这条报事刚刚有了变化，现在是"已受理"，请刷新后再操作', data: null } : fns.handler(name, data),
    )
    const page = await openDetail(report.id, report.text)
    await page.tap('act-handle')
    await page.waitFor(() => page.exists('act-sheet'), 1000, '表单')
    await page.tap('act-submit')
    await page.waitFor(() => mp.toasts.length > 0, 3000, '提示')
    expect(mp.toasts).toEqual([{ title: '这条报事刚刚有了变化，现在是"已受理"，请刷新后再操作', icon: 'none' }])
    await page.waitFor(() => !page.exists('act-sheet'), 1000, '表单关闭')
    await page.waitFor(() => mp.calls.filter((c) => c.action === 'detail').length === 2, 2000, '重新加载详情')
  })
})

describe('入口与统计页 rep/stats/index', () => {
  it('落地页的"处理报事"进入本楼的队列；统计页显示此刻超时数与新的数字，"去处理"进入只看超时的队列', async () => {
    viewAs(REP)
    const landing = await mp.renderPage('pages/building/index', { b: 'CHY1' })
    await landing.waitForText('处理报事')
    await landing.tap('action-queue')
    await landing.waitFor(() => mp.navigations.length > 0, 1000, '导航')
    expect(mp.navigations).toEqual([{ kind: 'navigateTo', url: '/rep/queue/index?b=CHY1' }])
    mp.clearRecords()

    const reply = (await fns.handler('stats', { action: 'building', payload: { buildingCode: 'CHY1' } })) as FunctionReply<BuildingStatsView>
    if (reply.code !== 'OK') throw new Error(reply.message)
    const stats = reply.data
    const page = await mp.renderPage('rep/stats/index', { b: 'CHY1' })
    await page.waitForText('此刻超时未办结')
    expect(page.textOf('stats-overdue')).toContain(`${stats.overdueNow} 件`)
    expect(page.textOf('stats-overdue')).toContain(`紧急 ${stats.overdueHours.urgent} 小时、一般 ${stats.overdueHours.normal} 小时`)
    const year = stats.year.figures
    expect(page.textOf('stats-year-first-time')).toBe(formatRate('一次解决率', year.firstTime))
    expect(page.textOf('stats-year-affected')).toContain(String(year.affected))
    expect(page.textOf('stats-year-followers')).toContain(String(year.followers))
    expect(page.textOf('stats-year-confirmed')).toContain(String(year.byStatus.resolved))
    expect(page.textOf('stats-year-handling')).toMatch(/^平均办结用时 [\d.]+ (分钟|小时|天)（\d+ 件，中位数 /)
    expect(page.textOf('stats-year-urgency')).toContain(`紧急 ${year.byUrgency.urgent} 件`)
    if (year.ratings.speed.mean !== null)
      expect(page.textOf('stats-year-ratings')).toContain(`${year.ratings.speed.mean.toFixed(1)} 分（${year.ratings.speed.count} 条`)

    await page.tap('stats-go-queue')
    await page.waitFor(() => mp.navigations.length > 0, 1000, '导航')
    expect(mp.navigations).toEqual([{ kind: 'navigateTo', url: `/rep/queue/index?b=CHY1${stats.overdueNow > 0 ? '&f=overdue' : ''}` }])
  })
})
