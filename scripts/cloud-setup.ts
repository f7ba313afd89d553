/**
 * npm run cloud:setup —— 按 cloudbase/database.json 在云开发环境里建集合、设权限、建索引。
 * 可重复执行：已有的集合与同名索引跳过。
 *
 *   LOUSHI_CLOUD_ENV=<环境 ID> TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npm run cloud:setup
 *   npm run cloud:setup -- --dry-run     只打印将要做的事，不联网
 */
import { readDatabaseDefinition, toCreateIndex } from '../server/storage/cloudbaseSchema'

async function main() {
  const dryRun = process.argv.includes('--dry-run')
  const collections = readDatabaseDefinition()
  if (dryRun) {
    for (const c of collections) {
      console.log(`集合 ${c.name}（权限 ${c.acl}）`)
      for (const i of c.indexes) console.log(`  索引 ${JSON.stringify(toCreateIndex(i))}`)
    }
    return
  }
  const envId = process.env.LOUSHI_CLOUD_ENV
  const secretId = process.env.TENCENTCLOUD_SECRETID
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY
  if (!envId || !secretId || !secretKey) {
    console.error('请设置 LOUSHI_CLOUD_ENV、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY（腾讯云访问管理里的 API 密钥）。')
    process.exit(2)
  }
  const { default: CloudBase } = await import('@cloudbase/manager-node')
  const manager = new CloudBase({ envId, secretId, secretKey })
  for (const c of collections) {
    const created = await manager.database.createCollectionIfNotExists(c.name)
    console.log(`集合 ${c.name}：${created.IsCreated ? '已创建' : '已存在'}`)
    await manager.permission.modifyResourcePermission({ resourceType: 'collection', resource: c.name, permission: c.acl })
    console.log(`  权限：${c.acl}`)
    for (const index of c.indexes) {
      const { Exists } = await manager.database.checkIndexExists(c.name, index.name)
      if (Exists) {
        console.log(`  索引 ${index.name}：已存在`)
        continue
      }
      await manager.database.updateCollection(c.name, { CreateIndexes: [toCreateIndex(index)] })
      console.log(`  索引 ${index.name}：已创建${index.unique ? '（唯一）' : ''}`)
    }
  }
}

main().catch((error) => {
  console.error('云开发初始化失败：', error)
  process.exit(1)
})
