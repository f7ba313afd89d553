/**
 * 转发到业主群（H5 构建 + 本地宿主 + 演示数据，Chromium 驱动）：
 * 1 号楼代表打开本楼最新的一条公告，点"复制链接，发到业主群"，剪贴板里是标题与一条带 b= 与 s=1 的链接；
 * 一位从没扫过楼里二维码的居民（新的浏览器上下文，没有记住的楼栋）打开这条链接就读到公告；
 * 这条公告"其中经群分享打开"的人数加一（库里与代表的公告列表上都是）。390×844 下截图到 screenshots/。
 */
import { openBuilding, startE2E, switchIdentity, type E2EEnv } from './helpers'
import { collectPageErrors, settle, shot } from './shots'

jest.setTimeout(150_000)

const CODE = 'CHY1'

let env: E2EEnv
const errors: string[] = []

beforeAll(async () => {
  env = await startE2E()
})
afterAll(async () => {
  await env?.teardown()
})

test('代表复制公告链接发到群里；没扫过二维码的居民打开链接就读到，经群分享打开的人数加一', async () => {
  const latest = env.store.db
    .prepare(
      `SELECT n.id, n.title FROM notices n JOIN notice_targets t ON t.notice_id = n.id JOIN buildings b ON b.id = t.building_id
       WHERE b.code = ? AND n.status = 'published' AND n.summary_id IS NULL ORDER BY n.published_at DESC LIMIT 1`,
    )
    .get(CODE) as { id: string; title: string }
  const sharedCount = () =>
    (env.store.db.prepare('SELECT COUNT(*) AS n FROM notice_reads WHERE notice_id = ? AND via_share = 1').get(latest.id) as { n: number }).n
  const before = sharedCount()

  // ---- 代表：打开公告，复制链接 ----
  const rep = await env.newVisitor()
  collectPageErrors(rep.page, errors, '代表')
  await rep.context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await openBuilding(rep.page, CODE)
  await switchIdentity(rep.page, 'rep1')
  await rep.page.goto(`/resident/notice/index?id=${latest.id}&b=${CODE}`)
  await rep.page.locator('#notice-share').waitFor()
  await settle(rep.page)
  await shot(rep.page, 'share-01-notice')
  await rep.page.locator('#notice-share').click()
  await rep.page.waitForFunction(() => document.querySelector('#notice-share')?.textContent?.includes('已复制'))
  const copied = await rep.page.evaluate(() => navigator.clipboard.readText())
  expect(copied).toContain('1号楼')
  expect(copied).toContain(latest.title)
  const link = /https?:\/\/\S+/.exec(copied)?.[0] ?? ''
  const url = new URL(link)
  expect(url.pathname).toBe('/pages/notice/index')
  expect(Object.fromEntries(url.searchParams)).toEqual({ id: latest.id, b: CODE, s: '1' })

  // ---- 群里的一位居民：从没扫过二维码，直接打开链接 ----
  const neighbour = await env.newVisitor()
  collectPageErrors(neighbour.page, errors, '群里的居民')
  await neighbour.page.goto(link)
  await neighbour.page.locator('#notice-title').waitFor()
  expect(await neighbour.page.locator('#notice-title').textContent()).toBe(latest.title)
  // 链接的旧路径是主包里的转发页：转到分包 resident/ 里的公告页，参数（含 s=1）原样带上。
  const landed = new URL(neighbour.page.url())
  expect(landed.pathname).toBe('/resident/notice/index')
  expect(Object.fromEntries(landed.searchParams)).toEqual({ id: latest.id, b: CODE, s: '1' })
  await shot(neighbour.page, 'share-02-opened-from-group')
  expect(sharedCount()).toBe(before + 1)

  // ---- 代表的公告列表：其中经群分享打开的人数 ----
  await rep.page.goto('/rep/notices/index')
  const line = rep.page.locator(`#notice-shared-${latest.id}`)
  await line.waitFor()
  expect(await line.textContent()).toContain(`其中经群分享打开 ${before + 1} 人`)
  await line.scrollIntoViewIfNeeded()
  await shot(rep.page, 'share-03-rep-notices')
  expect(errors).toEqual([])
})
