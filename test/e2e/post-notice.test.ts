/**
 * 发一条公告（H5 构建 + 本地宿主 + 演示数据，Chromium 驱动）：
 * 1 号楼代表（rep1，李建国）在"发布公告"里写一条发给 1号楼 的公告 →
 * 两位居民各用一个全新的浏览器扫码打开 /b/CHY1，在首页的公告条里看到它标着未读，一位从公告条、一位从"全部公告"打开 →
 * 代表的"公告与知晓率"上这条公告的 1号楼 知晓率是 2/108。每一步在 390×844 下截图到 screenshots/。
 */
import type { Page } from 'playwright-core'
import { openBuilding, startE2E, switchIdentity, type E2EEnv } from './helpers'
import { collectPageErrors, fillField, settle, shot } from './shots'

jest.setTimeout(90_000)

const CODE = 'CHY1'
const HOUSEHOLDS = 108

let env: E2EEnv
const errors: string[] = []

beforeAll(async () => {
  env = await startE2E()
})

afterAll(async () => {
  await env?.teardown()
})

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim()

/** 公告详情页：标题、正文、落款都对。 */
async function expectNoticePage(page: Page, title: string, body: string) {
  await page.waitForURL(/\/resident\/notice\/index\?id=/)
  await page.locator('#notice-title').waitFor()
  await expect(text(page, '#notice-title')).resolves.toBe(title)
  await expect(text(page, '#notice-body')).resolves.toBe(body)
  expect(await text(page, '#notice-signed')).toContain('李建国')
  expect(await page.locator('#notice-withdrawn, #notice-expired').count()).toBe(0)
}

test('代表发布公告，两位居民扫码看到未读并打开，代表看到这条公告的知晓率 2/108', async () => {
  const stamp = new Date().toISOString().slice(11, 19).replace(/:/g, '')
  const title = `本周六上午停水检修 ${stamp}`
  const body = '因二次供水管道检修，本周六 8:00–12:00 1号楼停水，请提前储水。如有疑问请联系业主代表李建国。'

  // ---- 代表：首页 → 发布公告 → 写 → 发布 ----
  const rep = await env.newVisitor()
  collectPageErrors(rep.page, errors, '代表')
  await openBuilding(rep.page, CODE)
  await switchIdentity(rep.page, 'rep1')
  await rep.page.locator('#action-notices').click()
  await rep.page.waitForURL(/\/rep\/notices\/index/)
  await rep.page.locator('#managed-notices').waitFor()
  expect(await text(rep.page, '.rn-head')).toContain('可发给：1号楼')
  await shot(rep.page, 'gov-notice-01-rep-list')

  await rep.page.locator('#notice-publish').click()
  await rep.page.waitForURL(/\/rep\/noticeEdit\/index/)
  await rep.page.locator('#notice-submit').waitFor()
  // 只管一栋楼的代表：1号楼 已选好，没有"整个小区"。
  await expect(rep.page.locator(`#target-building-${CODE}`).getAttribute('class')).resolves.toContain('gcheck--on')
  expect(await text(rep.page, `#target-building-${CODE}`)).toContain('1号楼')
  expect(await rep.page.locator('#target-community').count()).toBe(0)
  // 空着标题点发布：提示。
  await rep.page.locator('#notice-submit').click()
  await rep.page.locator('#error-notice-title').waitFor()
  await shot(rep.page, 'gov-notice-02-compose-empty')

  // 52 个字的标题：字都留在框里，提示超出 12 个字，发布被拒（改之前悄悄截成 40 个字发出去）。
  const tooLong = '春'.repeat(52)
  await fillField(rep.page, '#notice-title-input', tooLong)
  await expect(rep.page.locator('#notice-title-input input').inputValue()).resolves.toBe(tooLong)
  await expect(text(rep.page, '#notice-title-length')).resolves.toContain('超出 12 个字，最多 40 个字')
  await expect(text(rep.page, '#notice-title-length')).resolves.toContain('52/40')
  await rep.page.locator('#notice-submit').click()
  await expect(text(rep.page, '#error-notice-title')).resolves.toBe('标题最多 40 个字')
  await fillField(rep.page, '#notice-title-input', title)
  await fillField(rep.page, '#notice-body-input', body)
  await rep.page.locator('#expiry-7').click()
  expect(await text(rep.page, '#expiry-text')).toMatch(/^到 .+（含当天）为止/)
  await expect(rep.page.locator('#error-notice-title').count()).resolves.toBe(0)
  await shot(rep.page, 'gov-notice-03-compose-filled')
  await rep.page.locator('#notice-submit').click()

  // 发布后回到列表：新公告在，状态"已发布"，1号楼 知晓率 0/108。
  await rep.page.waitForURL(/\/rep\/notices\/index/)
  const card = rep.page.locator('.rn-card').filter({ hasText: title })
  await card.waitFor()
  const noticeId = ((await card.getAttribute('id')) ?? '').replace(/^managed-notice-/, '')
  expect(noticeId).not.toBe('')
  await expect(text(rep.page, `#notice-status-${noticeId}`)).resolves.toBe('已发布')
  expect(await card.textContent()).toContain('面向 1号楼')
  await expect(text(rep.page, `#notice-rate-${noticeId}-${CODE}`)).resolves.toContain(`0/${HOUSEHOLDS} 户`)
  await shot(rep.page, 'gov-notice-04-rep-published')

  // ---- 居民甲：扫码首页，公告条里标着未读，从公告条打开 ----
  const r1 = await env.newVisitor()
  collectPageErrors(r1.page, errors, '居民甲')
  await openBuilding(r1.page, CODE)
  const stripItem = r1.page.locator(`#strip-notice-${noticeId}`)
  await stripItem.waitFor()
  expect(await stripItem.textContent()).toContain(title)
  await expect(stripItem.locator('.ntitle').getAttribute('class')).resolves.toContain('ntitle--unread')
  expect(await stripItem.locator('.ntitle__dot').count()).toBe(1)
  const unreadBefore = Number(/全部公告 (\d+) 条未读/.exec(await text(r1.page, '#notice-strip-all'))?.[1])
  expect(unreadBefore).toBeGreaterThan(0)
  await shot(r1.page, 'gov-notice-05-landing-unread')
  await stripItem.click()
  await expectNoticePage(r1.page, title, body)
  await shot(r1.page, 'gov-notice-06-notice-page')
  // 回到首页（等进场动画结束再退：动画中途按返回，Taro H5 会留下一张隐藏的首页）→ 全部公告：这一条已读，未读少一。
  // 首页的公告条本身回来时不刷新：见文件末尾的已知问题。
  await settle(r1.page)
  await r1.page.goBack()
  await r1.page.locator('#building-name').waitFor()
  await r1.page.locator('#notice-strip-all').click()
  await r1.page.waitForURL(/\/resident\/notices\/index\?b=CHY1/)
  await r1.page.locator(`#notice-item-${noticeId}`).waitFor()
  expect(await r1.page.locator(`#notice-item-${noticeId}`).getAttribute('class')).not.toContain('notice-card--unread')
  await expect(text(r1.page, '#notices-unread')).resolves.toBe(unreadBefore === 1 ? '全部已读' : `${unreadBefore - 1} 条未读`)
  await shot(r1.page, 'gov-notice-07-list-after-read')

  // ---- 居民乙：扫码首页 → 全部公告 → 列表里标着未读 → 打开 ----
  const r2 = await env.newVisitor()
  collectPageErrors(r2.page, errors, '居民乙')
  await openBuilding(r2.page, CODE)
  await r2.page.locator(`#strip-notice-${noticeId} .ntitle--unread`).waitFor()
  await r2.page.locator('#notice-strip-all').click()
  await r2.page.waitForURL(/\/resident\/notices\/index\?b=CHY1/)
  const listItem = r2.page.locator(`#notice-item-${noticeId}`)
  await listItem.waitFor()
  await expect(listItem.getAttribute('class')).resolves.toContain('notice-card--unread')
  expect(await listItem.textContent()).toContain(title)
  expect(await text(r2.page, '#notices-unread')).toMatch(/^\d+ 条未读$/)
  await shot(r2.page, 'gov-notice-08-list-unread')
  await listItem.click()
  await expectNoticePage(r2.page, title, body)
  await settle(r2.page)
  await r2.page.goBack()
  await r2.page.waitForFunction((id) => !document.querySelector(`#notice-item-${id}`)?.classList.contains('notice-card--unread'), noticeId)
  await shot(r2.page, 'gov-notice-09-list-read')

  // 同一位居民再打开一次：不重复计数（下面仍是 2）。
  await settle(r2.page)
  await r2.page.locator(`#notice-item-${noticeId}`).click()
  await expectNoticePage(r2.page, title, body)

  // ---- 代表：知晓率 2/108 ----
  await rep.page.reload()
  const rate = rep.page.locator(`#notice-rate-${noticeId}-${CODE}`)
  await rate.waitFor()
  const rateText = await text(rep.page, `#notice-rate-${noticeId}-${CODE}`)
  expect(rateText).toContain('1号楼')
  expect(rateText).toContain(`2/${HOUSEHOLDS} 户`)
  expect(rateText).toContain(`${Math.round((2 / HOUSEHOLDS) * 100)}%`)
  // 只发给一栋楼时没有另一行合计（与那栋楼的一行相同）。
  expect(await rep.page.locator(`#notice-total-${noticeId}`).count()).toBe(0)
  await rate.scrollIntoViewIfNeeded()
  await shot(rep.page, 'gov-notice-10-rep-read-rate')

  expect(errors).toEqual([])
})

/**
 * 曾经的问题：公告条在落地页数据加载好之后才挂上，错过了页面第一次的 onShow，从公告详情返回首页时不重新加载，
 * 刚读过的仍标未读。现在落地页每次显示都把新读到的身份作为 reloadKey 传给它。
 */
test('从公告详情回到首页，公告条上刚读过的一条不再标未读', async () => {
  const r = await env.newVisitor()
  await openBuilding(r.page, CODE)
  const item = r.page.locator('#notice-strip .nstrip__item').nth(1)
  await item.locator('.ntitle--unread').waitFor()
  const id = ((await item.getAttribute('id')) ?? '').replace(/^strip-notice-/, '')
  await settle(r.page)
  await item.click()
  await r.page.locator('#notice-title').waitFor()
  await settle(r.page)
  await r.page.goBack()
  await r.page.locator('#building-name').waitFor()
  await r.page.waitForFunction(
    (nid) => {
      const t = document.querySelector(`#strip-notice-${nid} .ntitle`)
      return !!t && !t.classList.contains('ntitle--unread')
    },
    id,
    { timeout: 5000 },
  )
  await r.context.close()
})

/**
 * 曾经的问题：有效期存的是"那天结束"（次日 0:00 北京时间，函数里 endOfChinaDay），页面直接把它格式化成日期，
 * 选了"11月28日（含当天）"的公告显示"有效期至 11月29日"，晚一天。
 */
test('公告的有效期：居民页与代表列表显示的就是发布时选的那一天', async () => {
  const rep = await env.newVisitor()
  const who = await rep.context.request.post('/api/local/identity', { data: { key: 'rep1' } })
  expect(who.ok()).toBe(true)
  // 北京时间今天 + 7 天，就是编辑页"7 天后"选出的日期。
  const day = new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10)
  const [y, m, d] = day.split('-').map(Number)
  const res = await rep.context.request.post('/api/fn/notices', {
    data: {
      action: 'publish',
      payload: {
        requestId: `r${Date.now().toString(36)}expiry`,
        communityId: 'c_chunhui',
        target: { scope: 'buildings', buildingCodes: [CODE] },
        title: `有效期显示检查 ${Date.now().toString(36)}`,
        body: '只为检查有效期的显示。',
        images: [],
        pinned: false,
        expiresOn: day,
      },
    },
  })
  const reply = (await res.json()) as { code: string; message: string; data: { id: string } }
  expect(reply.code).toBe('OK')
  const id = reply.data.id

  const r = await env.newVisitor()
  await r.page.goto(`/resident/notice/index?id=${id}&b=${CODE}`)
  await r.page.locator('#notice-title').waitFor()
  await expect(text(r.page, '.notice-main__expires')).resolves.toBe(`有效期至 ${y}年${m}月${d}日`)
  await rep.page.goto('/rep/notices/index')
  await rep.page.locator(`#managed-notice-${id}`).waitFor()
  expect(await text(rep.page, `#managed-notice-${id}`)).toContain(`有效期至 ${m}月${d}日`)
  await r.context.close()
  await rep.context.close()
})
