/**
 * 工作总结（H5 构建 + 本地宿主 + 演示数据，Chromium 驱动）：
 * 1 号楼代表（rep1）从首页"总结"进入，起草 1号楼 的年度总结（默认：业主代表工作总结、今年）→ 点选"无物业社区"时起草还没回来就提示种类不合实情
 * → 换回业主代表 → 点"解决率"看背后的记录
 * （正好是它的分母那么多条）→ 改一段 → 存为第 1 版 → 发给居民征求意见 → 一位居民在公告里读到全文并提意见 →
 * 代表在总结旁边看到这条意见（不显示是谁）→ 公示 → 导出 Word：测试用 fflate 打开下载的 .docx，找到标题与解决率那一句；
 * 居民再打开公告看到的是定稿、没有提意见的框。每一步在 390×844 下截图到 screenshots/。
 */
import { unzipSync } from 'fflate'
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { openBuilding, startE2E, switchIdentity, type E2EEnv } from './helpers'
import { collectPageErrors, fillField, settle, shot } from './shots'

jest.setTimeout(150_000)

const CODE = 'CHY1'
const EDITED = '本年度我继续每周在楼里走一圈，把居民反映的问题当天记下来、当天转给物业。'
const COMMENT = '建议把地下车库照明的整改写进明年计划'

let env: E2EEnv
const errors: string[] = []

beforeAll(async () => {
  env = await startE2E()
})
afterAll(async () => {
  await env?.teardown()
})

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim()

test('代表起草年度总结、点数字看记录、改一段、征求意见；居民提意见；代表公示并导出 Word', async () => {
  // ---- 代表：首页 → 总结 → 起草 ----
  const rep = await env.newVisitor()
  collectPageErrors(rep.page, errors, '代表')
  await openBuilding(rep.page, CODE)
  await switchIdentity(rep.page, 'rep1')
  await rep.page.locator('#action-summaries').click()
  await rep.page.waitForURL(/\/rep\/summaries\/index/)
  await rep.page.locator('#summary-new').waitFor()
  await shot(rep.page, 'summary-01-list')
  await settle(rep.page)
  await rep.page.locator('#summary-new').click()
  await rep.page.waitForURL(/\/rep\/summary\/index\?c=/)
  await rep.page.locator('#summary-doc').waitFor()
  const title = await text(rep.page, '#summary-title')
  expect(title).toContain('1号楼')
  expect(title).toContain('业主代表工作总结')
  expect(await text(rep.page, '#summary-kind-representative')).toContain('默认')
  await shot(rep.page, 'summary-02-draft')
  await shot(rep.page, 'summary-02-draft', { full: true })

  // ---- 点选与实情不符的种类：起草还没回来，提示已经在了 ----
  expect(await rep.page.locator('#summary-kind-mismatch').count()).toBe(0)
  const isDraft = (body: string | null) => JSON.parse(body ?? '{}').action === 'draft'
  let release: () => void = () => undefined
  const held = new Promise<void>((resolve) => (release = resolve))
  let reached: () => void = () => undefined
  const draftAsked = new Promise<void>((resolve) => (reached = resolve))
  let passed: () => void = () => undefined
  const draftPassed = new Promise<void>((resolve) => (passed = resolve))
  await rep.page.route('**/api/fn/summary', async (route) => {
    if (!isDraft(route.request().postData())) return route.continue()
    reached()
    await held
    await route.continue()
    passed()
  })
  await rep.page.locator('#summary-kind-noProperty').click()
  // 起草的请求已发出、被扣住没有回来：提示此时已经在页面上。
  await draftAsked
  await rep.page.locator('#summary-kind-mismatch').waitFor()
  expect(await text(rep.page, '#summary-kind-mismatch')).toContain('春晖苑有物业服务企业')
  release()
  await draftPassed
  await rep.page.unroute('**/api/fn/summary')
  await rep.page.locator('#summary-kind-representative').click()
  await rep.page.locator('#summary-kind-mismatch').waitFor({ state: 'detached' })
  await rep.page.locator('#summary-doc').waitFor()
  expect(await text(rep.page, '#summary-title')).toContain('业主代表工作总结')

  // ---- 点居民确认率（已解决 / 已办结）：记录正好是分母那么多条 ----
  const figure = rep.page.locator('#fig-resolution').first()
  const display = ((await figure.textContent()) ?? '').trim()
  const [, resolved, handled] = /（(\d+)\/(\d+)）/.exec(display) ?? []
  expect(Number(handled)).toBeGreaterThan(0)
  await figure.scrollIntoViewIfNeeded()
  await figure.click()
  await rep.page.locator('#trace-total').waitFor()
  expect(await text(rep.page, '#trace-total')).toBe(`共 ${handled} 条记录`)
  expect(await text(rep.page, '#trace-explanation')).toMatch(/[\u4e00-\u9fa5]/)
  expect(await rep.page.locator('[id^="trace-record-"]').count()).toBe(Math.min(20, Number(handled)))
  expect(Number(resolved)).toBeLessThanOrEqual(Number(handled))
  await shot(rep.page, 'summary-03-trace')
  await rep.page.locator('#trace-close').click()

  // ---- 改第一段，存为第 1 版 ----
  const firstEdit = rep.page.locator('[id^="para-"][id$="-edit"]').first()
  const paraId = ((await firstEdit.getAttribute('id')) ?? '').replace(/-edit$/, '')
  await firstEdit.scrollIntoViewIfNeeded()
  await firstEdit.click()
  await fillField(rep.page, `#${paraId}-input`, EDITED)
  await rep.page.locator(`#${paraId}-done`).click()
  expect(await text(rep.page, `#${paraId}`)).toContain(EDITED)
  await shot(rep.page, 'summary-04-edited')
  await rep.page.locator('#summary-save').click()
  await rep.page.waitForURL(/\/rep\/summary\/index\?id=/)
  await rep.page.locator('#summary-status').waitFor()
  expect(await text(rep.page, '#summary-version')).toContain('第 1 版')
  expect(await text(rep.page, `#${paraId}`)).toContain(EDITED)

  // ---- 征求意见 ----
  await settle(rep.page)
  await rep.page.locator('#summary-publish').click()
  await rep.page.locator('#publish-confirm').waitFor()
  await shot(rep.page, 'summary-05-publish-dialog')
  await rep.page.locator('#publish-confirm-ok').click()
  await rep.page.waitForFunction(() => document.querySelector('#summary-status')?.textContent?.includes('征求意见中'))
  await shot(rep.page, 'summary-06-consulting')
  const summaryUrl = rep.page.url()

  // ---- 居民：首页的公告条 → 征求意见稿 → 提意见 ----
  const r = await env.newVisitor()
  collectPageErrors(r.page, errors, '居民')
  await openBuilding(r.page, CODE)
  const item = r.page.locator('.nstrip__item').filter({ hasText: '征求意见' }).first()
  await item.waitFor()
  await settle(r.page)
  await item.click()
  await r.page.locator('#notice-summary').waitFor()
  expect(await text(r.page, '#notice-summary-status')).toBe('征求意见稿')
  expect(await text(r.page, '#notice-summary')).toContain(EDITED)
  const noticeUrl = r.page.url()
  await fillField(r.page, '#summary-comment-input', COMMENT)
  await r.page.locator('#summary-comment-submit').click()
  await r.page.locator('#summary-my-comments').waitFor()
  expect(await text(r.page, '#summary-my-comments')).toContain(COMMENT)
  await shot(r.page, 'summary-07-resident-comment', { full: true })

  // ---- 代表：意见在总结旁边，不显示是谁；公示 ----
  await rep.page.goto(summaryUrl)
  await rep.page.locator('#summary-comments').waitFor()
  const comments = await text(rep.page, '#summary-comments')
  expect(comments).toContain(COMMENT)
  expect(comments).toContain('1号楼')
  expect(comments).not.toMatch(/local_|openid/)
  await rep.page.locator('#summary-comments').scrollIntoViewIfNeeded()
  await shot(rep.page, 'summary-08-comments')
  await settle(rep.page)
  await rep.page.locator('#summary-finalize').click()
  await rep.page.locator('#finalize-confirm-ok').click()
  await rep.page.waitForFunction(() => document.querySelector('#summary-status')?.textContent?.includes('已公示'))
  expect(await rep.page.locator('#summary-save').count()).toBe(0)
  await shot(rep.page, 'summary-09-final')

  // ---- 导出 Word：打开 .docx，找到标题与解决率那一句 ----
  const download = rep.page.waitForEvent('download')
  await rep.page.locator('#summary-export-docx').click()
  const file = await (await download).path()
  const xml = Buffer.from(unzipSync(new Uint8Array(readFileSync(file)))['word/document.xml']).toString('utf8')
  const plain = xml.replace(/<[^>]+>/g, '')
  expect(plain).toContain(title)
  // 那一句："经居民确认已解决157 件，居民确认率85%（157/184）"（业主代表总结里"解决率"留给关键句的 已解决 / 登记），数字与页面上点过的那个相同。
  expect(plain).toContain(`已解决${resolved} 件，居民确认率${display}`)

  // ---- 居民再打开：定稿，没有提意见的框 ----
  await r.page.goto(noticeUrl)
  await r.page.locator('#notice-summary').waitFor()
  await r.page.waitForFunction(() => document.querySelector('#notice-summary-status')?.textContent === '公示 · 定稿')
  expect(await r.page.locator('#summary-comment').count()).toBe(0)
  await shot(r.page, 'summary-10-resident-final')

  expect(errors).toEqual([])
})
