/**
 * 建一个小区（H5 构建 + 本地宿主 + 临时 SQLite，Chromium 驱动）：
 * 新访客 A 在没有楼栋码的首页点"创建小区" → 建小区 → 加两栋楼 → 为第一栋生成业主代表邀请，读出 8 位邀请码 →
 * 另一个浏览器 B 打开 /j/<邀请码>，填称呼、接受 → 看到这栋楼的"处理报事"与首页的代表入口 →
 * A 的成员列表里出现 B，邀请不再是"未使用"。每一步在 390×844 下截图到 screenshots/。
 */
import type { Page } from 'playwright-core'
import { startE2E, type E2EEnv } from './helpers'
import { collectPageErrors, fillField, shot } from './shots'

jest.setTimeout(90_000)

let env: E2EEnv
const errors: string[] = []

beforeAll(async () => {
  env = await startE2E()
})

afterAll(async () => {
  await env?.teardown()
})

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim()

/** 在概览里添加一栋楼，返回生成的楼栋码。 */
async function addBuilding(page: Page, b: { name: string; households: number; units: number; floors: number }, shotName?: string): Promise<string> {
  await page.locator('#building-add').click()
  await page.locator('#building-form').waitFor()
  await expect(text(page, '#building-form .building-form__title')).resolves.toBe('添加楼栋')
  await fillField(page, '#building-form-name', b.name)
  await fillField(page, '#building-form-households', String(b.households))
  await fillField(page, '#building-form-units', String(b.units))
  await fillField(page, '#building-form-floors', String(b.floors))
  if (shotName) await shot(page, shotName)
  await page.locator('#building-save').click()
  await page.locator('#building-form').waitFor({ state: 'detached' })
  const row = page.locator('#section-buildings .admin-row').filter({ hasText: b.name })
  await row.waitFor()
  const code = ((await row.getAttribute('id')) ?? '').replace(/^building-row-/, '')
  expect(code).toMatch(/^[A-Z0-9]{4,12}$/)
  const rowText = (await row.textContent()) ?? ''
  expect(rowText).toContain(`楼栋码 ${code}`)
  expect(rowText).toContain(`${b.households} 户 · ${b.units} 个单元 · ${b.floors} 层`)
  expect(rowText).toContain('还没有代表')
  return code
}

test('管理员建小区、加两栋楼、邀请业主代表；代表在另一个浏览器接受邀请后看到本楼的处理入口，管理员的成员列表里有他', async () => {
  const stamp = Date.now().toString(36).slice(-4).toUpperCase()
  const community = `翠湖花园${stamp}`
  const first = { name: '东1栋', households: 96, units: 2, floors: 12 }
  const second = { name: '东2栋', households: 64, units: 2, floors: 8 }
  const repName = '赵立新'

  // ---- A：没有楼栋码的首页 → 创建小区 ----
  const a = await env.newVisitor()
  collectPageErrors(a.page, errors, 'A')
  await a.page.goto('/')
  await a.page.getByText('请扫描楼栋二维码').waitFor()
  await expect(text(a.page, '#entry-admin')).resolves.toBe('我是管理员：创建小区')
  await expect(text(a.page, '#entry-join')).resolves.toBe('我有邀请码')
  await shot(a.page, 'gov-setup-01-landing-no-code')

  await a.page.locator('#entry-admin').click()
  await a.page.waitForURL(/\/rep\/admin\/index/)
  await a.page.locator('#community-create').waitFor()
  await expect(text(a.page, '.admin-intro__title')).resolves.toBe('创建小区')
  await shot(a.page, 'gov-setup-02-create-form')

  // 什么都不填就点：先提示小区名称（表单一次只说第一处错误）。
  await a.page.locator('#community-create').click()
  await a.page.locator('#error-community-name').waitFor()
  await shot(a.page, 'gov-setup-03-create-errors')

  await fillField(a.page, '#community-name', community)
  await a.page.locator('#has-property-yes').click()
  await a.page.locator('#old-estate-yes').click()
  expect(await a.page.locator('#has-property-yes').getAttribute('class')).toContain('chip--active')
  await expect(a.page.locator('#error-community-name').count()).resolves.toBe(0)
  await shot(a.page, 'gov-setup-04-create-filled')
  await a.page.locator('#community-create').click()

  // 概览：小区信息、"下一步：添加楼栋"、成员只有自己（管理员）。
  await a.page.locator('#section-community').waitFor()
  await expect(text(a.page, '#community-title')).resolves.toBe(community)
  expect(await text(a.page, '#section-community')).toContain('有物业')
  expect(await text(a.page, '#section-community')).toContain('老旧小区')
  expect(await text(a.page, '#admin-next')).toContain('下一步：添加楼栋')
  expect(await text(a.page, '#buildings-empty')).toContain('还没有楼栋')
  expect(await text(a.page, '#section-members')).toContain('成员（1）')
  expect(await text(a.page, '#section-members')).toContain('（你）')
  expect(await text(a.page, '#section-members')).toContain('管理员')
  await shot(a.page, 'gov-setup-05-overview-new')

  // ---- 两栋楼 ----
  const code1 = await addBuilding(a.page, first, 'gov-setup-06-building-form')
  const code2 = await addBuilding(a.page, second)
  expect(code2).not.toBe(code1)
  expect(await text(a.page, '#section-buildings .card-title')).toBe('楼栋（2）')
  expect(await text(a.page, '#admin-next')).toContain('下一步：生成邀请')
  await shot(a.page, 'gov-setup-07-two-buildings')

  // ---- 为第一栋生成业主代表邀请（从楼栋行的"邀请代表"来：身份与楼栋已选好） ----
  await a.page.locator(`#building-invite-${code1}`).click()
  // 点了之后表单才重画：等它选好（两个 jest 进程并行时，立即读 class 会读到重画之前的）。
  await a.page.waitForFunction(
    (c) =>
      !!document.querySelector('#invite-role-representative')?.className.includes('chip--active') &&
      !!document.querySelector(`#invite-building-${c}`)?.className.includes('chip--active'),
    code1,
  )
  expect(await a.page.locator(`#invite-building-${code2}`).getAttribute('class')).not.toContain('chip--active')
  await a.page.locator('#section-invites').scrollIntoViewIfNeeded()
  await shot(a.page, 'gov-setup-08-invite-form')
  await a.page.locator('#invite-create').click()
  await a.page.locator('#invite-result').waitFor()
  const inviteCode = await text(a.page, '#invite-code')
  expect(inviteCode).toMatch(/^[A-Z0-9]{8}$/)
  expect(await text(a.page, '#invite-result')).toContain(`邀请 ${first.name} 的业主代表`)
  expect(await text(a.page, '#invite-expiry')).toContain('只能用一次')
  // 二维码是真的图片。
  await a.page.waitForFunction(() => {
    const img = document.querySelector('#invite-qr img') as HTMLImageElement | null
    return !!img && img.complete && img.naturalWidth > 0
  })
  // 列表里也有这一条（静默刷新的概览）。
  const listed = a.page.locator(`#invite-${inviteCode}`)
  await listed.waitFor()
  await expect(text(a.page, `#invite-status-${inviteCode}`)).resolves.toBe('有效')
  await a.page.locator('#invite-result').scrollIntoViewIfNeeded()
  await shot(a.page, 'gov-setup-09-invite-created')

  // ---- B：另一个浏览器，打开邀请链接 ----
  const b = await env.newVisitor()
  collectPageErrors(b.page, errors, 'B')
  // 接受之前：这栋楼的首页没有代表入口。
  await b.page.goto(`/b/${code1}`)
  await b.page.locator('#building-name').waitFor()
  await expect(text(b.page, '#building-name')).resolves.toBe(first.name)
  expect(await text(b.page, '.building-hero')).toContain(community)
  expect(await text(b.page, '.building-hero')).toContain(`${first.units} 个单元 · ${first.floors} 层 · ${first.households} 户`)
  await b.page.locator('#action-report').waitFor()
  expect(await b.page.locator('#action-queue').count()).toBe(0)
  expect(await b.page.locator('#member-tools').count()).toBe(0)

  await b.page.goto(`/j/${inviteCode}`)
  await b.page.waitForURL(new RegExp(`/rep/join/index\\?code=${inviteCode}`))
  await b.page.locator('#join-invite').waitFor()
  expect(await text(b.page, '#join-info')).toContain(`邀请你成为 ${community} ${first.name} 的业主代表`)
  expect(await text(b.page, '#join-invite')).toContain(`邀请码 ${inviteCode}`)
  await shot(b.page, 'gov-setup-10-join-invite')

  // 不填称呼就接受：提示。
  await b.page.locator('#join-accept').click()
  await b.page.locator('#join-name-error').waitFor()
  await shot(b.page, 'gov-setup-11-join-name-missing')
  await fillField(b.page, '#join-name', repName)
  await b.page.locator('#join-accept').click()
  await b.page.locator('#join-success').waitFor()
  expect(await text(b.page, '#join-success')).toContain('欢迎加入')
  expect(await text(b.page, '#join-success')).toContain(`你已成为 ${community} ${first.name} 的业主代表`)
  await shot(b.page, 'gov-setup-12-join-success')

  // 去处理报事：这栋楼的待办（新楼，没有报事）。
  await b.page.locator('#join-go-queue').click()
  await b.page.waitForURL(new RegExp(`/rep/queue/index\\?b=${code1}`))
  await b.page.locator('.tiles').waitFor()
  await b.page.locator('.queue-note').waitFor()
  expect(await text(b.page, '.tiles')).toContain('待受理')
  await shot(b.page, 'gov-setup-13-queue')

  // 楼栋首页：代表的入口都在。
  await b.page.goto(`/b/${code1}`)
  await b.page.locator('#action-queue').waitFor()
  await expect(text(b.page, '#action-queue .action__title')).resolves.toBe('处理报事')
  await expect(text(b.page, '#action-stats .tool__title')).resolves.toBe('本楼统计')
  const tools = await text(b.page, '#member-tools')
  for (const t of ['发布公告', '工作台账', '海报']) expect(tools).toContain(t)
  expect(tools).not.toContain('小区管理')
  await shot(b.page, 'gov-setup-14-landing-as-rep')
  // 另一栋楼不归他管。
  await b.page.goto(`/b/${code2}`)
  await b.page.locator('#action-report').waitFor()
  await expect(text(b.page, '#building-name')).resolves.toBe(second.name)
  expect(await b.page.locator('#action-queue').count()).toBe(0)

  // 同一个邀请码不能再用：A 的另一个访客打开就是"已被使用"。
  const c = await env.newVisitor()
  collectPageErrors(c.page, errors, 'C')
  await c.page.goto(`/j/${inviteCode}`)
  await c.page.locator('#join-accepted').waitFor()
  expect(await text(c.page, '#join-accepted')).toContain('这个邀请已被使用')
  await c.context.close()

  // ---- A：成员列表里有 B，楼栋行写着代表，邀请不再是"未使用" ----
  await a.page.reload()
  await a.page.locator('#section-members').waitFor()
  await a.page.locator('#section-members').getByText(repName).waitFor()
  const members = await text(a.page, '#section-members')
  expect(members).toContain('成员（2）')
  expect(members).toContain(`${first.name}业主代表`)
  expect(await text(a.page, `#building-row-${code1}`)).toContain(`代表：${repName}`)
  expect(await text(a.page, `#building-row-${code2}`)).toContain('还没有代表')
  expect(await a.page.locator(`#invite-${inviteCode}`).count()).toBe(0)
  expect(await a.page.locator('#admin-next').count()).toBe(0)
  await a.page.locator('#section-members').scrollIntoViewIfNeeded()
  await shot(a.page, 'gov-setup-15-members')

  expect(errors).toEqual([])
})
