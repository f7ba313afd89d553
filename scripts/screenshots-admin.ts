/**
 * 治理页面的截图（390×844，2 倍像素）：没有楼栋码的落地页、创建小区、小区管理概览（楼栋、成员、邀请二维码）、
 * 接受邀请、楼栋海报。放进 screenshots/（已 git 忽略），用来人工检查版面。
 * 顺带验证：海报页"下载海报"下载的 PNG 能被解码（pngjs + jsqr），内容是那栋楼的落地地址。
 *
 * 用法：npx tsx scripts/screenshots-admin.ts   （需要 dist/h5:npx taro build --type h5)
 */
import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import { shoot } from '../test/e2e/shots'
import { openBuilding, ROOT, startE2E, switchIdentity, type E2EEnv } from '../test/e2e/helpers'

const OUT = path.join(ROOT, 'screenshots')
const COMMUNITY = 'c_chunhui'

/** 点下载按钮，读下载的 PNG，解出二维码里的文字。 */
async function downloadAndDecode(page: Page, buttonId: string): Promise<{ text: string | null; fileName: string; width: number; height: number }> {
  const downloading = page.waitForEvent('download', { timeout: 20_000 })
  await page.locator(`#${buttonId}`).click()
  const download = await downloading
  // 下载的海报也存一份，便于看印出来的样子。
  const file = path.join(OUT, `${buttonId}.png`)
  await download.saveAs(file)
  console.log(`  ${path.relative(ROOT, file)}（下载的海报）`)
  const png = PNG.sync.read(readFileSync(file))
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)
  return { text: code?.data ?? null, fileName: download.suggestedFilename(), width: png.width, height: png.height }
}

/** 一个新访客，先在落地页切到某个演示身份。 */
async function visitorAs(env: E2EEnv, identity: string | null, problems: string[]) {
  const { page, context } = await env.newVisitor()
  page.on('pageerror', (e) => problems.push(`页面错误：${e.message}`))
  await openBuilding(page, 'CHY1')
  if (identity) await switchIdentity(page, identity)
  return { page, context }
}

async function main() {
  mkdirSync(OUT, { recursive: true })
  const env = await startE2E()
  const problems: string[] = []
  const check = (ok: boolean, message: string) => {
    if (!ok) problems.push(message)
    console.log(`${ok ? '✓' : '✗'} ${message}`)
  }
  try {
    // a01：没有楼栋码的落地页（没扫过码的新访客）：空状态下的"我有邀请码""创建小区"。
    {
      const { page, context } = await env.newVisitor()
      page.on('pageerror', (e) => problems.push(`页面错误：${e.message}`))
      await page.goto('/pages/building/index')
      await page.locator('#entry-admin').waitFor()
      await shoot(page, 'a01-landing-no-code')

      // a02：创建小区的表单；什么都不填就点"创建"：字段下的错误。
      await page.locator('#entry-admin').click()
      await page.waitForURL(/\/rep\/admin\/index/)
      await page.locator('#community-create').waitFor()
      await shoot(page, 'a02-admin-create')
      await page.locator('#community-create').click()
      await page.locator('#error-community-name').waitFor()
      await shoot(page, 'a02b-admin-create-errors')
      // 填好创建：进入新小区的概览（还没有楼栋），添加一栋楼。
      await page.locator('#community-name input').fill('翠湖花园')
      await page.locator('#has-property-no').click()
      await page.locator('#old-estate-yes').click()
      await page.locator('#community-create').click()
      await page.locator('#section-buildings').waitFor()
      await shoot(page, 'a03-admin-new-community')
      await page.locator('#building-add').click()
      await page.locator('#building-form-name input').fill('5号楼')
      await page.locator('#building-form-households input').fill('0')
      await page.locator('#building-save').click()
      await page.locator('#error-building-households, #building-save-error').first().waitFor()
      await shoot(page, 'a03b-admin-building-form-error')
      await page.locator('#building-form-households input').fill('72')
      await page.locator('#building-form-units input').fill('2')
      await page.locator('#building-form-floors input').fill('6')
      await page.locator('#building-save').click()
      await page.locator('[id^="building-row-"]').first().waitFor()
      await shoot(page, 'a03c-admin-new-building', { full: true })
      await context.close()
    }

    let inviteCode = ''
    // a04–a06：演示管理员周敏：落地页的成员工具、小区概览、生成邀请（二维码 + 邀请码）、移除的确认。
    {
      const { page, context } = await visitorAs(env, 'admin', problems)
      await page.locator('#action-admin').waitFor()
      await shoot(page, 'a04-landing-admin', { full: true })
      await page.locator('#action-admin').click()
      await page.waitForURL(/\/rep\/admin\/index/)
      await page.locator('#section-members').waitFor()
      await shoot(page, 'a05-admin-overview', { full: true })
      await page.locator('#community-edit').click()
      await page.locator('#overdue-urgent input').fill('')
      await page.locator('#community-save').click()
      await page.locator('#error-overdue-urgent, #community-save-error').first().waitFor()
      await shoot(page, 'a05b-admin-community-edit-error')
      await page.locator('#community-cancel').click()

      await page.locator('#invite-role-representative').click()
      await page.locator('#invite-building-CHY3').click()
      await page.locator('#invite-create').click()
      await page.locator('#invite-code').waitFor()
      inviteCode = ((await page.locator('#invite-code').textContent()) ?? '').trim()
      check(/^[A-HJKMNP-Z2-9]{8}$/.test(inviteCode), `生成的邀请码是 8 位：${inviteCode}`)
      await page.locator('#invite-result').scrollIntoViewIfNeeded()
      await shoot(page, 'a06-admin-invite')
      await page.locator(`#invite-${inviteCode}`).waitFor()
      await page.locator(`#invite-${inviteCode}`).scrollIntoViewIfNeeded()
      await shoot(page, 'a06b-admin-invite-list')
      const removable = page.locator('[id^="member-remove-"]:not([id*="confirm"]):not([id*="cancel"]):not([id*="box"])').first()
      if (await removable.count()) {
        await removable.scrollIntoViewIfNeeded()
        await removable.click()
        await page.locator('[id^="member-remove-box-"]').first().waitFor()
        await shoot(page, 'a06c-admin-member-remove-confirm')
      } else problems.push('概览里没有可移除的成员')
      await context.close()
    }

    // a07–a08：受邀的人打开邀请（/j/<邀请码> 短链），填称呼，接受。
    {
      const { page, context } = await env.newVisitor()
      page.on('pageerror', (e) => problems.push(`页面错误：${e.message}`))
      // 小写也认（手抄的邀请码常是小写）。
      await page.goto(`/j/${inviteCode.toLowerCase()}`)
      await page.locator('#join-info').waitFor()
      const info = (await page.locator('#join-info').textContent()) ?? ''
      check(info.includes('春晖苑 3号楼 的业主代表') && info.includes('有效期至'), `邀请说明：${info}`)
      await shoot(page, 'a07-join')
      await page.locator('#join-accept').click()
      await page.locator('#join-name-error').waitFor()
      await shoot(page, 'a07b-join-name-error')
      await page.locator('#join-name input').fill('赵磊')
      await page.locator('#join-accept').click()
      await page.locator('#join-success').waitFor()
      await shoot(page, 'a08-join-success')
      // 同一个邀请码再打开：已被使用。
      await page.goto(`/rep/join/index?code=${inviteCode}`)
      await page.locator('#join-accepted').waitFor()
      await shoot(page, 'a08b-join-used')
      // 没有带邀请码：输入框；输错的码：说明。
      await page.goto('/rep/join/index')
      await page.locator('#join-lookup').waitFor()
      await shoot(page, 'a08c-join-enter-code')
      await page.locator('#join-code input').fill('abc')
      await page.locator('#join-lookup').click()
      await page.locator('#join-code-error').waitFor()
      await shoot(page, 'a08d-join-code-error')
      await context.close()
    }

    // a09–a10：海报：1 号楼代表的海报页；下载的 PNG 解出来是 1 号楼的落地地址。管理员的全小区海报。
    {
      const { page, context } = await visitorAs(env, 'rep1', problems)
      await page.goto('/rep/qrcode/index?b=CHY1')
      await page.locator('#poster-image').waitFor()
      await shoot(page, 'a09-poster-rep1', { full: true })
      const got = await downloadAndDecode(page, 'poster-download')
      check(got.text === `${env.baseUrl}/b/CHY1`, `1号楼海报（${got.fileName}，${got.width}×${got.height}）解出：${got.text}`)
      await context.close()
    }
    {
      const { page, context } = await visitorAs(env, 'admin', problems)
      await page.goto(`/rep/qrcode/index?c=${COMMUNITY}`)
      await page.locator('#poster-image').waitFor()
      await shoot(page, 'a10-posters-admin', { full: true })
      const got = await downloadAndDecode(page, 'poster-download-CHY2')
      check(got.text === `${env.baseUrl}/b/CHY2`, `2号楼海报（${got.fileName}）解出：${got.text}`)
      await page.locator('#poster-image').waitFor()
      await shoot(page, 'a10b-posters-admin-chy2')

      // a11：管理员的"我的报事"页上的"我的身份"。
      await page.goto('/resident/mine/index')
      await page.locator('#my-roles').waitFor()
      await shoot(page, 'a11-mine-roles')
      await context.close()
    }

    // a12：不是管理员的人打开小区管理：说明无权。
    {
      const { page, context } = await visitorAs(env, 'rep1', problems)
      await page.goto(`/rep/admin/index?c=${COMMUNITY}`)
      await page.locator('.state-view--error').waitFor()
      await shoot(page, 'a12-admin-forbidden')
      await context.close()
    }
  } finally {
    await env.teardown()
  }
  if (problems.length) {
    console.log(problems.join('\n'))
    process.exitCode = 1
  }
  console.log(`截图在 ${path.relative(process.cwd(), OUT) || OUT}/`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
