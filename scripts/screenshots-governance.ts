/**
 * 公告与工作台账页面的 390×844(2 倍像素）截图，放进 screenshots/（已 git 忽略），用来人工检查版面。
 * 用法：npx tsx scripts/screenshots-governance.ts   （需要 dist/h5:npx taro build --type h5)
 * 与端到端测试同一套装置：临时 SQLite + 演示数据（含一年的公告与台账）的本地宿主，Debian Chromium。
 * 演示数据之外，脚本经页面发一条带图的公告、记几条台账，并经函数接口补一条撤回的公告。
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'
import type { BrowserContext, Page } from 'playwright-core'
import { shoot } from '../test/e2e/shots'
import { openBuilding, ROOT, startE2E, switchIdentity } from '../test/e2e/helpers'

const OUT = path.join(ROOT, 'screenshots')
const CODE = 'CHY1'

/** 以函数的 HTTP 接口调用（带这个浏览器上下文的会话 Cookie），返回 data；出错时抛出函数给的中文。 */
async function fn<T>(context: BrowserContext, name: string, action: string, payload: unknown): Promise<T> {
  const res = await context.request.post(`/api/fn/${name}`, { data: { action, payload } })
  const reply = (await res.json()) as { code: string; message: string; data: T }
  if (reply.code !== 'OK') throw new Error(`${name}.${action}: ${reply.code} ${reply.message}`)
  return reply.data
}

/** 一张 640×400 的"海报"PNG（蓝色渐变加几道横条），当公告图片与台账照片。 */
function posterPng(seed: number): { name: string; mimeType: string; buffer: Buffer } {
  const png = new PNG({ width: 640, height: 400 })
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (png.width * y + x) << 2
      const band = y > 120 + seed * 10 && y < 150 + seed * 10 && x > 60 && x < 580
      png.data[i] = band ? 255 : 22 + Math.round((x / png.width) * 60)
      png.data[i + 1] = band ? 255 : 100 + Math.round((y / png.height) * 80) + seed * 20
      png.data[i + 2] = band ? 255 : 255 - seed * 30
      png.data[i + 3] = 255
    }
  }
  return { name: `poster-${seed}.png`, mimeType: 'image/png', buffer: PNG.sync.write(png) }
}

/** 点"添加照片"（idPrefix-add），在 Taro H5 的 chooseMedia 打开的文件选择里放一张 PNG，等上传完。 */
async function addPhoto(page: Page, idPrefix: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser')
  await page.locator(`#${idPrefix}-add`).click()
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
  await page
    .locator(`.gphoto--uploading`)
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined)
}

/** 打开落地页、切身份，再直接去某页（page.goto 重载页面，会话 Cookie 还在）。 */
async function as(env: Awaited<ReturnType<typeof startE2E>>, identity: string) {
  const { page, context } = await env.newVisitor()
  await openBuilding(page, CODE)
  if (identity !== 'visitor') await switchIdentity(page, identity)
  return { page, context }
}

async function main() {
  mkdirSync(OUT, { recursive: true })
  const env = await startE2E()
  const problems: string[] = []
  const watch = (page: Page) => {
    page.on('pageerror', (e) => problems.push(`页面错误：${e.message}`))
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`控制台错误：${m.text()}`)
    })
  }
  try {
    // —— 代表：发布一条带图、置顶、7 天有效的公告（经页面），看公告列表与知晓率 ——
    {
      const { page, context } = await as(env, 'rep1')
      watch(page)
      await page.goto('/rep/notices/index')
      await page.locator('#notice-publish').waitFor()
      await shoot(page, 'g01-rep-notices', { full: true })

      await page.locator('#notice-publish').click()
      await page.waitForURL(/\/rep\/noticeEdit\/index/)
      await page.locator('#notice-submit').waitFor()
      await shoot(page, 'g02-notice-edit-empty', { full: true })
      await page.locator('#notice-submit').click()
      await page.locator('#notice-error').waitFor()
      await shoot(page, 'g03-notice-edit-errors')

      await page.locator('#notice-title-input input').fill('11月25日 9:00–17:00 1号楼停水通知')
      await page
        .locator('#notice-body-input textarea')
        .fill(
          '因市政管网维修，1号楼将于11月25日（周二）9:00–17:00 停水。\n\n请各户提前储水，关好水龙头，来水后先放水几分钟。\n\n如有困难请联系业主代表李建国：138 0000 0000。',
        )
      await addPhoto(page, 'notice-photo', posterPng(0))
      await addPhoto(page, 'notice-photo', posterPng(1))
      await page.locator('#notice-pinned .nut-switch').click()
      await page.locator('#expiry-7').click()
      await shoot(page, 'g04-notice-edit-filled', { full: true })
      await page.locator('#notice-submit').click()
      await page.waitForURL(/\/rep\/notices\/index/)
      await page.locator('#managed-notices').waitFor()
      await shoot(page, 'g05-rep-notices-after-publish')

      // 撤回的确认框（先取消），再经接口撤回一条旧的，列表里看"已撤回"。
      const first = page.locator('[id^="notice-withdraw-"]').first()
      await first.click()
      await page.locator('#withdraw-confirm').waitFor()
      await shoot(page, 'g06-withdraw-confirm')
      await page.locator('#withdraw-confirm-cancel').click()
      const managed = await fn<{ items: { id: string; status: string; canWithdraw: boolean }[] }>(context, 'notices', 'managed', {})
      const old = managed.items.filter((n) => n.canWithdraw)[2]
      if (old) await fn(context, 'notices', 'withdraw', { noticeId: old.id })
      await page.reload()
      await page.locator('#managed-notices').waitFor()
      await page
        .locator('.rn-tag--withdrawn')
        .first()
        .scrollIntoViewIfNeeded()
        .catch(() => undefined)
      await shoot(page, 'g07-rep-notices-withdrawn')
      await context.close()
    }

    // —— 业委会：可发给整个小区；公告列表里有各楼知晓率 ——
    {
      const { page, context } = await as(env, 'committee')
      watch(page)
      await page.goto('/rep/notices/index')
      await page.locator('#managed-notices').waitFor()
      await shoot(page, 'g08-committee-notices')
      await page.goto('/rep/noticeEdit/index')
      await page.locator('#notice-submit').waitFor()
      await page.locator('#target-buildings').click()
      await page.locator('#target-building-CHY2').click()
      await shoot(page, 'g09-committee-notice-edit-buildings')
      await context.close()
    }

    // —— 居民：落地页的公告条、公告列表（置顶、未读）、公告详情（图片、换行）、已撤回 ——
    {
      const { page, context } = await as(env, 'resident')
      watch(page)
      await page
        .locator('#notice-strip')
        .waitFor({ timeout: 5000 })
        .catch(() => problems.push('落地页没有公告条（NoticeStrip 还没挂上？）'))
      await shoot(page, 'g10-landing-notice-strip')
      await page.goto(`/resident/notices/index?b=${CODE}`)
      await page.locator('#notices-list').waitFor()
      await shoot(page, 'g11-notices-list', { full: true })
      await page.locator('.notice-card').first().click()
      await page.waitForURL(/\/resident\/notice\/index/)
      await page.locator('#notice-title').waitFor()
      await page
        .locator('#notice-images img')
        .first()
        .waitFor()
        .catch(() => undefined)
      await shoot(page, 'g12-notice-detail', { full: true })
      await page.goBack()
      await page.locator('#notices-list').waitFor()
      await shoot(page, 'g13-notices-list-after-read')

      // 已撤回的公告（居民从旧链接打开）。
      const rep = await as(env, 'rep1')
      const managed = await fn<{ items: { id: string; status: string }[] }>(rep.context, 'notices', 'managed', {})
      const withdrawn = managed.items.find((n) => n.status === 'withdrawn')
      await rep.context.close()
      if (withdrawn) {
        await page.goto(`/resident/notice/index?id=${withdrawn.id}&b=${CODE}`)
        await page.locator('#notice-withdrawn').waitFor()
        await shoot(page, 'g14-notice-withdrawn')
      }
      await page.goto(`/resident/notice/index?id=nope&b=${CODE}`)
      await page.locator('.state-view--error').waitFor()
      await shoot(page, 'g15-notice-not-found')
      await context.close()
    }

    // —— 新访客在没有公告的楼：暂无公告 ——
    {
      const { page, context } = await env.newVisitor()
      watch(page)
      await page.goto('/resident/notices/index?b=ZZZZ9')
      await page.locator('.state-view').first().waitFor()
      await shoot(page, 'g16-notices-unknown-building')
      await context.close()
    }

    // —— 代表：工作台账列表、筛选、记一笔（各种类）、编辑巡查并标记整改 ——
    {
      const { page, context } = await as(env, 'rep1')
      watch(page)
      await page.goto('/rep/worklog/index')
      await page.locator('#worklog-list, .state-view--empty').first().waitFor()
      await shoot(page, 'g20-worklog-list', { full: true })
      await page.locator('#filter-kind-inspection').click()
      await page.locator('#worklog-list, .state-view--empty').first().waitFor()
      await shoot(page, 'g21-worklog-inspections')

      // 记一笔：巡查，两处隐患，一张照片。
      await page.locator('#worklog-add').click()
      await page.waitForURL(/\/rep\/worklogEdit\/index/)
      await page.locator('#worklog-save').waitFor()
      await shoot(page, 'g22-worklog-new-empty', { full: true })
      await page.locator('#worklog-save').click()
      await page.locator('#worklog-error').waitFor()
      await shoot(page, 'g23-worklog-new-errors')
      await page.locator('#worklog-area input').fill('大堂与地下车库')
      await page.locator('#hazard-add').click()
      await page.locator('#hazard-text-0 input').fill('车库消防通道堆放杂物')
      await page.locator('#hazard-add').click()
      await page.locator('#hazard-text-1 input').fill('1单元应急灯不亮')
      await page.locator('#worklog-note textarea').fill('与物业保安一起巡查，杂物已通知物业今天清走。')
      await addPhoto(page, 'worklog-photo', posterPng(2))
      await page.locator('#report-link-open').click()
      await page.locator('#report-picker').waitFor()
      await page
        .locator('[id^="link-report-"]')
        .first()
        .waitFor({ timeout: 5000 })
        .catch(() => undefined)
      await shoot(page, 'g24-worklog-report-picker')
      const firstReport = page.locator('[id^="link-report-"]').first()
      if (await firstReport.count()) await firstReport.click()
      await page.locator('#report-picker-done').click()
      await shoot(page, 'g25-worklog-new-inspection', { full: true })
      await page.locator('#worklog-save').click()
      await page.waitForURL(/\/rep\/worklog\/index/)
      await page.locator('#worklog-list').waitFor()
      await shoot(page, 'g26-worklog-list-after-add')

      // 打开刚记的巡查：隐患各有"标记已整改"。
      await page.locator('#filter-kind-all').click()
      await page.locator('.wl-card').first().click()
      await page.waitForURL(/\/rep\/worklogEdit\/index\?id=/)
      await page.locator('[id^="hazard-fix-h"]').first().waitFor()
      await shoot(page, 'g27-worklog-edit-inspection', { full: true })
      await page.locator('[id^="hazard-fix-h"]').first().click()
      await page.locator('#hazard-fix-dialog').waitFor()
      await shoot(page, 'g28-hazard-fix-dialog')
      await page.locator('#hazard-fix-dialog-ok').click()
      await page.locator('[id^="hazard-fixed-h"]').first().waitFor()
      await shoot(page, 'g29-hazard-fixed')
      await page.locator('#worklog-delete').click()
      await page.locator('#worklog-delete-confirm').waitFor()
      await shoot(page, 'g30-worklog-delete-confirm')
      await page.locator('#worklog-delete-confirm-cancel').click()

      // 其余几种的表单。
      for (const [kind, fill] of [
        [
          'meeting',
          async () => {
            await page.locator('#meeting-type-joint').click()
            await page.locator('#worklog-attendees input').fill('12')
            await page.locator('#worklog-topics textarea').fill('电梯更新方案；地面停车位调整')
            await page.locator('#worklog-decisions textarea').fill('下月启动电梯更新招标，停车方案再征求一次意见')
          },
        ],
        [
          'volunteer',
          async () => {
            await page.locator('#worklog-volunteers input').fill('8')
            await page.locator('#worklog-hours input').fill('16.5')
          },
        ],
        [
          'mediation',
          async () => {
            await page.locator('#worklog-parties input').fill('5楼住户与6楼住户（漏水）')
            await page.locator('#mediation-outcome-success').click()
          },
        ],
        [
          'coordination',
          async () => {
            await page.locator('#worklog-counterpart input').fill('春晖物业工程部')
            await page.locator('#worklog-subject textarea').fill('地下车库照明不足')
          },
        ],
        [
          'activity',
          async () => {
            await page.locator('#worklog-activity-name input').fill('重阳节敬老茶话会')
            await page.locator('#worklog-participants input').fill('abc')
          },
        ],
      ] as const) {
        await page.goto(`/rep/worklogEdit/index?kind=${kind}`)
        await page.locator('#worklog-save').waitFor()
        await fill()
        if (kind === 'activity') await page.locator('#worklog-save').click()
        await shoot(page, `g31-worklog-new-${kind}`, { full: kind === 'meeting' })
      }
      await context.close()
    }

    // —— 业委会：全小区的台账，有楼栋筛选与"整个小区" ——
    {
      const { page, context } = await as(env, 'committee')
      watch(page)
      await page.goto('/rep/worklog/index')
      await page.locator('#worklog-list, .state-view--empty').first().waitFor()
      await shoot(page, 'g40-committee-worklog')
      await page.locator('#filter-building-community').click()
      await page.locator('#worklog-list, .state-view--empty').first().waitFor()
      await shoot(page, 'g41-committee-worklog-community')
      // 业委会看代表记的一条：能改。
      await context.close()
    }

    // —— 访客直接打开代表页面：说明没有权限 ——
    {
      const { page, context } = await env.newVisitor()
      watch(page)
      await page.goto('/rep/worklog/index')
      await page.locator('.state-view--error').waitFor()
      await shoot(page, 'g50-worklog-visitor')
      await page.goto('/rep/notices/index')
      await page.locator('.state-view--error').waitFor()
      await shoot(page, 'g51-notices-visitor')
      await context.close()
    }
  } finally {
    await env.teardown()
  }
  if (problems.length) console.log(problems.join('\n'))
  console.log(`截图在 ${path.relative(process.cwd(), OUT) || OUT}/`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
