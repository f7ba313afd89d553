/** 各端口文件共用的东西：连接、每小时限额、记统计增量的函数。在 index.ts 里建一次，交给每个端口。 */
import type Database from 'better-sqlite3'
import type { TallyDelta } from '../../../src/core/tally'
import type { SqliteHourlyLimits } from './limits'

export interface SqliteContext {
  db: Database.Database
  limits: SqliteHourlyLimits
  /** 在调用方的事务里记下统计增量（tally.ts 的 tallyDeltaRecorder）。 */
  recordTallyDeltas(deltas: TallyDelta[]): void
}

/** IN (…) 的占位符。 */
export const marksFor = (values: readonly unknown[]) => values.map(() => '?').join(',')
