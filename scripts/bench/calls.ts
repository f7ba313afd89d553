/**
 * 每个页面首次渲染时的云函数调用数（目标：1）。真宿主子进程（演示数据）+ H5 构建 + Chromium（不降速）。
 * 每页一个全新的浏览器上下文（无缓存、无本地存储），先以该页的使用者身份拿到会话（演示身份条背后的
 * POST /api/local/identity；新访客什么都不做），再打开页面，等网络静下来（500 ms 无请求，再多等 1 s），
 * 数 /api/fn/<函数> 的请求（微信里每一个都是一次 wx.cloud.callFunction）。
 * /api/local/*（演示身份条，只在本地存在）与静态文件、照片不算，单独列出本地的次数。
 * 页面清单读自 src/app.config.ts（主包与各分包），每页用什么身份、带什么参数见 VISITS；清单里有而 VISITS 没写的页面
 * 以居民身份、不带参数打开，并在 note 里注明。
 */
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Browser, BrowserContext } from 'playwright-core'
import { launchBrowser, VIEWPORT } from '../../test/e2e/helpers'
import { build, log, request, ROOT, startHostProcess, type Figure, type Part } from './common'

const GOAL = 1

interface Visit {
  /** 页面路径（与 app.config 里一致，分包带根目录）。 */
  page: string
  /** 演示身份：visitor / resident / rep1 / committee / admin。 */
  identity: string
  /** 查询串（不含 ?），可引用播种数据里的编号。 */
  query: (ids: SeededIds) => string
}

interface SeededIds {
  communityId: string
  residentReport: string
  buildingReport: string
  notice: string
  worklog: string
  invite: string
}

const VISITS: Visit[] = [
  { page: 'pages/building/index', identity: 'visitor', query: () => 'b=CHY1' },
  { page: 'pages/building/index', identity: 'resident', query: () => 'b=CHY1' },
  { page: 'pages/building/index', identity: 'rep1', query: () => 'b=CHY1' },
  { page: 'resident/report/index', identity: 'resident', query: () => 'b=CHY1' },
  { page: 'resident/mine/index', identity: 'resident', query: () => '' },
  { page: 'resident/track/index', identity: 'resident', query: (ids) => `id=${ids.residentReport}` },
  { page: 'resident/notices/index', identity: 'resident', query: () => 'b=CHY1' },
  { page: 'resident/notice/index', identity: 'resident', query: (ids) => `id=${ids.notice}&b=CHY1` },
  { page: 'rep/queue/index', identity: 'rep1', query: () => 'b=CHY1' },
  { page: 'rep/detail/index', identity: 'rep1', query: (ids) => `id=${ids.buildingReport}` },
  { page: 'rep/stats/index', identity: 'rep1', query: () => 'b=CHY1' },
  { page: 'rep/qrcode/index', identity: 'rep1', query: () => 'b=CHY1' },
  { page: 'rep/notices/index', identity: 'rep1', query: () => '' },
  { page: 'rep/noticeEdit/index', identity: 'rep1', query: () => '' },
  { page: 'rep/worklog/index', identity: 'rep1', query: () => '' },
  { page: 'rep/worklogEdit/index', identity: 'rep1', query: () => '' },
  { page: 'rep/worklogEdit/index', identity: 'rep1', query: (ids) => `id=${ids.worklog}` },
  { page: 'rep/surveys/index', identity: 'rep1', query: () => '' },
  { page: 'rep/surveyEdit/index', identity: 'rep1', query: () => '' },
  { page: 'rep/admin/index', identity: 'admin', query: (ids) => `c=${ids.communityId}` },
  { page: 'rep/join/index', identity: 'visitor', query: (ids) => `code=${ids.invite}` },
]

/** src/app.config.ts 里的全部页面（主包 + 分包）。 */
async function appPages(): Promise<string[]> {
  const g = globalThis as unknown as { defineAppConfig?: (c: unknown) => unknown }
  g.defineAppConfig ??= (c) => c
  const app = (await import('../../src/app.config')).default as unknown as { pages: string[]; subPackages?: { root: string; pages: string[] }[] }
  return [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))]
}

/** 从播种好的库里取页面要的编号；邀请码由管理员经函数现开一张（播种不开邀请）。 */
async function seededIds(baseUrl: string, dbFile: string): Promise<SeededIds> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true })
  try {
    const one = (sql: string) => {
      const row = db.prepare(sql).get() as { id?: string } | undefined
      if (!row?.id) throw new Error(`播种数据里找不到：${sql}`)
      return row.id
    }
    const ids = {
      communityId: one("SELECT id FROM communities WHERE name = '春晖苑'"),
      residentReport: one("SELECT id FROM reports WHERE reporter_id = 'demo_resident_wang' ORDER BY created_at DESC LIMIT 1"),
      buildingReport: one(
        "SELECT id FROM reports WHERE building_id = 'b_chy1' AND status IN ('pending', 'accepted', 'processing') ORDER BY created_at DESC LIMIT 1",
      ),
      notice: one(
        "SELECT n.id AS id FROM notices n JOIN notice_targets t ON t.notice_id = n.id WHERE t.building_id = 'b_chy1' AND n.withdrawn_at IS NULL ORDER BY n.published_at DESC LIMIT 1",
      ),
      worklog: one("SELECT id FROM worklog WHERE author_id = 'demo_rep_li' AND removed_at IS NULL ORDER BY created_at DESC LIMIT 1"),
    }
    const admin = await request(baseUrl, 'GET', '/api/local/identities', null, null)
    await request(baseUrl, 'POST', '/api/local/identity', { key: 'admin' }, admin.cookie)
    const invite = await request(
      baseUrl,
      'POST',
      '/api/fn/admin',
      { action: 'invite', payload: { communityId: ids.communityId, role: 'representative', buildingCode: 'CHY1' } },
      admin.cookie,
    )
    const code = (invite.body.data as { code?: string } | null)?.code
    if (invite.body.code !== 'OK' || !code) throw new Error(`开邀请失败：${JSON.stringify(invite.body).slice(0, 200)}`)
    return { ...ids, invite: code }
  } finally {
    db.close()
  }
}

interface PageCalls extends Figure {
  page: string
  identity: string
  url: string
  /** 云函数调用，按发出顺序：函数.动作。 */
  functions: string[]
  /** 演示身份条等本地接口的请求数（微信里没有）。 */
  localRequests: number
}

async function visit(browser: Browser, baseUrl: string, v: Visit, ids: SeededIds): Promise<PageCalls> {
  const context: BrowserContext = await browser.newContext({
    viewport: VIEWPORT,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    baseURL: baseUrl,
  })
  try {
    if (v.identity !== 'visitor') {
      const res = await context.request.post('/api/local/identity', { data: { key: v.identity } })
      if (!res.ok()) throw new Error(`切换身份 ${v.identity} 失败：${res.status()}`)
    }
    const page = await context.newPage()
    const functions: string[] = []
    let localRequests = 0
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('request', (req) => {
      const { pathname } = new URL(req.url())
      const fn = /^\/api\/fn\/([a-zA-Z]+)$/.exec(pathname)
      if (fn) {
        let action = '?'
        try {
          action = String((req.postDataJSON() as { action?: string } | null)?.action ?? '?')
        } catch {
          // 不是 JSON：记为 ?。
        }
        functions.push(`${fn[1]}.${action}`)
      } else if (pathname.startsWith('/api/local/')) localRequests++
    })
    const query = v.query(ids)
    const url = `/${v.page}${query ? `?${query}` : ''}`
    await page.goto(url, { waitUntil: 'networkidle', timeout: 60_000 })
    await page.waitForTimeout(1_000)
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined)
    return {
      page: v.page,
      identity: v.identity,
      url,
      value: functions.length,
      unit: 'calls',
      goal: GOAL,
      ok: functions.length <= GOAL,
      functions,
      localRequests,
      ...(errors.length ? { note: `页面错误：${errors.join('；').slice(0, 300)}` } : {}),
    }
  } finally {
    await context.close()
  }
}

export const calls: Part = async (ctx) => {
  build('h5', ctx)
  const host = await startHostProcess({ h5Dir: path.join(ROOT, 'dist', 'h5'), demo: true })
  const chrome = await launchBrowser()
  try {
    const ids = await seededIds(host.baseUrl, path.join(host.dataDir, 'loushi.db'))
    const pages = await appPages()
    const visits = [...VISITS]
    for (const p of pages) if (!visits.some((v) => v.page === p)) visits.push({ page: p, identity: 'resident', query: () => '' })
    const results: PageCalls[] = []
    for (const v of visits) {
      const r = await visit(chrome.browser, host.baseUrl, v, ids)
      if (!VISITS.includes(v)) r.note = `${r.note ? `${r.note}；` : ''}基准没有为这一页写身份与参数：以居民身份、不带参数打开`
      log(`云函数调用 ${r.url}（${r.identity}）：${r.value} 次 ${r.functions.join(', ')}`)
      results.push(r)
    }
    const over = results.filter((r) => !r.ok).map((r) => `${r.page}（${r.identity}）：${r.value}`)
    const missing = pages.filter((p) => !results.some((r) => r.page === p))
    return {
      method: '每页新的浏览器上下文，以该页使用者的演示身份打开，数到网络静下来为止的 /api/fn/* 请求',
      goal: GOAL,
      pages: results,
      overGoal: over,
      ...(missing.length ? { notVisited: missing } : {}),
    }
  } finally {
    await chrome.close()
    await host.stop()
  }
}
