/**
 * 端到端测试与截图脚本共用的装置：
 * 一个真实的本地宿主（临时 SQLite 文件 + 演示数据 + dist/h5），一个 Debian Chromium(playwright-core）。
 * 每个浏览器上下文是一个全新的访客（没有 Cookie，没有本地存储）。
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page, type Request, type Response } from 'playwright-core'
import { systemClock } from '../../server/functions'
import { createLocalPlatform, type LocalPlatform } from '../../server/platform/local'
import { createHost } from '../../server/host/app'
import { seedDemo, type SeedSummary } from '../../server/host/seed'
import { openSqliteStore, type SqliteStore } from '../../server/storage/sqlite'

export const ROOT = path.resolve(__dirname, '..', '..')
export const H5_DIR = path.join(ROOT, 'dist', 'h5')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** 一部普通手机（iPhone 12/13/14 的 CSS 尺寸）。 */
export const VIEWPORT = { width: 390, height: 844 }

export interface E2EEnv {
  baseUrl: string
  store: SqliteStore
  seeded: SeedSummary
  /** 本地平台：发件箱、上传的文件。 */
  platform: LocalPlatform
  browser: Browser
  /** 全新访客：新上下文（无 Cookie、无 localStorage）里的一个页面。 */
  newVisitor(): Promise<{ context: BrowserContext; page: Page }>
  teardown(): Promise<void>
}

export interface HostOptions {
  /**
   * 宿主创建时可见的环境变量（如 LOUSHI_TEMPLATE_REPORT_PROGRESS：配了才"发"进度消息到本地发件箱）。
   * 只在创建宿主的那一刻设上，随即还原，不影响同一进程里的其他测试文件。
   */
  env?: Record<string, string>
}

/** 临时设上环境变量跑 fn，之后还原。 */
function withEnv<T>(env: Record<string, string> | undefined, fn: () => T): T {
  if (!env) return fn()
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
  Object.assign(process.env, env)
  try {
    return fn()
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

export async function startHost(
  options: HostOptions = {},
): Promise<{ baseUrl: string; store: SqliteStore; seeded: SeedSummary; platform: LocalPlatform; close(): Promise<void> }> {
  if (!existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error(`找不到 H5 构建（${H5_DIR}）：先运行 npx taro build --type h5`)
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'loushi-e2e-db-'))
  const store = openSqliteStore(path.join(dataDir, 'e2e.db'))
  let server: Server | null = null
  try {
    let baseUrl = ''
    // 二维码地址在监听后才知道：选项在生成时才读取。
    const platform = createLocalPlatform({
      dataDir,
      get publicBaseUrl() {
        return baseUrl
      },
    })
    // 与 npm start 一样带演示照片，页面上的缩略图是真的图片。
    const seeded = await seedDemo(store, { now: systemClock.now(), files: platform.files })
    server = withEnv(options.env, () => createHost({ store, clock: systemClock, platform, staticDir: H5_DIR }))
    const listening = server
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject)
      listening.listen(0, '127.0.0.1', () => resolve())
    })
    const { port } = listening.address() as AddressInfo
    baseUrl = `http://127.0.0.1:${port}`
    return {
      baseUrl,
      store,
      seeded,
      platform,
      async close() {
        await new Promise<void>((resolve) => {
          listening.close(() => resolve())
          // 浏览器的 keep-alive 连接不能拖住关闭。
          listening.closeAllConnections()
        })
        store.close()
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    server?.close()
    store.close()
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
}

/**
 * Debian 的 Chromium，参数见 /work/shared/STACK.md。
 * 全新的 --user-data-dir:playwright-core 的 launch() 不接受这个参数（要求改用 launchPersistentContext),
 * 它自己每次用 mkdtemp 建一个 $TMPDIR/playwright_chromiumdev_profile-XXXXXX 并在 close() 时删除；
 * 另有一个我们自己的临时目录放下载与崩溃转储，关闭时删除。
 */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const scratchDir = mkdtempSync(path.join(tmpdir(), 'loushi-e2e-chromium-'))
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      downloadsPath: scratchDir,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--crash-dumps-dir=${scratchDir}`,
      ],
    })
    return {
      browser,
      async close() {
        await browser.close().catch(() => undefined)
        rmSync(scratchDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    rmSync(scratchDir, { recursive: true, force: true })
    throw error
  }
}

export async function startE2E(options: HostOptions = {}): Promise<E2EEnv> {
  const host = await startHost(options)
  let chrome: Awaited<ReturnType<typeof launchBrowser>>
  try {
    chrome = await launchBrowser()
  } catch (error) {
    await host.close()
    throw error
  }
  const contexts = new Set<BrowserContext>()
  return {
    baseUrl: host.baseUrl,
    store: host.store,
    seeded: host.seeded,
    platform: host.platform,
    browser: chrome.browser,
    async newVisitor() {
      const context = await chrome.browser.newContext({
        viewport: VIEWPORT,
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        baseURL: host.baseUrl,
      })
      contexts.add(context)
      context.on('close', () => contexts.delete(context))
      const page = await context.newPage()
      return { context, page }
    },
    async teardown() {
      for (const c of [...contexts]) await c.close().catch(() => undefined)
      await chrome.close()
      await host.close()
    },
  }
}

/** 数据库里的报事条数（直接读 SQLite，不经过页面）。 */
export function countReports(store: SqliteStore, buildingId?: string): number {
  const row = buildingId
    ? store.db.prepare('SELECT COUNT(*) AS n FROM reports WHERE building_id = ?').get(buildingId)
    : store.db.prepare('SELECT COUNT(*) AS n FROM reports').get()
  return (row as { n: number }).n
}

// ---- 页面操作 ----

/** 扫码打开：走二维码上的短链 /b/<code>，等楼名出现。 */
export async function openBuilding(page: Page, code: string): Promise<void> {
  await page.goto(`/b/${code}`)
  await page.locator('#building-name').waitFor()
}

/** 用落地页顶部的"本地演示"身份条切换身份（key:visitor / resident / rep1 / rep2 / committee / admin，槐树里的 rep3 / committee2）。 */
export async function switchIdentity(page: Page, key: string): Promise<void> {
  const toggle = page.locator('#identity-toggle')
  await toggle.waitFor()
  const item = page.locator(`#identity-${key}`)
  if (!(await item.isVisible())) await toggle.click()
  const switched = page.waitForResponse((r) => r.url().endsWith('/api/local/identity') && r.request().method() === 'POST')
  await item.click()
  const res = await switched
  if (!res.ok()) throw new Error(`切换身份 ${key} 失败：HTTP ${res.status()}`)
  // 身份条收起。落地页随后用新身份异步刷新：调用方要等与新身份相关的内容（如 #action-stats 出现或消失）。
  await item.waitFor({ state: 'detached' })
  await page.locator('#building-name').waitFor()
}

/** 当前统计页上"本月 收到 N 件"里的 N(#stats-month-total）。 */
export async function monthTotalOnPage(page: Page): Promise<number> {
  const total = page.locator('#stats-month-total')
  await total.waitFor()
  const text = (await total.textContent()) ?? ''
  const m = /收到\s*(\d+)\s*件/.exec(text)
  if (!m) throw new Error(`统计页的本月合计格式不对：${JSON.stringify(text)}`)
  return Number(m[1])
}

/** 落地页的那次调用（account.landing）：index.html 先发的与页面自己发的都是它。 */
export const isLandingCall = (r: Request): boolean =>
  r.method() === 'POST' && r.url().endsWith('/api/fn/account') && (r.postData() ?? '').includes('"action":"landing"')

/** 从现在起页面下载的 .js 的文本；调用返回的函数时等它们都下完，拼成一串（查某段代码进没进某页）。 */
export function collectScripts(page: Page): () => Promise<string> {
  const scripts: Promise<string>[] = []
  page.on('response', (r: Response) => {
    if (/\.js$/.test(new URL(r.url()).pathname)) scripts.push(r.text())
  })
  return async () => (await Promise.all(scripts)).join('\n')
}
