/**
 * cloudbase/database.json 的读取、到云开发管理接口参数的转换、与线上读回的索引的比较（纯函数，无网络）。
 * scripts/cloud-setup.ts 用它创建并核对集合与索引；测试里的执行器用同一份定义执行唯一约束。
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

export interface IndexDefinition {
  name: string
  unique: boolean
  keys: Record<string, 1 | -1>
}
export interface CollectionDefinition {
  name: string
  acl: 'ADMINONLY' | 'ADMINWRITE' | 'READONLY' | 'PRIVATE'
  indexes: IndexDefinition[]
}

export const DATABASE_DEFINITION_FILE = path.resolve(__dirname, '../../../cloudbase/database.json')

export function readDatabaseDefinition(file = DATABASE_DEFINITION_FILE): CollectionDefinition[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { collections: CollectionDefinition[] }).collections
}

/** 云开发管理接口（UpdateTable 的 CreateIndexes）要的索引格式。 */
export function toCreateIndex(index: IndexDefinition) {
  return {
    IndexName: index.name,
    MgoKeySchema: {
      MgoIsUnique: index.unique,
      MgoIndexKeys: Object.entries(index.keys).map(([Name, direction]) => ({ Name, Direction: String(direction) })),
    },
  }
}

/** 管理接口 describeCollection 答回的一个索引（@cloudbase/manager-node 的 IndexInfo，只取要比的字段）。 */
export interface DeployedIndex {
  Name: string
  Keys?: { Name?: string; Direction?: string | number }[]
  Unique?: boolean
}

const describeKeys = (keys: [string, string][]) => keys.map(([name, direction]) => `${name}:${direction}`).join(', ')

/**
 * 把线上读回的索引与定义文件比较，返回每一处不符（中文，空数组即一致）。
 * 比名字、唯一性与键的顺序和方向：cloud:setup 遇到同名索引就跳过，定义改过之后线上不会自己变，
 * 而幂等全靠 reports 上的唯一索引——这里是唯一能发现它缺了或不唯一的地方。
 * 云开发自带的 _id_ 索引不算多出来的。
 */
export function compareIndexes(expected: IndexDefinition[], actual: DeployedIndex[]): string[] {
  const problems: string[] = []
  const deployed = new Map(actual.map((i) => [i.Name, i]))
  for (const index of expected) {
    const wantKeys = Object.entries(index.keys).map(([name, d]): [string, string] => [name, String(d)])
    const found = deployed.get(index.name)
    if (!found) {
      problems.push(`缺少索引 ${index.name}（应为${index.unique ? '唯一' : '非唯一'}，键 ${describeKeys(wantKeys)}）`)
      continue
    }
    if (Boolean(found.Unique) !== index.unique) {
      problems.push(`索引 ${index.name} 的唯一性不符：应为${index.unique ? '唯一' : '非唯一'}，线上是${found.Unique ? '唯一' : '非唯一'}`)
    }
    const gotKeys = (found.Keys ?? []).map((k): [string, string] => [String(k.Name), String(k.Direction)])
    if (describeKeys(gotKeys) !== describeKeys(wantKeys)) {
      problems.push(`索引 ${index.name} 的键不符（顺序也要一致）：应为 ${describeKeys(wantKeys)}，线上是 ${describeKeys(gotKeys)}`)
    }
  }
  const names = new Set(expected.map((i) => i.name))
  for (const index of actual) {
    if (index.Name !== '_id_' && !names.has(index.Name)) problems.push(`多出索引 ${index.Name}（定义文件里没有）`)
  }
  return problems
}
