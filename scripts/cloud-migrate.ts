/**
 * npm run cloud:migrate —— 执行云开发数据库里尚未完成的数据迁移（见 server/storage/cloudbase/migrations.ts）。
 * 上传新版本的云函数之后立即执行；可重复执行，已完成的步骤跳过。
 *
 *   LOUSHI_CLOUD_ENV=<环境 ID> TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npm run cloud:migrate
 */
import { openCloudbaseFromEnv } from '../server/maintenance/cloudbaseConnection'
import { migrateCloudbase } from '../server/storage/cloudbase/migrations'

async function main() {
  const outcomes = await migrateCloudbase(openCloudbaseFromEnv(), () => new Date().toISOString())
  for (const o of outcomes) console.log(`${o.state === 'applied' ? '已执行' : '已跳过'} ${o.id}：${o.description}（${o.detail}）`)
}

main().catch((error) => {
  console.error('数据迁移失败（已完成的步骤已记下，修正后重新运行即可）：', error instanceof Error ? error.message : error)
  process.exit(2)
})
