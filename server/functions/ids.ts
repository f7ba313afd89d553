import { randomUUID } from 'node:crypto'
import type { IdGenerator } from '../../src/core/ports'

/** 随机 id：不暴露数量和顺序（不用自增号），在云开发与 SQLite 里都能当主键。 */
export const randomIds: IdGenerator = { newId: () => randomUUID().replace(/-/g, '').slice(0, 20) }
