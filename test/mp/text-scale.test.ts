/**
 * 跟随微信的字体设置与读屏（issue 22；真实的 weapp 测试构建，先 npm run build:weapp:test）：
 * 用户在微信里开了"关怀模式"（getAppBaseInfo 答 fontSizeScaleFactor 1.4），页面根节点带上 --text-scale: 1.4，
 * 样式里每个字号都乘以它（styles/tokens.scss）；可点的入口念作按钮（aria-role）、开关有名字（aria-label）。
 * 模拟器的 DOM 不带模板里的 aria-* 属性，所以按模板（base.wxml）里这个属性绑定的短名，读页面数据里那个节点的值。
 */
import fs from 'node:fs'
import path from 'node:path'
import { setupMp, type MpHarness } from './harness'
import { createSeededFunctions, type SeededFunctions } from './realFunctions'

jest.setTimeout(20_000)

let fns: SeededFunctions
let mp: MpHarness

beforeAll(async () => {
  fns = await createSeededFunctions()
  mp = setupMp({ functions: fns.handler, appBaseInfo: { fontSizeSetting: 23.8, fontSizeScaleFactor: 1.4 } })
})

afterEach(async () => {
  await mp.cleanup()
})

afterAll(() => fns?.cleanup())

interface DataNode {
  nn?: string
  uid?: string
  cn?: DataNode[]
  [key: string]: unknown
}

const findNode = (node: DataNode | undefined, uid: string): DataNode | undefined => {
  if (!node) return undefined
  if (node.uid === uid) return node
  for (const child of node.cn ?? []) {
    const hit = findNode(child, uid)
    if (hit) return hit
  }
  return undefined
}

/** 页面上 id 为 uid 的节点在模板属性 attr 上的值（模板把 attr 绑到 i.<短名>）。 */
function templateAttr(data: unknown, uid: string, attr: string): unknown {
  const node = findNode((data as { root?: DataNode }).root, uid)
  if (!node) throw new Error(`页面数据里没有 ${uid}`)
  const wxml = fs.readFileSync(path.join(mp.dist, 'base.wxml'), 'utf8')
  const template = new RegExp(`<template name="tmpl_0_${node.nn}">([\\s\\S]*?)</template>`).exec(wxml)?.[1] ?? ''
  const key = new RegExp(`${attr}="\\{\\{i\\.(\\w+)`).exec(template)?.[1]
  if (!key) throw new Error(`模板 tmpl_0_${node.nn} 里没有 ${attr}`)
  return node[key]
}

it('关怀模式（1.4 倍）：落地页根节点带 --text-scale: 1.4，"我要报事"念作按钮', async () => {
  const page = await mp.renderPage('pages/building/index', { b: 'CHY1' })
  await page.waitForText('我要报事')
  expect(page.html()).toMatch(/class="[^"]*\bbuilding-page[^"]*"[^>]*style="--text-scale: ?1\.4/)
  expect(templateAttr(page.instance.data, 'action-report', 'aria-role')).toBe('button')
})

it('报事表单的"匿名提交"开关念作开关并有名字', async () => {
  const page = await mp.renderPage('resident/report/index', { b: 'CHY1' })
  await page.waitForText('匿名提交')
  expect(templateAttr(page.instance.data, 'anonymous-switch', 'aria-role')).toBe('switch')
  expect(templateAttr(page.instance.data, 'anonymous-switch', 'aria-label')).toBe('匿名提交')
})
