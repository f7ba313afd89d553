/**
 * 长文字（issue 22；真实的 weapp 测试构建，先 npm run build:weapp:test）：所有多行输入都是同一个 TextBox。
 * 写得长时框跟着长高、下面的卡片被推下去；超过上限时字不被悄悄截掉，框下说超了几个字，提交被拒。
 *
 * miniprogram-simulate 跑在 jsdom 里，不排版、也不加载 common.wxss，量不到高度。所以这里断言保证"跟着长高"的结构与样式：
 * 原生 textarea 开着 auto-height、不设上限（maxlength -1）、值是整段字；从卡片到 textarea 一路没有写死的行内高度；
 * 构建出的样式里 .text-box 把 NutUI 定的 40px 改回 height: auto。真实排版由 e2e（Chromium）量：test/e2e/report-flow.test.ts。
 */
import fs from 'node:fs'
import path from 'node:path'
import type { FunctionReply } from '../../src/core/api'
import { REPORT_NOTE_MAX, TEXT_MAX } from '../../src/core/shared/catalog'
import { aReport } from '../samples'
import { setupMp, type MpHarness, type PageHandle } from './harness'
import { createSeededFunctions, MP_TEST_OPENID, type SeededFunctions } from './realFunctions'

jest.setTimeout(20_000)

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

/** 页面数据（setData 的树）里的一个节点：nn 是模板号，cl 是 class，st 是行内样式，其余是模板属性的短名。 */
interface DataNode {
  nn?: string
  uid?: string
  cl?: string
  st?: string
  cn?: DataNode[]
  [key: string]: unknown
}

/** 从根到每个原生 textarea 的节点链（textarea 的模板号按 base.wxml 找）。 */
function textareaChains(page: PageHandle): DataNode[][] {
  const wxml = fs.readFileSync(path.join(mp.dist, 'base.wxml'), 'utf8')
  const textareaTemplates = new Set(Array.from(wxml.matchAll(/<template name="tmpl_0_(\w+?)(?:_focus|_blur)?">\s*<textarea/g), (m) => m[1]))
  const chains: DataNode[][] = []
  const walk = (node: DataNode, chain: DataNode[]) => {
    const next = [...chain, node]
    if (node.nn && textareaTemplates.has(node.nn)) chains.push(next)
    for (const child of node.cn ?? []) walk(child, next)
  }
  walk((page.instance.data as { root: DataNode }).root, [])
  return chains
}

/** textarea 节点在模板属性 attr（如 auto-height、maxlength、value）上的值。 */
function textareaAttr(node: DataNode, attr: string): unknown {
  const wxml = fs.readFileSync(path.join(mp.dist, 'base.wxml'), 'utf8')
  // 有 focus 属性的 textarea 分成 _focus / _blur 两个模板，属性相同。
  const body = (name: string) => new RegExp(`<template name="${name}">([\\s\\S]*?)</template>`).exec(wxml)?.[1] ?? ''
  const template = body(`tmpl_0_${node.nn}_blur`) || body(`tmpl_0_${node.nn}`)
  const key = new RegExp(` ${attr}="\\{\\{(?:xs\\.b\\()?i\\.(\\w+)`).exec(template)?.[1]
  if (!key) throw new Error(`textarea 模板里没有 ${attr}`)
  return node[key]
}

/** 卡片 id 为 cardId 里的那个 textarea：它的节点链（从卡片起）。 */
function chainIn(page: PageHandle, cardId: string): DataNode[] {
  const chain = textareaChains(page).find((c) => c.some((n) => n.uid === cardId))
  if (!chain) throw new Error(`#${cardId} 里没有 textarea`)
  return chain.slice(chain.findIndex((n) => n.uid === cardId))
}

/**
 * 构建出的样式表里，选择器 selector 的声明：主包的 common.wxss 与分包 root 的 sub-common 里的样式表
 * （只在分包页面里用的组件，样式进分包的 sub-common）。
 */
function declarations(selector: string, root = 'resident'): string {
  const subCommon = path.join(mp.dist, root, 'sub-common')
  const sheets = [
    path.join(mp.dist, 'common.wxss'),
    ...(fs.existsSync(subCommon)
      ? fs
          .readdirSync(subCommon)
          .filter((f) => f.endsWith('.wxss'))
          .map((f) => path.join(subCommon, f))
      : []),
  ]
  const css = sheets.map((f) => fs.readFileSync(f, 'utf8')).join('\n')
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const block = new RegExp(`(?:^|\\})\\s*${escaped}\\s*\\{([^}]*)\\}`, 'm').exec(css)
  if (!block) throw new Error(`common.wxss 与 ${root}/sub-common 里都没有 ${selector}`)
  return block[1]
}

describe('报事表单：问题描述写长了', () => {
  it('写 300 字：原生 textarea 随字长高（auto-height、不设上限、整段都在），外层没有写死的高度，字数显示 300/500', async () => {
    const page = await mp.renderPage('resident/report/index', { b: 'CHY1' })
    await page.waitForText('问题描述')
    const long = '三楼楼道的声控灯不亮，晚上回家要摸黑上楼，老人和孩子走楼梯很危险。'.repeat(10).slice(0, 300)
    expect(long).toHaveLength(300)
    await page.input('#field-text', long)
    await page.waitForText(`300/${TEXT_MAX}`, 1000)

    const chain = chainIn(page, 'field-text')
    const textarea = chain.at(-1)!
    expect(textareaAttr(textarea, 'value')).toBe(long)
    expect(textareaAttr(textarea, 'auto-height')).toBe(true)
    expect(textareaAttr(textarea, 'maxlength')).toBe(-1)
    // 卡片 → 共用的文本框 → NutUI 外层 → textarea：没有一层带行内的 height。
    expect(chain.map((n) => (n.cl ?? '').split(' ')[0])).toEqual(['card', 'text-box', 'nut-textarea', 'h5-textarea'])
    for (const node of chain) expect(String(node.st ?? '')).not.toMatch(/(^|;)\s*height/)
    // NutUI 给 .nut-textarea-textarea 定了固定高度（40px，构建后 80rpx）；共用的文本框把它改回随内容。
    expect(declarations('.nut-textarea-textarea')).toMatch(/(^|;|\s)height:\s*\d+r?px/)
    expect(declarations('.text-box .nut-textarea .nut-textarea-textarea')).toMatch(/(^|;|\s)height:\s*auto/)
    // 下面的照片卡片排在文本框之后、同一层（正常文档流，不会被压住）。
    const ids = page.ids()
    expect(ids.indexOf('field-photos')).toBeGreaterThan(ids.indexOf('field-text'))
  })

  it(`写 ${TEXT_MAX + 60} 字：不截断，框下说超出 60 个字；点提交被拒，不调用函数，字还在框里`, async () => {
    const page = await mp.renderPage('resident/report/index', { b: 'CHY1' })
    await page.waitForText('问题分类')
    await page.tap('kind-complaint')
    await page.tap('category-elevator')
    const long = '电'.repeat(TEXT_MAX + 60)
    await page.input('#field-text', long)
    await page.waitForText('超出 60 个字', 1000)
    expect(page.textOf('report-text-length')).toContain(`${TEXT_MAX + 60}/${TEXT_MAX}`)
    mp.clearRecords()
    await page.tap('submit-report')
    await page.waitFor(() => page.exists('error-text'), 1000, '问题描述的错误')
    expect(page.textOf('error-text')).toContain(`最多 ${TEXT_MAX} 个字`)
    expect(mp.calls.filter((c) => c.action === 'submit')).toEqual([])
    expect(textareaAttr(chainIn(page, 'field-text').at(-1)!, 'value')).toBe(long)
  })
})

describe('代表处理报事：备注写长了', () => {
  it(`备注写 ${REPORT_NOTE_MAX + 50} 字：不被截成 ${REPORT_NOTE_MAX} 字悄悄提交，而是说超出 50 个字并拒收；删到上限内才记进库里`, async () => {
    fns.setOpenid('mp_long_text_neighbour')
    const reply = (await fns.handler('reports', {
      action: 'submit',
      payload: aReport({ text: '长备注测试：2单元楼道灯不亮，晚上看不清台阶' }),
    })) as FunctionReply<{
      report: { id: string }
    }>
    if (reply.code !== 'OK') throw new Error(reply.message)
    const reportId = reply.data.report.id
    fns.setOpenid('demo_rep_li') // 种子里 1号楼的代表

    const page = await mp.renderPage('rep/detail/index', { id: reportId })
    await page.waitForText('长备注测试')
    await page.tap('act-accept')
    await page.waitFor(() => page.exists('act-sheet'), 1000, '表单')
    const long = '已'.repeat(REPORT_NOTE_MAX + 50)
    await page.input('#act-note', long)
    await page.waitForText('超出 50 个字', 1000)
    const note = chainIn(page, 'act-note').at(-1)!
    expect(textareaAttr(note, 'value')).toBe(long)
    expect(textareaAttr(note, 'auto-height')).toBe(true)

    mp.clearRecords()
    await page.tap('act-submit')
    await page.waitFor(() => page.exists('act-error'), 1000, '错误提示')
    expect(page.textOf('act-error')).toContain('超出 50 个字')
    expect(mp.calls.filter((c) => c.action === 'act')).toEqual([])
    const status = () => (fns.store.db.prepare('SELECT status FROM reports WHERE id = ?').get(reportId) as { status: string }).status
    expect(status()).toBe('pending')

    const fits = '已'.repeat(REPORT_NOTE_MAX)
    await page.input('#act-note', fits)
    await page.tap('act-submit')
    await page.waitFor(() => mp.toasts.length > 0, 3000, '提示')
    expect(status()).toBe('accepted')
    const saved = fns.store.db.prepare('SELECT note FROM status_changes WHERE report_id = ? ORDER BY seq DESC LIMIT 1').get(reportId) as { note: string }
    expect(saved.note).toBe(fits)
  })
})
