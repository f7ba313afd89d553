/**
 * 页面共用的加载（src/components/useLoad.tsx：代表的页面与居民的公告列表；真实的 weapp 测试构建，先 npm run build:weapp:test）：
 * 回到页面时静悄悄地刷新；刷新失败时不把整页换成错误页，留着上次的内容，并说清显示的是上次加载的；恢复后再刷新，提示消失、内容更新。
 */
import { setupMp, type MpHarness } from './harness'
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
  mp.setFunctions(fns.handler)
  fns.setOpenid(MP_TEST_OPENID)
})

afterAll(() => fns?.cleanup())

it('工作台账：回到页面时断网，列表还在，说"刷新没有成功……下面是上次加载的内容"；网络恢复后回到页面，提示消失', async () => {
  fns.setOpenid('demo_rep_li') // 种子里 1号楼的代表
  const page = await mp.renderPage('rep/worklog/index', {})
  await page.waitForText('工作台账')
  await page.waitFor(() => page.ids().some((id) => id.startsWith('worklog-item-')), 3000, '台账列表')
  const before = page.text()
  expect(page.exists('stale-notice')).toBe(false)

  // 断网：函数调用失败。
  mp.setFunctions(async () => {
    throw new Error('request:fail timeout')
  })
  mp.clearRecords()
  page.instance.onShow?.()
  await page.waitFor(() => page.exists('stale-notice'), 3000, '刷新失败的提示')
  expect(page.textOf('stale-notice')).toMatch(/^刷新没有成功：.+下面是上次加载的内容，下拉可以再试。$/)
  // 整页没有换成错误页：上次的内容都还在。
  expect(page.text()).toContain('记一笔')
  expect(page.text().replace(page.textOf('stale-notice'), '')).toBe(before)

  // 恢复，回到页面：提示消失。
  mp.setFunctions(fns.handler)
  page.instance.onShow?.()
  await page.waitFor(() => !page.exists('stale-notice'), 3000, '提示消失')
  expect(page.text()).toContain('记一笔')
})

it('居民的公告列表（同一个 useLoad）：看完回来时断网，列表与未读数还在，说"刷新没有成功"；恢复后回到页面，提示消失', async () => {
  const page = await mp.renderPage('resident/notices/index', { b: 'CHY1' })
  await page.waitFor(() => page.ids().some((id) => id.startsWith('notice-item-')), 3000, '公告列表')
  const before = page.text()
  expect(page.exists('stale-notice')).toBe(false)

  mp.setFunctions(async () => {
    throw new Error('request:fail timeout')
  })
  page.instance.onShow?.()
  await page.waitFor(() => page.exists('stale-notice'), 3000, '刷新失败的提示')
  expect(page.textOf('stale-notice')).toMatch(/^刷新没有成功：.+下面是上次加载的内容，下拉可以再试。$/)
  expect(page.text().replace(page.textOf('stale-notice'), '')).toBe(before)

  mp.setFunctions(fns.handler)
  page.instance.onShow?.()
  await page.waitFor(() => !page.exists('stale-notice'), 3000, '提示消失')
  expect(page.ids().some((id) => id.startsWith('notice-item-'))).toBe(true)
})
