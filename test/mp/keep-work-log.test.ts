/**
 * 代表记工作台账（真实的 weapp 测试构建 + 真实的云函数 + 种好演示数据的临时 SQLite，先 npm run build:weapp:test）：
 * 1 号楼代表李建国从台账页点"记一笔"，在编辑页经页面的输入框记一次巡查（区域 + 两处隐患，日期选"昨天"），
 * 记下：函数 worklog.add 收到的就是表单的内容，库里有这条、隐患编号 h1、h2；
 * 再打开这条（id=），点 h1 的"标记已整改"，在确认框里经原生日期选择改整改日期、确认：
 * 函数 worklog.fixHazard 收到它，库里 h1 有了 fixedOn，h2 仍未整改。
 *
 * 时钟：页面的"今天"取设备时钟（new Date()），函数的取注入的时钟（MP_TEST_NOW）。真机上两者一致；
 * 这里只把 jsdom 里的 Date 假装到 MP_TEST_NOW（计时器照常、时间照常往前走），否则机器的日期一变，
 * 页面默认的"今天"就可能晚于函数的今天而被拒绝。
 */
import { dateOf } from '../../src/core/shared/time'
import type { WorkLogEntry } from '../../src/core/worklog'
import { setupMp, type MpHarness, type PageHandle } from './harness'
import { createSeededFunctions, MP_TEST_NOW, type SeededFunctions } from './realFunctions'

const REP = 'demo_rep_li' // 种子里 1 号楼的代表
const COMMUNITY = 'c_chunhui'
const TODAY = dateOf(MP_TEST_NOW) // 北京时间 2026-11-20
const YESTERDAY = new Date(Date.parse(`${TODAY}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10)
const AREA = '大堂与地下车库'
const H1 = '车库消防通道堆放杂物'
const H2 = '2单元楼道应急灯不亮'

// 一个测试走完整条流程（首次加载分包页面、几次渲染与函数调用）：2 核机器上 3–5 s，默认的 5 s 不够稳。
jest.setTimeout(20_000)

let fns: SeededFunctions
let mp: MpHarness

beforeAll(async () => {
  // 只假装 Date：setTimeout 等照旧（harness 的轮询与 React 的调度都靠它们），advanceTimers 让假时钟随真时间走。
  jest.useFakeTimers({
    now: new Date(MP_TEST_NOW),
    advanceTimers: true,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  })
  fns = await createSeededFunctions()
  fns.setOpenid(REP)
  mp = setupMp({ functions: fns.handler })
})

afterEach(async () => {
  await mp.cleanup()
  fns.setOpenid(REP)
})

afterAll(() => {
  fns?.cleanup()
  jest.useRealTimers()
})

/** 库里这位代表用这个请求编号记的台账。 */
const storedByRequest = (requestId: string) =>
  fns.store.db.prepare('SELECT id FROM worklog WHERE author_id = ? AND request_id = ?').all(REP, requestId) as { id: string }[]

async function stored(id: string): Promise<WorkLogEntry> {
  const entry = await fns.store.workLogById(id)
  if (!entry) throw new Error(`库里没有台账 ${id}`)
  return entry
}

interface ExNode {
  id?: string
  is?: string
  parentNode?: ExNode | null
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exparser = require('miniprogram-exparser') as {
  Event: { create(name: string, detail: unknown, options: Record<string, unknown>): unknown; dispatchEvent(target: unknown, event: unknown): void }
}

/**
 * 原生日期选择（Taro 的 Picker，编译成微信的 <picker mode="date">）：点它在真机上弹出系统滚轮，模拟器里没有滚轮可转。
 * 这里做滚轮转完后微信做的事：在包着 #innerId 的 picker 节点上派发 change，detail.value 为选中的日期。
 */
async function pickDate(innerId: string, value: string) {
  let inner: ExNode | undefined
  const walk = (node: Element | ShadowRoot) => {
    for (const child of Array.from(node.children)) {
      const ex = (child as Element & { __wxElement?: ExNode }).__wxElement
      if (ex?.id === innerId) inner = ex
      if (child.shadowRoot) walk(child.shadowRoot)
      walk(child)
    }
  }
  walk(document.body)
  if (!inner) throw new Error(`页面上没有 #${innerId}`)
  let picker: ExNode | null | undefined = inner.parentNode
  while (picker && picker.is !== 'picker') picker = picker.parentNode
  if (!picker) throw new Error(`#${innerId} 不在 picker 里`)
  exparser.Event.dispatchEvent(
    picker,
    exparser.Event.create('change', { value }, { bubbles: true, capturePhase: true, composed: true, extraFields: { touches: {}, changedTouches: {} } }),
  )
  await mp.settle()
}

async function openEditor(query: Record<string, string>): Promise<PageHandle> {
  const page = await mp.renderPage('rep/worklogEdit/index', query)
  await page.waitFor(() => page.exists('worklog-save'), 3000, '台账表单')
  return page
}

describe('记工作台账 rep/worklogEdit/index', () => {
  it('记一次巡查（区域 + 两处隐患）：worklog.add 收到表单的内容，库里有 h1、h2；再打开它标记 h1 已整改：worklog.fixHazard，库里 h1 有整改日期', async () => {
    // 台账页不带 ?c=：一次 worklog.list，小区由函数按身份取、答复里带回；"记一笔"带上它。
    const list = await mp.renderPage('rep/worklog/index')
    await list.waitFor(() => list.exists('worklog-add') && list.exists('worklog-list'), 3000, '台账页')
    expect(mp.calls).toEqual([{ name: 'worklog', action: 'list', payload: {} }])
    await list.tap('worklog-add')
    await list.waitFor(() => mp.navigations.length > 0, 1000, '导航')
    expect(mp.navigations).toEqual([{ kind: 'navigateTo', url: `/rep/worklogEdit/index?c=${COMMUNITY}` }])
    const addQuery = Object.fromEntries(new URLSearchParams(mp.navigations[0].url!.split('?')[1]))
    mp.clearRecords()

    const page = await openEditor(addQuery)
    expect(mp.calls).toEqual([{ name: 'worklog', action: 'form', payload: { communityId: COMMUNITY } }])
    // 默认：巡查、今天、本楼（代表只管 1 号楼，不用选）。
    expect(page.classOf('worklog-kind-inspection')).toContain('chip--active')
    expect(page.classOf('worklog-date-today')).toContain('chip--active')
    expect(page.textOf('worklog-date-pick')).toContain('2026年11月20日')
    expect(page.classOf('worklog-building-CHY1')).toContain('chip--active')
    expect(page.exists('worklog-building-community')).toBe(false)

    await page.tap('worklog-date-yesterday')
    await page.waitFor(() => page.classOf('worklog-date-yesterday').includes('chip--active'), 1000, '选中昨天')
    await page.input('#worklog-area', AREA)
    await page.tap('hazard-add')
    await page.tap('hazard-add')
    await page.waitFor(() => page.exists('hazard-text-1'), 1000, '两行隐患')
    await page.input('#hazard-text-0', H1)
    await page.input('#hazard-text-1', H2)
    // 新记的巡查只说有几处、整改后回来标记（整改是之后在编辑页做的事）。
    expect(page.textOf('wfield-hazards')).toContain('2 处；整改后回来标记')

    await page.tap('worklog-save')
    await page.waitFor(() => mp.toasts.length > 0, 3000, '提示')
    expect(mp.toasts).toEqual([{ title: '已记下', icon: 'success' }])
    expect(page.exists('worklog-error')).toBe(false)

    const adds = mp.calls.filter((c) => c.name === 'worklog' && c.action === 'add')
    expect(adds).toHaveLength(1)
    const sent = adds[0].payload as { requestId: string }
    expect(sent.requestId).toMatch(/^r[0-9a-z]+$/)
    expect(sent).toEqual({
      requestId: sent.requestId,
      communityId: COMMUNITY,
      buildingCode: 'CHY1',
      date: YESTERDAY,
      note: '',
      photos: [],
      reportIds: [],
      details: { kind: 'inspection', area: AREA, hazards: [{ text: H1 }, { text: H2 }] },
    })

    // 库里：一条，服务端给隐患编了号。
    const rows = storedByRequest(sent.requestId)
    expect(rows).toHaveLength(1)
    const id = rows[0].id
    const entry = await stored(id)
    expect(entry).toMatchObject({ communityId: COMMUNITY, buildingId: 'b_chy1', kind: 'inspection', date: YESTERDAY, authorId: REP, removedAt: null })
    expect(entry.details).toEqual({
      kind: 'inspection',
      area: AREA,
      hazards: [
        { id: 'h1', text: H1, fixedOn: null },
        { id: 'h2', text: H2, fixedOn: null },
      ],
    })
    // 记下后回到台账（这一页是栈里唯一的一页：重定向到台账页）。
    await page.waitFor(() => mp.navigations.length > 0, 2000, '返回台账')
    expect(mp.navigations).toEqual([{ kind: 'redirectTo', url: `/rep/worklog/index?c=${COMMUNITY}` }])
    mp.clearRecords()

    // 台账页里有这条：两处未整改。
    const back = await mp.renderPage('rep/worklog/index', { c: COMMUNITY })
    await back.waitFor(() => back.exists(`worklog-item-${id}`), 3000, '新记的台账')
    expect(back.textOf(`worklog-summary-${id}`)).toBe(`${AREA} · 隐患 2 处，已整改 0`)
    expect(back.textOf(`worklog-item-${id}`)).toContain('未整改 2')
    await back.tap(`worklog-item-${id}`)
    await back.waitFor(() => mp.navigations.length > 0, 1000, '导航')
    expect(mp.navigations).toEqual([{ kind: 'navigateTo', url: `/rep/worklogEdit/index?id=${id}&c=${COMMUNITY}` }])
    const editQuery = Object.fromEntries(new URLSearchParams(mp.navigations[0].url!.split('?')[1]))
    mp.clearRecords()

    // 打开这条：两处隐患都有"标记已整改"。
    const edit = await openEditor(editQuery)
    // 一次 worklog.form：能记的范围与这条台账。
    expect(mp.calls).toEqual([{ name: 'worklog', action: 'form', payload: { communityId: COMMUNITY, entryId: id } }])
    await edit.waitFor(() => edit.exists('hazard-fix-h1') && edit.exists('hazard-fix-h2'), 2000, '整改按钮')
    expect(edit.textOf('worklog-kind-fixed')).toBe('巡查')

    await edit.tap('hazard-fix-h1')
    await edit.waitFor(() => edit.exists('hazard-fix-dialog'), 1000, '整改确认框')
    expect(edit.textOf('hazard-fix-dialog')).toContain(`"${H1}"是哪天整改好的？`)
    // 默认今天；经原生日期选择改成昨天（巡查当天）。
    expect(edit.textOf('hazard-fix-date')).toContain('2026年11月20日')
    await pickDate('hazard-fix-date', YESTERDAY)
    await edit.waitFor(() => edit.textOf('hazard-fix-date').includes('2026年11月19日'), 1000, '整改日期改为 11 月 19 日')
    expect(mp.calls.filter((c) => c.action === 'fixHazard')).toEqual([])

    await edit.tap('hazard-fix-dialog-ok')
    await edit.waitFor(() => mp.toasts.length > 0, 3000, '提示')
    expect(mp.toasts).toEqual([{ title: '已标记整改', icon: 'success' }])
    expect(mp.calls.filter((c) => c.action === 'fixHazard')).toEqual([
      { name: 'worklog', action: 'fixHazard', payload: { entryId: id, hazardId: 'h1', fixedOn: YESTERDAY } },
    ])

    // 库里：h1 有整改日期，h2 仍未整改；页面随之更新，确认框关上。
    const fixed = await stored(id)
    expect(fixed.details).toEqual({
      kind: 'inspection',
      area: AREA,
      hazards: [
        { id: 'h1', text: H1, fixedOn: YESTERDAY },
        { id: 'h2', text: H2, fixedOn: null },
      ],
    })
    await edit.waitFor(() => !edit.exists('hazard-fix-dialog'), 1000, '确认框关闭')
    expect(edit.textOf('hazard-fixed-h1')).toBe('已整改 11月19日')
    expect(edit.exists('hazard-fix-h1')).toBe(false)
    expect(edit.exists('hazard-fix-h2')).toBe(true)
    expect(edit.textOf('wfield-hazards')).toContain('2 处，已整改 1')
  })
})
