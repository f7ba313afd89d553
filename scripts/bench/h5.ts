/**
 * H5 落地页的"首个有意义内容"：Chromium（Debian 的，playwright-core），CDP Emulation.setCPUThrottlingRate 4 倍降速，
 * 每次都是冷加载（新的浏览器上下文：无缓存、无 Cookie、无本地存储），像第一次扫码的访客。
 * - 落地页：真宿主子进程（演示数据）上的 /b/CHY1（二维码上的短链：宿主直接送页面，页面把地址换成 /pages/building/index?b=CHY1），
 *   首个有意义内容 = 楼名 #building-name 有字、有尺寸（它要等楼栋数据从函数回来才出现）；
 * - 对照：bench/bare 的一页（一段文字 + NutUI Cell + Button），同一份 Taro 配置与 webpack 设置构建（LOUSHI_BARE_APP=1），
 *   由同一个宿主程序送出（不播种），首个有意义内容 = #bare-title。
 * 时刻：页面里每一帧（requestAnimationFrame）看一次元素；第一次看到它有字、有尺寸后，下一帧开头的 performance.now()
 * （那一帧已画出；从导航开始算，含 302）。
 * 两种页面交替加载 RUNS 次（A、B、A、B…），各取中位数；比值 = 落地页 / 对照页。开始与结束时各记一次负载（os.loadavg）。
 * 每次还数 React 提交了几次才出现楼名（页面脚本之前装上的 __REACT_DEVTOOLS_GLOBAL_HOOK__ 数 onCommitFiberRoot，生产构建也调它）。
 *
 * 慢网络（SLOW_RUNS 次）：CDP Network.emulateNetworkConditions 400 kbit/s 上下行、400 ms 往返，禁用缓存，不降 CPU；
 * 量骨架（index.html 里的 .boot）上屏、楼名上屏，以及楼名出来、网络空闲之后点"我要报事"到有反馈（"正在打开报事…"或报事页）
 * 与报事表单可用（描述框在、没有遮罩）各用多久。
 *
 * BENCH_H5_DIR 换一份落地页的构建；BENCH_H5_BASELINE_DIR 再加一份（如改动之前的 dist/h5 拷贝）进同一轮交替
 * （落地页、对照页、改前的落地页，A、B、C、A、B、C…），慢网络也各量一遍：前后之比在同一时段、同样的负载下量出。对照页总是 dist/bare-h5。
 * 改前的构建要配改前的宿主时（如 /b/ 短链从 302 改成直接送页面），BENCH_H5_BASELINE_ROOT=<改前的检出>（git archive 出来、
 * node_modules 链过去）让改前的落地页由那个检出的宿主送出。
 */
import os from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, VIEWPORT } from '../../test/e2e/helpers'
import { build, log, median, ROOT, round, startHostProcess, type Figure, type Part } from './common'

const RUNS = Number(process.env.BENCH_H5_RUNS ?? 7)
const SLOW_RUNS = Number(process.env.BENCH_H5_SLOW_RUNS ?? 3)
const CPU_SLOWDOWN = 4
/** 400 kbit/s（字节每秒）与往返时延。 */
const SLOW_NETWORK = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 }

interface Load {
  /** 首个有意义内容（ms）。 */
  fmc: number
  /** 首次有内容的绘制（ms），仅供参考。 */
  fcp: number | null
  /** 楼名出现时 React 已提交的次数。 */
  commits: number | null
}

const loadAverage = () => os.loadavg().map((x) => round(x, 2))

function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: VIEWPORT, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
}

/**
 * 页面脚本之前注入：数 React 的提交；每一帧看一次 selector，第一次有字、有尺寸后在下一帧开头记下时刻（那一帧已画出）。
 * 以字符串注入：tsx（esbuild keepNames）会给函数里的具名函数加上 __name(...)，浏览器里没有它。
 */
function watchScript(marks: Record<string, string>): string {
  return `(() => {
    window.__commits = 0
    window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true, isDisabled: false, renderers: new Map(),
      inject: () => 1, checkDCE: () => {}, onScheduleFiberRoot: () => {}, onCommitFiberUnmount: () => {}, onPostCommitFiberRoot: () => {},
      onCommitFiberRoot: () => { window.__commits++ },
    }
    window.__marks = {}
    const marks = ${JSON.stringify(marks)}
    const visible = (sel) => {
      const el = document.querySelector(sel)
      if (!el || !(el.textContent || '').trim()) return false
      const r = el.getBoundingClientRect()
      return r.width > 0 && r.height > 0
    }
    const tick = () => {
      for (const [name, sel] of Object.entries(marks)) {
        if (window.__marks[name] === undefined && visible(sel)) {
          window.__marks[name] = null
          const commits = window.__commits
          requestAnimationFrame(() => { window.__marks[name] = performance.now(); window.__marks[name + 'Commits'] = commits })
        }
      }
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()`
}

const markOf = (page: Page, name: string) =>
  page.waitForFunction((n) => (window as unknown as { __marks: Record<string, number | null> }).__marks[n] ?? undefined, name, {
    timeout: 120_000,
    polling: 100,
  })

export async function coldLoad(browser: Browser, url: string, selector: string): Promise<Load> {
  const context = await newContext(browser)
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
    await page.addInitScript(watchScript({ fmc: selector }))
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 })
    await markOf(page, 'fmc')
    return await page.evaluate(() => {
      const marks = (window as unknown as { __marks: Record<string, number> }).__marks
      return {
        fmc: marks.fmc,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        // 没有装上钩子（对照页也有 React，总会有）时为 null。
        commits: marks.fmcCommits > 0 ? marks.fmcCommits : null,
      }
    })
  } finally {
    await context.close()
  }
}

interface SlowLoad {
  skeleton: number
  content: number
  /** 点"我要报事"到看见反馈（"正在打开报事…"或报事页）。 */
  tapFeedback: number
  /** 点"我要报事"到表单可用（描述框在、没有遮罩挡着）。 */
  tapToForm: number
}

/** 400 kbit/s 的第一次打开：骨架、楼名，然后点"我要报事"。 */
export async function slowColdLoad(browser: Browser, url: string): Promise<SlowLoad> {
  const context = await newContext(browser)
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    await cdp.send('Network.emulateNetworkConditions', SLOW_NETWORK)
    await page.addInitScript(watchScript({ skeleton: '.boot', content: '#building-name' }))
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 })
    const skeleton = Number(await (await markOf(page, 'skeleton')).jsonValue())
    const content = Number(await (await markOf(page, 'content')).jsonValue())
    await page.waitForLoadState('networkidle', { timeout: 120_000 })
    // 点下的时刻在页面里记（捕获阶段），之后每一帧看：有反馈了吗、表单能用了吗。
    await page.evaluate(`(() => {
      const marks = window.__marks
      document.addEventListener('click', (e) => {
        if (marks.tap !== undefined || !(e.target instanceof Element) || !e.target.closest('#action-report')) return
        marks.tap = performance.now()
        const shown = (el) => !!el && el.getBoundingClientRect().height > 0 && getComputedStyle(el).display !== 'none'
        // 落地页自己的"正在打开报事…"（#opening-report）；改前是 Taro 的提示框：外层 .taro__toast 没有高度
        // （里面的遮罩与框都是 fixed），看它显示着、里面有东西有尺寸。
        const toastShown = (el) => !!el && getComputedStyle(el).display !== 'none' && [...el.querySelectorAll('*')].some(shown)
        const tick = () => {
          const form = document.querySelector('#field-text textarea')
          const masked = shown(document.querySelector('#opening-report')) || toastShown(document.querySelector('.taro__toast'))
          if (marks.feedback === undefined && (masked || shown(form))) marks.feedback = performance.now()
          if (shown(form) && !masked) { marks.form = performance.now(); return }
          requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
      }, true)
    })()`)
    await page.locator('#action-report').click()
    await markOf(page, 'form')
    const marks = await page.evaluate(() => (window as unknown as { __marks: Record<string, number> }).__marks)
    return { skeleton, content, tapFeedback: marks.feedback - marks.tap, tapToForm: marks.form - marks.tap }
  } finally {
    await context.close()
  }
}

export const h5: Part = async (ctx) => {
  const landingDir = process.env.BENCH_H5_DIR ? path.resolve(process.env.BENCH_H5_DIR) : path.join(ROOT, 'dist', 'h5')
  if (!process.env.BENCH_H5_DIR) build('h5', ctx)
  build('bare-h5', ctx)
  const loadAverageAtStart = loadAverage()
  const baselineDir = process.env.BENCH_H5_BASELINE_DIR ? path.resolve(process.env.BENCH_H5_BASELINE_DIR) : null
  const landingHost = await startHostProcess({ h5Dir: landingDir, demo: true })
  const bareHost = await startHostProcess({ h5Dir: path.join(ROOT, 'dist', 'bare-h5'), demo: false })
  const baselineRoot = process.env.BENCH_H5_BASELINE_ROOT ? path.resolve(process.env.BENCH_H5_BASELINE_ROOT) : ROOT
  const baselineHost = baselineDir ? await startHostProcess({ h5Dir: baselineDir, demo: true, root: baselineRoot }) : null
  const chrome = await launchBrowser()
  try {
    const targets = {
      landing: { url: `${landingHost.baseUrl}/b/CHY1`, selector: '#building-name' },
      bare: { url: `${bareHost.baseUrl}/pages/index/index`, selector: '#bare-title' },
      ...(baselineHost ? { baseline: { url: `${baselineHost.baseUrl}/b/CHY1`, selector: '#building-name' } } : {}),
    }
    const keys = Object.keys(targets) as ('landing' | 'bare' | 'baseline')[]
    const target = (key: (typeof keys)[number]) => (targets as Record<string, { url: string; selector: string }>)[key]
    // 先各热身一次（宿主读文件、SQLite 页缓存），不计入。
    for (const t of Object.values(targets)) await coldLoad(chrome.browser, t.url, t.selector)
    const loads: Record<(typeof keys)[number], Load[]> = { landing: [], bare: [], baseline: [] }
    for (let i = 0; i < RUNS; i++) {
      for (const key of keys) {
        const l = await coldLoad(chrome.browser, target(key).url, target(key).selector)
        loads[key].push(l)
        log(`H5 ${key} 第 ${i + 1}/${RUNS} 次：首个有意义内容 ${l.fmc.toFixed(0)} ms（FCP ${l.fcp?.toFixed(0) ?? '—'} ms，React 提交 ${l.commits ?? '—'} 次）`)
      }
    }
    const landing = median(loads.landing.map((l) => l.fmc))
    const bare = median(loads.bare.map((l) => l.fmc))
    const fcpOf = (ls: Load[]) => {
      const xs = ls.map((l) => l.fcp).filter((x): x is number => x !== null)
      return xs.length ? round(median(xs)) : null
    }
    const ratio: Figure = {
      value: round(landing / bare, 2),
      unit: 'x',
      baseline: 1,
      goal: 1.15,
      ok: landing / bare <= 1.15,
      note: '落地页 / 对照页，各取中位数',
    }
    const loadAverageAfterFast = loadAverage()
    const slowKeys = keys.filter((k) => k !== 'bare')
    const slowLoads: Record<string, SlowLoad[]> = { landing: [], baseline: [] }
    for (let i = 0; i < SLOW_RUNS; i++) {
      for (const key of slowKeys) {
        const l = await slowColdLoad(chrome.browser, target(key).url)
        slowLoads[key].push(l)
        log(
          `H5 ${key} 400 kbit/s 第 ${i + 1}/${SLOW_RUNS} 次：骨架 ${l.skeleton.toFixed(0)} ms，楼名 ${l.content.toFixed(0)} ms；点"我要报事"到反馈 ${l.tapFeedback.toFixed(0)} ms、到表单可用 ${l.tapToForm.toFixed(0)} ms`,
        )
      }
    }
    const slowFigure = (slow: SlowLoad[], pick: (l: SlowLoad) => number, note: string): Figure => ({
      value: slow.length ? round(median(slow.map(pick))) : null,
      unit: 'ms',
      note: `${note}；中位数，各次 ${slow.map((l) => round(pick(l))).join(', ')}`,
    })
    const slowFigures = (slow: SlowLoad[]) => ({
      skeleton: slowFigure(slow, (l) => l.skeleton, '骨架上屏'),
      content: slowFigure(slow, (l) => l.content, '楼名上屏'),
      reportTapFeedback: slowFigure(slow, (l) => l.tapFeedback, '点"我要报事"到看见反馈'),
      reportTapToForm: slowFigure(slow, (l) => l.tapToForm, '点"我要报事"到表单可用'),
    })
    const baseline = baselineDir
      ? {
          build: path.relative(ROOT, baselineDir),
          host: baselineRoot === ROOT ? '本检出' : baselineRoot,
          landing: {
            value: round(median(loads.baseline.map((l) => l.fmc))),
            unit: 'ms',
            note: `同一轮交替里改前的落地页；各次 ${loads.baseline.map((l) => round(l.fmc)).join(', ')}`,
          } satisfies Figure,
          ratio: { value: round(median(loads.baseline.map((l) => l.fmc)) / bare, 2), unit: 'x', note: '改前的落地页 / 对照页' } satisfies Figure,
          commitsBeforeContent: median(loads.baseline.map((l) => l.commits ?? NaN)),
          slowNetwork: slowFigures(slowLoads.baseline),
        }
      : undefined
    return {
      method: `Chromium，CPU ${CPU_SLOWDOWN} 倍降速，冷加载交替 ${RUNS} 次取中位数；落地页 /b/CHY1 等 #building-name，对照页 bench/bare 等 #bare-title`,
      build: path.relative(ROOT, landingDir),
      loadAverageAtStart,
      loadAverageAtEnd: loadAverageAfterFast,
      commitsBeforeContent: {
        value: median(loads.landing.map((l) => l.commits ?? NaN)),
        unit: '次',
        note: `楼名出现时 React 提交的次数（中位数）；对照页 ${median(loads.bare.map((l) => l.commits ?? NaN))} 次`,
      } satisfies Figure,
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
      slowNetwork: {
        method: `400 kbit/s 上下行、往返 ${SLOW_NETWORK.latency} ms、禁用缓存、CPU 不降速，冷加载 ${SLOW_RUNS} 次；楼名出来、网络空闲后点"我要报事"`,
        ...slowFigures(slowLoads.landing),
        loadAverageAtEnd: loadAverage(),
      },
      ...(baseline ? { baseline } : {}),
    }
  } finally {
    await chrome.close()
    await landingHost.stop()
    await bareHost.stop()
    await baselineHost?.stop()
  }
}
