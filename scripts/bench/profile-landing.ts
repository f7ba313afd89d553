/**
 * 落地页与对照页在"导航到首个有意义内容"之间主线程做了什么（npx tsx scripts/bench/profile-landing.ts；与 h5.ts 同样的 4 倍 CPU 降速、冷加载）。
 * CDP Tracing（devtools.timeline）：每次加载取导航开始到楼名（对照页 #bare-title）上屏之间主线程上的事件，
 * 按种类合计（脚本编译、执行——按脚本文件、样式、布局、绘制……），以及各请求的开始与结束时刻；交替加载 PROFILE_RUNS 次，各取中位数。
 * 只打印，不写 bench/last-run.json。PROFILE_BASELINE_DIR（+ PROFILE_BASELINE_ROOT）把改前的构建加进同一轮交替。
 */
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { launchBrowser, VIEWPORT } from '../../test/e2e/helpers'
import { median, ROOT, round, startHostProcess } from './common'

const RUNS = Number(process.env.PROFILE_RUNS ?? 5)

interface TraceEvent {
  name: string
  cat: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  args?: { name?: string; data?: Record<string, unknown> }
}

/** 只算主线程上最外层的任务里的这些事件（各自的自身时间按名字合计；脚本执行按文件名）。 */
const KINDS = [
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'FunctionCall',
  'TimerFire',
  'FireAnimationFrame',
  'EventDispatch',
  'ParseHTML',
  'ParseAuthorStyleSheet',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'XHRReadyStateChange',
  'RunMicrotasks',
  'v8.run',
  'MajorGC',
  'MinorGC',
]

const shortUrl = (u: unknown) => (typeof u === 'string' && u ? (new URL(u).pathname.split('/').pop() ?? u) : '')

async function profileOnce(browser: Browser, url: string, selector: string) {
  const context = await browser.newContext({ viewport: VIEWPORT, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN' })
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    await page.addInitScript(`(() => {
      const tick = () => {
        const el = document.querySelector(${JSON.stringify(selector)})
        const r = el && (el.textContent || '').trim() && el.getBoundingClientRect()
        if (r && r.width > 0 && r.height > 0) { requestAnimationFrame(() => { window.__fmc = performance.now(); performance.mark('fmc') }); return }
        requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })()`)
    const events: TraceEvent[] = []
    // playwright-core 的 CDPSession 类型只列出了部分事件：按名字订阅 Tracing 的两个。
    const session = cdp as unknown as { on(event: string, fn: (e: { value: TraceEvent[] }) => void): void; once(event: string, fn: () => void): void }
    session.on('Tracing.dataCollected', (e) => events.push(...e.value))
    const done = new Promise<void>((resolve) => session.once('Tracing.tracingComplete', () => resolve()))
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink.user_timing,loading,toplevel',
      transferMode: 'ReportEvents',
    })
    await page.goto(url, { waitUntil: 'commit' })
    await page.waitForFunction(() => (window as unknown as { __fmc?: number }).__fmc, null, { timeout: 120_000, polling: 100 })
    await cdp.send('Tracing.end')
    await done
    const fmcMark = events.find((e) => e.name === 'fmc' && e.cat.includes('user_timing'))
    const navStart = events.find((e) => e.name === 'navigationStart')
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === fmcMark?.pid)
    if (!fmcMark || !navStart || !main) throw new Error('trace 里找不到 fmc / navigationStart / 主线程')
    const t0 = navStart.ts
    const end = fmcMark.ts
    const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.ts >= t0 && e.ts <= end)
    const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')
    const busy = tasks.reduce((s, e) => s + (e.dur ?? 0), 0) / 1000
    const longTasks = tasks.filter((e) => (e.dur ?? 0) > 50_000).map((e) => round((e.dur ?? 0) / 1000))
    // 各种事件的总时长（有嵌套：EvaluateScript 里有 v8.compile 与 FunctionCall，分开看）。
    const byKind: Record<string, number> = {}
    for (const e of onMain) {
      if (!KINDS.includes(e.name)) continue
      const data = e.args?.data ?? {}
      const file = e.name === 'EvaluateScript' || e.name === 'v8.compile' || e.name === 'FunctionCall' ? shortUrl(data.url ?? data.fileName) : ''
      const key = file ? `${e.name} ${file}` : e.name
      byKind[key] = (byKind[key] ?? 0) + (e.dur ?? 0) / 1000
    }
    // 请求：发出与结束（相对导航开始，ms）。
    const requests: Record<string, { start?: number; end?: number }> = {}
    for (const e of events) {
      const data = e.args?.data as { requestId?: string; url?: string } | undefined
      if (!data?.requestId) continue
      const r = (requests[data.requestId] ??= {})
      if (e.name === 'ResourceSendRequest') {
        r.start = (e.ts - t0) / 1000
        Object.assign(r, { url: data.url })
      }
      if (e.name === 'ResourceFinish') r.end = (e.ts - t0) / 1000
    }
    const network = Object.values(requests)
      .filter((r) => /^http:\/\/127\.0\.0\.1:/.test((r as { url?: string }).url ?? '') && r.start !== undefined && r.start <= (end - t0) / 1000)
      .map((r) => `${shortUrl((r as { url?: string }).url) || (r as { url?: string }).url} ${round(r.start ?? 0)}→${r.end === undefined ? '…' : round(r.end)}`)
    return { fmc: (end - t0) / 1000, busy, longTasks, byKind, network }
  } finally {
    await context.close()
  }
}

async function main() {
  const landingDir = process.env.PROFILE_H5_DIR ? path.resolve(process.env.PROFILE_H5_DIR) : path.join(ROOT, 'dist', 'h5')
  const baselineDir = process.env.PROFILE_BASELINE_DIR ? path.resolve(process.env.PROFILE_BASELINE_DIR) : null
  const baselineRoot = process.env.PROFILE_BASELINE_ROOT ? path.resolve(process.env.PROFILE_BASELINE_ROOT) : ROOT
  const hosts = {
    landing: await startHostProcess({ h5Dir: landingDir, demo: true }),
    bare: await startHostProcess({ h5Dir: path.join(ROOT, 'dist', 'bare-h5'), demo: false }),
    ...(baselineDir ? { baseline: await startHostProcess({ h5Dir: baselineDir, demo: true, root: baselineRoot }) } : {}),
  }
  const targets: Record<string, { url: string; selector: string }> = {
    landing: { url: `${hosts.landing.baseUrl}/b/CHY1`, selector: '#building-name' },
    bare: { url: `${hosts.bare.baseUrl}/pages/index/index`, selector: '#bare-title' },
  }
  if ('baseline' in hosts && hosts.baseline) targets.baseline = { url: `${hosts.baseline.baseUrl}/b/CHY1`, selector: '#building-name' }
  const chrome = await launchBrowser()
  try {
    const results: Record<string, Awaited<ReturnType<typeof profileOnce>>[]> = {}
    for (const t of Object.values(targets)) await profileOnce(chrome.browser, t.url, t.selector) // 热身
    for (let i = 0; i < RUNS; i++)
      for (const [key, t] of Object.entries(targets)) (results[key] ??= []).push(await profileOnce(chrome.browser, t.url, t.selector))
    for (const [key, runs] of Object.entries(results)) {
      const kinds = [...new Set(runs.flatMap((r) => Object.keys(r.byKind)))]
      const medianOf = (k: string) => median(runs.map((r) => r.byKind[k] ?? 0))
      console.log(
        `\n== ${key}：首个有意义内容 ${round(median(runs.map((r) => r.fmc)))} ms，其间主线程忙 ${round(median(runs.map((r) => r.busy)))} ms（中位数，${RUNS} 次）`,
      )
      console.log(`   长任务（>50 ms）：${runs.map((r) => `[${r.longTasks.join(', ')}]`).join(' ')}`)
      for (const k of kinds.sort((a, b) => medianOf(b) - medianOf(a)).filter((k) => medianOf(k) >= 1)) console.log(`   ${round(medianOf(k), 1)} ms  ${k}`)
      const mid = [...runs].sort((a, b) => a.fmc - b.fmc)[Math.floor(runs.length / 2)]
      console.log(`   请求（中位的那一次，ms）：${mid.network.join('；')}`)
    }
  } finally {
    await chrome.close()
    for (const h of Object.values(hosts)) await h?.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
