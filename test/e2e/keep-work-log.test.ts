/**
 * 记工作台账（H5 构建 + 本地宿主 + 演示数据，Chromium 驱动）：
 * 1 号楼代表（rep1）记一次巡查、两处隐患 → 台账列表的"未整改隐患"多 2 处，这条写着"隐患 2 处，已整改 0" →
 * 再打开这条，把第一处标记为已整改 → 一处已整改、一处未整改，"未整改隐患"少 1 处。每一步在 390×844 下截图到 screenshots/。
 */
import type { Page } from 'playwright-core'
import { dateOf } from '../../src/core/shared/time'
import { openBuilding, startE2E, switchIdentity, type E2EEnv } from './helpers'
import { collectPageErrors, fillField, settle, shot } from './shots'

jest.setTimeout(90_000)

const CODE = 'CHY1'

let env: E2EEnv
const errors: string[] = []

beforeAll(async () => {
  env = await startE2E()
})

afterAll(async () => {
  await env?.teardown()
})

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim()

/** 台账列表顶上的"未整改隐患 N 处"（没有未整改的时候这一条不显示：0）。 */
async function openHazardsOnPage(page: Page): Promise<number> {
  await page.locator('#worklog-list').waitFor()
  if ((await page.locator('#open-hazards').count()) === 0) return 0
  const m = /未整改隐患 (\d+) 处/.exec(await text(page, '#open-hazards'))
  if (!m) throw new Error(`"未整改隐患"的格式不对：${await text(page, '#open-hazards')}`)
  return Number(m[1])
}

/** 等列表上的"未整改隐患"变成 n（回到列表时静默刷新）。 */
async function waitOpenHazards(page: Page, n: number) {
  await page.waitForFunction((want) => {
    const t = document.querySelector('#open-hazards')?.textContent ?? ''
    return want === 0 ? t === '' : t.includes(`未整改隐患 ${want} 处`)
  }, n)
}

test('代表记一次巡查（两处隐患），未整改隐患多 2 处；标记一处已整改后这条显示一处已整改、一处未整改，未整改隐患少 1 处', async () => {
  const stamp = Date.now().toString(36).slice(-5)
  const area = `地下车库与消防通道 ${stamp}`
  const hazards = ['消防通道堆放纸箱', '车库应急灯不亮']
  const today = dateOf(new Date().toISOString())
  const [, month, day] = today.split('-').map(Number)

  const { page } = await env.newVisitor()
  collectPageErrors(page, errors, '代表')
  await openBuilding(page, CODE)
  await switchIdentity(page, 'rep1')
  await page.locator('#action-worklog').click()
  await page.waitForURL(/\/rep\/worklog\/index/)
  const before = await openHazardsOnPage(page)
  await shot(page, 'gov-worklog-01-list')

  // ---- 记一笔：巡查，两处隐患 ----
  await page.locator('#worklog-add').click()
  await page.waitForURL(/\/rep\/worklogEdit\/index/)
  await page.locator('#worklog-save').waitFor()
  // 默认：巡查、今天、代表自己的楼。
  await expect(page.locator('#worklog-kind-inspection').getAttribute('class')).resolves.toContain('chip--active')
  await expect(page.locator('#worklog-date-today').getAttribute('class')).resolves.toContain('chip--active')
  await expect(page.locator(`#worklog-building-${CODE}`).getAttribute('class')).resolves.toContain('chip--active')
  expect(await text(page, '#wfield-hazards')).toContain('没有就不填')
  await shot(page, 'gov-worklog-02-new')

  await fillField(page, '#worklog-area', area)
  for (const [i, h] of hazards.entries()) {
    await page.locator('#hazard-add').click()
    await fillField(page, `#hazard-text-${i}`, h)
  }
  await fillField(page, '#worklog-note', '与物业工程部一同巡查')
  // 新记的巡查只说有几处、整改后回来标记（整改是之后在编辑页做的事）。
  expect(await text(page, '#wfield-hazards .wle-field__row')).toContain('2 处；整改后回来标记')
  await page.locator('#wfield-hazards').scrollIntoViewIfNeeded()
  await shot(page, 'gov-worklog-03-filled')
  await page.locator('#worklog-save').click()

  // ---- 回到列表：这一条在最前，未整改隐患多 2 处 ----
  await page.waitForURL(/\/rep\/worklog\/index/)
  const card = page.locator('.wl-card').filter({ hasText: area })
  await card.waitFor()
  const entryId = ((await card.getAttribute('id')) ?? '').replace(/^worklog-item-/, '')
  expect(entryId).not.toBe('')
  await expect(text(page, `#worklog-summary-${entryId}`)).resolves.toBe(`${area} · 隐患 2 处，已整改 0`)
  const cardText = (await card.textContent()) ?? ''
  expect(cardText).toContain('巡查')
  expect(cardText).toContain('1号楼')
  expect(cardText).toContain('李建国')
  expect(cardText).toContain('未整改 2')
  await waitOpenHazards(page, before + 2)
  await shot(page, 'gov-worklog-04-list-added')

  // ---- 再打开这条：两处都未整改，各有"标记已整改" ----
  await settle(page)
  await card.click()
  await page.waitForURL(new RegExp(`/rep/worklogEdit/index\\?id=${entryId}`))
  await page.locator('#worklog-kind-fixed').waitFor()
  await expect(text(page, '#worklog-kind-fixed')).resolves.toBe('巡查')
  const rows = page.locator('#wfield-hazards .wle-hazard')
  await expect(rows.count()).resolves.toBe(2)
  const hazardIds = (await rows.evaluateAll((els) => els.map((e) => e.id))).map((id) => id.replace(/^hazard-/, ''))
  const values = await page.locator('#wfield-hazards .wle-hazard input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))
  expect(values).toEqual(hazards)
  for (const id of hazardIds) {
    expect(await text(page, `#hazard-${id} .wle-hazard__status`)).toContain('未整改')
    await page.locator(`#hazard-fix-${id}`).waitFor()
  }
  await page.locator('#wfield-hazards').scrollIntoViewIfNeeded()
  await shot(page, 'gov-worklog-05-entry-open')

  // 第一处：标记已整改（今天）。
  const [fixedId, openId] = hazardIds
  await page.locator(`#hazard-fix-${fixedId}`).click()
  await page.locator('#hazard-fix-dialog').waitFor()
  expect(await text(page, '#hazard-fix-dialog')).toContain(`"${hazards[0]}"是哪天整改好的？`)
  await shot(page, 'gov-worklog-06-fix-dialog')
  await page.locator('#hazard-fix-dialog-ok').click()
  await page.locator('#hazard-fix-dialog').waitFor({ state: 'detached' })
  await expect(text(page, `#hazard-fixed-${fixedId}`)).resolves.toBe(`已整改 ${month}月${day}日`)
  expect(await page.locator(`#hazard-fix-${fixedId}`).count()).toBe(0)
  expect(await text(page, `#hazard-${fixedId}`)).toContain('已整改')
  expect(await page.locator(`#hazard-${fixedId}`).getAttribute('class')).toContain('wle-hazard--fixed')
  expect(await text(page, `#hazard-${openId} .wle-hazard__status`)).toContain('未整改')
  await page.locator(`#hazard-fix-${openId}`).waitFor()
  expect(await text(page, '#wfield-hazards .wle-field__row')).toContain('2 处，已整改 1')
  await page.locator('#wfield-hazards').scrollIntoViewIfNeeded()
  await shot(page, 'gov-worklog-07-one-fixed')

  // ---- 回到列表：一处已整改、一处未整改，未整改隐患比刚才少 1 处 ----
  await settle(page)
  await page.goBack()
  await page.waitForURL(/\/rep\/worklog\/index/)
  await page.waitForFunction(({ id, want }) => document.querySelector(`#worklog-summary-${id}`)?.textContent?.trim() === want, {
    id: entryId,
    want: `${area} · 隐患 2 处，已整改 1`,
  })
  expect(await text(page, `#worklog-item-${entryId} .wl-card__open`)).toBe('未整改 1')
  await waitOpenHazards(page, before + 1)
  await shot(page, 'gov-worklog-08-list-one-fixed')

  // 重新进入页面也一样（不是页面上的临时状态）。
  await page.reload()
  await page.locator(`#worklog-item-${entryId}`).waitFor()
  await expect(text(page, `#worklog-summary-${entryId}`)).resolves.toBe(`${area} · 隐患 2 处，已整改 1`)
  expect(await openHazardsOnPage(page)).toBe(before + 1)

  expect(errors).toEqual([])
})
