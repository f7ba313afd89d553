/**
 * 打印楼栋海报（H5 构建 + 本地宿主 + 演示数据，Chromium 驱动）：
 * 1 号楼代表从首页的"海报"进去，点"下载海报"，读下载的 PNG，用真正的二维码解码器（jsQR）读出二维码：
 * 就是这栋楼的落地页地址（本地宿主的公开地址 + /b/CHY1），用它在新浏览器里打开就是 1号楼 的首页。
 * 管理员在"全部楼栋的海报"里逐栋下载 2号楼 的，同样解得出 /b/CHY2。每一步在 390×844 下截图到 screenshots/。
 */
import { readFileSync } from 'node:fs'
import jsQR from 'jsqr'
import type { Download, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { POSTER_HEIGHT, POSTER_SCALE, POSTER_WIDTH, posterFileName } from '../../src/rep/qrcode/drawPoster'
import { openBuilding, startE2E, switchIdentity, type E2EEnv } from './helpers'
import { collectPageErrors, shot } from './shots'

jest.setTimeout(90_000)

let env: E2EEnv
const errors: string[] = []

beforeAll(async () => {
  env = await startE2E()
})

afterAll(async () => {
  await env?.teardown()
})

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim()

/** 点下载按钮，拿到浏览器下载的文件。 */
async function download(page: Page, button: string): Promise<{ file: Download; png: PNG }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()])
  const path = await file.path()
  const png = PNG.sync.read(readFileSync(path))
  return { file, png }
}

/** 解码整张海报上的二维码（不裁剪、不放大：手机扫的也是整张）。 */
function decodeQr(png: PNG): { text: string; moduleSpan: number } {
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)
  if (!found) throw new Error(`海报（${png.width}×${png.height}）上没有解出二维码`)
  // 两个定位图形中心的距离（像素）：二维码在海报上画得多大。
  const span = Math.round(
    Math.hypot(
      found.location.topRightFinderPattern.x - found.location.topLeftFinderPattern.x,
      found.location.topRightFinderPattern.y - found.location.topLeftFinderPattern.y,
    ),
  )
  return { text: found.data, moduleSpan: span }
}

/** 预览图真的画出来了（不是占位）。 */
async function waitPosterImage(page: Page) {
  await page.locator('#poster-image').waitFor()
  await page.waitForFunction(() => {
    const img = document.querySelector('#poster-image img') as HTMLImageElement | null
    return !!img && img.complete && img.naturalWidth > 0
  })
}

test('代表下载 1号楼 的海报，海报上的二维码解出来就是本楼落地页的地址；管理员逐栋下载 2号楼 的也一样', async () => {
  // ---- 1 号楼代表：首页 → 海报 → 下载 ----
  const rep = await env.newVisitor()
  collectPageErrors(rep.page, errors, '代表')
  await openBuilding(rep.page, 'CHY1')
  await switchIdentity(rep.page, 'rep1')
  await rep.page.locator('#action-poster').click()
  await rep.page.waitForURL(/\/rep\/qrcode\/index\?b=CHY1/)
  await waitPosterImage(rep.page)
  await expect(text(rep.page, '#poster-title')).resolves.toBe('春晖苑 · 1号楼')
  await expect(text(rep.page, '#poster-download')).resolves.toBe('下载海报')
  expect(await text(rep.page, '.qr-tips')).toContain('张贴建议')
  await shot(rep.page, 'gov-poster-01-building')

  const one = await download(rep.page, '#poster-download')
  expect(one.file.suggestedFilename()).toBe(posterFileName('1号楼'))
  expect(one.file.suggestedFilename()).toBe('1号楼-报事二维码.png')
  expect([one.png.width, one.png.height]).toEqual([POSTER_WIDTH * POSTER_SCALE, POSTER_HEIGHT * POSTER_SCALE])
  const landing = `${env.baseUrl}/b/CHY1`
  const decoded = decodeQr(one.png)
  expect(decoded.text).toBe(landing)
  // 二维码够大：定位图形中心相距至少海报宽度的三分之一（打印到 A5 也好扫）。
  expect(decoded.moduleSpan).toBeGreaterThan(one.png.width / 3)

  // 扫出来的地址真能打开这栋楼。
  const scanner = await env.newVisitor()
  collectPageErrors(scanner.page, errors, '扫码的居民')
  await scanner.page.goto(decoded.text)
  await scanner.page.locator('#building-name').waitFor()
  await expect(text(scanner.page, '#building-name')).resolves.toBe('1号楼')
  expect(scanner.page.url()).toContain('/pages/building/index?b=CHY1')
  await scanner.context.close()

  // ---- 管理员：小区管理 → 全部楼栋的海报 → 逐栋下载 2号楼 ----
  const admin = await env.newVisitor()
  collectPageErrors(admin.page, errors, '管理员')
  await openBuilding(admin.page, 'CHY1')
  await switchIdentity(admin.page, 'admin')
  await admin.page.locator('#action-admin').click()
  await admin.page.waitForURL(/\/rep\/admin\/index\?c=/)
  await admin.page.locator('#posters-all').click()
  await admin.page.waitForURL(/\/rep\/qrcode\/index\?c=/)
  await waitPosterImage(admin.page)
  await expect(text(admin.page, '#poster-title')).resolves.toBe('春晖苑 · 全部楼栋海报')
  for (const code of ['CHY1', 'CHY2', 'CHY3']) await admin.page.locator(`#poster-row-${code}`).waitFor()
  expect(await text(admin.page, '#poster-row-CHY2')).toContain('楼栋码 CHY2 · 44 户')
  await shot(admin.page, 'gov-poster-02-community')

  const two = await download(admin.page, '#poster-download-CHY2')
  expect(two.file.suggestedFilename()).toBe('2号楼-报事二维码.png')
  expect(decodeQr(two.png).text).toBe(`${env.baseUrl}/b/CHY2`)
  // 预览也换成了 2号楼。
  await expect(admin.page.locator('#poster-building-CHY2').getAttribute('class')).resolves.toContain('chip--active')
  await expect(text(admin.page, '#poster-download')).resolves.toBe('下载海报：2号楼')
  await shot(admin.page, 'gov-poster-03-community-chy2')

  expect(errors).toEqual([])
})
