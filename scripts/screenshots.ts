/**
 * 给主要页面拍 390×844(2 倍像素）的截图，放进 screenshots/（已 git 忽略），用来人工检查版面。
 * 用法：npx tsx scripts/screenshots.ts   （需要 dist/h5:npx taro build --type h5)
 * 与端到端测试同一套装置：临时 SQLite + 演示数据的本地宿主，Debian Chromium。
 * 每张图有一张视口截图（手机一屏看到的）；长页面另有 -full 整页截图。
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { shoot } from '../test/e2e/shots'
import { openBuilding, ROOT, startE2E, switchIdentity } from '../test/e2e/helpers'

const OUT = path.join(ROOT, 'screenshots')
const CODE = 'CHY1'

async function main() {
  mkdirSync(OUT, { recursive: true })
  const env = await startE2E()
  const problems: string[] = []
  try {
    // 1–2：第一次扫码的访客看到的落地页；展开身份条。
    {
      const { page, context } = await env.newVisitor()
      page.on('pageerror', (e) => problems.push(`页面错误：${e.message}`))
      await openBuilding(page, CODE)
      await shoot(page, '01-landing-visitor')
      await page.locator('#identity-toggle').click()
      await page.locator('#identity-rep1').waitFor()
      await shoot(page, '02-landing-identity-open', { full: true })
      await page.locator('#identity-toggle').click()

      // 3–4：报事表单（空）与什么都不填就提交后的校验错误。
      await page.locator('#action-report').click()
      await page.waitForURL(/\/resident\/report\/index/)
      await page.locator('#submit-report').waitFor()
      await shoot(page, '03-report-empty', { full: true })
      await page.locator('#submit-report').click()
      await page.locator('#report-error').waitFor()
      await shoot(page, '04-report-error')
      // 再看一个"填了一半"的错误：选了分类、描述太短。
      await page.locator('#category-elevator').click()
      await page.locator('.report-text textarea').fill('坏了')
      await page.locator('#submit-report').click()
      await page.locator('#report-error').waitFor()
      await shoot(page, '04b-report-error-short-text')
      await context.close()
    }

    // 5：演示居民王阿姨（有播种的报事）的"我的报事"。
    {
      const { page, context } = await env.newVisitor()
      await openBuilding(page, CODE)
      await switchIdentity(page, 'resident')
      await page.locator('#action-mine').click()
      await page.waitForURL(/\/resident\/mine\/index/)
      await page.locator('.report-card').first().waitFor()
      await shoot(page, '05-mine-resident', { full: true })
      await context.close()
    }

    // 6:1 号楼代表李建国的本楼统计。
    {
      const { page, context } = await env.newVisitor()
      await openBuilding(page, CODE)
      await switchIdentity(page, 'rep1')
      await shoot(page, '06a-landing-rep1')
      await page.locator('#action-stats').click()
      await page.locator('#stats-month-total').waitFor()
      await shoot(page, '06-stats-rep1', { full: true })
      // 一屏里看得到的"近 12 个月"走势图（整页图里视口被拉高，这张是真实尺寸）。
      await page.locator('.trend').scrollIntoViewIfNeeded()
      await shoot(page, '06b-stats-rep1-trend')
      // 本月卡片里新加的数字：一次解决率、办结用时、受影响居民、紧急程度、评价。
      await page.locator('#stats-month-ratings').scrollIntoViewIfNeeded()
      await shoot(page, '06c-stats-rep1-handling')
      // 9：从统计页进楼栋二维码。
      await page.locator('#stats-overdue').scrollIntoViewIfNeeded()
      await page.locator('.tools__qr').click()
      await page.waitForURL(/\/rep\/qrcode\/index/)
      await page.locator('#poster-image').first().waitFor()
      await page.waitForTimeout(300)
      await shoot(page, '09-qrcode-rep1')
      await context.close()
    }

    // 10–14:1 号楼代表处理报事：队列、详情、"开始处理"的表单（派给物业）、"合并为重复"的表单、统计页的新数字。
    {
      const { page, context } = await env.newVisitor()
      page.on('pageerror', (e) => problems.push(`页面错误：${e.message}`))
      await openBuilding(page, CODE)
      await switchIdentity(page, 'rep1')
      await page.locator('#action-queue').click()
      await page.waitForURL(/\/rep\/queue\/index/)
      await page.locator('.queue-card').first().waitFor()
      await shoot(page, '10-queue-rep1', { full: true })
      // 点"超时"格：只看超时的。
      await page.locator('#count-overdue').click()
      await page.locator('.queue-card, .state-view--empty').first().waitFor()
      await shoot(page, '10b-queue-rep1-overdue')
      await page.locator('#count-pending').click()
      await page.locator('.queue-card').first().waitFor()
      await page.locator('.queue-card').first().click()
      await page.waitForURL(/\/rep\/detail\/index/)
      await page.locator('#detail-text').waitFor()
      await shoot(page, '11-detail-rep1', { full: true })
      await page.locator('#act-start').click()
      await page.locator('#act-sheet').waitFor()
      await page.locator('#party-property').click()
      await page.locator('#act-assignee-name input, input#act-assignee-name').first().fill('春晖物业 王师傅')
      await page.locator('#act-note textarea').fill('已约物业明天上午上门查看')
      await shoot(page, '12-detail-action-start')
      await page.locator('#act-cancel').click()
      await page.locator('#act-merge').click()
      await page.locator('#act-sheet').waitFor()
      await page
        .locator('[id^="merge-target-"]')
        .first()
        .click()
        .catch(() => undefined)
      await shoot(page, '13-detail-action-merge')
      await page.locator('#act-cancel').click()
      // 不予受理不写原因就提交：表单里给出中文提示。
      await page.locator('#act-close').click()
      await page.locator('#act-submit').click()
      await page.locator('#act-error').waitFor()
      await shoot(page, '13b-detail-action-close-error')
      // 已处理的报事（最新在前）：时间线里有派给、备注，居民确认的带评分；种子有照片时挑一条带照片的。
      await page.goto(`/rep/queue/index?b=${CODE}`)
      await page.locator('#group-fixed').click()
      await page.locator('#order-toggle').click()
      await page.locator('.queue-card').first().waitFor()
      const withPhotos = page.locator('.queue-card:has-text("照片")')
      await ((await withPhotos.count()) > 0 ? withPhotos : page.locator('.queue-card')).first().click()
      await page.waitForURL(/\/rep\/detail\/index/)
      await page.locator('#detail-text').waitFor()
      await shoot(page, '11b-detail-rep1-handled', { full: true })
      await context.close()
    }

    // 15：业委会看全小区的队列（有楼栋选择）。
    {
      const { page, context } = await env.newVisitor()
      await openBuilding(page, CODE)
      await switchIdentity(page, 'committee')
      await page.goto('/rep/queue/index')
      await page.locator('.queue-card, .state-view--empty').first().waitFor()
      await shoot(page, '15-queue-committee')
      await context.close()
    }

    // 7：访客直接打开统计页链接：应当看到"无权查看"的说明。
    {
      const { page, context } = await env.newVisitor()
      await page.goto(`/rep/stats/index?b=${CODE}`)
      await page.locator('.state-view--error').waitFor()
      await shoot(page, '07-stats-visitor-forbidden')
      await context.close()
    }

    // 8：新访客的"我的报事"（空列表）。
    {
      const { page, context } = await env.newVisitor()
      await openBuilding(page, CODE)
      await page.locator('#action-mine').click()
      await page.waitForURL(/\/resident\/mine\/index/)
      await page.locator('.state-view--empty').waitFor()
      await shoot(page, '08-mine-visitor-empty')
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
