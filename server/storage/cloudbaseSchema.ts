/**
 * cloudbase/database.json 的读取与到云开发管理接口参数的转换（纯函数，无网络）。
 * scripts/cloud-setup.ts 用它创建集合与索引；测试里的执行器用同一份定义执行唯一约束。
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

export const DATABASE_DEFINITION_FILE = path.resolve(__dirname, '../../cloudbase/database.json')

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
