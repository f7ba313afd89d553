/**
 * 断网时的报事草稿：提交失败（包括"函数存下了、回复丢了"）后，草稿与请求编号都留在本地；
 * 重新打开页面内容还在；再提交只存一条。
 */
import type { Page, Request } from 'playwright-core'
import { countReports, openBuilding, startE2E, type E2EEnv } from './helpers'

jest.setTimeout(90_000)

const CODE = 'CHY1'
const DRAFT_KEY = `loushi.reportDraft.${CODE}`

let env: E2EEnv

beforeAll(async () => {
  env = await startE2E()
})

afterAll(async () => {
  await env?.teardown()
})

const isSubmit = (r: Request) => r.method() === 'POST' && (r.postData() ?? '').includes('"action":"submit"')

/** Taro H5 把 setStorageSync 的值包成 { data } 存进 localStorage。 */
async function storedDraft(page: Page): Promise<{ requestId: string; draft: { text: string; category: string | null } } | null> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY)
  if (!raw) return null
  const parsed = JSON.parse(raw) as { data?: unknown }
  return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as {
    requestId: string
    draft: { text: string; category: string | null }
  }
}

test('提交时断网：草稿在重新打开后还在，重试用同一个请求编号，只存一条', async () => {
  const { page } = await env.newVisitor()
  await openBuilding(page, CODE)
  await page.locator('#action-report').click()
  await page.waitForURL(/\/resident\/report\/index\?b=CHY1/)
  await page.locator('#submit-report').waitFor()

  const description = `三楼楼道的声控灯不亮 draft-${Date.now()}`
  await page.locator('#category-facilities').click()
  await page.locator('.report-text textarea').fill(description)
  await page.locator('#area-楼道\\/楼梯间').click()
  await page.locator('#contact-phone input').fill('021-55501234')

  const saved = await storedDraft(page)
  expect(saved?.draft).toMatchObject({ text: description, category: 'facilities' })
  const requestId = saved?.requestId ?? ''
  expect(requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/)

  const before = countReports(env.store)
  const submitted: string[] = []
  page.on('request', (r) => {
    if (r.url().endsWith('/api/fn/reports') && isSubmit(r)) submitted.push(JSON.parse(r.postData() ?? '{}').payload.requestId)
  })

  // 第一次：请求根本没到函数。
  await page.route('**/api/fn/reports', (route) => (isSubmit(route.request()) ? route.abort('internetdisconnected') : route.continue()))
  let failed = page.waitForEvent('requestfailed', isSubmit)
  await page.locator('#submit-report').click()
  await failed
  // 说内容没丢、再点不会重复（改之前只说"网络不太稳定"）。
  await expect(page.locator('#report-error').textContent()).resolves.toBe('提交没有成功：内容已保存在手机上，恢复网络后再点提交，不会重复提交')
  expect(countReports(env.store)).toBe(before)
  expect(page.url()).toContain('/resident/report/index')

  // 第二次：函数存下了，回复在路上丢了。
  await page.unroute('**/api/fn/reports')
  await page.route('**/api/fn/reports', async (route) => {
    if (!isSubmit(route.request())) return route.continue()
    await route.fetch()
    await route.abort('connectionreset')
  })
  failed = page.waitForEvent('requestfailed', isSubmit)
  await page.locator('#submit-report').click()
  await failed
  await expect(page.locator('#report-error').textContent()).resolves.toContain('内容已保存在手机上')
  expect(countReports(env.store)).toBe(before + 1)
  await page.unroute('**/api/fn/reports')

  // 重新打开：内容都在，提示已恢复；请求编号没变。
  await page.reload()
  await page.locator('#draft-restored').waitFor()
  await expect(page.locator('.report-text textarea').inputValue()).resolves.toBe(description)
  expect(await page.locator('#category-facilities').getAttribute('class')).toContain('chip--active')
  expect(await page.locator('#area-楼道\\/楼梯间').getAttribute('class')).toContain('chip--active')
  await expect(page.locator('#contact-phone input').inputValue()).resolves.toBe('021-55501234')
  expect((await storedDraft(page))?.requestId).toBe(requestId)

  // 再提交：函数认出同一个请求编号，不再存第二条。
  await page.locator('#submit-report').click()
  await page.waitForURL(/\/resident\/mine\/index/)
  await page.locator('.report-card').filter({ hasText: description }).waitFor()
  expect(await page.locator('.report-card').count()).toBe(1)
  expect(countReports(env.store)).toBe(before + 1)
  expect(submitted).toEqual([requestId, requestId, requestId])
  // 函数确认存下之后，草稿清掉。
  expect(await storedDraft(page)).toBeNull()
})

test('每个字段的错误同时显示在各自下面', async () => {
  const { page } = await env.newVisitor()
  await openBuilding(page, CODE)
  await page.locator('#action-report').click()
  await page.locator('#submit-report').waitFor()
  await page.locator('.report-text textarea').fill('坏了')
  await page.locator('#contact-phone input').fill('12ab')
  await page.locator('#submit-report').click()
  await expect(page.locator('#error-category').textContent()).resolves.toBe('请选择问题分类')
  await expect(page.locator('#error-text').textContent()).resolves.toBe('问题描述至少 5 个字')
  await expect(page.locator('#error-area').textContent()).resolves.toBe('请选择公共区域')
  await expect(page.locator('#error-contactPhone').textContent()).resolves.toBe('请填写正确的手机或座机号码，或留空')
  expect(await page.locator('#report-error').textContent()).toContain('共 4 处要改')
  // 改对一处，那一处的错误随即消失。
  await page.locator('#category-elevator').click()
  await page.locator('#error-category').waitFor({ state: 'detached' })
  expect(await page.locator('#report-error').textContent()).toContain('共 3 处要改')
})

test('断网时回到楼栋首页：留着上次的内容，顶上一条说明（改之前整页换成出错）；恢复后点它刷新', async () => {
  const { page } = await env.newVisitor()
  await openBuilding(page, CODE)
  const name = await page.locator('#building-name').textContent()
  await page.locator('#action-report').click()
  await page.locator('#submit-report').waitFor()
  await page.route('**/api/fn/account', (route) => route.abort('internetdisconnected'))
  await page.goBack()
  await page.locator('#stale-banner').waitFor()
  await expect(page.locator('#stale-banner').textContent()).resolves.toContain('下面是上次打开时的内容')
  await expect(page.locator('#building-name').textContent()).resolves.toBe(name)
  await expect(page.locator('#action-report').isVisible()).resolves.toBe(true)
  await page.unroute('**/api/fn/account')
  await page.locator('#stale-banner').click()
  await page.locator('#stale-banner').waitFor({ state: 'detached' })
})

test('选照片：超过 5 MB 的与不是图片的当场不收、说出原因（改之前：太大的成了永远"点此重试"的格子，不是图片的悄悄不见）', async () => {
  const { page } = await env.newVisitor()
  await openBuilding(page, CODE)
  await page.locator('#action-report').click()
  await page.locator('#submit-report').waitFor()
  const chooser = page.waitForEvent('filechooser')
  await page.locator('#photo-add').click()
  const album = page.getByText('从相册选择')
  const picked = await Promise.race([
    chooser.then(() => 'chooser' as const),
    album
      .waitFor({ timeout: 3000 })
      .then(() => 'sheet' as const)
      .catch(() => 'chooser' as const),
  ])
  if (picked === 'sheet') await album.click()
  // 6 MB 的 PNG（文件头是 PNG，后面补零）与一份 PDF。
  const png = Buffer.alloc(6 * 1024 * 1024)
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png)
  await (
    await chooser
  ).setFiles([
    { name: '楼道.png', mimeType: 'image/png', buffer: png },
    { name: '说明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 楼道灯坏了') },
  ])
  await page.locator('#photo-refused').waitFor()
  const text = await page.locator('#photo-refused').textContent()
  expect(text).toContain('说明.pdf：不是图片，只收 JPG、PNG、WebP、GIF')
  expect(text).toContain('楼道.png：')
  // 没有加上任何一格，也就没有"点此重试"。
  expect(await page.locator('[id^=photo-retry-]').count()).toBe(0)
  expect(await page.locator('.photo').count()).toBe(1)
})
