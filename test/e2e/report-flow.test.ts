/**
 * 居民扫码报事、代表看到本月数字 +1：真实的 H5 构建 + 本地宿主 + 临时 SQLite，由 Chromium 驱动。
 * 需要 dist/h5(npx taro build --type h5）与 /usr/bin/chromium。
 */
import type { Page } from 'playwright-core'
import { countReports, monthTotalOnPage, openBuilding, startE2E, switchIdentity, type E2EEnv } from './helpers'
import { waitForClass } from './shots'

jest.setTimeout(60_000)

const CODE = 'CHY1'
const BUILDING_ID = 'b_chy1'

let env: E2EEnv

beforeAll(async () => {
  env = await startE2E()
})

afterAll(async () => {
  await env?.teardown()
})

/** 在落地页切成 1 号楼代表，从"本楼统计"入口进统计页，读本月合计。 */
async function monthTotalAsRep(page: Page): Promise<number> {
  await openBuilding(page, CODE)
  await switchIdentity(page, 'rep1')
  await page.locator('#identity-toggle').getByText('李建国').waitFor()
  await page.locator('#action-stats').click()
  await page.waitForURL(/\/rep\/stats\/index\?b=CHY1/)
  return monthTotalOnPage(page)
}

/** 回到落地页，切回一个全新访客，确认代表入口消失。 */
async function becomeVisitor(page: Page) {
  await openBuilding(page, CODE)
  await switchIdentity(page, 'visitor')
  await page.locator('#identity-toggle').getByText('新访客').waitFor()
  await page.locator('#action-stats').waitFor({ state: 'detached' })
}

test('扫码的居民报事后，能在"我的报事"看到待受理，代表的本月合计正好 +1', async () => {
  const { page, context } = await env.newVisitor()
  try {
    // 第一次扫码：看到是哪栋楼，访客没有统计入口。
    await openBuilding(page, CODE)
    expect(page.url()).toContain('/pages/building/index?b=CHY1')
    await expect(page.locator('#building-name').textContent()).resolves.toBe('1号楼')
    await page.getByText('春晖苑').first().waitFor()
    await page.locator('#action-report').waitFor()
    expect(await page.locator('#action-stats').count()).toBe(0)

    const before = await monthTotalAsRep(page)
    const storedBefore = countReports(env.store, BUILDING_ID)

    await becomeVisitor(page)
    await page.locator('#action-report').click()
    await page.waitForURL(/\/resident\/report\/index\?b=CHY1/)

    const description = `电梯按钮失灵，按了好几次都没反应 e2e-${Date.now()}`
    await page.locator('#kind-repair').click()
    await page.locator('#category-elevator').click()
    await page.locator('.report-text textarea').fill(description)
    await page.locator('#scope-public').click()
    await page.locator('#area-大堂').click()
    await waitForClass(page, '#category-elevator', 'chip--active')
    await waitForClass(page, '#area-大堂', 'chip--active')

    await page.locator('#submit-report').click()
    await page.getByText('已提交').first().waitFor()
    await page.waitForURL(/\/resident\/mine\/index/)

    const card = page.locator('.report-card').filter({ hasText: description })
    await card.waitFor()
    await expect(card.locator('.status').textContent()).resolves.toBe('待受理')
    const cardText = (await card.textContent()) ?? ''
    expect(cardText).toContain('电梯')
    expect(cardText).toContain('1号楼')
    expect(cardText).toContain('大堂')
    expect(await page.locator('.report-card').count()).toBe(1) // 新访客只有这一条
    expect(countReports(env.store, BUILDING_ID)).toBe(storedBefore + 1)

    const after = await monthTotalAsRep(page)
    expect(after).toBe(before + 1)
  } finally {
    await context.close()
  }
})

test('什么都不填就提交：提示中文错误，什么也不存，本月合计不变', async () => {
  const { page, context } = await env.newVisitor()
  try {
    const before = await monthTotalAsRep(page)
    const storedBefore = countReports(env.store)

    await becomeVisitor(page)
    await page.locator('#action-report').click()
    await page.waitForURL(/\/resident\/report\/index\?b=CHY1/)
    await page.locator('#submit-report').waitFor()

    const submitCalls: string[] = []
    page.on('request', (r) => {
      if (r.url().includes('/api/fn/reports') && (r.postData() ?? '').includes('"submit"')) submitCalls.push(r.url())
    })
    await page.locator('#submit-report').click()
    const error = page.locator('#report-error')
    await error.waitFor()
    const message = (await error.textContent()) ?? ''
    expect(message).toMatch(/[\u4e00-\u9fff]/)
    expect(message).toContain('请选择问题分类')
    expect(page.url()).toContain('/resident/report/index')
    expect(submitCalls).toEqual([])
    expect(countReports(env.store)).toBe(storedBefore)

    const after = await monthTotalAsRep(page)
    expect(after).toBe(before)
  } finally {
    await context.close()
  }
})

test('问题描述写长了：文本框跟着长高，下面的照片卡片被推下去，点得到', async () => {
  const { page, context } = await env.newVisitor()
  await openBuilding(page, 'CHY1')
  await page.locator('#action-report').click()
  await page.waitForURL(/\/resident\/report\/index/)
  const text = page.locator('#field-text textarea')
  await text.click()
  // 165 个字：改之前九十来个字之后，文字就压到照片卡片上、挡住它的点按。
  await text.fill('三楼楼道的声控灯不亮，晚上回家要摸黑上楼，老人和孩子走楼梯很危险。'.repeat(5))
  await page.waitForTimeout(300)
  const textBox = await text.boundingBox()
  const outer = await page.locator('#field-text .nut-textarea-textarea').boundingBox()
  const photos = await page.locator('#field-photos').boundingBox()
  if (!textBox || !outer || !photos) throw new Error('找不到文本框或照片卡片')
  expect(textBox.height).toBeGreaterThan(100)
  expect(outer.y + outer.height).toBeGreaterThanOrEqual(textBox.y + textBox.height - 1)
  expect(photos.y).toBeGreaterThan(textBox.y + textBox.height)
  // 照片卡片中间那一点上的元素属于照片卡片（没被文字盖住）。
  await page.locator('#field-photos').scrollIntoViewIfNeeded()
  const covered = await page.evaluate(() => {
    const card = document.querySelector('#field-photos')!.getBoundingClientRect()
    const hit = document.elementFromPoint(card.left + card.width / 2, card.top + card.height / 2)
    return !document.querySelector('#field-photos')!.contains(hit)
  })
  expect(covered).toBe(false)
  await context.close()
})

/**
 * 长文字写进共用的文本框（TextBox）：框跟着长高，紧跟在它下面的元素被推下去，中间那一点点得到（没被文字盖住）。
 * box 是文本框外层的选择器，below 是下面那个元素。
 */
async function expectTextPushesDown(page: Page, box: string, below: string, text: string) {
  const textarea = page.locator(`${box} textarea`)
  await textarea.fill(text)
  await page.waitForTimeout(300)
  const inner = await textarea.boundingBox()
  const outer = await page.locator(`${box} .nut-textarea-textarea`).boundingBox()
  const next = await page.locator(below).boundingBox()
  if (!inner || !outer || !next) throw new Error(`找不到 ${box} 或 ${below}`)
  expect(inner.height).toBeGreaterThan(100)
  expect(outer.y + outer.height).toBeGreaterThanOrEqual(inner.y + inner.height - 1)
  expect(next.y).toBeGreaterThan(inner.y + inner.height)
  const covered = await page.evaluate((sel) => {
    const target = document.querySelector(sel)!
    // 滚到屏幕中间：页底固定的按钮条不算"盖住"。
    target.scrollIntoView({ block: 'center' })
    const r = target.getBoundingClientRect()
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
    return !target.contains(hit)
  }, below)
  expect(covered).toBe(false)
}

const LONG_TEXT = '三楼楼道的声控灯不亮，晚上回家要摸黑上楼，老人和孩子走楼梯很危险。'.repeat(9).slice(0, 300)

test('总结编辑器里一段改长了：框跟着长高，"完成"被推下去、点得到', async () => {
  const { page, context } = await env.newVisitor()
  try {
    await openBuilding(page, CODE)
    await switchIdentity(page, 'rep1')
    await page.locator('#action-summaries').click()
    await page.waitForURL(/\/rep\/summaries\/index/)
    await page.locator('#summary-new').click()
    await page.waitForURL(/\/rep\/summary\/index\?c=/)
    await page.locator('#summary-doc').waitFor()
    const firstEdit = page.locator('[id^="para-"][id$="-edit"]').first()
    const paraId = ((await firstEdit.getAttribute('id')) ?? '').replace(/-edit$/, '')
    await firstEdit.scrollIntoViewIfNeeded()
    await firstEdit.click()
    await expectTextPushesDown(page, `#${paraId}-input`, `#${paraId}-done`, LONG_TEXT)
    await page.locator(`#${paraId}-done`).click()
    await expect(page.locator(`#${paraId}`).textContent()).resolves.toContain(LONG_TEXT.slice(0, 40))
  } finally {
    await context.close()
  }
})

test('代表处理时备注写长了：框跟着长高，下面的字数提示被推下去；超过 200 字不截断，说超出几个字、不提交', async () => {
  const { page, context } = await env.newVisitor()
  try {
    await openBuilding(page, CODE)
    await switchIdentity(page, 'rep1')
    await page.goto(`/rep/queue/index?b=${CODE}&f=pending`)
    const item = page.locator('[id^="queue-item-"]').first()
    await item.waitFor()
    await item.click()
    await page.waitForURL(/\/rep\/detail\/index\?id=/)
    const id = new URL(page.url()).searchParams.get('id')
    await page.locator('#act-accept').click()
    await page.locator('#act-sheet').waitFor()
    await expectTextPushesDown(page, '#act-note', '#act-note-length', LONG_TEXT.slice(0, 180))
    const tooLong = '已'.repeat(250)
    await page.locator('#act-note textarea').fill(tooLong)
    await expect(page.locator('#act-note textarea').inputValue()).resolves.toBe(tooLong)
    await expect(page.locator('#act-note-length').textContent()).resolves.toContain('超出 50 个字')
    await page.locator('#act-submit').click()
    await expect(page.locator('#act-error').textContent()).resolves.toContain('超出 50 个字')
    expect((env.store.db.prepare('SELECT status FROM reports WHERE id = ?').get(id) as { status: string }).status).toBe('pending')
  } finally {
    await context.close()
  }
})

test('键盘：Tab 到"我要报事"按 Enter 打开报事表单；Tab 到分类按空格选中它；"匿名提交"开关按空格与 Enter 切换', async () => {
  const { page, context } = await env.newVisitor()
  try {
    await openBuilding(page, CODE)
    await page.locator('#action-report').waitFor()
    const tabTo = async (matches: (id: string) => boolean, what: string) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab')
        const focused = await page.evaluate(() => document.activeElement?.id ?? '')
        if (matches(focused)) return focused
      }
      throw new Error(`按了 80 次 Tab 也没停到${what}上`)
    }
    await tabTo((id) => id === 'action-report', '"我要报事"')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/resident\/report\/index\?b=CHY1/)
    await page.locator('#category-elevator').waitFor()
    const chip = await tabTo((id) => id.startsWith('category-'), '分类标签')
    expect(await page.locator(`#${chip}`).getAttribute('class')).not.toContain('chip--active')
    const scrollBefore = await page.evaluate(() => window.scrollY)
    await page.keyboard.press(' ')
    await waitForClass(page, `#${chip}`, 'chip--active')
    // 空格选中，不再滚动页面。
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore)
    // "匿名提交"的开关（LabeledSwitch）：停在上面按空格打开、按 Enter 关上（改之前 NutUI 的开关能停焦点，却只认点击）。
    await tabTo((id) => id === 'anonymous-switch', '"匿名提交"开关')
    const switched = (on: boolean) =>
      page.waitForFunction((want) => document.querySelector('#anonymous-switch')?.getAttribute('aria-checked') === want, on ? 'true' : 'false', {
        timeout: 3000,
      })
    await switched(false)
    await page.keyboard.press(' ')
    await switched(true)
    await page.keyboard.press('Enter')
    await switched(false)
  } finally {
    await context.close()
  }
})
