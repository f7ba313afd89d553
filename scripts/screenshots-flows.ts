/**
 * issue 22 改过的状态在 390×844 下的截图（放进 screenshots/，git 忽略）：落地页的"解决了吗"提示、
 * 我的报事的卡片提示、1–5 分的评价与随改随收的提示、断网回到首页、提交失败、选照片当场不收、超长的公告标题。
 * 用法：npx tsx scripts/screenshots-flows.ts   （需要 dist/h5）
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { fillField, shoot } from '../test/e2e/shots'
import { openBuilding, ROOT, startE2E, switchIdentity } from '../test/e2e/helpers'

const CODE = 'CHY1'

async function fn<T>(context: BrowserContext, name: string, action: string, payload: unknown): Promise<T> {
  const res = await context.request.post(`/api/fn/${name}`, { data: { action, payload } })
  const reply = (await res.json()) as { code: string; message: string; data: T }
  if (reply.code !== 'OK') throw new Error(`${name}.${action}: ${reply.code} ${reply.message}`)
  return reply.data
}

async function main() {
  mkdirSync(path.join(ROOT, 'screenshots'), { recursive: true })
  const env = await startE2E()
  try {
    // 居民 A 报一件，代表标记已处理：A 的首页与我的报事提示在等回答。
    const a = await env.newVisitor()
    await openBuilding(a.page, CODE)
    const submitted = await fn<{ report: { id: string } }>(a.context, 'reports', 'submit', {
      requestId: 'shots-flows-submit-1',
      buildingCode: CODE,
      kind: 'repair',
      category: 'elevator',
      text: '3单元电梯按钮失灵，已经两天了',
      location: { scope: 'public', area: '电梯轿厢', detail: '3单元' },
      anonymous: false,
      urgency: 'urgent',
      contactPhone: '',
      photos: [],
    })
    const rep = await env.newVisitor()
    await openBuilding(rep.page, CODE)
    await switchIdentity(rep.page, 'rep1')
    await fn(rep.context, 'handling', 'act', {
      reportId: submitted.report.id,
      requestId: 'shots-flows-handle-1',
      action: 'handle',
      expectedStatus: 'pending',
      note: '已请维保单位更换按钮',
    })
    await a.page.reload()
    await a.page.locator('#answer-banner').waitFor()
    await shoot(a.page, 'flows-01-landing-answer-banner')
    await a.page.goto('/resident/mine/index')
    await a.page.locator(`#awaits-${submitted.report.id}`).waitFor()
    await shoot(a.page, 'flows-02-mine-awaits')
    await a.page.goto(`/resident/track/index?id=${submitted.report.id}`)
    await a.page.locator('#answer-solved').click()
    await a.page.locator('#answer-submit').click()
    await a.page.locator('#error-speed').waitFor()
    await a.page.locator('#rate-speed-4').click()
    await a.page.locator('#error-speed').waitFor({ state: 'detached' })
    await shoot(a.page, 'flows-03-track-rating-buttons', { full: true })

    // 代表的首页：处理报事在前，带件数；队列默认待受理、紧急在前。
    await rep.page.reload()
    await rep.page.locator('#triage-counts').waitFor()
    await shoot(rep.page, 'flows-04-landing-rep-triage')
    await rep.page.locator('#action-queue').click()
    await rep.page.locator('#order-toggle').waitFor()
    await shoot(rep.page, 'flows-05-queue-priority')
    await rep.page.goto(`/rep/stats/index?b=${CODE}`)
    await rep.page.locator('#stats-month').waitFor()
    await shoot(rep.page, 'flows-06-stats-month-to-date')

    // 断网回到首页、提交失败、选照片当场不收。
    const c = await env.newVisitor()
    await openBuilding(c.page, CODE)
    await c.page.locator('#action-report').click()
    await c.page.locator('#submit-report').waitFor()
    await c.page.route('**/api/fn/account', (route) => route.abort('internetdisconnected'))
    await c.page.goBack()
    await c.page.locator('#stale-banner').waitFor()
    await shoot(c.page, 'flows-07-landing-offline')
    await c.page.unroute('**/api/fn/account')
    await c.page.locator('#action-report').click()
    await c.page.locator('#submit-report').waitFor()
    await c.page.locator('#category-facilities').click()
    await c.page.locator('.report-text textarea').fill('三楼楼道的声控灯不亮，晚上上楼看不见台阶')
    await c.page.locator('#area-楼道\\/楼梯间').click()
    const chooser = c.page.waitForEvent('filechooser')
    await c.page.locator('#photo-add').click()
    const album = c.page.getByText('从相册选择')
    if (await album.isVisible().catch(() => false)) await album.click()
    const png = Buffer.alloc(6 * 1024 * 1024)
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png)
    await (
      await chooser
    ).setFiles([
      { name: '楼道.png', mimeType: 'image/png', buffer: png },
      { name: '说明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
    ])
    await c.page.locator('#photo-refused').waitFor()
    await c.page.route('**/api/fn/reports', (route) => route.abort('internetdisconnected'))
    await c.page.locator('#submit-report').click()
    await c.page.locator('#report-error').waitFor()
    await shoot(c.page, 'flows-08-report-refused-photo-and-offline-submit', { full: true })

    // 超长的公告标题。
    await rep.page.goto('/rep/noticeEdit/index')
    await rep.page.locator('#notice-submit').waitFor()
    await fillField(rep.page, '#notice-title-input', '11月25日（周二）9:00–17:00 因二次供水水箱清洗全楼停水，请提前储水，给您带来不便敬请谅解')
    await shoot(rep.page, 'flows-09-notice-title-too-long')
  } finally {
    await env.teardown()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
