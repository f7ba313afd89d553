/**
 * H5 落地页的"首个有意义内容"：Chromium（Debian 的，playwright-core），CDP Emulation.setCPUThrottlingRate 4 倍降速，
 * 每次都是冷加载（新的浏览器上下文：无缓存、无 Cookie、无本地存储），像第一次扫码的访客。
 * - 落地页：真宿主子进程（演示数据）上的 /b/CHY1（二维码上的短链，302 到 /pages/building/index?b=CHY1），
 *   首个有意义内容 = 楼名 #building-name 有字、有尺寸（它要等楼栋数据从函数回来才出现）；
 * - 对照：bench/bare 的一页（一段文字 + NutUI Cell + Button），同一份 Taro 配置与 webpack 设置构建（LOUSHI_BARE_APP=1），
 *   由同一个宿主程序送出（不播种），首个有意义内容 = #bare-title。
 * 时刻：页面里每一帧（requestAnimationFrame）看一次元素；第一次看到它有字、有尺寸后，下一帧开头的 performance.now()
 * （那一帧已画出；从导航开始算，含 302）。
 * 两种页面交替加载 RUNS 次，各取中位数；比值 = 落地页 / 对照页。
 */
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { launchBrowser, VIEWPORT } from '../../test/e2e/helpers'
import { build, log, median, ROOT, round, startHostProcess, type Figure, type Part } from './common'

const RUNS = Number(process.env.BENCH_H5_RUNS ?? 7)
const CPU_SLOWDOWN = 4

interface Load {
  /** 首个有意义内容（ms）。 */
  fmc: number
  /** 首次有内容的绘制（ms），仅供参考。 */
  fcp: number | null
}

export async function coldLoad(browser: Browser, url: string, selector: string): Promise<Load> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
    // 以字符串注入：tsx（esbuild keepNames）会给函数里的具名函数加上 __name(...)，浏览器里没有它。
    await page.addInitScript(`(() => {
      const sel = ${JSON.stringify(selector)}
      const tick = () => {
        const el = document.querySelector(sel)
        if (el && (el.textContent || '').trim()) {
          const r = el.getBoundingClientRect()
          if (r.width > 0 && r.height > 0) {
            // 这一帧画出来之后的下一帧开头：元素已经上屏。
            requestAnimationFrame(() => { window.__fmc = performance.now() })
            return
          }
        }
        requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })()`)
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 })
    await page.waitForFunction(() => (window as unknown as { __fmc?: number }).__fmc !== undefined, undefined, { timeout: 60_000, polling: 100 })
    return await page.evaluate(() => ({
      fmc: (window as unknown as { __fmc: number }).__fmc,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    }))
  } finally {
    await context.close()
  }
}

export const h5: Part = async (ctx) => {
  build('h5', ctx)
  build('bare-h5', ctx)
  const landingHost = await startHostProcess({ h5Dir: path.join(ROOT, 'dist', 'h5'), demo: true })
  const bareHost = await startHostProcess({ h5Dir: path.join(ROOT, 'dist', 'bare-h5'), demo: false })
  const chrome = await launchBrowser()
  try {
    const targets = {
      landing: { url: `${landingHost.baseUrl}/b/CHY1`, selector: '#building-name' },
      bare: { url: `${bareHost.baseUrl}/pages/index/index`, selector: '#bare-title' },
    }
    // 先各热身一次（宿主读文件、SQLite 页缓存），不计入。
    for (const t of Object.values(targets)) await coldLoad(chrome.browser, t.url, t.selector)
    const loads: Record<keyof typeof targets, Load[]> = { landing: [], bare: [] }
    for (let i = 0; i < RUNS; i++) {
      for (const key of ['landing', 'bare'] as const) {
        const l = await coldLoad(chrome.browser, targets[key].url, targets[key].selector)
        loads[key].push(l)
        log(`H5 ${key} 第 ${i + 1}/${RUNS} 次：首个有意义内容 ${l.fmc.toFixed(0)} ms（FCP ${l.fcp?.toFixed(0) ?? '—'} ms）`)
      }
    }
    const landing = median(loads.landing.map((l) => l.fmc))
    const bare = median(loads.bare.map((l) => l.fmc))
    const fcpOf = (ls: Load[]) => {
      const xs = ls.map((l) => l.fcp).filter((x): x is number => x !== null)
      return xs.length ? round(median(xs)) : null
    }
    const ratio: Figure = { value: round(landing / bare, 2), unit: 'x', baseline: 1, note: '落地页 / 对照页，各取中位数' }
    return {
      method: `Chromium，CPU ${CPU_SLOWDOWN} 倍降速，冷加载 ${RUNS} 次取中位数；落地页 /b/CHY1 等 #building-name，对照页 bench/bare 等 #bare-title`,
      landing: {
        value: round(landing),
        unit: 'ms',
        baseline: round(bare),
        note: `中位数；FCP 中位数 ${fcpOf(loads.landing)} ms；各次 ${loads.landing.map((l) => round(l.fmc)).join(', ')}`,
      } satisfies Figure,
      bare: {
        value: round(bare),
        unit: 'ms',
        note: `中位数；FCP 中位数 ${fcpOf(loads.bare)} ms；各次 ${loads.bare.map((l) => round(l.fmc)).join(', ')}`,
      } satisfies Figure,
      ratio,
    }
  } finally {
    await chrome.close()
    await landingHost.stop()
    await bareHost.stop()
  }
}
