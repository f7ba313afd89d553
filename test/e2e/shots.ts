/**
 * 截图与页面操作的共用小件（端到端测试与 scripts/screenshots*.ts 都用它）：等页面安静下来再拍、
 * 整页截图、NutUI 输入框的填写、收集页面错误。截图放在 screenshots/（已 git 忽略），390×844、2 倍像素。
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT, VIEWPORT } from './helpers'

export const SHOTS = path.join(ROOT, 'screenshots')

/** 等页面安静下来：没有"加载中"，转场动画结束（当前页在原位），提示（toast）消失，字体就绪。 */
export async function settle(page: Page): Promise<void> {
  await page
    .locator('.state-view--loading')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined)
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __calmSince?: number }
      const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
      const calm = document.getAnimations().every((a) => a.playState !== 'running') && shown.every((p) => Math.abs(p.getBoundingClientRect().x) < 0.5)
      if (!calm) {
        w.__calmSince = undefined
        return false
      }
      w.__calmSince ??= performance.now()
      return performance.now() - w.__calmSince >= 250
    },
    undefined,
    { timeout: 10_000, polling: 50 },
  )
  await page
    .waitForFunction(
      () => Array.from(document.querySelectorAll('.taro__toast')).every((t) => (t as HTMLElement).offsetParent === null || getComputedStyle(t).opacity === '0'),
      undefined,
      { timeout: 4000 },
    )
    .catch(() => undefined)
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined)
}

/** Taro H5 的每个页面在自己的 .taro_page 容器里滚动（文档本身不滚动），整页截图要按它的高度。 */
async function pageScrollHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    const visible = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    return Math.max(document.documentElement.scrollHeight, ...visible.map((p) => p.scrollHeight))
  })
}

/**
 * 拍 screenshots/<name>.png（一屏看到的）；full 时长页面另拍 <name>-full.png（视口临时拉高到整页，
 * 页面里的 100vh 与底部固定栏会随之移动，仅供检查内容）。答写出的文件。
 */
export async function shot(page: Page, name: string, { full = false } = {}): Promise<string[]> {
  mkdirSync(SHOTS, { recursive: true })
  await settle(page)
  const written = [path.join(SHOTS, `${name}.png`)]
  await page.screenshot({ path: written[0] })
  if (full) {
    const height = await pageScrollHeight(page)
    if (height > VIEWPORT.height) {
      await page.setViewportSize({ width: VIEWPORT.width, height })
      await settle(page)
      written.push(path.join(SHOTS, `${name}-full.png`))
      await page.screenshot({ path: written[1] })
      await page.setViewportSize(VIEWPORT)
    }
  }
  return written
}

/** 脚本用：拍完把文件名打出来。 */
export async function shoot(page: Page, name: string, options: { full?: boolean } = {}): Promise<void> {
  for (const f of await shot(page, name, options)) console.log(`  ${path.relative(ROOT, f)}`)
}

/** NutUI 的 Input / TextArea：id 在外层，真正的输入框在里面。 */
export async function fillField(page: Page, selector: string, text: string): Promise<void> {
  const input = page.locator(`${selector} input, ${selector} textarea`).first()
  await input.fill(text)
}

/** 记下页面里未捕获的错误（测试结束时断言为空）。 */
export function collectPageErrors(page: Page, into: string[], label: string): void {
  page.on('pageerror', (e) => into.push(`${label}：${e.message}`))
}

/** 等某个元素带上某个 class（点了之后页面要重画一次；并行跑测试时立即去读会读到重画之前的）。 */
export async function waitForClass(page: Page, selector: string, cls: string): Promise<void> {
  await page.waitForFunction(([sel, c]) => !!document.querySelector(sel)?.classList.contains(c), [selector, cls] as const, { timeout: 5_000 })
}
