/**
 * H5 落地页的第一次打开：index.html 在页面脚本之前发出 account.landing，页面第一次渲染就用上它（不先出"加载中"、不再请求第二次）；
 * 落地页的 chunk 不带它不画的 Taro 组件与 Taro H5 的提示框；先发的请求不把一个身份的数据给另一个身份。
 */
import type { Page } from 'playwright-core'
import { collectScripts, isLandingCall as isLanding, openBuilding, startE2E, switchIdentity, type E2EEnv } from './helpers'

jest.setTimeout(120_000)

const CODE = 'CHY1'

let env: E2EEnv

beforeAll(async () => {
  env = await startE2E()
})

afterAll(async () => {
  await env?.teardown()
})

/** 页面脚本之前装上：记下"加载中"是否出现过（在楼名之前）。 */
const WATCH_LOADING = `(() => {
  window.__sawLoading = false
  new MutationObserver(() => {
    if (document.querySelector('.state-view--loading')) window.__sawLoading = true
  }).observe(document, { childList: true, subtree: true })
})()`

test('第一次打开：落地页的请求不等页面脚本，落地页的 chunk 与 app.js 同时下载，第一次渲染就有楼名（没有"加载中"），只请求一次', async () => {
  const { page } = await env.newVisitor()
  await page.addInitScript(WATCH_LOADING)
  const order: string[] = []
  page.on('request', (r) => {
    if (isLanding(r)) order.push('landing')
    else if (/\/js\/[^/]+\.js$/.test(r.url())) order.push(r.url())
  })
  // 页面脚本（app.js）等落地页的答复到了才给：这样第一次渲染时数据一定已在（不看机器快慢）。
  // 最多等 5 秒：页面自己才发请求时（改动之前），脚本照样给，测试在下面的断言上失败而不是卡住。
  let releasedBy: 'landing' | 'timeout' | null = null
  let landingAnswered: () => void = () => undefined
  const answered = new Promise<void>((resolve) => {
    landingAnswered = () => {
      releasedBy ??= 'landing'
      resolve()
    }
    setTimeout(() => {
      releasedBy ??= 'timeout'
      resolve()
    }, 5_000)
  })
  page.on('requestfinished', (r) => isLanding(r) && landingAnswered())
  await page.route(/\/js\/app\.[0-9a-f]{8}\.js$/, async (route) => {
    await answered
    order.push('app.js released')
    await route.continue()
  })

  const html = await (await page.goto(`/b/${CODE}`))?.text()
  await page.locator('#building-name').waitFor()
  await page.waitForLoadState('networkidle')

  // index.html 里 <script src> 列出的脚本之外的第一个 chunk 就是落地页的。
  const initialScripts = [...(html ?? '').matchAll(/src="([^"]+\.js)"/g)].map((m) => m[1])
  const firstPageChunk = order.findIndex((u) => u.startsWith('http') && !initialScripts.some((s) => u.endsWith(s)))
  expect(order.filter((u) => u === 'landing')).toHaveLength(1)
  // 落地页的请求在 app.js 执行之前就发出、答复了（index.html 里发的）。
  expect(releasedBy).toBe('landing')
  // 落地页的 chunk 不等 app.js 执行完才请求（index.html 里预加载）。
  expect(firstPageChunk).toBeGreaterThanOrEqual(0)
  expect(firstPageChunk).toBeLessThan(order.indexOf('app.js released'))
  expect(await page.evaluate(() => (window as unknown as { __sawLoading: boolean }).__sawLoading)).toBe(false)
  // 公告条晚一个任务画出，也在。
  await page.locator('#notice-strip').waitFor()
})

test('落地页加载的脚本里没有它不画的 Taro 组件（Picker、Input、Textarea、Canvas）', async () => {
  const { page } = await env.newVisitor()
  const loadedScripts = collectScripts(page)
  await openBuilding(page, CODE)
  await page.waitForLoadState('networkidle')
  const loaded = await loadedScripts()
  expect(loaded.includes('taro-view-core')).toBe(true)
  const unrendered = ['taro-picker-core', 'taro-input-core', 'taro-textarea-core', 'taro-canvas-core'].filter((tag) => loaded.includes(tag))
  expect(unrendered).toEqual([])

  // 报事页照样有它的输入框（组件在报事页自己的 chunk 里）。
  await page.locator('#action-report').click()
  await page.locator('#field-text textarea').waitFor()
})

test('点"我要报事"：报事页的脚本在下载时，页面里一层"正在打开报事…"挡住再点，报事页出来就收起；落地页的脚本不带 Taro H5 的提示框', async () => {
  const { page } = await env.newVisitor()
  const loadedScripts = collectScripts(page)
  await openBuilding(page, CODE)
  await page.waitForLoadState('networkidle')
  const loaded = await loadedScripts()
  // Taro H5 的提示框、对话框、剪贴板与画布的 API（showLoading 与 setClipboardData 带进来的）都不在落地页加载的脚本里。
  expect(['taro__toast', 'taro-modal', 'taro_clipboard', 'createOffscreenCanvas'].filter((s) => loaded.includes(s))).toEqual([])

  // 报事页的脚本扣住，看提示；放行后报事页出来。
  let release: () => void = () => undefined
  const released = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\/js\/[^/]+\.js$/, async (route) => {
    await released
    await route.continue()
  })
  const report = page.locator('#action-report')
  const box = await report.boundingBox()
  await report.click()
  const opening = page.locator('#opening-report')
  await opening.waitFor()
  await expect(opening.textContent()).resolves.toBe('正在打开报事…')
  expect(await opening.getAttribute('role')).toBe('status')
  expect(await page.locator('.opening-report__text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(17)
  // 挡住再点：按钮的位置上最上面的是这一层。
  const centre = { x: (box?.x ?? 0) + (box?.width ?? 0) / 2, y: (box?.y ?? 0) + (box?.height ?? 0) / 2 }
  expect(await page.evaluate(({ x, y }) => !!document.elementFromPoint(x, y)?.closest('#opening-report'), centre)).toBe(true)

  release()
  await page.locator('#field-text textarea').waitFor()
  await opening.waitFor({ state: 'hidden' })
  // 返回落地页：提示不再出现。
  await page.goBack()
  await page.locator('#building-name').waitFor()
  expect(await page.locator('#opening-report').count()).toBe(0)
})

async function hasMemberBlock(page: Page): Promise<boolean> {
  return (await page.locator('#member-block').count()) > 0
}

test('切换身份：每个身份看到自己的落地页；切换之前发出、晚到的答复不盖掉新身份的数据', async () => {
  const { page } = await env.newVisitor()
  await openBuilding(page, CODE)
  await switchIdentity(page, 'rep1')
  await page.locator('#member-block').waitFor()

  // 以李建国（1 号楼代表）重新打开：先发的请求带着他的会话。把这次答复扣住，等切换成王阿姨之后才交给页面。
  let release: () => void = () => undefined
  const released = new Promise<void>((resolve) => (release = resolve))
  let held = false
  await page.route(/\/api\/fn\/account$/, async (route) => {
    if (held || !isLanding(route.request())) return route.continue()
    held = true
    const response = await route.fetch() // 以李建国的身份取到的答复
    await released
    await route.fulfill({ response })
  })
  await page.goto(`/b/${CODE}`)
  await page.locator('#identity-toggle').waitFor()
  expect(held).toBe(true)

  await page.locator('#identity-toggle').click()
  const switched = page.waitForResponse((r) => r.url().endsWith('/api/local/identity'))
  const refreshed = page.waitForResponse((r) => isLanding(r.request()))
  await page.locator('#identity-resident').click()
  await switched
  await refreshed
  await page.locator('#building-name').waitFor()
  expect(await hasMemberBlock(page)).toBe(false)

  // 李建国的答复现在才到：页面不理它。
  const late = page.waitForEvent('requestfinished', { predicate: isLanding })
  release()
  await late
  await page.waitForTimeout(300)
  expect(await hasMemberBlock(page)).toBe(false)
  await expect(page.locator('#identity-toggle').textContent()).resolves.toContain('王阿姨')

  // 再以王阿姨重新打开（先发的请求用的是她的会话），再切回李建国：各看各的。
  await page.unroute(/\/api\/fn\/account$/)
  await page.goto(`/b/${CODE}`)
  await page.locator('#building-name').waitFor()
  await page.locator('#identity-toggle').waitFor()
  expect(await hasMemberBlock(page)).toBe(false)
  await switchIdentity(page, 'rep1')
  await page.locator('#member-block').waitFor()
  await page.goto(`/b/${CODE}`)
  await page.locator('#member-block').waitFor()
})
