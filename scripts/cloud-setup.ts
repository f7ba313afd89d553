/**
 * npm run cloud:setup —— 按 cloudbase/database.json 在云开发环境里建集合、建索引、设权限。
 * 可重复执行：已有的集合与同名索引跳过（同名但键不同的索引不会被改，用 --verify 发现）。
 * 先建索引再设权限：幂等靠的唯一索引最要紧；设权限的接口在 manager-node 里已标为弃用，
 * 新环境上可能不生效，失败时提示到控制台手动设置，不中断。
 *
 *   LOUSHI_CLOUD_ENV=<环境 ID> TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npm run cloud:setup
 *   npm run cloud:setup -- --dry-run     只打印将要做的事，不联网
 *   npm run cloud:setup -- --verify      读回每个集合的索引与定义文件比较，有不符即以 1 退出
 */
import { compareIndexes, readDatabaseDefinition, toCreateIndex, type CollectionDefinition } from '../server/storage/cloudbase/schema'

/** 控制台"数据权限"里对应的选项名。 */
const ACL_LABELS: Partial<Record<CollectionDefinition['acl'], string>> = { ADMINONLY: '仅管理端可读写' }

/** 用到的那部分管理接口（测试里用假的代替，不联网）。 */
export type Manager = Pick<InstanceType<typeof import('@cloudbase/manager-node')>, 'database' | 'permission'>

export async function setup(manager: Manager, collections: CollectionDefinition[]) {
  const permissionFailures: string[] = []
  for (const c of collections) {
    const created = await manager.database.createCollectionIfNotExists(c.name)
    console.log(`集合 ${c.name}：${created.IsCreated ? '已创建' : '已存在'}`)
    for (const index of c.indexes) {
      const { Exists } = await manager.database.checkIndexExists(c.name, index.name)
      if (Exists) {
        console.log(`  索引 ${index.name}：已存在`)
        continue
      }
      await manager.database.updateCollection(c.name, { CreateIndexes: [toCreateIndex(index)] })
      console.log(`  索引 ${index.name}：已创建${index.unique ? '（唯一）' : ''}`)
    }
    try {
      await manager.permission.modifyResourcePermission({ resourceType: 'collection', resource: c.name, permission: c.acl })
      console.log(`  权限：${c.acl}`)
    } catch (error) {
      permissionFailures.push(c.name)
      console.warn(`  权限设置失败（${(error as Error).message ?? String(error)}）`)
    }
  }
  if (permissionFailures.length) {
    const label = (name: string) => {
      const acl = collections.find((c) => c.name === name)!.acl
      return ACL_LABELS[acl] ?? acl
    }
    console.warn('')
    console.warn('⚠ 以下集合的权限没能用接口设置（该接口已弃用，新环境上可能不可用）：')
    for (const name of permissionFailures) console.warn(`  ${name} → 请设为"${label(name)}"`)
    console.warn('请到云开发控制台 → 数据库 → 各集合 → 数据权限，手动选"仅管理端可读写"。')
    console.warn('不设的话，小程序端可能直接读写这些集合，绕过云函数的校验与权限。')
  }
}

/** 读回每个集合的索引并与定义文件比较；返回不符的条数。 */
export async function verify(manager: Manager, collections: CollectionDefinition[]): Promise<number> {
  let problems = 0
  for (const c of collections) {
    let found: string[]
    try {
      const { Indexes = [] } = await manager.database.describeCollection(c.name)
      found = compareIndexes(c.indexes, Indexes)
    } catch (error) {
      found = [`读不到集合信息（${(error as Error).message ?? String(error)}）：集合可能还没建`]
    }
    problems += found.length
    console.log(`集合 ${c.name}：${found.length ? `${found.length} 处不符` : '索引与定义一致'}`)
    for (const p of found) console.log(`  ✗ ${p}`)
  }
  return problems
}

async function main() {
  const dryRun = process.argv.includes('--dry-run')
  const verifyOnly = process.argv.includes('--verify')
  const collections = readDatabaseDefinition()
  if (dryRun) {
    for (const c of collections) {
      console.log(`集合 ${c.name}`)
      for (const i of c.indexes) console.log(`  索引 ${JSON.stringify(toCreateIndex(i))}`)
      console.log(`  权限 ${c.acl}`)
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
  if (verifyOnly) {
    const problems = await verify(manager, collections)
    if (problems) {
      console.error(`共 ${problems} 处与 cloudbase/database.json 不符。同名但不符的索引须先在控制台删掉，再运行 npm run cloud:setup。`)
      process.exit(1)
    }
    console.log('所有集合的索引都与 cloudbase/database.json 一致。')
    return
  }
  await setup(manager, collections)
  console.log('完成。可运行 npm run cloud:setup -- --verify 读回核对索引；权限接口已弃用，即使上面显示成功，也请在控制台确认一次。')
}

// 被测试导入时不执行。
if (require.main === module) {
  main().catch((error) => {
    console.error('云开发初始化失败：', error)
    process.exit(1)
  })
}
