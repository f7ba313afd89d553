/**
 * 楼栋二维码上的短链 /b/<楼栋码>：宿主直接送页面（200，不 302，少一个往返），页面在路由启动前把地址换成
 * /pages/building/index?b=<楼栋码>。落地、返回、刷新、不认识的码都与改之前走 302 时一样，只是没有那次跳转。
 */
import type { Page, Response } from 'playwright-core'
import { isLandingCall as isLanding, startE2E, type E2EEnv } from './helpers'

jest.setTimeout(120_000)

const CODE = 'CHY1'

let env: E2EEnv

beforeAll(async () => {
  env = await startE2E()
})

afterAll(async () => {
  await env?.teardown()
})

const pathOf = (page: Page) => {
  const url = new URL(page.url())
  return url.pathname + url.search
}

/** 记下这一页的每个文档请求的答复状态（含跳转）与落地页请求的次数。 */
function watchNetwork(page: Page) {
  const documents: { path: string; status: number }[] = []
  let landingCalls = 0
  page.on('response', (r: Response) => {
    if (r.request().resourceType() === 'document') documents.push({ path: new URL(r.url()).pathname, status: r.status() })
  })
  page.on('request', (r) => isLanding(r) && landingCalls++)
  return { documents, landingCalls: () => landingCalls }
}

test('扫码打开 /b/CHY1：第一个答复就是页面（200，没有 302），地址换成落地页的，楼名出来，落地请求只发一次', async () => {
  const { page } = await env.newVisitor()
  const network = watchNetwork(page)
  const response = await page.goto(`/b/${CODE}`)
  await page.locator('#building-name').waitFor()
  await page.waitForLoadState('networkidle')

  expect(response?.status()).toBe(200)
  expect(response?.request().redirectedFrom()).toBeNull()
  expect(network.documents).toEqual([{ path: `/b/${CODE}`, status: 200 }])
  expect(pathOf(page)).toBe(`/pages/building/index?b=${CODE}`)
  await expect(page.locator('#building-name').textContent()).resolves.toBe('1号楼')
  // index.html 先发的请求就是落地页用的那一次，页面没有再请求。
  expect(network.landingCalls()).toBe(1)
})

test('返回不会回到短链再跳一次：进"我的报事"再返回是落地页，再返回就离开了', async () => {
  const { page } = await env.newVisitor()
  await page.goto('/healthz')
  await page.goto(`/b/${CODE}`)
  await page.locator('#building-name').waitFor()
  await page.locator('#action-mine').click()
  await page.waitForURL(/\/resident\/mine\/index/)
  // 等"我的报事"画出来再返回（它的脚本还在下载时就返回，Taro 的路由会让落地页一直藏着，与短链无关）。
  await page.locator('#mine-count, .state-view--empty').first().waitFor()

  await page.goBack()
  await page.waitForURL((url) => url.pathname === '/pages/building/index')
  expect(pathOf(page)).toBe(`/pages/building/index?b=${CODE}`)
  await page.locator('#building-name').waitFor()

  await page.goBack()
  await page.waitForURL((url) => url.pathname === '/healthz')
  // 前进回来是落地页的地址（不是短链），照样打开。
  await page.goForward()
  await page.locator('#building-name').waitFor()
  expect(pathOf(page)).toBe(`/pages/building/index?b=${CODE}`)
})

test('刷新换过的地址照样是这栋楼', async () => {
  const { page } = await env.newVisitor()
  await page.goto(`/b/${CODE}`)
  await page.locator('#building-name').waitFor()
  await page.reload()
  await page.locator('#building-name').waitFor()
  expect(pathOf(page)).toBe(`/pages/building/index?b=${CODE}`)
  await expect(page.locator('#building-name').textContent()).resolves.toBe('1号楼')
})

test('不存在的楼栋码：与直接打开落地页一样说明没有这栋楼；不像楼栋码的短链不改地址、不先发请求', async () => {
  const direct = (await env.newVisitor()).page
  await direct.goto('/pages/building/index?b=ZZZZ9')
  const expected = await direct.locator('.state-view--error').textContent()
  expect(expected).toBeTruthy()

  const { page } = await env.newVisitor()
  const network = watchNetwork(page)
  await page.goto('/b/ZZZZ9')
  await expect(page.locator('.state-view--error').textContent()).resolves.toBe(expected)
  expect(pathOf(page)).toBe('/pages/building/index?b=ZZZZ9')
  expect(network.documents).toEqual([{ path: '/b/ZZZZ9', status: 200 }])

  const odd = await env.newVisitor()
  const oddNetwork = watchNetwork(odd.page)
  await odd.page.goto('/b/x')
  await odd.page.waitForLoadState('networkidle')
  expect(pathOf(odd.page)).toBe('/b/x')
  expect(oddNetwork.landingCalls()).toBe(0)
})
