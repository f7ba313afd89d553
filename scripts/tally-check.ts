/**
 * npm run tally:check —— 核对统计桶与从原始记录重算的结果，打印差异；--rebuild 按重算改正。
 *
 *   npm run tally:check                          核对本地 data/loushi.db（LOUSHI_DATA_DIR 可改目录）
 *   npm run tally:check -- --file path/to.db     核对指定的 SQLite 文件
 *   npm run tally:check -- --rebuild             有差异时按重算改正，改正后再核对一次
 *   npm run tally:check -- --cloudbase           核对云开发环境（LOUSHI_CLOUD_ENV、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY）
 *
 * 退出码：0 一致（或已改正）；1 有差异；2 用法或连接错误。
 * 云开发上的改正不是一个事务：请在没有写入的时候执行，执行后再核对一次。
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { TallyMaintenance } from '../src/core/recount'
import { isCleanDiff } from '../src/core/tally'
import { openCloudbaseFromEnv } from '../server/maintenance/cloudbaseConnection'
import { checkTallies, describeDiff } from '../server/maintenance/tallyCheck'
import { createCloudbaseStore } from '../server/storage/cloudbase'
import { openSqliteStore } from '../server/storage/sqlite'

async function main() {
  const args = process.argv.slice(2)
  const rebuild = args.includes('--rebuild')
  const fileArg = args.indexOf('--file')
  let store: TallyMaintenance
  let close = () => {}
  let where: string
  if (args.includes('--cloudbase')) {
    store = createCloudbaseStore(openCloudbaseFromEnv())
    where = `云开发环境 ${process.env.LOUSHI_CLOUD_ENV}`
  } else {
    const file = fileArg >= 0 ? path.resolve(args[fileArg + 1] ?? '') : path.resolve(process.env.LOUSHI_DATA_DIR ?? 'data', 'loushi.db')
    if (!existsSync(file)) {
      console.error(`找不到数据文件：${file}（先 npm start 生成，或用 --file 指定）`)
      process.exit(2)
    }
    const sqlite = openSqliteStore(file)
    store = sqlite
    close = () => sqlite.close()
    where = file
  }
  const started = Date.now()
  const report = await checkTallies(store, { rebuild })
  close()
  console.log(
    `核对 ${where}：报事 ${report.reports} 条，流转 ${report.statusChanges} 条，公告 ${report.notices} 条，阅读 ${report.noticeReads} 次，` +
      `台账 ${report.workLog} 条，问卷 ${report.surveys} 份，答卷 ${report.surveyAnswers} 份，统计桶 ${report.buckets} 个` +
      `（含待归并的统计事件 ${report.pendingEvents} 条；${Date.now() - started} ms）`,
  )
  if (isCleanDiff(report.diff)) {
    console.log('统计桶与重算结果一致。')
    return
  }
  for (const line of describeDiff(report.diff)) console.log(`  ${line}`)
  if (!report.rebuilt) {
    console.log('统计桶与重算结果不一致。用 --rebuild 按重算改正。')
    process.exit(1)
  }
  if (report.after && isCleanDiff(report.after)) console.log('已按重算改正，再次核对一致。')
  else {
    console.log('已改正，但再次核对仍有差异（改正期间可能有新的写入），请再运行一次。')
    process.exit(1)
  }
}

main().catch((error) => {
  console.error('统计核对失败：', error instanceof Error ? error.message : error)
  process.exit(2)
})
