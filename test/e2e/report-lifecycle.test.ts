/**
 * 一条报事的一生（H5 构建 + 本地宿主 + 临时 SQLite，Chromium 驱动）：
 * 居民 A 带照片报事 → 居民 B 报同类时被提示"是否是同一个问题？"并点"我也遇到" →
 * 1 号楼代表受理、派给物业、标记已处理 → A 在时间线上看到并回答"解决了"（4/5/4）→ B 也看到已解决 →
 * 统计多一件、受影响居民多两位、已解决多一件 → 本地发件箱里有发给 A 和 B 的进度消息。
 * 每个页面在 390×844 下截图到 screenshots/。
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import QRCode from 'qrcode'
import type { BuildingStatsView } from '../../src/core/dashboard'
import { monthTotalOnPage, openBuilding, ROOT, startE2E, switchIdentity, type E2EEnv } from './helpers'

jest.setTimeout(120_000)

const CODE = 'CHY1'
const PROGRESS_TEMPLATE = 'TPL_REPORT_PROGRESS_E2E'
const SHOTS = path.join(ROOT, 'screenshots')
const CATEGORY = 'greenery'

let env: E2EEnv

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  env = await startE2E({ env: { LOUSHI_TEMPLATE_REPORT_PROGRESS: PROGRESS_TEMPLATE } })
})

afterAll(async () => {
  await env?.teardown()
})

/** 截图前等页面切换的滑入动画结束、提示（toast）消失，免得截到半张页面或被提示挡住。 */
async function shot(page: Page, name: string) {
  await page.waitForFunction(() => {
    const pages = Array.from(document.querySelectorAll('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    const top = pages[pages.length - 1]
    return !!top && Math.abs(top.getBoundingClientRect().left) < 1
  })
  await page
    .waitForFunction(
      () => Array.from(document.querySelectorAll('.taro__toast')).every((t) => (t as HTMLElement).offsetParent === null || getComputedStyle(t).opacity === '0'),
      undefined,
      { timeout: 4000 },
    )
    .catch(() => undefined)
  await page.waitForTimeout(350)
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
}

/** 以函数的 HTTP 接口调用（带这个浏览器上下文的会话 Cookie），返回 data；出错时抛出函数给的中文。 */
async function fn<T>(context: BrowserContext, name: string, action: string, payload: unknown): Promise<T> {
  const res = await context.request.post(`/api/fn/${name}`, { data: { action, payload } })
  const reply = (await res.json()) as { code: string; message: string; data: T }
  if (reply.code !== 'OK') throw new Error(`${name}.${action}: ${reply.code} ${reply.message}`)
  return reply.data
}

/** 点"添加照片"，在 Taro H5 的 chooseMedia 打开的文件选择里放一张 PNG。 */
async function addPhoto(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser')
  await page.locator('#photo-add').click()
  // 手机 UA 下 Taro 先弹"拍摄 / 从相册选择"。
  const album = page.getByText('从相册选择')
  const picked = await Promise.race([
    chooser.then(() => 'chooser' as const),
    album
      .waitFor({ timeout: 3000 })
      .then(() => 'sheet' as const)
      .catch(() => 'chooser' as const),
  ])
  if (picked === 'sheet') await album.click()
  await (await chooser).setFiles(file)
}

async function openForm(page: Page) {
  await openBuilding(page, CODE)
  await page.locator('#action-report').click()
  await page.waitForURL(/\/resident\/report\/index\?b=CHY1/)
  await page.locator('#submit-report').waitFor()
}

test('报事的一生：带照片报事 → 我也遇到 → 代表处理 → 报事人评价 → 关注者看到已解决 → 统计与进度消息', async () => {
  const rep = await env.newVisitor()
  await openBuilding(rep.page, CODE)
  await switchIdentity(rep.page, 'rep1')
  const statsBefore = await fn<BuildingStatsView>(rep.context, 'stats', 'building', { buildingCode: CODE })
  await rep.page.goto(`/rep/stats/index?b=${CODE}`)
  const pageTotalBefore = await monthTotalOnPage(rep.page)

  // ---- 居民 A：带一张照片报事 ----
  const a = await env.newVisitor()
  await openForm(a.page)
  await shot(a.page, 'report-form')
  const description = `小区东侧草坪的喷头坏了一直在漏水 e2e-${Date.now()}`
  await a.page.locator(`#category-${CATEGORY}`).click()
  await a.page.locator('.report-text textarea').fill(description)
  await a.page.locator('#area-楼栋周边').click()
  await a.page.locator('#urgency-urgent').click()
  await a.page.locator('#contact-phone input').fill('13800138000')
  const png = await QRCode.toBuffer('楼事通 e2e', { type: 'png', width: 120 })
  await addPhoto(a.page, { name: 'leak.png', mimeType: 'image/png', buffer: png })
  await a.page.locator('#photo-0.photo--done').waitFor({ timeout: 15_000 })
  await shot(a.page, 'report-form-filled')

  await a.page.locator('#submit-report').click()
  await a.page.waitForURL(/\/resident\/mine\/index/)
  const aCard = a.page.locator('.report-card').filter({ hasText: description })
  await aCard.waitFor()
  const reportId = ((await aCard.getAttribute('id')) ?? '').replace(/^report-/, '')
  expect(reportId).not.toBe('')
  await expect(aCard.locator('.status').textContent()).resolves.toBe('待受理')
  expect(await aCard.textContent()).toContain('紧急')
  expect(await aCard.textContent()).toContain('1 张照片')
  await shot(a.page, 'mine-reported')

  const stored = await env.store.reportById(reportId)
  expect(stored).toMatchObject({ urgency: 'urgent', contactPhone: '13800138000', category: CATEGORY, status: 'pending' })
  expect(stored?.photos).toHaveLength(1)

  // ---- 居民 B：报同类，被提示，点"我也遇到" ----
  const b = await env.newVisitor()
  await openForm(b.page)
  await b.page.locator(`#category-${CATEGORY}`).click()
  const offered = b.page.locator(`#similar-${reportId}`)
  await offered.waitFor()
  expect(await b.page.locator('#similar').textContent()).toContain('是否是同一个问题？')
  expect(await offered.textContent()).toContain(description)
  expect(await offered.textContent()).toContain('待受理')
  expect(await b.page.locator('#similar-dismiss').textContent()).toContain('不是')
  await offered.scrollIntoViewIfNeeded()
  await shot(b.page, 'report-similar')
  await b.page.locator(`#follow-${reportId}`).click()
  await b.page.waitForURL(new RegExp(`/resident/track/index\\?id=${reportId}`))
  await b.page.locator('#track-relation').waitFor()
  await expect(b.page.locator('#track-relation').textContent()).resolves.toBe('我关注的')
  await expect(b.page.locator('#track-followers').textContent()).resolves.toContain('1 人也遇到')
  await shot(b.page, 'track-followed')

  await b.page.goto('/resident/mine/index')
  await b.page.locator('#tab-followed').click()
  await b.page.locator(`#report-${reportId}`).waitFor()
  await shot(b.page, 'mine-followed')

  // ---- 代表：在处理报事的页面上受理、派给物业、标记已处理 ----
  await rep.page.goto(`/rep/queue/index?b=${CODE}&f=pending`)
  await rep.page.locator(`#queue-item-${reportId}`).click()
  await rep.page.waitForURL(new RegExp(`/rep/detail/index\\?id=${reportId}`))
  await expect(rep.page.locator('#detail-phone').textContent()).resolves.toContain('13800138000')
  const repAct = async (action: string, note: string, before?: () => Promise<void>) => {
    await rep.page.locator(`#act-${action}`).click()
    await rep.page.locator('#act-sheet').waitFor()
    if (before) await before()
    if (note) await rep.page.locator('#act-note textarea').fill(note)
    await rep.page.locator('#act-submit').click()
    await rep.page.locator('#act-sheet').waitFor({ state: 'detached' })
  }
  await repAct('accept', '')
  await repAct('start', '已联系物业来修', async () => {
    await rep.page.locator('#party-property').click()
    await shot(rep.page, 'rep-detail-start')
  })
  await repAct('handle', '物业已更换喷头')
  await expect(rep.page.locator('.timeline').textContent()).resolves.toContain('物业已更换喷头')
  await shot(rep.page, 'rep-detail-handled')

  // ---- 居民 A：看到时间线，回答"解决了"，评 4/5/4 ----
  await a.page.goto(`/resident/track/index?id=${reportId}`)
  await a.page.locator('#answer-card').waitFor()
  await expect(a.page.locator('#track-relation').textContent()).resolves.toBe('我报的')
  await expect(a.page.locator('#track-status').textContent()).resolves.toBe('待确认')
  expect(await a.page.locator('#answer-deadline').textContent()).toMatch(/请在 \d+ 月 \d+ 日前回答/)
  const timeline = (await a.page.locator('#timeline').textContent()) ?? ''
  for (const text of ['提交报事', '受理', '开始处理', '派给：物业', '已联系物业来修', '标记已处理', '物业已更换喷头', '业主代表', '你'])
    expect(timeline).toContain(text)
  await expect(a.page.locator('#track-photos .track-photos__img').count()).resolves.toBe(1)
  // 照片真的显示出来了（不是破图）。
  await a.page.waitForFunction(() => {
    const img = document.querySelector('#track-photos img') as HTMLImageElement | null
    return !!img && img.complete && img.naturalWidth > 0
  })
  await shot(a.page, 'track-answer')

  await a.page.locator('#answer-solved').click()
  for (const [dimension, score] of [
    ['speed', 4],
    ['attitude', 5],
    ['effect', 4],
  ] as const) {
    // 1–5 的大按钮（与问卷页同一个组件），不再是 12 px 的星星。
    await a.page.locator(`#rate-${dimension}-${score}`).click()
    await expect(a.page.locator(`#rate-${dimension}`).textContent()).resolves.toContain(`${score} 分`)
  }
  await a.page.locator('#answer-words textarea').fill('修得很快，谢谢')
  await shot(a.page, 'track-answer-rated')
  await a.page.locator('#answer-submit').click()
  await a.page.locator('#answer-card').waitFor({ state: 'detached' })
  await expect(a.page.locator('#track-status').textContent()).resolves.toBe('已解决')
  const ratingRow = a.page.locator('#timeline [id^="timeline-rating-"]')
  await ratingRow.waitFor()
  expect(await ratingRow.textContent()).toMatch(/速度.*4 分.*态度.*5 分.*效果.*4 分/)
  await shot(a.page, 'track-resolved')

  const confirmed = (await env.store.statusChangesOf(reportId)).find((c) => c.to === 'resolved')
  expect(confirmed?.details.rating).toMatchObject({ speed: 4, attitude: 5, effect: 4, words: '修得很快，谢谢' })

  // ---- 居民 B：也看到已解决 ----
  await b.page.goto(`/resident/track/index?id=${reportId}`)
  await b.page.locator('#track-status').waitFor()
  await expect(b.page.locator('#track-status').textContent()).resolves.toBe('已解决')
  expect(await b.page.locator('#answer-card').count()).toBe(0)
  // 关注者看得到每一步，看不到代表的说明与评价的话（常写着门牌与家里的情况）。
  const followerTimeline = (await b.page.locator('#timeline').textContent()) ?? ''
  for (const text of ['标记已处理', '确认解决了', '派给：物业']) expect(followerTimeline).toContain(text)
  for (const text of ['已联系物业来修', '物业已更换喷头', '修得很快，谢谢']) expect(followerTimeline).not.toContain(text)

  // ---- 统计：多一件、受影响居民多两位、已解决多一件 ----
  const statsAfter = await fn<BuildingStatsView>(rep.context, 'stats', 'building', { buildingCode: CODE })
  expect(statsAfter.month.figures.received).toBe(statsBefore.month.figures.received + 1)
  expect(statsAfter.month.figures.affected).toBe(statsBefore.month.figures.affected + 2)
  expect(statsAfter.month.figures.byStatus.resolved).toBe(statsBefore.month.figures.byStatus.resolved + 1)
  await rep.page.goto(`/rep/stats/index?b=${CODE}`)
  await rep.page.waitForTimeout(100)
  await rep.page.reload()
  expect(await monthTotalOnPage(rep.page)).toBe(pageTotalBefore + 1)
  await shot(rep.page, 'rep-stats')

  // ---- 进度消息：发给 A 与 B ----
  const reporter = stored?.reporterId
  const followers = await env.store.followersOf(reportId)
  expect(followers).toHaveLength(1)
  const outbox = (await (await rep.context.request.get('/api/local/outbox')).json()) as { messages: { touser: string; templateId: string; page: string }[] }
  const progress = outbox.messages.filter((m) => m.templateId === PROGRESS_TEMPLATE && m.page.includes(`id=${reportId}`))
  const recipients = new Set(progress.map((m) => m.touser))
  expect(recipients).toEqual(new Set([reporter, followers[0]]))
  expect(progress.every((m) => m.page.startsWith('pages/track/index'))).toBe(true)
})
