/**
 * 导出 Excel（H5 构建 + 本地宿主 + 演示数据，Chromium 驱动）：
 * 1 号楼代表从本楼统计点"导出 Excel"→ 选年度 → 导出 → 浏览器下载 .xlsx；测试用 SheetJS（不是写它的 exceljs）打开，
 * 报事登记的行数等于本楼今年提交的报事条数（直接数 SQLite），文件里没有报事人的 openid。
 * 业委会从总结列表进入，能选"整个小区"；代表看不到这个选项。390×844 下截图到 screenshots/。
 */
import { readFileSync } from 'node:fs'
import * as XLSX from 'xlsx'
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

test('代表从本楼统计导出今年的 Excel：报事登记的行数等于本楼今年的报事条数', async () => {
  const rep = await env.newVisitor()
  collectPageErrors(rep.page, errors, '代表')
  await openBuilding(rep.page, CODE)
  await switchIdentity(rep.page, 'rep1')
  await rep.page.locator('#action-stats').click()
  await rep.page.waitForURL(/\/rep\/stats\/index/)
  await rep.page.locator('#stats-export').click()
  await rep.page.waitForURL(/\/rep\/export\/index\?b=CHY1/)
  await rep.page.locator('#workbook-setup').waitFor()
  // 代表只管 1 号楼：没有"整个小区"，1 号楼已选中。
  expect(await rep.page.locator('#workbook-scope-community').count()).toBe(0)
  expect(await rep.page.locator('#workbook-scope-CHY1').getAttribute('class')).toContain('chip--active')
  await rep.page.locator('#workbook-period-year').click()
  await settle(rep.page)
  await shot(rep.page, 'workbook-01-setup')

  const download = rep.page.waitForEvent('download')
  await rep.page.locator('#workbook-export').click()
  const file = await (await download).path()
  await rep.page.locator('#workbook-done').waitFor()
  await shot(rep.page, 'workbook-02-done')

  const book = XLSX.read(readFileSync(file))
  expect(book.SheetNames.slice(0, 2)).toEqual(['说明', '报事登记'])
  const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['报事登记'], { header: 1 }).slice(1)
  const building = env.store.db.prepare('SELECT id FROM buildings WHERE code = ?').get(CODE) as { id: string }
  const year = new Date().toISOString().slice(0, 4)
  const expected = env.store.db.prepare("SELECT COUNT(*) AS n FROM reports WHERE building_id = ? AND month LIKE ? || '-%'").get(building.id, year) as {
    n: number
  }
  expect(expected.n).toBeGreaterThan(0)
  expect(rows).toHaveLength(expected.n)
  // 页面上说的行数与文件一致。
  expect(await rep.page.locator('#workbook-done').textContent()).toContain(`报事登记：${expected.n} 行`)
  const reporters = env.store.db.prepare('SELECT DISTINCT reporter_id AS id FROM reports').all() as { id: string }[]
  const text = JSON.stringify(book.SheetNames.map((n) => XLSX.utils.sheet_to_json(book.Sheets[n], { header: 1 })))
  for (const r of reporters) expect(text).not.toContain(r.id)
})

test('业委会从总结列表进入，能导出整个小区', async () => {
  const c = await env.newVisitor()
  collectPageErrors(c.page, errors, '业委会')
  await openBuilding(c.page, CODE)
  await switchIdentity(c.page, 'committee')
  await c.page.locator('#action-summaries').click()
  await c.page.waitForURL(/\/rep\/summaries\/index/)
  await c.page.locator('#summaries-export').waitFor()
  await settle(c.page)
  await shot(c.page, 'workbook-03-summaries-entry')
  await c.page.locator('#summaries-export').click()
  await c.page.waitForURL(/\/rep\/export\/index\?c=/)
  await c.page.locator('#workbook-scope-community').waitFor()
  expect(await c.page.locator('#workbook-scope-community').getAttribute('class')).toContain('chip--active')
  const download = c.page.waitForEvent('download')
  await c.page.locator('#workbook-export').click()
  const book = XLSX.read(readFileSync(await (await download).path()))
  const about = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['说明'], { header: 1 })
  expect(JSON.stringify(about)).toContain('全小区')
  expect(errors).toEqual([])
})
