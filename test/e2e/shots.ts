/**
 * 治理页面的端到端测试共用的小件：截图（等页面安静下来再拍）、NutUI 输入框的填写、收集页面错误。
 * 截图放在 screenshots/（已 git 忽略），390×844、2 倍像素，和 scripts/screenshots.ts 一样。
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT } from './helpers'

export const SHOTS = path.join(ROOT, 'screenshots')

/** 等页面安静下来：没有"加载中"，转场动画结束（当前页在原位），提示（toast）消失，字体就绪。 */
export async function settle(page: Page): Promise<void> {
  await page.locator('.state-view--loading').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined)
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
    .waitForFunction(() => Array.from(document.querySelectorAll('.taro__toast')).every((t) => (t as HTMLElement).offsetParent === null || getComputedStyle(t).opacity === '0'), undefined, { timeout: 4000 })
    .catch(() => undefined)
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
}

/** 拍一张视口截图：screenshots/<name>.png。 */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  await settle(page)
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
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
