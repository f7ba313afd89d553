/**
 * 跟随微信的字体设置（issue 22；真实的 weapp 测试构建，先 npm run build:weapp:test）：
 * 用户在微信里开了"关怀模式"（getAppBaseInfo 答 fontSizeScaleFactor 1.4），页面根节点带上 --text-scale: 1.4，
 * 样式里每个字号都乘以它（styles/tokens.scss）；可点的入口念作按钮（aria-role）。
 * 标准字号的另一个测试文件（pages.test.ts 等）里根节点不带这个变量。
 */
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

it('关怀模式（1.4 倍）：落地页根节点带 --text-scale: 1.4，"我要报事"念作按钮', async () => {
  const page = await mp.renderPage('pages/building/index', { b: 'CHY1' })
  await page.waitForText('我要报事')
  const html = page.html()
  expect(html).toMatch(/class="[^"]*\bbuilding-page[^"]*"[^>]*style="--text-scale: ?1\.4/)
  expect(page.attrOf('action-report', 'aria-role')).toBe('button')
})

it('报事表单的"匿名提交"开关有名字', async () => {
  const page = await mp.renderPage('pages/report/index', { b: 'CHY1' })
  await page.waitForText('匿名提交')
  const switchId = page.ids().find((id) => id === 'anonymous-switch')
  expect(switchId).toBeDefined()
  expect(page.attrOf('anonymous-switch', 'aria-label')).toBe('匿名提交')
})
