/**
 * 无障碍与适老化的走查（`npm run a11y` 与 test/e2e/accessibility.test.ts 共用）：
 * 演示数据里每种身份的每个页面状态，逐个跑 axe-core，量每个可点元素的大小、每段文字的字号；
 * 再把文字放大到 1.4 倍（微信"关怀模式"一档的倍率）看有没有被裁掉或叠在一起的文字。
 * 可点元素：挂了 click/tap 监听的元素（见 MARK_TAPPABLE），另加原生的按钮、链接、输入框与带按钮类角色的元素。
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { ROOT, type E2EEnv } from './helpers'
import { settle } from './shots'

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/** 可点元素至少 44×44 px，文字至少 14 px（开发者须知；微信正文 17 px）。 */
export const MIN_TARGET = 44
export const MIN_TEXT = 14
/** 放大档：微信 iOS 375 屏"关怀模式"23.8 px ÷ 标准 17 px = 1.4。 */
export const LARGE_TEXT_SCALE = 1.4

/**
 * 允许的例外，每条 { selector, reason } 写明理由；选择器对可点元素或文字所在的元素求 closest()。
 * 列出的不计入失败，但照样打印出来。现在两张清单都是空的：每个目标与每段文字都达标。
 */
export const ALLOWED_SMALL_TARGETS: { selector: string; reason: string }[] = []
export const ALLOWED_SMALL_TEXT: { selector: string; reason: string }[] = []

/**
 * 放大后允许"裁掉"的：列表里刻意只显示前两三行的摘录（点开就是全文），不算版面裁字。
 */
export const ALLOWED_CLIPPED: { selector: string; reason: string }[] = [
  { selector: '.notice-card__excerpt', reason: '公告列表里正文的两行摘录，点开看全文' },
  { selector: '.rn-card__body', reason: '代表的公告列表里正文的摘录，点开看全文' },
  { selector: '.queue-card__text', reason: '处理队列里描述的两行摘录，点开看详情' },
  { selector: '.target__text', reason: '合并为重复时候选报事的两行摘录' },
]

export interface StateContext {
  env: E2EEnv
  page: Page
  context: BrowserContext
  /** 一次走查共用的数（某条报事、公告、问卷的 id；邀请码）。 */
  ids: AuditIds
}

export interface PageState {
  /** 页面（README 里的页面名，用于按页汇总）。 */
  page: string
  /** 状态名（唯一）。 */
  name: string
  /** 演示身份 key（visitor 为新访客）。 */
  identity: string
  /** 到达这个状态：打开地址或点几下；结束时页面就是要量的样子。 */
  reach(s: StateContext): Promise<void>
}

export interface AuditIds {
  residentReport: string
  residentAwaiting: string | null
  pendingChy1: string
  handledChy1: string
  notice: string
  openSurvey: string | null
  closedSurvey: string | null
  inviteCode: string
}

export interface Violation {
  id: string
  impact: string
  nodes: number
  sample: string
}
export interface SmallThing {
  text: string
  size: string
  selector: string
  allowed?: string
}
export interface StateResult {
  state: string
  page: string
  identity: string
  axe: Violation[]
  contrastNodes: number
  targets: number
  smallTargets: SmallThing[]
  textNodes: number
  smallText: SmallThing[]
  /** 放大 1.4 倍后：被裁掉的文字与互相压住的文字。 */
  clipped: SmallThing[]
  overlapping: SmallThing[]
  /** 放大 1.4 倍后页面比屏幕宽（要左右滑）。 */
  horizontalOverflow: boolean
  error?: string
}

const CODE = 'CHY1'

/**
 * Taro H5 的组件把 onClick 用 addEventListener 挂在元素上（React 的 props 里看不到）：
 * 页面脚本运行前包一层 addEventListener，给挂了 click/tap 的元素打上记号。
 */
const MARK_TAPPABLE = `(() => {
  const original = EventTarget.prototype.addEventListener
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if ((type === 'click' || type === 'tap') && this instanceof Element) this.__a11yTappable = true
    return original.call(this, type, listener, options)
  }
})()`

/** 一次走查用到的记录：直接读 SQLite（与页面无关的装置）。 */
export async function prepareIds(env: E2EEnv): Promise<AuditIds> {
  const db = env.store.db
  const one = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { id?: string } | undefined)?.id ?? null
  const residentReport = one(`SELECT id FROM reports WHERE reporter_id = 'demo_resident_wang' ORDER BY created_at DESC LIMIT 1`)
  const residentAwaiting = one(
    `SELECT id FROM reports WHERE reporter_id = 'demo_resident_wang' AND status = 'awaiting_confirmation' ORDER BY created_at DESC LIMIT 1`,
  )
  const pendingChy1 = one(`SELECT id FROM reports WHERE building_id = 'b_chy1' AND status = 'pending' ORDER BY created_at DESC LIMIT 1`)
  const handledChy1 = one(`SELECT r.id FROM reports r WHERE building_id = 'b_chy1' AND status = 'resolved' AND photos <> '[]' ORDER BY created_at DESC LIMIT 1`)
  // 1 号楼居民读得到的、带图片的公告（没有就不带图片的）。
  const visible = `status = 'published' AND (expires_at IS NULL OR expires_at > '${new Date().toISOString()}') AND id IN (SELECT notice_id FROM notice_targets WHERE building_id = 'b_chy1')`
  const notice =
    one(`SELECT id FROM notices WHERE ${visible} AND images <> '[]' ORDER BY published_at DESC LIMIT 1`) ??
    one(`SELECT id FROM notices WHERE ${visible} ORDER BY published_at DESC LIMIT 1`)
  const now = new Date().toISOString()
  const openSurvey = one(
    `SELECT id FROM surveys WHERE community_id = 'c_chunhui' AND closed_at IS NULL AND closes_at > ? ORDER BY created_at DESC LIMIT 1`,
    now,
  )
  const closedSurvey = one(
    `SELECT id FROM surveys WHERE community_id = 'c_chunhui' AND (closed_at IS NOT NULL OR closes_at <= ?) ORDER BY created_at DESC LIMIT 1`,
    now,
  )
  if (!residentReport || !pendingChy1 || !handledChy1 || !notice) throw new Error('演示数据里缺走查要用的报事或公告')
  // 邀请码：以管理员身份调真实的 admin.invite（与管理页同一个动作）。
  const admin = await env.browser.newContext({ baseURL: env.baseUrl })
  try {
    await switchTo(admin, 'admin')
    const res = await admin.request.post('/api/fn/admin', {
      data: { action: 'invite', payload: { communityId: 'c_chunhui', role: 'representative', buildingCode: 'CHY3' } },
    })
    const body = (await res.json()) as { data?: { code?: string }; message?: string }
    if (!body.data?.code) throw new Error(`建邀请失败：${body.message ?? res.status()}`)
    return { residentReport, residentAwaiting, pendingChy1, handledChy1, notice, openSurvey, closedSurvey, inviteCode: body.data.code }
  } finally {
    await admin.close()
  }
}

/** 切换演示身份（与身份条同一个路由；会话 Cookie 在上下文里）。 */
export async function switchTo(context: BrowserContext, key: string): Promise<void> {
  const res = await context.request.post('/api/local/identity', { data: { key } })
  if (!res.ok()) throw new Error(`切换身份 ${key} 失败：HTTP ${res.status()}`)
}

const go =
  (url: string, ready?: string) =>
  async ({ page }: StateContext) => {
    await page.goto(url)
    if (ready) await page.locator(ready).first().waitFor()
  }
const click = async (page: Page, selector: string, then?: string) => {
  await page.locator(selector).first().click()
  if (then) await page.locator(then).first().waitFor()
}

/** 每种身份的每个页面状态（演示数据）。 */
export const STATES: PageState[] = [
  // —— 新访客 ——
  { page: 'landing', name: 'landing-visitor', identity: 'visitor', reach: go(`/b/${CODE}`, '#building-name') },
  {
    page: 'landing',
    name: 'landing-opening-report',
    identity: 'visitor',
    reach: async (s) => {
      await go(`/b/${CODE}`, '#building-name')(s)
      await s.page.waitForLoadState('networkidle')
      // 报事页的脚本扣住不给：量点了"我要报事"之后、报事页出来之前的"正在打开报事…"那一层。
      // 只扣这一个请求（times: 1），下一个状态打开别的地址时放掉它：同一身份的后续状态用的是同一个页面。
      const page = s.page
      await page.route(
        /\/js\/[^/]+\.js$/,
        (route) =>
          page.waitForEvent('framenavigated').then(
            () => route.abort().catch(() => undefined),
            () => undefined,
          ),
        { times: 1 },
      )
      await click(s.page, '#action-report', '#opening-report')
    },
  },
  { page: 'report', name: 'report-empty', identity: 'visitor', reach: go(`/resident/report/index?b=${CODE}`, '#submit-report') },
  {
    page: 'report',
    name: 'report-errors',
    identity: 'visitor',
    reach: async (s) => {
      await go(`/resident/report/index?b=${CODE}`, '#submit-report')(s)
      await settle(s.page)
      await click(s.page, '#submit-report', '#report-error')
    },
  },
  {
    // 共用的文本框写超了上限：框跟着长高，下面是"超出 60 个字"与字数。
    page: 'report',
    name: 'report-text-too-long',
    identity: 'visitor',
    reach: async (s) => {
      await go(`/resident/report/index?b=${CODE}`, '#submit-report')(s)
      await s.page.locator('#field-text textarea').fill('电'.repeat(560))
      await s.page.locator('#report-text-length .length-hint__over').waitFor()
    },
  },
  { page: 'mine', name: 'mine-visitor-empty', identity: 'visitor', reach: go('/resident/mine/index', '.state-view--empty') },
  { page: 'stats', name: 'stats-visitor-forbidden', identity: 'visitor', reach: go(`/rep/stats/index?b=${CODE}`, '.state-view--error') },
  { page: 'join', name: 'join-enter-code', identity: 'visitor', reach: go('/rep/join/index', '#join-lookup') },
  {
    page: 'join',
    name: 'join-code-error',
    identity: 'visitor',
    reach: async (s) => {
      await go('/rep/join/index', '#join-lookup')(s)
      await s.page.locator('#join-code input').fill('abc')
      await click(s.page, '#join-lookup', '#join-code-error')
    },
  },
  // —— 受邀人 ——
  { page: 'join', name: 'join-invite', identity: 'invitee', reach: (s) => go(`/j/${s.ids.inviteCode}`, '#join-info')(s) },
  {
    page: 'join',
    name: 'join-name-error',
    identity: 'invitee',
    reach: async (s) => {
      await go(`/j/${s.ids.inviteCode}`, '#join-info')(s)
      await settle(s.page)
      await click(s.page, '#join-accept', '#join-name-error')
    },
  },
  // —— 居民王阿姨 ——
  { page: 'landing', name: 'landing-resident', identity: 'resident', reach: go(`/b/${CODE}`, '#building-name') },
  { page: 'mine', name: 'mine-resident', identity: 'resident', reach: go('/resident/mine/index', '.report-card') },
  {
    page: 'mine',
    name: 'mine-resident-followed',
    identity: 'resident',
    reach: async (s) => {
      await go('/resident/mine/index', '.report-card')(s)
      await settle(s.page)
      await s.page.locator('.nut-tabs-titles-item, [id^="tab-"]').nth(1).click()
      await settle(s.page)
    },
  },
  { page: 'track', name: 'track-resident', identity: 'resident', reach: (s) => go(`/resident/track/index?id=${s.ids.residentReport}`, '#track-head')(s) },
  {
    page: 'track',
    name: 'track-awaiting',
    identity: 'resident',
    reach: async (s) => {
      if (!s.ids.residentAwaiting) throw new Error('演示数据里王阿姨没有待确认的报事')
      await go(`/resident/track/index?id=${s.ids.residentAwaiting}`, '#track-head')(s)
      const answer = s.page.locator('#answer-solved')
      if (await answer.count()) {
        await settle(s.page)
        await answer.click()
      }
    },
  },
  { page: 'notices', name: 'notices-resident', identity: 'resident', reach: go(`/resident/notices/index?b=${CODE}`, '#notices-list') },
  {
    page: 'notice',
    name: 'notice-resident',
    identity: 'resident',
    reach: (s) => go(`/resident/notice/index?id=${s.ids.notice}&b=${CODE}`, '#notice-title')(s),
  },
  {
    page: 'survey',
    name: 'survey-answer',
    identity: 'resident',
    reach: async (s) => {
      if (!s.ids.openSurvey) throw new Error('演示数据里没有开着的问卷')
      await go(`/survey/answer/index?id=${s.ids.openSurvey}&b=${CODE}`)(s)
      await settle(s.page)
    },
  },
  {
    page: 'survey',
    name: 'survey-answer-errors',
    identity: 'resident',
    reach: async (s) => {
      if (!s.ids.openSurvey) throw new Error('演示数据里没有开着的问卷')
      await go(`/survey/answer/index?id=${s.ids.openSurvey}&b=${CODE}`)(s)
      await settle(s.page)
      await s.page.locator('#survey-submit').click()
      await settle(s.page)
    },
  },
  // —— 1 号楼代表李建国 ——
  { page: 'landing', name: 'landing-rep1', identity: 'rep1', reach: go(`/b/${CODE}`, '#action-queue') },
  { page: 'queue', name: 'queue-rep1', identity: 'rep1', reach: go(`/rep/queue/index?b=${CODE}`, '.queue-card') },
  { page: 'detail', name: 'detail-rep1-pending', identity: 'rep1', reach: (s) => go(`/rep/detail/index?id=${s.ids.pendingChy1}`, '#detail-text')(s) },
  {
    page: 'detail',
    name: 'detail-rep1-action-sheet',
    identity: 'rep1',
    reach: async (s) => {
      await go(`/rep/detail/index?id=${s.ids.pendingChy1}`, '#detail-text')(s)
      await settle(s.page)
      await click(s.page, '#act-close', '#act-sheet')
      await settle(s.page)
      await click(s.page, '#act-submit', '#act-error')
    },
  },
  {
    // 处理表单的备注写超了：不截断，框下与提交处都说超出几个字。
    page: 'detail',
    name: 'detail-rep1-note-too-long',
    identity: 'rep1',
    reach: async (s) => {
      await go(`/rep/detail/index?id=${s.ids.pendingChy1}`, '#detail-text')(s)
      await settle(s.page)
      await click(s.page, '#act-accept', '#act-sheet')
      await s.page.locator('#act-note textarea').fill('已'.repeat(230))
      await click(s.page, '#act-submit', '#act-error')
    },
  },
  { page: 'detail', name: 'detail-rep1-handled', identity: 'rep1', reach: (s) => go(`/rep/detail/index?id=${s.ids.handledChy1}`, '#detail-text')(s) },
  { page: 'stats', name: 'stats-rep1', identity: 'rep1', reach: go(`/rep/stats/index?b=${CODE}`, '#stats-month-total') },
  { page: 'notices(rep)', name: 'rep-notices', identity: 'rep1', reach: go('/rep/notices/index', '#managed-notices') },
  { page: 'noticeEdit', name: 'notice-edit', identity: 'rep1', reach: go('/rep/noticeEdit/index', '#notice-submit') },
  {
    page: 'noticeEdit',
    name: 'notice-edit-errors',
    identity: 'rep1',
    reach: async (s) => {
      await go('/rep/noticeEdit/index', '#notice-submit')(s)
      await settle(s.page)
      await click(s.page, '#notice-submit', '#notice-error')
    },
  },
  { page: 'worklog', name: 'worklog-rep1', identity: 'rep1', reach: go('/rep/worklog/index', '#worklog-list, .state-view--empty') },
  { page: 'worklogEdit', name: 'worklog-edit', identity: 'rep1', reach: go('/rep/worklogEdit/index?kind=inspection', '#worklog-save') },
  {
    page: 'worklogEdit',
    name: 'worklog-edit-errors',
    identity: 'rep1',
    reach: async (s) => {
      await go('/rep/worklogEdit/index?kind=inspection', '#worklog-save')(s)
      await settle(s.page)
      await click(s.page, '#worklog-save', '#worklog-error')
    },
  },
  { page: 'surveys', name: 'surveys-rep1', identity: 'rep1', reach: go('/rep/surveys/index') },
  { page: 'surveyEdit', name: 'survey-edit', identity: 'rep1', reach: go('/rep/surveyEdit/index') },
  {
    page: 'surveyResults',
    name: 'survey-results',
    identity: 'committee',
    reach: async (s) => {
      if (!s.ids.closedSurvey) throw new Error('演示数据里没有结束了的问卷')
      await go(`/rep/surveyResults/index?id=${s.ids.closedSurvey}`)(s)
    },
  },
  { page: 'summaries', name: 'summaries-rep1', identity: 'rep1', reach: go('/rep/summaries/index', '#summary-new') },
  { page: 'summary', name: 'summary-draft-rep1', identity: 'rep1', reach: go(`/rep/summary/index?b=${CODE}`, '#summary-doc') },
  { page: 'qrcode', name: 'qrcode-rep1', identity: 'rep1', reach: go(`/rep/qrcode/index?b=${CODE}`, '#poster-image') },
  // —— 业委会张伟 ——
  { page: 'landing', name: 'landing-committee', identity: 'committee', reach: go(`/b/${CODE}`, '#action-queue') },
  { page: 'queue', name: 'queue-committee', identity: 'committee', reach: go('/rep/queue/index', '.queue-card, .state-view--empty') },
  { page: 'stats', name: 'stats-committee', identity: 'committee', reach: go(`/rep/stats/index?b=${CODE}`, '#stats-month-total') },
  { page: 'summary', name: 'summary-draft-committee', identity: 'committee', reach: go('/rep/summary/index?c=c_chunhui', '#summary-doc') },
  // —— 管理员周敏 ——
  { page: 'admin', name: 'admin-chunhui', identity: 'admin', reach: go('/rep/admin/index?c=c_chunhui', '#section-invites') },
  { page: 'admin', name: 'admin-new-community', identity: 'admin', reach: go('/rep/admin/index?new=1') },
  { page: 'qrcode', name: 'qrcode-admin', identity: 'admin', reach: go('/rep/qrcode/index?c=c_chunhui', '#poster-image') },
  { page: 'mine', name: 'mine-admin', identity: 'admin', reach: go('/resident/mine/index') },
  // —— 槐树里志愿代表赵德明 ——
  { page: 'landing', name: 'landing-rep3', identity: 'rep3', reach: go('/b/HSL1', '#building-name') },
  { page: 'queue', name: 'queue-rep3', identity: 'rep3', reach: go('/rep/queue/index?b=HSL1', '.queue-card, .state-view--empty') },
]

/** 在页面里量：可点元素与文字（1 倍字号时），放大后的裁切与重叠。 */
interface Measured {
  targets: number
  smallTargets: SmallThing[]
  textNodes: number
  smallText: SmallThing[]
}
interface LargeMeasured {
  clipped: SmallThing[]
  overlapping: SmallThing[]
  horizontalOverflow: boolean
}

async function measure(page: Page): Promise<Measured> {
  return page.evaluate(
    ({ minTarget, minText, allowedTargets, allowedText }) => {
      const shown = (el: Element) => {
        const r = el.getBoundingClientRect()
        if (r.width === 0 || r.height === 0) return false
        for (let e: Element | null = el; e; e = e.parentElement) {
          const cs = getComputedStyle(e)
          if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return false
        }
        return true
      }
      const describe = (el: Element) => {
        const id = el.id ? `#${el.id}` : ''
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : ''
        return `${el.tagName.toLowerCase()}${id}${cls}`
      }
      const allowed = (el: Element, list: { selector: string; reason: string }[]) => list.find((a) => el.closest(a.selector))?.reason
      // 当前显示的那一页（Taro H5 的页面栈里被盖住的页面 display:none）。
      const roots = Array.from(document.querySelectorAll('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
      const scope = roots.length ? roots : [document.body]
      const inScope = (el: Element) => scope.some((r) => r.contains(el)) || !!el.closest('.nut-overlay, .nut-popup, .nut-dialog, .taro__toast')
      const tappable = new Set<Element>()
      for (const el of Array.from(document.querySelectorAll('*'))) {
        const marked = (el as unknown as { __a11yTappable?: boolean }).__a11yTappable === true && !el.querySelector('.taro_page') && el.id !== 'app'
        const native = el.matches(
          'button, a[href], select, input:not([type=hidden]), textarea, [role=button], [role=switch], [role=checkbox], [role=radio], [role=tab], [role=link]',
        )
        if (native || marked) {
          if (el.closest('[aria-hidden="true"]')) continue
          if (inScope(el) && shown(el)) tappable.add(el)
        }
      }
      const smallTargets: { text: string; size: string; selector: string; allowed?: string }[] = []
      for (const el of tappable) {
        // 输入框的可点范围是它外面那一格（NutUI 的 .nut-input / .nut-textarea）。
        const box = (el.matches('input, textarea') ? (el.closest('.nut-input, .nut-textarea, .nut-searchbar') ?? el) : el).getBoundingClientRect()
        // 嵌在更大的可点元素里、自己又小的（如卡片里的图标）也算：点偏了会点到别的东西。
        if (box.width < minTarget - 0.5 || box.height < minTarget - 0.5) {
          smallTargets.push({
            text: (el.textContent ?? (el as HTMLInputElement).placeholder ?? '').trim().slice(0, 24),
            size: `${Math.round(box.width)}×${Math.round(box.height)}`,
            selector: describe(el),
            allowed: allowed(el, allowedTargets),
          })
        }
      }
      // 文字：每个有字的文本节点按它所在元素的计算字号；输入框的占位与内容按输入框。
      const smallText: { text: string; size: string; selector: string; allowed?: string }[] = []
      let textNodes = 0
      const seen = new Set<Element>()
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      const check = (el: Element, text: string) => {
        if (seen.has(el) || !inScope(el) || !shown(el)) return
        seen.add(el)
        textNodes++
        const size = parseFloat(getComputedStyle(el).fontSize)
        if (size < minText - 0.05)
          smallText.push({ text: text.slice(0, 24), size: `${size.toFixed(1)}px`, selector: describe(el), allowed: allowed(el, allowedText) })
      }
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.textContent ?? '').trim()
        const el = n.parentElement
        if (!text || !el || el.closest('script, style, noscript')) continue
        check(el, text)
      }
      for (const el of Array.from(document.querySelectorAll('input, textarea'))) {
        const text = (el as HTMLInputElement).value || (el as HTMLInputElement).placeholder
        if (text) check(el, text)
      }
      return { targets: tappable.size, smallTargets, textNodes, smallText }
    },
    { minTarget: MIN_TARGET, minText: MIN_TEXT, allowedTargets: ALLOWED_SMALL_TARGETS, allowedText: ALLOWED_SMALL_TEXT },
  )
}

/** 把文字放大（页面的 --text-scale；旧样式没有这个变量时不放大），等版面重排，量裁切与重叠。 */
async function measureLargeText(page: Page, scale: number): Promise<LargeMeasured> {
  await page.evaluate((s) => document.documentElement.style.setProperty('--text-scale', String(s)), scale)
  await page.waitForTimeout(150)
  return page.evaluate((allowedClipped) => {
    const roots = Array.from(document.querySelectorAll('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    const scope = roots.length ? roots : [document.body]
    const inScope = (el: Element) => scope.some((r) => r.contains(el)) || !!el.closest('.nut-overlay, .nut-popup, .nut-dialog')
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : ''
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : ''
      return `${el.tagName.toLowerCase()}${id}${cls}`
    }
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) return false
      for (let e: Element | null = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e)
        if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return false
      }
      return true
    }
    // 有字的元素（叶子：自己直接带文本节点）。
    const textEls: Element[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    const seen = new Set<Element>()
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement
      if (!(n.textContent ?? '').trim() || !el || seen.has(el) || el.closest('script, style, noscript, canvas')) continue
      seen.add(el)
      if (inScope(el) && visible(el)) textEls.push(el)
    }
    const clipped: { text: string; size: string; selector: string }[] = []
    const excerpt = (el: Element) => allowedClipped.some((a) => el.closest(a.selector))
    for (const el of textEls) {
      if (excerpt(el)) continue
      // 自己或祖先（到卡片为止）把溢出的部分藏起来了，而内容确实更宽/更高。
      for (let e: Element | null = el; e && e !== document.body; e = e.parentElement) {
        const cs = getComputedStyle(e)
        const hidesX = cs.overflowX !== 'visible' && cs.overflowX !== 'auto' && cs.overflowX !== 'scroll'
        const hidesY = cs.overflowY !== 'visible' && cs.overflowY !== 'auto' && cs.overflowY !== 'scroll'
        const he = e as HTMLElement
        if ((hidesX && he.scrollWidth > he.clientWidth + 1) || (hidesY && he.scrollHeight > he.clientHeight + 1)) {
          clipped.push({
            text: (el.textContent ?? '').trim().slice(0, 24),
            size: `${he.scrollWidth}×${he.scrollHeight} > ${he.clientWidth}×${he.clientHeight}`,
            selector: describe(e),
          })
          break
        }
        if (e.classList.contains('card') || e.classList.contains('taro_page')) break
      }
    }
    // 互相压住：同一层（最近的 position:fixed 祖先相同）里两个文本节点的行框交叠超过 2 px。
    // 按文本节点的每个行框比（行内元素的外框跨整行，拿外框比会把同一段里换行的字也算成重叠）。
    const layer = (el: Element) => {
      for (let e: Element | null = el; e; e = e.parentElement) if (getComputedStyle(e).position === 'fixed') return e
      return null
    }
    // 看得见的部分：行框与裁切它的祖先（overflow 不是 visible）的框求交，被藏起来的行不算。
    const visibleArea = (el: Element) => {
      let area = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity }
      for (let e: Element | null = el; e && e !== document.body; e = e.parentElement) {
        const cs = getComputedStyle(e)
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue
        const r = e.getBoundingClientRect()
        area = {
          left: Math.max(area.left, r.left),
          top: Math.max(area.top, r.top),
          right: Math.min(area.right, r.right),
          bottom: Math.min(area.bottom, r.bottom),
        }
      }
      return area
    }
    const runs: { el: Element; rects: { left: number; top: number; right: number; bottom: number }[]; layer: Element | null }[] = []
    const textWalker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = textWalker.nextNode(); n; n = textWalker.nextNode()) {
      const el = n.parentElement
      if (!el || !seen.has(el) || !(n.textContent ?? '').trim() || !textEls.includes(el)) continue
      const range = document.createRange()
      range.selectNodeContents(n)
      const area = visibleArea(el)
      const rects = Array.from(range.getClientRects())
        .map((r) => ({
          left: Math.max(r.left, area.left),
          top: Math.max(r.top, area.top),
          right: Math.min(r.right, area.right),
          bottom: Math.min(r.bottom, area.bottom),
        }))
        .filter((r) => r.right - r.left > 0 && r.bottom - r.top > 0)
      runs.push({ el, rects, layer: layer(el) })
    }
    const overlapping: { text: string; size: string; selector: string }[] = []
    for (let i = 0; i < runs.length; i++) {
      for (let j = i + 1; j < runs.length; j++) {
        const a = runs[i]
        const b = runs[j]
        if (a.layer !== b.layer || a.el === b.el) continue
        const hit = a.rects.some((ra) =>
          b.rects.some((rb) => Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 2 && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 2),
        )
        if (hit) {
          overlapping.push({
            text: `${(a.el.textContent ?? '').trim().slice(0, 12)} ↔ ${(b.el.textContent ?? '').trim().slice(0, 12)}`,
            size: '',
            selector: `${describe(a.el)} ↔ ${describe(b.el)}`,
          })
        }
      }
    }
    const pageEl = scope[0] as HTMLElement
    const horizontalOverflow = Math.max(document.documentElement.scrollWidth, pageEl.scrollWidth) > window.innerWidth + 1
    return { clipped, overlapping, horizontalOverflow }
  }, ALLOWED_CLIPPED)
}

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[]
}

async function runAxe(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE })
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<unknown> } }).axe.run(document, {
      resultTypes: ['violations'],
    }),
  )) as AxeResult
  return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? 'minor', nodes: v.nodes.length, sample: v.nodes[0]?.target.join(' ') ?? '' }))
}

export interface AuditOptions {
  /** 只走这些状态（名字）；默认全部。 */
  only?: string[]
  /** 放大档的截图目录（不给就不截）。 */
  largeTextShots?: string
  /** 一个状态走完就调一次（打印进度）。 */
  onResult?(r: StateResult): void
}

/** 走一遍：每种身份一个浏览器上下文，按顺序进每个状态。 */
export async function audit(env: E2EEnv, options: AuditOptions = {}): Promise<StateResult[]> {
  const ids = await prepareIds(env)
  const states = STATES.filter((s) => !options.only || options.only.includes(s.name))
  const results: StateResult[] = []
  const byIdentity = new Map<string, PageState[]>()
  for (const s of states) byIdentity.set(s.identity, [...(byIdentity.get(s.identity) ?? []), s])
  for (const [identity, list] of byIdentity) {
    const { page, context } = await env.newVisitor()
    try {
      // tsx（esbuild keepNames）给页面里执行的具名箭头函数包一层 __name：页面里补上这个名字。
      await context.addInitScript('globalThis.__name = globalThis.__name || ((f) => f)')
      await context.addInitScript(MARK_TAPPABLE)
      // 先让宿主发会话 Cookie，再切身份（受邀人与访客都是新人）。
      await context.request.get('/api/local/identities')
      if (identity !== 'visitor' && identity !== 'invitee') await switchTo(context, identity)
      for (const state of list) {
        const base = { state: state.name, page: state.page, identity }
        try {
          await state.reach({ env, page, context, ids })
          await settle(page)
          const m = await measure(page)
          const axe = await runAxe(page)
          const contrastNodes = axe.find((v) => v.id === 'color-contrast')?.nodes ?? 0
          const large = await measureLargeText(page, LARGE_TEXT_SCALE)
          if (options.largeTextShots) await page.screenshot({ path: path.join(options.largeTextShots, `${state.name}.png`) })
          await page.evaluate(() => document.documentElement.style.removeProperty('--text-scale'))
          const r: StateResult = { ...base, axe, contrastNodes, ...m, ...large }
          results.push(r)
          options.onResult?.(r)
        } catch (error) {
          const r: StateResult = {
            ...base,
            axe: [],
            contrastNodes: 0,
            targets: 0,
            smallTargets: [],
            textNodes: 0,
            smallText: [],
            clipped: [],
            overlapping: [],
            horizontalOverflow: false,
            error: (error as Error).message.split('\n')[0],
          }
          results.push(r)
          options.onResult?.(r)
        }
      }
    } finally {
      await context.close()
    }
  }
  return results
}

/** H5 页面的 viewport meta 是否禁止缩放。 */
export async function zoomDisabled(env: E2EEnv): Promise<string | null> {
  const { page, context } = await env.newVisitor()
  try {
    await page.goto(`/b/${CODE}`)
    const content = (await page.locator('meta[name=viewport]').getAttribute('content')) ?? ''
    return /user-scalable\s*=\s*(no|0)|maximum-scale\s*=\s*1(\.0)?\b/i.test(content) ? content : null
  } finally {
    await context.close()
  }
}

/** 一个状态一行的汇总。 */
export function summarize(r: StateResult): string {
  if (r.error) return `${r.state.padEnd(28)} 没走到：${r.error}`
  const impact = (level: string) => r.axe.filter((v) => v.impact === level).reduce((n, v) => n + v.nodes, 0)
  const failingTargets = r.smallTargets.filter((t) => !t.allowed).length
  const failingText = r.smallText.filter((t) => !t.allowed).length
  return [
    r.state.padEnd(28),
    `axe 严重 ${impact('critical')}/${impact('serious')}（critical/serious）中 ${impact('moderate')} 轻 ${impact('minor')}`,
    `对比度 ${r.contrastNodes}`,
    `小于44px目标 ${failingTargets}/${r.targets}`,
    `小于14px文字 ${failingText}/${r.textNodes}`,
    `1.4倍 裁切 ${r.clipped.length} 重叠 ${r.overlapping.length}${r.horizontalOverflow ? ' 横向溢出' : ''}`,
  ].join(' · ')
}

export const A11Y_ROOT = ROOT
